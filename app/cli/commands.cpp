#include "commands.h"

namespace swb::cli {

const QList<CommandSpec> &commands()
{
    static const QList<CommandSpec> list = {
        validateCommand(),   costCommand(),          newCommand(),     simulateCommand(),
        setCommand(),        convertCommand(),       sweepCommand(),   compareCommand(),
        checkCommand(),      adviseCommand(),        importCommand(),  exportSamCommand(),
        exportCostCommand(), exportDiagramCommand(), metricsCommand(),
    };
    return list;
}

} // namespace swb::cli
