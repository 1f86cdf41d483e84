#include "cliutil.h"

#include "model/fileformat.h"

namespace swb::cli {

namespace {

QString prefix(const char *command)
{
    return QStringLiteral("swb ") + QLatin1String(command) + QStringLiteral(": ");
}

QString quoted(const QString &text)
{
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}

} // namespace

QString parseArgs(const QStringList &args, const QStringList &knownFlags,
                  const QStringList &valueOptions, ParsedArgs *parsed)
{
    *parsed = ParsedArgs();
    bool optionsEnded = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (optionsEnded || !arg.startsWith(QLatin1String("--")) || arg.size() == 2) {
            if (arg == QLatin1String("--") && !optionsEnded)
                optionsEnded = true;
            else
                parsed->positional.append(arg);
            continue;
        }
        const qsizetype eq = arg.indexOf(QLatin1Char('='));
        const QString name = eq < 0 ? arg : arg.left(eq);
        if (knownFlags.contains(name)) {
            if (eq >= 0)
                return QStringLiteral("option %1 takes no value").arg(quoted(name));
            if (!parsed->flags.contains(name))
                parsed->flags.append(name);
        } else if (valueOptions.contains(name)) {
            if (eq >= 0) {
                parsed->options.insert(name, arg.mid(eq + 1));
            } else if (i + 1 < args.size()) {
                parsed->options.insert(name, args.at(++i));
            } else {
                return QStringLiteral("option %1 needs a value").arg(quoted(name));
            }
        } else {
            const QStringList known = knownFlags + valueOptions;
            return known.isEmpty() ? QStringLiteral("unknown option %1").arg(quoted(name))
                                   : QStringLiteral("unknown option %1 (options: %2)")
                                         .arg(quoted(name), known.join(QStringLiteral(", ")));
        }
    }
    return {};
}

int usageError(Io &io, const char *command, const QString &message)
{
    io.err << prefix(command) << message << "\n";
    for (const Command &c : commands()) {
        if (qstrcmp(c.name, command) == 0)
            io.err << "Usage: swb " << c.synopsis << "\n";
    }
    return ExitUsage;
}

bool loadDesign(Io &io, const char *command, const QString &path, Design *design)
{
    // The formats' messages already name the file and say what is wrong with it.
    QString error;
    std::unique_ptr<FileFormat> format = FileFormats::forReading(path, &error);
    if (format && format->read(path, design))
        return true;
    io.err << prefix(command) << (format ? format->errorString() : error) << "\n";
    return false;
}

bool saveDesign(Io &io, const char *command, const QString &path, const Design &design)
{
    QString error;
    std::unique_ptr<FileFormat> format = FileFormats::forWriting(path, &error);
    if (format && format->write(path, design))
        return true;
    io.err << prefix(command) << (format ? format->errorString() : error) << "\n";
    return false;
}

QString findingLine(const Finding &finding)
{
    return severityId(finding.severity) + QStringLiteral("  ") + finding.code + QStringLiteral("  ")
           + finding.message;
}

int printFindings(const QList<Finding> &findings, QTextStream &out)
{
    int errors = 0;
    for (const Finding &f : findings) {
        out << findingLine(f) << "\n";
        errors += f.severity == Severity::Error;
    }
    return errors;
}

} // namespace swb::cli
