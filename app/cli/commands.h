#pragma once

#include "cli.h"

#include "model/costmodel.h"
#include "model/design.h"
#include "model/pricing.h"

#include <optional>

// One spec per subcommand, each in its own cmd_<name>.cpp: its arguments, options, help text and
// the function that runs it.
namespace swb::cli {

CommandSpec validateCommand();
CommandSpec costCommand();
CommandSpec newCommand();
CommandSpec simulateCommand();
CommandSpec setCommand();
CommandSpec convertCommand();
CommandSpec sweepCommand();
CommandSpec compareCommand();
CommandSpec checkCommand();
CommandSpec adviseCommand();
CommandSpec importCommand();
CommandSpec exportSamCommand();
CommandSpec exportCostCommand();
CommandSpec exportDiagramCommand();
CommandSpec metricsCommand();

// Shared by `swb cost` and `swb export cost` (cmd_cost.cpp): --no-free-tier, --new-account and
// --pricing. readCostArgs checks their combination and loads the --pricing catalogue; it returns
// ExitOk or the exit code after printing the problem.
QList<OptionSpec> costOptions();
int readCostArgs(Io &io, const QString &command, const Args &args,
                 std::optional<PricingCatalogue> *custom);
// The project's free-tier setting unless --no-free-tier / --new-account say otherwise.
CostOptions costOptionsFromArgs(const Args &args, const Design &design);

} // namespace swb::cli
