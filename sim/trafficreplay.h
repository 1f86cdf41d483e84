#pragma once
// Replay traffic from a CSV file (the traffic source's "replayFile"): either two columns
// "time_s,rate" (requests per second from that time on) or one column of request timestamps in
// seconds, which is turned into one rate point per whole second (count of requests in it). A
// header line that is not numeric is skipped. The core then draws Poisson arrivals at that
// piecewise-constant rate (core::TrafficPattern::Replay).

#include "core/scenario.h"
#include "model/referencedfile.h"

#include <QString>

#include <vector>

namespace swb {

// A replay CSV above this is refused: 64 MB is about four million timestamps, more than a week's
// run needs at one rate point per second.
inline constexpr qint64 kMaxReplayBytes = 64LL * 1024 * 1024;

// The file is read only if it is a regular file inside access's folders and under its size cap
// (model/referencedfile.h): a replay file is named by a design, which may come from anyone.
// Errors name the file, line and column, never a cell's text ("replay.csv:7:3: not a number").
bool loadReplayCsv(const QString &reference, const FileAccess &access,
                   std::vector<core::RatePoint> *out, QString *error);
bool parseReplayCsv(const QString &text, const QString &fileName, std::vector<core::RatePoint> *out,
                    QString *error);

} // namespace swb
