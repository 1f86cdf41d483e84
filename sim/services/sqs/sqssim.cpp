// SQS in the simulation (aws-behaviour.md §4): standard or FIFO queues with visibility
// timeout, retention, delay and message groups; the redrive wire sets maxReceiveCount.

#include "sim/runestimate.h"
#include "sim/scenariobuilder_p.h"
#include "sim/services/simservice.h"

#include "core/services/sqs/sqsservice.h"

#include "model/flowrates.h"
#include "model/humanformat.h"
#include "model/services/lambda/lambda.h"

#include "model/services/registry.h"
#include "model/services/sqs/sqs.h"

namespace swb::sqs {

using detail::Severity;
using detail::u32;
using detail::utf8;

namespace {

std::uint32_t add(detail::Builder &b, const Component &c)
{
    const Params p = Params::of(c.params);
    core::SqsQueue q;
    q.name = utf8(c.name);
    q.type = p.isFifo() ? core::QueueType::Fifo : core::QueueType::Standard;
    q.visibilityTimeoutSeconds = double(p.visibilityTimeout);
    q.retentionSeconds = double(p.retentionPeriod);
    q.delaySeconds = double(p.deliveryDelay);
    q.messageGroupCount = u32(double(p.messageGroups));
    // High-throughput mode: the Region's quota, within 300 calls/s per message group (a group
    // lives in one partition; core/services/sqs/sqsqueue.h, aws-behaviour.md §4).
    q.callsPerSecond = p.highThroughput ? std::min(core::kFifoHighThroughputCallsPerSecond,
                                                   core::kFifoCallsPerSecond * q.messageGroupCount)
                                        : core::kFifoCallsPerSecond;
    q.maxReceiveCount = 0; // set by its Redrive wire
    core::Scenario &sc = b.scenario();
    sc.queues.push_back(q);
    return u32(double(sc.queues.size() - 1));
}

// RedrivePolicy{deadLetterTargetArn, maxReceiveCount} (aws-behaviour.md §4).
void failureWire(detail::Builder &b, const Component &src, const Connection &w, int)
{
    b.scenario().queues[b.ref(src.id).index].maxReceiveCount =
        u32(double(redrive::Params::of(w.params).maxReceiveCount));
    b.addEdge(w, core::EdgeKind::Redrive);
}

void summarize(const SummaryReader &v, const core::Simulation &, core::ComponentRef,
               ComponentSummary *c)
{
    c->peakConcurrency = v("sqs.pollers");
    c->maxBacklog = v("sqs.visible");
    c->dlqCount = v("sqs.to_dlq");
    // A FIFO queue's API quota (standard queues have none): shown once it throttled.
    if (const double throttled = v("sqs.throttled"); throttled > 0)
        c->throttles = throttled;
}

// The same three series the backlog and age charts plot (one truth for a queue): visible, in
// flight (received, not yet deleted) and the oldest non-deleted message (aws-behaviour.md §4).
void live(const BlockFrame &f, const LiveContext &ctx, LiveFigures *o)
{
    const double visible = f.get(core::QmVisible);
    const double inFlight = f.get(core::QmInFlight);
    const double age = f.get(core::QmOldestAge);
    const double dlqIn = f.get(core::QmDlqReceived);
    const double toDlq = f.get(core::QmToDlq);
    o->inPerSecond = f.rate(core::QmSent);
    o->deadLettersPerSecond = f.rate(core::QmToDlq);
    o->topBadge = inFlight > 0 ? QStringLiteral("%1 visible \u00b7 %2 in flight")
                                     .arg(compactNumber(visible), compactNumber(inFlight))
                               : QStringLiteral("%1 msgs").arg(compactNumber(visible));
    if (age > 0)
        o->bottomBadge = QStringLiteral("oldest %1").arg(formatDuration(age));
    // A queue wired as a redrive / on-failure target is a DLQ: show its depth, red while dead
    // letters arrive.
    if (ctx.isDeadLetterTarget || dlqIn > 0) {
        o->bottomBadge = QStringLiteral("DLQ %1").arg(compactNumber(visible));
        if (dlqIn > 0 || f.rising(core::QmVisible)) {
            o->raise(LiveSeverity::Error);
            o->trouble << liveText("dead letters arriving");
        } else if (visible > 0) {
            // A non-empty DLQ needs a look even when nothing new arrives.
            o->raise(LiveSeverity::Warning);
        }
    } else if (f.rising(core::QmVisible) && visible > 0) {
        o->raise(LiveSeverity::Warning);
        o->trouble << liveText("backlog growing");
    } else if (age > 60 && f.rising(core::QmOldestAge)) {
        // Messages received and not deleted (a failing consumer) age in flight.
        o->raise(LiveSeverity::Warning);
        o->trouble << liveText("oldest message ageing");
    }
    if (toDlq > 0)
        o->raise(LiveSeverity::Error);
    o->tip(liveText("Visible"), visible);
    o->tip(liveText("In flight"), inFlight);
    o->durationTip(liveText("Oldest message age"), age);
    o->tip(liveText("Sent"), f.get(core::QmSent));
    o->tip(liveText("Redriven to DLQ"), toDlq);
    o->tip(liveText("Dead letters received"), dlqIn);
    if (const double throttled = f.get(core::QmThrottled); throttled > 0) {
        o->raise(LiveSeverity::Warning);
        o->trouble << liveText("FIFO API calls throttled");
        o->tip(liveText("Throttled calls"), throttled);
    }
}

} // namespace

namespace {

// Messages per second the event source mappings of a queue can take.
double drain(const Design &design, const Component &queue)
{
    double rate = 0;
    for (const Connection *w : design.outgoing(queue.id)) {
        const Component *fn = design.component(w->target);
        if (w->kind != ConnectionKind::EventSourceMapping || !fn)
            continue;
        const mapping::Params m = mapping::Params::of(w->params);
        double cap = lambda::concurrencyCap(design, *fn);
        if (m.maximumConcurrency > 0)
            cap = std::min(cap, double(m.maximumConcurrency));
        rate += cap * double(std::max<qlonglong>(1, m.batchSize))
                / lambda::meanSeconds(lambda::Params::of(fn->params));
    }
    return rate;
}

// A backlog: what arrives above the mappings' drain, kept up to the retention period.
double heldItems(const Design &d, const Component &c, const FlowRates &flows, double seconds)
{
    const double excess = std::max(0.0, flows.component(c.id).inRate - drain(d, c));
    return excess * std::min(seconds, double(Params::of(c.params).retentionPeriod));
}

// What the core keeps of that backlog: a standard queue its oldest 65,536 visible messages one
// by one and the rest as cohorts, one per second of backlog up to 4,096 s and about 4,096 more
// per doubling beyond (CohortQueue::maxCohorts, core/services/sqs/sqsservice.h);
// a FIFO queue every message, its groups need them.
double heldBytes(const Design &d, const Component &c, const FlowRates &flows, double seconds)
{
    const double held = heldItems(d, c, flows, seconds);
    const Params p = Params::of(c.params);
    if (p.isFifo())
        return held * kBytesPerHeldItem;
    const double backlogSeconds = std::min(seconds, double(p.retentionPeriod));
    return cohortKeptBytes(held, double(core::SqsService::kExactHead),
                           cohortBound(d, backlogSeconds, 1));
}

} // namespace

// Its advisor rules (sqsadvice.cpp).
const QList<advisor::Rule> &advisorRules();

const SimService &simService()
{
    static const SimService s{
        ComponentKind::SqsQueue,
        core::ComponentKind::SqsQueue,
        add,
        1,
        failureWire,
        summarize,
        live,
        nullptr,
        nullptr,
        heldItems,
        advisorRules,
        heldBytes,
    };
    return s;
}

} // namespace swb::sqs
