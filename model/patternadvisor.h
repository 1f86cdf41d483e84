#pragma once

#include "model/design.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace swb {

// The decision questions the 2018 talk ends with (resources/help/aws-behaviour.md section 8), as
// data.
enum class RealTimeNeed { Milliseconds, Seconds, Minutes };
enum class CallerNeed { NeedsAnswer, PollLater, FireAndForget };
enum class BadDeploySurvival { Nothing, Messages, Replay };
enum class DownstreamFailure { FailCaller, RetryLater, CompensateSteps };

struct AdvisorAnswers {
    RealTimeNeed realTime = RealTimeNeed::Seconds;
    CallerNeed caller = CallerNeed::FireAndForget;
    bool ordered = false;
    bool severalConsumers = false;
    BadDeploySurvival badDeploy = BadDeploySurvival::Messages;
    DownstreamFailure downstream = DownstreamFailure::RetryLater;
    bool protectDatabase = false;
};

// The user's expected load.
struct Workload {
    double rate = 100;       // requests (records, messages) per second
    double payloadKb = 2;    // mean payload, KB
    double durationMs = 100; // mean Lambda processing time
    double headroom = 1.25;  // capacity over the stated load
};

struct Recommendation {
    QString patternId; // one of patternIds()
    QString title;
    int score = 0;       // higher is better; only the order matters
    QStringList reasons; // why, citing current AWS values
};

// Every bundled pattern, best first (stable order on ties: patternIds() order).
QList<Recommendation> recommendPatterns(const AdvisorAnswers &answers, const Workload &load);

// Sizing rules, exposed for the guide's text and the tests.
int kinesisShardsFor(const Workload &load); // ceil(max(rate/1000, MB/s) x headroom)
int concurrencyFor(const Workload &load);   // ceil(rate x duration x headroom), >= 2

// The pattern sized for the load; every value set through Document edits (validated). On a
// refusal returns std::nullopt and the Document's message in error.
std::optional<Design> makeRecommendedPattern(const QString &id, const Workload &load,
                                             QString *error = nullptr);

} // namespace swb
