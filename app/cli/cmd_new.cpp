#include "cliutil.h"
#include "commands.h"
#include "output.h"

#include "model/patterns.h"

#include <QFileInfo>

namespace swb::cli {

namespace {

const QString kCommand = QStringLiteral("new");

void listPatterns(QTextStream &out)
{
    for (const QString &id : patternIds())
        out << id.leftJustified(20) << patternTitle(id) << "\n";
}

// Writes a project built from a bundled pattern.
int run(const Args &args, Io &io)
{
    if (args.isSet(QStringLiteral("list"))) {
        if (!args.positional.isEmpty() || args.isSet(QStringLiteral("pattern")))
            return usageError(io, kCommand, QStringLiteral("--list takes no other argument"));
        listPatterns(io.out);
        return ExitOk;
    }
    if (!args.isSet(QStringLiteral("pattern")))
        return usageError(io, kCommand,
                          QStringLiteral("missing --pattern NAME (patterns: %1)")
                              .arg(patternIds().join(QStringLiteral(", "))));
    const QString id = args.value(QStringLiteral("pattern"));
    if (args.positional.size() != 1)
        return usageError(io, kCommand,
                          args.positional.isEmpty()
                              ? QStringLiteral("missing FILE")
                              : QStringLiteral("expected one FILE, got %1 arguments")
                                    .arg(args.positional.size()));
    const QString path = args.positional.first();
    const QFileInfo info(path);
    if (!isStdout(path) && info.isDir()) {
        io.err << "swb new: '" << path << "' is a directory\n";
        return ExitFile;
    }
    // exists() follows links: a dangling link counts as there (the writer refuses it anyway).
    if (!isStdout(path) && (info.exists() || info.isSymLink()) && !forced(args)) {
        io.err << "swb new: '" << path << "' already exists; use --force to overwrite it\n";
        return ExitFile;
    }
    const std::optional<Design> design = makePattern(id);
    if (!design) {
        io.err << "swb new: pattern '" << id << "' could not be built\n";
        return ExitFile;
    }
    if (!saveDesign(io, kCommand, path, *design, forced(args)))
        return ExitFile;
    (isStdout(path) ? io.err : io.out)
        << "Created " << path << " from pattern '" << id << "' (" << design->components.size()
        << " blocks, " << design->connections.size() << " wires)\n";
    return ExitOk;
}

} // namespace

CommandSpec newCommand()
{
    CommandSpec c;
    c.name = kCommand;
    c.usage = QStringLiteral("--pattern NAME [OPTIONS] FILE | --list");
    c.summary = QStringLiteral("Create a project from a bundled pattern.");
    c.description = QStringLiteral(
        "The bundled patterns are the five the Pattern Guide ranks: API Gateway -> Lambda, SNS "
        "fan-out, SQS -> Lambda with a DLQ, Kinesis -> Lambda with an on-failure destination, "
        "and API Gateway -> Step Functions. FILE '-' writes the text format to standard output.");
    c.arguments = {{QStringLiteral("FILE"),
                    QStringLiteral("The project to create (.swb or .swb.yaml), or '-'."),
                    ValueHint::File}};
    OptionSpec pattern;
    pattern.names = {QStringLiteral("p"), QStringLiteral("pattern")};
    pattern.valueName = QStringLiteral("NAME");
    pattern.description = QStringLiteral("The bundled pattern to start from.");
    pattern.allowed = patternIds();
    OptionSpec list;
    list.names = {QStringLiteral("l"), QStringLiteral("list")};
    list.description = QStringLiteral("List the bundled patterns and exit.");
    OptionSpec force = forceOption(ForceMeans::Replace);
    force.description = QStringLiteral("Overwrite FILE if it exists, even when it is a symbolic "
                                       "link (the file it points to) or a file of another kind.");
    c.options = {pattern, list, force};
    c.examples = {QStringLiteral("swb new --list"),
                  QStringLiteral("swb new --pattern sqs-lambda jobs.swb")};
    c.exitStatus = QStringLiteral("0 written, 2 bad arguments, 3 FILE exists (without --force) or "
                                  "cannot be written.");
    c.run = &run;
    return c;
}

} // namespace swb::cli
