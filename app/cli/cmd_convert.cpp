#include "cliutil.h"
#include "commands.h"

namespace swb::cli {

// swb convert IN OUT: reads a design in any registered format and writes it in the format OUT's
// name picks (e.g. design.swb <-> design.swb.yaml, losslessly). Exit: 0, 2 bad arguments, 3 file
// error.
int runConvert(const QStringList &args, Io &io)
{
    ParsedArgs parsed;
    const QString problem = parseArgs(args, {}, {}, &parsed);
    if (!problem.isEmpty())
        return usageError(io, "convert", problem);
    if (parsed.positional.size() != 2)
        return usageError(io, "convert", QStringLiteral("expected IN and OUT"));
    Design design;
    if (!loadDesign(io, "convert", parsed.positional.at(0), &design))
        return ExitFile;
    if (!saveDesign(io, "convert", parsed.positional.at(1), design))
        return ExitFile;
    return ExitOk;
}

} // namespace swb::cli
