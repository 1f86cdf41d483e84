#pragma once

#include "cli.h"

// One function per subcommand, each in its own cmd_<name>.cpp.
namespace swb::cli {

int runValidate(const QStringList &args, Io &io);
int runCost(const QStringList &args, Io &io);
int runNew(const QStringList &args, Io &io);
int runSimulate(const QStringList &args, Io &io);
int runSet(const QStringList &args, Io &io);
int runConvert(const QStringList &args, Io &io);
int runSweep(const QStringList &args, Io &io);
int runCheck(const QStringList &args, Io &io);
int runImport(const QStringList &args, Io &io);
int runExport(const QStringList &args, Io &io);
int runCompare(const QStringList &args, Io &io);

} // namespace swb::cli
