// The advisor's rules on an SQS queue (sim/advisorruleskit.h): a FIFO queue's API calls throttled
// (high-throughput mode, verified by re-running), a backlog still growing (the
// consumer sized by Little's law), failed messages received again and again without a
// dead-letter queue, small batches read by its Lambda consumer, and a bill that is mostly
// empty receives.

#include "sim/advisorruleskit.h"
#include "sim/services/simservice.h"
#include "sim/services/lambda/lambdaadvice.h"

#include "model/services/lambda/lambda.h"
#include "model/services/sqs/sqs.h"

#include <algorithm>
#include <cmath>

namespace swb::advisor {

namespace {

// SQS: a backlog still growing at the end. Little's law sizes the consumer: N environments each
// finishing a batch of B messages in d seconds drain N B / d messages per second.
void sqsBacklog(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    const Design &design = ctx.design;
    const RunResults &run = ctx.run;
    const Series s(run, c.id);
    const QList<double> visible = s.values(core::QmVisible);
    if (!growingAtTheEnd(visible, 100))
        return;
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("sqs-backlog"), QStringLiteral("%1's backlog keeps growing").arg(c.name),
        c.name, {visible.size() * 3 / 4 * s.bin(), visible.size() * s.bin()},
        QStringLiteral("%1 messages visible at the end, up from %2")
            .arg(count(visible.last()), count(visible.at(visible.size() * 3 / 4))),
        QStringLiteral("Messages wait until a consumer receives them; a queue whose consumers "
                       "drain less than arrives grows until retention deletes the oldest "
                       "(aws-behaviour.md §4)."));
    const Connection *esm = mappingFrom(design, c.id);
    const Component *fn = esm ? design.component(esm->target) : nullptr;
    const double seconds = run.metadata.durationSeconds;
    if (fn && seconds > 0) {
        const Series fs(run, fn->id);
        const double arrival = s.total(core::QmSent) / seconds;
        const double d = meanDurationSeconds(fs);
        const double batch =
            std::max<qlonglong>(1, sqs::mapping::Params::of(esm->params).batchSize);
        const qlonglong n = qlonglong(std::ceil(arrival * d / batch * kHeadroom));
        const lambda::ReservedConcurrency rc =
            lambda::reservedConcurrency(lambda::Params::of(fn->params));
        const qlonglong cap = sqs::mapping::Params::of(esm->params).maximumConcurrency;
        if (n > 0 && ((rc.isReserved() && rc.stored < n) || (cap > 0 && cap < n))) {
            Fix fix;
            fix.rule = f.diagnosis.rule;
            fix.title = QStringLiteral("Let %1 run %2 batches at once").arg(fn->name).arg(n);
            fix.sizing = QStringLiteral("Little's law: %1 messages/s x %2 per batch / %3 "
                                        "messages per batch x %4 headroom = %5 concurrent "
                                        "invocations.")
                             .arg(QString::number(arrival, 'f', 1), formatDuration(d))
                             .arg(batch)
                             .arg(QString::number(kHeadroom, 'f', 2))
                             .arg(n);
            if (rc.isReserved() && rc.stored < n)
                fix.changes = reserve(design, *fn, n);
            if (cap > 0 && cap < n)
                fix.changes.append(wireChange(design, *esm, sqs::mapping::key::maximumConcurrency,
                                              std::min<qlonglong>(n, 1000)));
            f.fix = fix;
        }
    }
    out->append(f);
}

// SQS without a redrive policy: messages that fail come back every visibility timeout until the
// retention period deletes them (4 days by default), each time billed and each time occupying
// the consumer. A dead-letter queue of the same type takes them after maxReceiveCount receives;
// 5, the parameter's default, is AWS's advice for a Lambda consumer (a batch that fails for one
// message is received again with it).
void sqsWithoutDlq(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    const Design &design = ctx.design;
    for (const Connection *w : design.outgoing(c.id))
        if (w->kind == ConnectionKind::Redrive)
            return;
    const Series s(ctx.run, c.id);
    const double sent = s.total(core::QmSent);
    const QList<double> receives = s.values(core::QmReceives);
    const double again = s.total(core::QmReceives) - sent; // receives of a message seen before
    if (sent <= 0 || again <= 0.01 * sent)
        return;
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("sqs-no-dlq"),
        QStringLiteral("%1 keeps receiving failed messages").arg(c.name), c.name,
        window(receives, s.bin()),
        QStringLiteral("%1 receives of messages received before (%2 of messages sent); no "
                       "dead-letter queue")
            .arg(count(again), percent(again / sent)),
        QStringLiteral("Without a redrive policy a message that keeps failing becomes visible "
                       "again after each visibility timeout until the retention period deletes "
                       "it (default 4 days); a redrive policy moves it to a dead-letter queue "
                       "after maxReceiveCount receives (aws-behaviour.md §4, Redrive)."));
    const QString dlq = c.name + QStringLiteral("-dlq");
    if (!design.componentByName(dlq)) {
        Fix fix;
        fix.rule = f.diagnosis.rule;
        fix.setsAside = true;
        fix.title = QStringLiteral("Give %1 a dead-letter queue").arg(c.name);
        fix.sizing = QStringLiteral("maxReceiveCount 5 (AWS's advice for a Lambda consumer: a "
                                    "batch failing for one message is received again with it); "
                                    "the DLQ has the queue's type, as AWS requires.");
        const QVariantMap type{{sqs::key::type, c.params.value(sqs::key::type)}};
        fix.changes = {{ParamChange::On::NewBlock,
                        dlq,
                        c.name,
                        componentKindId(ComponentKind::SqsQueue),
                        {},
                        c.params.contains(sqs::key::type) ? type : QVariantMap()},
                       {ParamChange::On::NewWire,
                        c.name,
                        dlq,
                        connectionKindId(ConnectionKind::Redrive),
                        {},
                        QVariantMap{{sqs::redrive::key::maxReceiveCount, 5}}}};
        f.fix = fix;
    }
    out->append(f);
}

