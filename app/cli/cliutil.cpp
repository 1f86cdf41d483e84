#include "cliutil.h"

#include "cliparse.h"
#include "output.h"

#include "model/assignment.h"
#include "model/document.h"
#include "model/fileformat.h"

namespace swb::cli {

namespace {

QString prefix(const QString &command)
{
    return QStringLiteral("swb ") + command + QStringLiteral(": ");
}

} // namespace

ArgumentSpec designArgument(const QString &name)
{
    return {name, QStringLiteral("A design: a .swb project or a .swb.yaml text design."),
            ValueHint::File};
}

OptionSpec durationOption(const QString &defaultText)
{
    OptionSpec o;
    o.names = {QStringLiteral("d"), QStringLiteral("duration")};
    o.valueName = QStringLiteral("DURATION");
    o.description = QStringLiteral("Simulated time: 90s, 15m, 1h, 1h30m, 1d or plain seconds.");
    o.defaultValue = defaultText;
    return o;
}

OptionSpec seedOption()
{
    OptionSpec o;
    o.names = {QStringLiteral("s"), QStringLiteral("seed")};
    o.valueName = QStringLiteral("N");
    o.description = QStringLiteral("Random seed, a whole number 0 or more; the same seed gives "
                                   "the same run.");
    o.defaultValue = QStringLiteral("the project's seed");
    return o;
}

QString readBudget(const Args &args, const QString &option, double *usd)
{
    *usd = -1;
    if (!args.isSet(option))
        return {};
    *usd = parseMonthlyUsd(args.value(option));
    return *usd >= 0 ? QString()
                     : QStringLiteral("option '--%1': '%2' is not USD per month (use e.g. "
                                      "500/month)")
                           .arg(option, args.value(option));
}

QString readLatency(const Args &args, const QString &option, double *ms)
{
    *ms = -1;
    if (!args.isSet(option))
        return {};
    *ms = parseMilliseconds(args.value(option));
    return *ms >= 0 ? QString()
                    : QStringLiteral("option '--%1': '%2' is not a latency (use e.g. 300ms or "
                                     "0.3s)")
                          .arg(option, args.value(option));
}

OptionSpec setOption()
{
    OptionSpec o;
    o.names = {QStringLiteral("set")};
    o.valueName = QStringLiteral("BLOCK.PARAM=VALUE");
    o.description = QStringLiteral("A what-if: change one parameter for this run only, validated "
                                   "like an edit in the inspector (project.KEY=VALUE for a "
                                   "project setting).");
    o.repeatable = true;
    return o;
}

QString applySetOptions(const Args &args, Document *document)
{
    for (const QString &text : args.values(QStringLiteral("set"))) {
        Assignment assignment;
        QString error = parseAssignment(text, &assignment);
        if (error.isEmpty())
            error = applyAssignment(document, assignment);
        if (!error.isEmpty())
            return QStringLiteral("--set %1: %2").arg(text, error);
    }
    return {};
}

OptionSpec outOption(const QString &what, const QString &valueName)
{
    OptionSpec o;
    o.names = {QStringLiteral("o"), QStringLiteral("out")};
    o.valueName = valueName;
    o.description = what + QStringLiteral(" '-' writes to standard output.");
    o.hint = ValueHint::File;
    return o;
}

OptionSpec allowDirOption()
{
    OptionSpec o;
    o.names = {QStringLiteral("allow-dir")};
    o.valueName = QStringLiteral("DIR");
    o.description = QStringLiteral("Also read files the design or template names (replay CSV, "
                                   "DefinitionUri) from DIR; by default only files inside its own "
                                   "folder are read. Repeatable.");
    o.repeatable = true;
    o.hint = ValueHint::Directory;
    return o;
}

OptionSpec forceOption(ForceMeans means)
{
    const QString run = QStringLiteral("Run although the run is projected above the size limits "
                                       "(events or memory).");
    const QString replace = QStringLiteral("Replace an output that is a symbolic link (the file "
                                           "it points to) or a file of another kind.");
    OptionSpec o;
    o.names = {QStringLiteral("force")};
    o.description = means == ForceMeans::Run       ? run
                    : means == ForceMeans::Replace ? replace
                                                   : run + QLatin1Char(' ') + replace;
    return o;
}

QString readDuration(const Args &args, double min, double max, std::optional<double> *seconds)
{
    if (!args.isSet(QStringLiteral("duration")))
        return {};
    const QString text = args.value(QStringLiteral("duration"));
    const double value = parseDuration(text);
    if (!(value >= min && value <= max))
        return QStringLiteral("option '--duration': '%1' is not a duration from %2 s to %3 s "
                              "(use e.g. 90s, 15m, 1h, 1h30m or plain seconds)")
            .arg(text)
            .arg(min)
            .arg(max);
    *seconds = value;
    return {};
}

QString readSeed(const Args &args, std::optional<quint64> *seed)
{
    if (!args.isSet(QStringLiteral("seed")))
        return {};
    bool ok = false;
    const QString text = args.value(QStringLiteral("seed"));
    const quint64 value = text.toULongLong(&ok);
    if (!ok)
        return QStringLiteral("option '--seed': '%1' is not a whole number 0 or more").arg(text);
    *seed = value;
    return {};
}

QString exitStatusText(const QString &findings)
{
    return QStringLiteral("0 ok, 1 %1, 2 bad arguments, 3 a file could not be read or written.")
        .arg(findings.isEmpty() ? QStringLiteral("findings") : findings);
}

int usageError(Io &io, const QString &command, const QString &message)
{
    io.err << prefix(command) << message << "\n";
    if (const CommandSpec *spec = findCommand(command))
        io.err << "Usage: swb " << spec->name << " " << spec->usage << "\n";
    io.err << "Run 'swb " << command << " --help' for every option.\n";
    return ExitUsage;
}

bool loadDesign(Io &io, const QString &command, const QString &path, Design *design,
                const QStringList &allowedDirs)
{
    // The formats' messages already name the file and say what is wrong with it.
    QString error;
    std::unique_ptr<FileFormat> format = FileFormats::forReading(path, &error);
    if (format)
        format->setAllowedDirectories(allowedDirs);
    if (format && format->read(path, design))
        return true;
    io.err << prefix(command) << (format ? format->errorString() : error) << "\n";
    return false;
}

bool saveDesign(Io &io, const QString &command, const QString &path, const Design &design,
                bool force)
{
    return writeVia(io, command, path, QStringLiteral(".swb.yaml"),
                    [&design, force](const QString &target, QString *error) {
                        std::unique_ptr<FileFormat> format = FileFormats::forWriting(target, error);
                        if (format)
                            format->setForce(force);
                        if (format && format->write(target, design))
                            return true;
                        if (format)
                            *error = format->errorString();
                        return false;
                    });
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
