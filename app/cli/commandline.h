#pragma once

#include <QHash>
#include <QStringList>

// The one command-line parser of swb. Every command declares its arguments and options once (a
// CommandSpec); parsing (QCommandLineParser underneath: short and long names, "--name=value",
// clustered short flags, "--" ends the options), the per-command --help, `swb help CMD`, the
// manual pages (help2man over that help) and the bash completion are all derived from it.
namespace swb::cli {

struct Io;

// What a value completes to in the shell.
enum class ValueHint { None, File, Directory };

struct OptionSpec {
    QStringList names;       // {"f", "format"}: one-letter names are short options ("-f")
    QString valueName;       // "FORMAT"; empty for a flag
    QString description;     // one sentence or two, for --help and the manual page
    QStringList allowed;     // when not empty, the only accepted values
    QString defaultValue;    // shown as "(default: X)"; the command applies it
    bool repeatable = false; // --set, --vary: every occurrence is kept
    ValueHint hint = ValueHint::None;

    bool takesValue() const { return !valueName.isEmpty(); }
    QString longName() const; // "--format" (or "-f" when there is no long name)
};

struct ArgumentSpec {
    QString name; // "FILE"
    QString description;
    ValueHint hint = ValueHint::File;
};

class Args;

struct CommandSpec {
    QString name;        // "validate", "export cost"
    QString usage;       // what follows "swb NAME" in the usage line: "[OPTIONS] FILE"
    QString summary;     // one line, for `swb --help` and the manual page's NAME
    QString description; // paragraphs separated by "\n\n"
    QList<ArgumentSpec> arguments;
    QList<OptionSpec> options; // --help is added to every command
    QStringList examples;      // command lines, each shown as is
    QString exitStatus;        // "0 ..., 1 ..."
    int (*run)(const Args &args, Io &io) = nullptr;
};

// The parsed command line of one command.
class Args
{
public:
    QStringList positional;

    // name without dashes, any of the option's names ("format" or "f").
    bool isSet(const QString &name) const;
    QString value(const QString &name, const QString &fallback = {}) const;
    QStringList values(const QString &name) const; // every occurrence, in order

private:
    friend QString parseCommandLine(const CommandSpec &, const QStringList &, Args *);
    const QStringList *find(const QString &name) const;
    QHash<QString, QStringList> m_values; // canonical (first) name -> values ("" for flags)
    QHash<QString, QString> m_canonical;  // every name -> canonical name
};

// Parses args (without "swb" and the command name) against spec. Returns "" on success,
// otherwise the problem naming the option ("option '--format': 'xml' is not allowed (allowed:
// table, json)"; "option '--format' is given twice ('json', 'csv'); give it once").
QString parseCommandLine(const CommandSpec &spec, const QStringList &args, Args *parsed);

// --help of a command: usage, summary, description, arguments, options (every one described),
// examples and exit status, wrapped at 79 columns, in the layout help2man reads.
QString helpText(const CommandSpec &spec);

// A two-column list ("  LABEL   text"), the text wrapped at 79 columns under itself.
QString twoColumns(const QList<std::pair<QString, QString>> &items);

// Wraps text at width columns; continuation lines start with indent spaces.
QString wrapText(const QString &text, int width, int indent, int firstIndent = 0);

// The standard option descriptions, so every command words them the same way.
OptionSpec formatOption(const QStringList &allowed, const QString &what);
OptionSpec helpOption();

} // namespace swb::cli