// Small batches at the queue's Lambda consumer: records read are the queue's receives. FIFO
// queues take no batching window (aws-behaviour.md §4, Event source mapping).
void sqsSmallBatches(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    const Connection *esm = mappingFrom(ctx.design, c.id);
    if (!esm || sqs::Params::of(c.params).isFifo())
        return;
    const sqs::mapping::Params mp = sqs::mapping::Params::of(esm->params);
    smallBatches(ctx,
                 {esm, mp.batchSize, mp.batchingWindow, sqs::mapping::key::batchingWindow,
                  Series(ctx.run, c.id).total(core::QmReceives)},
                 out);
}

// SQS: a queue whose bill is mostly the empty receives of its idle pollers. Lambda keeps at
// least 5 pollers long-polling a queue (WaitTimeSeconds 20) while it is empty, and every
// ReceiveMessage is a billed request, empty or not (aws-behaviour.md §4, Event source mapping
// and Pricing); the engine bills each idle poller one empty receive per 20 s. Estimated here
// from the bins where nothing was visible or received: pollers x bin / 20 s. A diagnosis
// without a fix: no mapping setting lowers the idle pollers (a batching window only delays
// invocations), and the remedies (fewer queues, by merging queues of little traffic, or
// provisioned pollers at a 2-poller minimum, billed apart) change the design or are not
// simulated, so they are named, not proposed.
void sqsEmptyReceives(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    if (!mappingFrom(ctx.design, c.id))
        return;
    const Series s(ctx.run, c.id);
    const QList<double> visible = s.values(core::QmVisible);
    const QList<double> receives = s.values(core::QmReceives);
    const QList<double> pollers = s.values(core::QmPollers);
    const double billed = s.total(core::QmBilledRequests);
    constexpr double kLongPollSeconds = 20;
    double empty = 0;
    QList<double> idle(pollers.size(), 0.0);
    for (qsizetype b = 0; b < pollers.size() && b < visible.size() && b < receives.size(); ++b) {
        if (visible.at(b) == 0 && receives.at(b) == 0) {
            idle[b] = pollers.at(b) * s.bin() / kLongPollSeconds;
            empty += idle.at(b);
        }
    }
    if (billed <= 0 || empty < 0.5 * billed)
        return;
    double monthly = 0;
    for (const ComponentSummary &cs : ctx.run.summary.components)
        if (cs.id == c.id && std::isfinite(cs.monthlyCostUsd))
            monthly = cs.monthlyCostUsd;
    const double share = std::min(1.0, empty / billed);
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("sqs-empty-receives"),
        QStringLiteral("%1 mostly bills empty receives").arg(c.name), c.name, window(idle, s.bin()),
        QStringLiteral("about %1 empty receives by idle pollers, %2 of its %3 billed requests "
                       "(about $%4 of its $%5/month before the free tier)")
            .arg(count(empty), percent(share), count(billed))
            .arg(monthly * share, 0, 'f', 2)
            .arg(monthly, 0, 'f', 2),
        QStringLiteral("While a queue is empty Lambda keeps at least 5 pollers long-polling it, "
                       "and each ReceiveMessage, empty or not, is a billed request: about 3 per "
                       "poller per minute. No mapping setting lowers them; fewer queues (merging "
                       "queues of little traffic) or provisioned pollers (2 minimum, billed "
                       "apart; not simulated) do (aws-behaviour.md §4, Event source mapping; "
                       "Pricing)."));
    out->append(f);
}

