#include "cliutil.h"
#include "commands.h"

#include "model/sam/samimporter.h"

#include <QFileInfo>

namespace swb::cli {

// swb import TEMPLATE OUT.swb [--force]
// Imports a SAM / CloudFormation template (YAML or JSON) and saves it as a project; prints the
// import report (what was kept but not modelled, missing referenced files, clamped values,
// unresolved references). Exit: 0 imported (warnings included), 1 not a CloudFormation template
// (malformed, hostile, no Resources), 2 bad arguments, 3 unreadable template or unwritable output.
int runImport(const QStringList &args, Io &io)
{
    ParsedArgs parsed;
    const QString problem = parseArgs(args, {QStringLiteral("--force")}, {}, &parsed);
    if (!problem.isEmpty())
        return usageError(io, "import", problem);
    if (parsed.positional.size() != 2)
        return usageError(io, "import",
                          QStringLiteral("expected TEMPLATE and OUT, got %1 argument(s)")
                              .arg(parsed.positional.size()));
    const QString in = parsed.positional.at(0);
    const QString out = parsed.positional.at(1);
    if (QFileInfo::exists(out) && !parsed.has(QStringLiteral("--force"))) {
        io.err << "swb import: '" << out << "' already exists; use --force to overwrite it\n";
        return ExitFile;
    }
    const sam::SamImportResult result = sam::importSamFile(in);
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
    if (!saveDesign(io, "import", out, result.design))
        return ExitFile;
    const Design &d = result.design;
    io.out << "Imported '" << in << "': " << d.components.size() << " block(s), "
           << d.connections.size() << " wire(s) -> " << out << "\n";
    io.out << result.report.toText();
    return ExitOk;
}

} // namespace swb::cli
