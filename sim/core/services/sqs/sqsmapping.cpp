// The Lambda event source mapping of an SQS queue (aws-behaviour.md §4 "Lambda event source
// mapping"): its set-up (batch size, poller cap, MaximumConcurrency), the once-a-second poller
// scaling with the empty receives of idle long polls, and receiving, invoking and deleting batches
// (partial batch responses; failed messages return after the visibility timeout, then redrive).
#include "core/services/sqs/sqsservice.h"

#include "core/services/lambda/lambdaservice.h"

#include <algorithm>
#include <cmath>

namespace swb::core {

namespace {
// Backlog messages brought into a standard queue's head at a time beyond the batch in hand.
constexpr std::size_t kRefillChunk = 1024;
} // namespace

void SqsService::addMapping(std::uint32_t e)
{
    const Edge &E = m_k.scenario().edges[e];
    Mapping X;
    X.cfg = E.esm;
    X.fn = E.to.index;
    X.queue = E.from.index;
    X.cfg.batchSize = std::max<std::uint32_t>(1, X.cfg.batchSize);
    Queue &Q = m_queues[X.queue];
    if (Q.fifo)
        X.cfg.batchSize =
            std::min<std::uint32_t>(10, X.cfg.batchSize); // FIFO max 10 (aws-behaviour.md §4)
    // Poller scale-up (aws-behaviour.md §4, services-sqs-scaling): start at 5 concurrent batches,
    // then +300/min to 1,250 (current) or +60/min to 1,000 (before late 2023); capped by
    // ScalingConfig.MaximumConcurrency when set.
    const bool legacy = m_k.scenario().account.sqsPollerScaling == ScalingMode::Legacy2018;
    X.rampPerSecond = legacy ? 1.0 : 5.0;
    X.cap = legacy ? 1000 : 1250;
    if (X.cfg.maximumConcurrency > 0)
        X.cap = std::min<double>(X.cap, X.cfg.maximumConcurrency);
    X.limit = std::min<double>(std::max<std::uint32_t>(1, X.cfg.startingPollers), X.cap);
    const double fnTimeout = m_k.scenario().lambdas[X.fn].timeoutSeconds;
    if (fnTimeout > Q.cfg->visibilityTimeoutSeconds)
        m_k.warn(Q.cfg->name
                 + ": visibility timeout below the function timeout "
                   "(Lambda rejects this event source mapping)");
    Q.mappings.push_back(static_cast<std::uint32_t>(m_maps.size()));
    m_maps.push_back(X);
}

void SqsService::start()
{
    for (std::uint32_t i = 0; i < m_maps.size(); ++i)
        m_k.schedule(kTicksPerSecond, eventTag(kKind, EvTick), i);
}

// Poller scaling and empty receives, once per second (aws-behaviour.md §4 "Lambda event source
// mapping", services-sqs-scaling). Pollers long-poll (WaitTimeSeconds 20, the SQS maximum) and a
// long poll returns as soon as a message is available (SQS "short and long polling"), so with no
// batching window every message is received at once by an idle poller. Lambda adds pollers while
// messages wait and every poller is busy, and releases them when the queue is idle: here, when no
// receive has returned a message for a whole long poll (20 s). Only then do the idle pollers' long
// polls come back empty, each a billed request every 20 s.
void SqsService::onTick(std::uint32_t x)
{
    constexpr Ticks kLongPoll = 20 * kTicksPerSecond;
    Mapping &X = m_maps[x];
    Queue &Q = m_queues[X.queue];
    const bool idle = Q.visibleCount == 0 && m_k.now() - X.lastReceive >= kLongPoll;
    if (Q.visibleCount > 0 && X.inFlight >= static_cast<std::uint32_t>(X.limit))
        X.limit = std::min(X.cap, X.limit + X.rampPerSecond); // backlog: add pollers
    else if (idle)
        X.limit = std::max(std::min<double>(X.cfg.startingPollers, X.cap),
                           X.limit - X.rampPerSecond); // idle: drop back towards 5
    if (idle) {
        const double waiting = std::floor(X.limit) - std::min<double>(X.inFlight, X.limit);
        m_k.metrics().add(Q.m + QmBilledRequests, waiting / 20.0);
    }
    m_k.metrics().gauge(Q.m + QmPollers, std::floor(X.limit));
    if (m_k.now() + kTicksPerSecond < m_k.end())
        m_k.scheduleIn(kTicksPerSecond, eventTag(kKind, EvTick), x);
    dispatch(x);
}

std::uint32_t SqsService::allocBatch()
{
    if (!m_freeBatches.empty()) {
        const std::uint32_t b = m_freeBatches.back();
        m_freeBatches.pop_back();
        return b;
    }
    m_batches.emplace_back();
    return static_cast<std::uint32_t>(m_batches.size() - 1);
}

void SqsService::freeBatch(std::uint32_t b)
{
    Batch &B = m_batches[b];
    B.msgs.clear();
    ++B.gen;
    m_freeBatches.push_back(b);
}

// A FIFO queue's ReceiveMessage calls share its per-action quota (300/s, aws-behaviour.md §4
// "FIFO throughput"); each batch of at most 10 messages is one call. Over it, Lambda's pollers
// are throttled: the mapping waits until the quota has room (one throttled call counted per
// wait).
bool SqsService::receiveAdmitted(std::uint32_t x)
{
    Mapping &X = m_maps[x];
    Queue &Q = m_queues[X.queue];
    const Ticks now = m_k.now();
    const double factor = m_k.limitFactor({kKind, X.queue});
    if (Q.receives.takeLimited(now, factor))
        return true;
    const Ticks due = factor > 0
                          ? std::max(now + 1, Q.receives.readyAt(now, 1.0 / std::min(factor, 1.0)))
                          : now + kTicksPerSecond;
    if (X.wakeAt == kNever || X.wakeAt < now || X.wakeAt > due) {
        m_k.metrics().add(Q.m + QmThrottled, 1);
        X.wakeAt = due;
        m_k.schedule(due, eventTag(kKind, EvWake), x);
    }
    return false;
}

void SqsService::dispatch(std::uint32_t x)
{
    Mapping &X = m_maps[x];
    Queue &Q = m_queues[X.queue];
    const Ticks now = m_k.now();
    while (X.inFlight < static_cast<std::uint32_t>(X.limit) && Q.visibleCount > 0) {
        if (!Q.fifo) {
            expireFront(Q, Q.visible);
            if (Q.visible.size() < X.cfg.batchSize && !Q.backlog.empty())
                refill(X.queue, X.cfg.batchSize + kRefillChunk);
            if (Q.visible.empty())
                break;
            // Batching window: wait until the batch is full or the window has passed since the
            // oldest message arrived (MaximumBatchingWindowInSeconds, aws-behaviour.md §4). Not for
            // FIFO.
            if (X.cfg.batchingWindowSeconds > 0 && Q.visibleCount < X.cfg.batchSize) {
                const Ticks due =
                    m_k.msg(Q.visible.front()).since + secondsToTicks(X.cfg.batchingWindowSeconds);
                if (due > now) {
                    if (X.wakeAt > due) {
                        X.wakeAt = due;
                        m_k.schedule(due, eventTag(kKind, EvWake), x);
                    }
                    break;
                }
            }
        }
        if (!m_lambda->canStart(X.fn)) {
            // The function throttles: the mapping backs off and retries a second later (one
            // throttled invoke counted per back-off).
            const Ticks due = now + kTicksPerSecond;
            if (X.wakeAt == kNever || X.wakeAt < now) {
                m_lambda->countThrottle(X.fn);
                X.wakeAt = due;
                m_k.schedule(due, eventTag(kKind, EvWake), x);
            }
            break;
        }
        const std::uint32_t b = allocBatch();
        Batch &B = m_batches[b];
        B.mapping = x;
        B.receivedAt = now;
        B.group = kNone;
        double bytes = 0;
        RingDeque<std::uint32_t> *src = &Q.visible;
        if (Q.fifo) {
            // FIFO: one message group at a time, in order; the group stays locked until the
            // batch is deleted or returns (aws-behaviour.md §4 "FIFO").
            // Skip stale entries: a group emptied by retention or already locked by a batch.
            while (!Q.readyGroups.empty()
                   && (Q.groups.pending[Q.readyGroups.front()].empty()
                       || Q.groups.busy[Q.readyGroups.front()]))
                Q.readyGroups.popFront();
            if (Q.readyGroups.empty() || !receiveAdmitted(x)) {
                freeBatch(b);
                break;
            }
            B.group = Q.readyGroups.front();
            Q.readyGroups.popFront();
            Q.groups.busy[B.group] = 1;
            src = &Q.groups.pending[B.group];
            expireFront(Q, *src);
        }
        bool fails = false;  // some message fails this attempt (poison or transient)
        B.oldestSince = now; // the earliest send time among the batch's messages
        while (!src->empty() && B.msgs.size() < X.cfg.batchSize) {
            const std::uint32_t id = src->front();
            Message &m = m_k.msg(id);
            if (!B.msgs.empty() && bytes + m.bytes > kSyncPayloadLimitBytes)
                break;
            src->popFront();
            bytes += m.bytes;
            ++m.receiveCount;
            m.failing = m_lambda->recordFails(X.fn, m.path, m.poison != 0) ? 1 : 0;
            fails = fails || m.failing;
            B.oldestSince = std::min(B.oldestSince, m.since);
            B.msgs.push_back(id);
        }
        const auto n = static_cast<std::uint32_t>(B.msgs.size());
        if (n == 0) {
            if (Q.fifo)
                Q.groups.busy[B.group] = 0;
            freeBatch(b);
            continue;
        }
        Q.visibleCount -= n;
        Q.inFlight += n;
        ++X.inFlight;
        X.lastReceive = now;
        m_k.metrics().add(Q.m + QmReceives, n);
        // <= 10 messages per ReceiveMessage, and each 64 KB chunk of the payload it returns is
        // one request (aws-behaviour.md §4 "Pricing").
        m_k.metrics().add(Q.m + QmBilledRequests,
                          std::max(std::ceil(n / 10.0), std::ceil(bytes / 65536.0)));
        gaugeDepth(Q);
        m_k.metrics().gauge(Q.m + QmInFlight, static_cast<double>(Q.inFlight));
        // With ReportBatchItemFailures the function reports the failed messages and succeeds.
        const bool fail = fails && !X.cfg.reportBatchItemFailures;
        if (m_lambda->invoke(X.fn, m_invoker, b, B.gen, fail) == kNone) {
            // Cannot happen after canStart(); return the messages untouched to be safe.
            for (std::uint32_t i = n; i-- > 0;)
                (Q.fifo ? Q.groups.pending[B.group] : Q.visible).pushFront(B.msgs[i]);
            Q.visibleCount += n;
            Q.inFlight -= n;
            --X.inFlight;
            if (Q.fifo) {
                Q.groups.busy[B.group] = 0;
                Q.readyGroups.pushFront(B.group);
            }
            freeBatch(b);
            break;
        }
    }
}

void SqsService::batchDone(const Invocation &inv)
{
    const std::uint32_t b = inv.ctx;
    if (m_batches[b].gen != inv.ctxGen)
        return;
    const std::uint32_t x = m_batches[b].mapping;
    Mapping &X = m_maps[x];
    Queue &Q = m_queues[X.queue];
    --X.inFlight;
    // Without a partial batch response a function error returns the whole batch; with
    // ReportBatchItemFailures only the reported (failed) messages return (aws-behaviour.md §4).
    // LambdaService::succeeded() may start other batches (and grow m_batches): index, never hold a
    // ref.
    std::size_t kept = 0, deleted = 0;
    for (std::size_t i = 0; i < m_batches[b].msgs.size(); ++i) {
        const std::uint32_t id = m_batches[b].msgs[i];
        const bool failed = inv.error || (X.cfg.reportBatchItemFailures && m_k.msg(id).failing);
        if (failed) {
            m_batches[b].msgs[kept++] = id;
            continue;
        }
        ++deleted;
        --Q.inFlight;
        if (Q.fifo) {
            // In order per message group (aws-behaviour.md §4): a message sent later must not
            // have been processed before this one.
            DeliveryOrder &order = Q.groupOrder[m_batches[b].group];
            const bool first = !order.reordered();
            if (order.deliver(m_k.msg(id).since)) {
                m_k.metrics().add(Q.m + QmOutOfOrder, 1);
                if (m_batches[b].group < kMaxKeyedSeries)
                    m_k.metrics().add(Q.groupOrderSeries + m_batches[b].group, 1);
                if (first)
                    m_k.metrics().gauge(Q.m + QmReorderedGroups, ++Q.reorderedGroups);
            }
        }
        m_lambda->succeeded(X.fn, id);
    }
    Batch &B2 = m_batches[b];
    B2.msgs.resize(kept);
    B2.oldestSince = m_k.now();
    for (std::uint32_t id : B2.msgs)
        B2.oldestSince = std::min(B2.oldestSince, m_k.msg(id).since);
    if (deleted) {
        m_k.metrics().add(Q.m + QmDeletes, static_cast<double>(deleted));
        m_k.metrics().add(Q.m + QmBilledRequests, std::ceil(deleted / 10.0)); // DeleteMessageBatch
    }
    m_k.metrics().gauge(Q.m + QmInFlight, static_cast<double>(Q.inFlight));
    if (kept) {
        // Failed messages stay invisible until the visibility timeout from their receive.
        const Ticks back = B2.receivedAt + secondsToTicks(Q.cfg->visibilityTimeoutSeconds);
        m_k.schedule(back, eventTag(kKind, EvReturn), b, B2.gen);
    } else {
        if (Q.fifo) {
            Q.groups.busy[B2.group] = 0;
            if (!Q.groups.pending[B2.group].empty())
                Q.readyGroups.pushBack(B2.group);
        }
        freeBatch(b);
    }
    dispatch(x);
}

void SqsService::onReturn(std::uint32_t b, std::uint32_t gen)
{
    if (m_batches[b].gen != gen)
        return;
    const std::uint32_t x = m_batches[b].mapping;
    Queue &Q = m_queues[m_maps[x].queue];
    const std::uint32_t group = m_batches[b].group;
    const Ticks retention = Q.retention;
    for (std::size_t i = m_batches[b].msgs.size(); i-- > 0;) {
        const std::uint32_t id = m_batches[b].msgs[i];
        --Q.inFlight;
        if (Q.cfg->maxReceiveCount > 0 && m_k.msg(id).receiveCount >= Q.cfg->maxReceiveCount
            && Q.redrive != kNone) {
            // Redrive policy: received maxReceiveCount times without a delete -> DLQ
            // (aws-behaviour.md §4).
            m_k.metrics().add(Q.m + QmToDlq, 1);
            m_k.deadLetter({kKind, Q.redrive}, id);
        } else if (m_k.now() - m_k.msg(id).since >= retention) {
            m_k.metrics().add(Q.m + QmExpired, 1);
            m_k.finish(id, &Ledger::expired);
        } else {
            // Visible again; placed first as the oldest (standard order is best effort).
            (Q.fifo ? Q.groups.pending[group] : Q.visible).pushFront(id);
            ++Q.visibleCount;
        }
    }
    if (Q.fifo) {
        Q.groups.busy[group] = 0;
        if (!Q.groups.pending[group].empty())
            Q.readyGroups.pushBack(group);
    }
    gaugeDepth(Q);
    m_k.metrics().gauge(Q.m + QmInFlight, static_cast<double>(Q.inFlight));
    freeBatch(b);
    for (std::uint32_t e : Q.mappings)
        dispatch(e);
}

} // namespace swb::core
