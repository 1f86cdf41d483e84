#include "cliutil.h"
#include "commands.h"
#include "output.h"

#include "model/sam/samimporter.h"

#include <QFileInfo>

namespace swb::cli {

namespace {

const QString kCommand = QStringLiteral("import");

// Imports a SAM / CloudFormation template and saves it as a project; prints the import report.
int run(const Args &args, Io &io)
{
    if (args.positional.size() != 2)
        return usageError(io, kCommand,
                          QStringLiteral("expected TEMPLATE and OUT, got %1 argument(s)")
                              .arg(args.positional.size()));
    const QString in = args.positional.at(0);
    const QString out = args.positional.at(1);
    // A dangling link counts as there: writing through it would create a file where it points.
    if (!isStdout(out) && (QFileInfo::exists(out) || QFileInfo(out).isSymLink()) && !forced(args)) {
        io.err << "swb import: '" << out << "' already exists; use --force to overwrite it\n";
        return ExitFile;
    }
    const sam::SamImportResult result = sam::importSamFile(in, allowedDirs(args));
    switch (result.status) {
    case sam::SamImportResult::Status::Unreadable:
        io.err << "swb import: cannot read " << result.error << "\n";
        return ExitFile;
    case sam::SamImportResult::Status::NotTemplate:
        io.err << "swb import: " << result.error << "\n";
        return ExitFindings;
    case sam::SamImportResult::Status::Ok:
        break;
    }
    if (!saveDesign(io, kCommand, out, result.design, forced(args)))
        return ExitFile;
    const Design &d = result.design;
    QTextStream &report = isStdout(out) ? io.err : io.out;
    report << "Imported '" << in << "': " << d.components.size() << " block(s), "
           << d.connections.size() << " wire(s) -> " << out << "\n";
    report << result.report.toText();
    return ExitOk;
}

} // namespace

CommandSpec importCommand()
{
    CommandSpec c;
    c.name = kCommand;
    c.usage = QStringLiteral("[OPTIONS] TEMPLATE OUT");
    c.summary = QStringLiteral("Import a SAM / CloudFormation template (YAML or JSON) and print "
                               "the import report.");
    c.description = QStringLiteral(
        "Functions, queues, topics, streams, event buses, state machines and APIs become blocks; "
        "events, event source mappings, subscriptions, event bus rules' targets, redrive "
        "policies and destinations become wires; "
        "stage throttling and integration timeouts become the API's parameters. The report lists "
        "what was kept but not modelled, missing referenced files, clamped values and unresolved "
        "references; everything unmodelled is kept and written back by 'swb export sam'. OUT "
        "'-' writes the design as text to standard output and the report to standard error.");
    c.arguments = {
        {QStringLiteral("TEMPLATE"),
         QStringLiteral("A SAM or CloudFormation template, YAML or JSON."), ValueHint::File},
        {QStringLiteral("OUT"), QStringLiteral("The project to write (.swb or .swb.yaml), or '-'."),
         ValueHint::File}};
    OptionSpec force = forceOption(ForceMeans::Replace);
    force.description = QStringLiteral("Overwrite OUT if it exists, even when it is a symbolic "
                                       "link (the file it points to) or a file of another kind.");
    c.options = {force, allowDirOption()};
    c.examples = {QStringLiteral("swb import template.yaml design.swb"),
                  QStringLiteral("swb import template.json - > design.swb.yaml")};
    c.exitStatus = QStringLiteral("0 imported (warnings included), 1 not a CloudFormation "
                                  "template, 2 bad arguments, 3 a file could not be read or "
                                  "written.");
    c.run = &run;
    return c;
}

} // namespace swb::cli
