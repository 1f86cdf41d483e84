// The advisor's rules: what hurt in a run, and a fix sized from theory and the AWS limits. The
// rules read the run's series by typed metric id; the fixes are verified by sim/advisor.cpp.
// Each service's rules live beside its simulation module (sim/services/<service>/
// <service>advice.cpp) and are found through the sim service registry; here only the rules
// over the run summary that hold for any block (dead letters, the p99 target) and the walk.

#include "sim/advisorruleskit.h"
#include "sim/services/simservice.h"

namespace swb::advisor {

namespace {

// Units a block sent to its DLQ / on-failure destination: a diagnosis without a fix of its own
// (the throttling, backlog or fault behind it has one).
void deadLetters(const ComponentSummary &c, QList<Finding> *out)
{
    if (!(c.dlqCount > 0))
        return;
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("dead-letters"), QStringLiteral("%1 dead-letters units").arg(c.name), c.name,
        {0, 0}, QStringLiteral("%1 sent to a DLQ or on-failure destination").arg(count(c.dlqCount)),
        QStringLiteral("After its retries a unit goes to the DLQ or on-failure destination: 2 "
                       "async retries for Lambda, maxReceiveCount receives for SQS, retries "
                       "until expiry (or maxRetryAttempts) for Kinesis (aws-behaviour.md §1, §4, "
                       "§5)."));
    out->append(f);
}

// An entry path whose end-to-end p99 is above the user's target.
void latencyTarget(const ComponentSummary &c, const AdviceOptions &o, QList<Finding> *out)
{
    if (o.targetP99Ms < 0 || !(c.latencyP99Ms > o.targetP99Ms))
        return;
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("p99-over-target"),
        QStringLiteral("%1's p99 is over the target").arg(c.name), c.name, {0, 0},
        QStringLiteral("end-to-end p99 %1 ms, target %2 ms")
            .arg(QString::number(c.latencyP99Ms, 'f', 1), QString::number(o.targetP99Ms)),
        QStringLiteral("End-to-end latency adds each hop's queueing, retries with their backoff "
                       "and cold starts (aws-behaviour.md §1, §2)."));
    out->append(f);
}

} // namespace

QList<Finding> runRules(const Design &design, const RunResults &run, const AdviceOptions &options)
{
    const RuleContext ctx{design, run, options};
    QList<Finding> out;
    for (const Component &c : design.components) {
        const SimService &service = simService(c.kind);
        if (!service.advisorRules)
            continue;
        for (const Rule rule : service.advisorRules())
            rule(ctx, c, &out);
    }
    for (const ComponentSummary &c : run.summary.components) {
        deadLetters(c, &out);
        latencyTarget(c, options, &out);
    }
    return out;
}

} // namespace swb::advisor
