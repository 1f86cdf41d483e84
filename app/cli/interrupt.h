#pragma once
// Ctrl+C (SIGINT) and SIGTERM stop swb's long work (simulate, sweep, check, compare) within a
// second: the handler only raises a flag, the runs ask it every 0.01 % of simulated time
// (RunOptions::cancelled) and are abandoned, and the command exits 128 + the signal's number
// without writing its output. Every file swb writes is replaced atomically, so no signal can
// leave a partial file. A second signal ends the process at once (the default action); a
// temporary file it leaves is removed at the next save in that folder.

#include "cli.h"

namespace swb::cli {

// Installs the handlers (once per process; later calls do nothing).
void installInterruptHandlers();
// Whether SIGINT or SIGTERM arrived since the handlers were installed.
bool interrupted();
// Prints "swb COMMAND: interrupted (SIGINT); nothing was written" and returns 128 + signal.
int interruptedExit(Io &io, const QString &command);

} // namespace swb::cli
