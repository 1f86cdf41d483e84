#pragma once
// What every simulating command (simulate, sweep, check, compare) does before and during a run:
// refuse a run projected above the size limits unless --force (sim/runestimate.h), and let
// Ctrl+C / SIGTERM abandon it (interrupt.h).

#include "cli.h"

#include "model/design.h"

#include <functional>

namespace swb::cli {

// True when the run may start: its estimate is within the limits, or force. Otherwise prints
// "swb COMMAND: 'FILE': the run is projected to need about ... ; ... or add --force" and
// returns false (the caller exits with ExitUsage).
bool runSizeAllowed(Io &io, const QString &command, const QString &path, const Design &design,
                    double durationSeconds, bool force);

// The cancel check for RunOptions / SweepOptions: true once SIGINT or SIGTERM arrived.
std::function<bool()> cancelOnInterrupt();

} // namespace swb::cli
