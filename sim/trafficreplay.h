#pragma once
// Replay traffic from a CSV file (the traffic source's "replayFile"): either two columns
// "time_s,rate" (requests per second from that time on) or one column of request timestamps in
// seconds, which is turned into one rate point per whole second (count of requests in it). A
// header line that is not numeric is skipped. The core then draws Poisson arrivals at that
// piecewise-constant rate (core::TrafficPattern::Replay).

#include "core/scenario.h"

#include <QString>

#include <vector>

namespace swb {

// Errors name the file and the line ("replay.csv line 7: 'abc' is not a number").
bool loadReplayCsv(const QString &path, std::vector<core::RatePoint> *out, QString *error);
bool parseReplayCsv(const QString &text, const QString &fileName, std::vector<core::RatePoint> *out,
                    QString *error);

} // namespace swb
