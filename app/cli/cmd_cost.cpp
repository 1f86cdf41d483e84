#include "commands.h"

// Minimal placeholder so the swb executable links; the full command follows.
namespace swb::cli {

int runCost(const QStringList &args, Io &io)
{
    if (args.isEmpty()) {
        io.err << "swb cost: missing FILE. Usage: swb cost FILE [--no-free-tier] "
                  "[--format table|csv|json] [--pricing catalogue.json]\n";
        return ExitUsage;
    }
    io.err << "swb cost: not implemented yet\n";
    return ExitFile;
}

} // namespace swb::cli
