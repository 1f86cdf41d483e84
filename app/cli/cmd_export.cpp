#include "cliutil.h"
#include "commands.h"
#include "output.h"

#include "model/sam/samexporter.h"

namespace swb::cli {

namespace {

const QString kCommand = QStringLiteral("export sam");

int run(const Args &args, Io &io)
{
    if (args.positional.size() != 2)
        return usageError(io, kCommand,
                          QStringLiteral("expects FILE and OUT.yaml, got %1 argument(s)")
                              .arg(args.positional.size()));
    const QString in = args.positional.at(0);
    const QString out = args.positional.at(1);
    Design design;
    if (!loadDesign(io, kCommand, in, &design, allowedDirs(args)))
        return ExitFile;
    // Through exportSamFile: it refuses a template the importer would not read back.
    const bool force = forced(args);
    if (!writeVia(io, kCommand, out, QStringLiteral(".yaml"),
                  [&design, force](const QString &path, QString *error) {
                      return sam::exportSamFile(design, path, error, force);
                  }))
        return ExitFile;
    if (!isStdout(out))
        io.out << "Exported '" << in << "' as a SAM template: " << out << "\n";
    return ExitOk;
}

} // namespace

CommandSpec exportSamCommand()
{
    CommandSpec c;
    c.name = kCommand;
    c.usage = QStringLiteral("[OPTIONS] FILE OUT.yaml");
    c.summary = QStringLiteral("Export a design as a SAM template (AWS::Serverless transform).");
    c.description = QStringLiteral(
        "Every AWS block becomes a resource with its modelled properties (memory, timeouts, "
        "reserved and provisioned concurrency, queue and stream settings, API stage throttling "
        "and integration timeout) and every wire its AWS form (events, event source mappings, "
        "subscriptions, event bus rules with their targets' retry policies and dead-letter "
        "queues, redrive policies, destinations, generated state machine definitions). "
        "What SAM cannot express (traffic sources, downstream dependencies, simulation-only "
        "parameters, positions) goes to Metadata.ServerlessWorkbench, so 'swb import' restores "
        "the design. The template passes cfn-lint.");
    c.arguments = {designArgument(),
                   {QStringLiteral("OUT.yaml"),
                    QStringLiteral("The template to write, or '-' for standard output."),
                    ValueHint::File}};
    c.options = {allowDirOption(), forceOption(ForceMeans::Replace)};
    c.examples = {QStringLiteral("swb export sam design.swb template.yaml"),
                  QStringLiteral("swb export sam design.swb - | less")};
    c.exitStatus = QStringLiteral("0 written, 2 bad arguments, 3 a file could not be read or "
                                  "written.");
    c.run = &run;
    return c;
}

} // namespace swb::cli
