#include "cliutil.h"
#include "commands.h"

namespace swb::cli {

namespace {

const QString kCommand = QStringLiteral("convert");

int run(const Args &args, Io &io)
{
    if (args.positional.size() != 2)
        return usageError(io, kCommand, QStringLiteral("expected IN and OUT"));
    Design design;
    if (!loadDesign(io, kCommand, args.positional.at(0), &design, allowedDirs(args)))
        return ExitFile;
    if (!saveDesign(io, kCommand, args.positional.at(1), design, forced(args)))
        return ExitFile;
    return ExitOk;
}

} // namespace

CommandSpec convertCommand()
{
    CommandSpec c;
    c.name = kCommand;
    c.usage = QStringLiteral("IN OUT");
    c.summary = QStringLiteral("Convert a design between formats (.swb project, .swb.yaml "
                               "text).");
    c.description = QStringLiteral(
        "Reads a design in any readable format and writes it in the format OUT's suffix picks, "
        "without loss: design.swb <-> design.swb.yaml. OUT '-' writes the text format to "
        "standard output.");
    c.arguments = {designArgument(QStringLiteral("IN")),
                   {QStringLiteral("OUT"),
                    QStringLiteral("The file to write (.swb or .swb.yaml), or '-'."),
                    ValueHint::File}};
    c.options = {allowDirOption(), forceOption(ForceMeans::Replace)};
    c.examples = {QStringLiteral("swb convert design.swb design.swb.yaml"),
                  QStringLiteral("swb convert design.swb - | less")};
    c.exitStatus = QStringLiteral("0 written, 2 bad arguments, 3 a file could not be read or "
                                  "written.");
    c.run = &run;
    return c;
}

} // namespace swb::cli
