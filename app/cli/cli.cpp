#include "cli.h"

namespace swb::cli {

namespace {

void printHelp(QTextStream &out)
{
    out << "Usage: swb COMMAND [ARGS...]\n"
           "       swb --help | --version\n\n"
           "Serverless Workbench on the command line: validate, price, simulate and convert\n"
           "designs without a display.\n\nCommands:\n";
    for (const Command &c : commands())
        out << "  " << QString::fromLatin1(c.synopsis).leftJustified(58) << "\n      "
            << c.summary << "\n";
    out << "\nExit codes: 0 ok, 1 findings or broken gate, 2 bad arguments, 3 file error.\n";
}

} // namespace

int run(const QStringList &arguments, Io &io)
{
    const QStringList args = arguments.mid(1);
    if (args.isEmpty()) {
        printHelp(io.err);
        return ExitUsage;
    }
    const QString first = args.first();
    if (first == QLatin1String("--help") || first == QLatin1String("-h")
        || first == QLatin1String("help")) {
        printHelp(io.out);
        return ExitOk;
    }
    if (first == QLatin1String("--version") || first == QLatin1String("-V")) {
        io.out << "swb " << SWB_VERSION << "\n";
        return ExitOk;
    }
    for (const Command &c : commands()) {
        if (first == QLatin1String(c.name)) {
            const QStringList rest = args.mid(1);
            if (rest.contains(QStringLiteral("--help"))) {
                io.out << "Usage: swb " << c.synopsis << "\n" << c.summary << "\n";
                return ExitOk;
            }
            return c.run(rest, io);
        }
    }
    io.err << "swb: unknown command '" << first << "'. Run 'swb --help' for the list.\n";
    return ExitUsage;
}

} // namespace swb::cli