// SQS FIFO: API calls throttled above the queue's quota, 300 per second per action (3,000
// messages/s only with batches of 10, which the simulated producers do not send). Diagnosed when
// more than kThrottleShare (0.1 %) of the queue's send attempts and receive waits are throttled,
// as for the other throttling rules. High-throughput mode is the fix: 300 calls/s per message
// group, up to the Region's 70,000 (us-east-1, us-west-2, eu-west-1); it is verified by re-running
// (a queue with too few message groups for the load stays throttled and the fix is not offered).
// A queue already in that mode gets the diagnosis and the remedies that remain: more message
// groups, or batching on the producer side (not simulated).
void sqsFifoThrottling(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    const sqs::Params p = sqs::Params::of(c.params);
    if (!p.isFifo())
        return;
    const Series s(ctx.run, c.id);
    const double throttled = s.total(core::QmThrottled);
    const double sent = s.total(core::QmSent);
    if (throttled <= kThrottleShare * (sent + throttled))
        return;
    const QList<double> thr = s.values(core::QmThrottled);
    const std::pair<double, double> w = window(thr, s.bin());
    const double quota = p.highThroughput
                             ? std::min(core::kFifoHighThroughputCallsPerSecond,
                                        core::kFifoCallsPerSecond * double(p.messageGroups))
                             : core::kFifoCallsPerSecond;
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("sqs-fifo-throttling"), QStringLiteral("%1 throttles API calls").arg(c.name),
        c.name, w,
        QStringLiteral("%1 calls throttled, %2 of send attempts and receive waits, at a quota of "
                       "%3 calls/s per action")
            .arg(count(throttled), percent(throttled / (sent + throttled)), count(quota)),
        QStringLiteral("A FIFO queue takes 300 API calls per second per action (SendMessage, "
                       "ReceiveMessage, DeleteMessage); above it calls fail with "
                       "ThrottlingException and the producer's SDK retries them, then gives up. "
                       "High-throughput mode raises it to 300 per message group, up to 70,000 "
                       "in the largest Regions (aws-behaviour.md §4, FIFO throughput; §10)."));
    if (!p.highThroughput) {
        Fix fix;
        fix.rule = f.diagnosis.rule;
        const double ht = std::min(core::kFifoHighThroughputCallsPerSecond,
                                   core::kFifoCallsPerSecond * double(p.messageGroups));
        fix.title = QStringLiteral("Turn on high-throughput mode for %1").arg(c.name);
        fix.sizing = QStringLiteral("High-throughput mode: 300 calls/s per message group x %1 "
                                    "groups, at most 70,000 = %2 calls/s per action (was 300); "
                                    "FifoThroughputLimit perMessageGroupId with "
                                    "DeduplicationScope messageGroup.")
                         .arg(count(double(p.messageGroups)), count(ht));
        fix.changes = {blockChange(c, sqs::key::highThroughput, true)};
        f.fix = fix;
    }
    out->append(f);
}

} // namespace

} // namespace swb::advisor

namespace swb::sqs {

const QList<advisor::Rule> &advisorRules()
{
    // In the order their findings are listed.
    static const QList<advisor::Rule> rules = {advisor::sqsFifoThrottling, advisor::sqsBacklog,
                                               advisor::sqsWithoutDlq, advisor::sqsSmallBatches,
                                               advisor::sqsEmptyReceives};
    return rules;
}

} // namespace swb::sqs
