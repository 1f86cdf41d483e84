// SQS (aws-behaviour.md §4): standard and FIFO queues with delay, visibility timeout, receive
// count, redrive to a DLQ after maxReceiveCount and retention expiry; the Lambda event source
// mapping's batches (batch size, batching window, partial batch responses). Its set-up and poller
// scaling are in sqsmapping.cpp.
#include "core/engine.h"

#include <algorithm>
#include <cmath>

namespace swb::core {

namespace {
constexpr double kSixMb =
    6.0 * 1024 * 1024; // sync invoke payload cap bounds a batch (aws-behaviour.md §4)
}

bool Engine::sqsSend(std::uint32_t q, std::uint32_t msg)
{
    QueueState &Q = m_queues[q];
    Message &m = m_msgs[msg];
    m_metrics.add(Q.m + QmSent, 1);
    // Every API call is a request; each 64 KB chunk counts as one (aws-behaviour.md §4 "Pricing").
    m_metrics.add(Q.m + QmBilledRequests, std::max(1.0, std::ceil(m.bytes / 65536.0)));
    m.since = m_q.now(); // retention counts from the send
    m.aux = q;
    m.receiveCount = 0;
    if (Q.fifo)
        m.ctx = Q.groups.groupOf(m.key); // MessageGroupId
    if (Q.cfg->delaySeconds > 0) {
        ++Q.delayed;
        m_q.scheduleIn(secondsToTicks(Q.cfg->delaySeconds), EvSqsDelayed, msg, m.gen);
        return true;
    }
    sqsMakeVisible(q, msg, false);
    return true;
}

void Engine::onSqsDelayed(std::uint32_t msg, std::uint32_t gen)
{
    if (m_msgs[msg].gen != gen)
        return;
    --m_queues[m_msgs[msg].aux].delayed;
    sqsMakeVisible(m_msgs[msg].aux, msg, false);
}

void Engine::sqsMakeVisible(std::uint32_t q, std::uint32_t msg, bool front)
{
    QueueState &Q = m_queues[q];
    if (Q.fifo) {
        const std::uint32_t g = m_msgs[msg].ctx;
        const bool wasEmpty = Q.groups.pending[g].empty();
        front ? Q.groups.pending[g].pushFront(msg) : Q.groups.pending[g].pushBack(msg);
        if (wasEmpty && !Q.groups.busy[g])
            Q.readyGroups.pushBack(g);
    } else {
        front ? Q.visible.pushFront(msg) : Q.visible.pushBack(msg);
    }
    ++Q.visibleCount;
    m_metrics.gauge(Q.m + QmVisible, static_cast<double>(Q.visibleCount + Q.dlqHeld));
    for (std::uint32_t x : Q.esms)
        esmDispatch(x);
}

// Messages past the retention period are deleted by SQS (aws-behaviour.md §4 "Retention").
void Engine::expireFront(QueueState &Q, RingDeque<std::uint32_t> &dq)
{
    const Ticks limit = secondsToTicks(Q.cfg->retentionSeconds);
    while (!dq.empty() && m_q.now() - m_msgs[dq.front()].since >= limit) {
        const std::uint32_t id = dq.front();
        dq.popFront();
        --Q.visibleCount;
        m_metrics.add(Q.m + QmExpired, 1);
        finish(id, &Ledger::expired);
    }
}

std::uint32_t Engine::allocBatch()
{
    if (!m_freeBatches.empty()) {
        const std::uint32_t b = m_freeBatches.back();
        m_freeBatches.pop_back();
        return b;
    }
    m_batches.emplace_back();
    return static_cast<std::uint32_t>(m_batches.size() - 1);
}

void Engine::freeBatch(std::uint32_t b)
{
    SqsBatch &B = m_batches[b];
    B.msgs.clear();
    B.failed.clear();
    ++B.gen;
    m_freeBatches.push_back(b);
}

void Engine::esmDispatch(std::uint32_t x)
{
    SqsEsm &X = m_sqsEsms[x];
    QueueState &Q = m_queues[X.queue];
    const Ticks now = m_q.now();
    while (X.inFlight < static_cast<std::uint32_t>(X.limit) && Q.visibleCount > 0) {
        if (!Q.fifo) {
            expireFront(Q, Q.visible);
            if (Q.visible.empty())
                break;
            // Batching window: wait until the batch is full or the window has passed since the
            // oldest message arrived (MaximumBatchingWindowInSeconds, aws-behaviour.md §4). Not for
            // FIFO.
            if (X.cfg.batchingWindowSeconds > 0 && Q.visibleCount < X.cfg.batchSize) {
                const Ticks due =
                    m_msgs[Q.visible.front()].since + secondsToTicks(X.cfg.batchingWindowSeconds);
                if (due > now) {
                    if (X.wakeAt > due) {
                        X.wakeAt = due;
                        m_q.schedule(due, EvEsmWake, x);
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
                m_q.schedule(due, EvEsmWake, x);
            }
            break;
        }
        const std::uint32_t b = allocBatch();
        SqsBatch &B = m_batches[b];
        B.esm = x;
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
            if (Q.readyGroups.empty()) {
                freeBatch(b);
                break;
            }
            B.group = Q.readyGroups.front();
            Q.readyGroups.popFront();
            Q.groups.busy[B.group] = 1;
            src = &Q.groups.pending[B.group];
            expireFront(Q, *src);
        }
        bool poison = false;
        while (!src->empty() && B.msgs.size() < X.cfg.batchSize) {
            const std::uint32_t id = src->front();
            if (!B.msgs.empty() && bytes + m_msgs[id].bytes > kSixMb)
                break;
            src->popFront();
            bytes += m_msgs[id].bytes;
            ++m_msgs[id].receiveCount;
            poison = poison || m_msgs[id].poison;
            B.msgs.push_back(id);
        }
        const auto n = static_cast<std::uint32_t>(B.msgs.size());
        B.oldestSince = now;
        for (std::uint32_t id : B.msgs)
            B.oldestSince = std::min(B.oldestSince, m_msgs[id].since);
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
        m_metrics.add(Q.m + QmReceives, n);
        // <= 10 messages per ReceiveMessage, and each 64 KB chunk of the payload it returns is
        // one request (aws-behaviour.md §4 "Pricing").
        m_metrics.add(Q.m + QmBilledRequests,
                      std::max(std::ceil(n / 10.0), std::ceil(bytes / 65536.0)));
        m_metrics.gauge(Q.m + QmVisible, static_cast<double>(Q.visibleCount + Q.dlqHeld));
        m_metrics.gauge(Q.m + QmInFlight, static_cast<double>(Q.inFlight));
        // With ReportBatchItemFailures the function reports the poison messages and succeeds.
        const bool fail = poison && !X.cfg.reportBatchItemFailures;
        if (m_lambda->invoke(X.fn, m_invSqs, b, B.gen, fail) == kNone) {
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

void Engine::sqsBatchDone(const Invocation &inv)
{
    const std::uint32_t b = inv.ctx;
    if (m_batches[b].gen != inv.ctxGen)
        return;
    const std::uint32_t x = m_batches[b].esm;
    SqsEsm &X = m_sqsEsms[x];
    QueueState &Q = m_queues[X.queue];
    --X.inFlight;
    // Without a partial batch response a function error returns the whole batch; with
    // ReportBatchItemFailures only the reported (poison) messages return (aws-behaviour.md §4).
    // LambdaService::succeeded() may start other batches (and grow m_batches): index, never hold a
    // ref.
    std::size_t kept = 0, deleted = 0;
    for (std::size_t i = 0; i < m_batches[b].msgs.size(); ++i) {
        const std::uint32_t id = m_batches[b].msgs[i];
        const bool failed = inv.error || (X.cfg.reportBatchItemFailures && m_msgs[id].poison);
        if (failed) {
            m_batches[b].msgs[kept++] = id;
            continue;
        }
        ++deleted;
        --Q.inFlight;
        m_lambda->succeeded(X.fn, id);
    }
    SqsBatch &B2 = m_batches[b];
    B2.msgs.resize(kept);
    B2.oldestSince = m_q.now();
    for (std::uint32_t id : B2.msgs)
        B2.oldestSince = std::min(B2.oldestSince, m_msgs[id].since);
    if (deleted) {
        m_metrics.add(Q.m + QmDeletes, static_cast<double>(deleted));
        m_metrics.add(Q.m + QmBilledRequests, std::ceil(deleted / 10.0)); // DeleteMessageBatch
    }
    m_metrics.gauge(Q.m + QmInFlight, static_cast<double>(Q.inFlight));
    if (kept) {
        // Failed messages stay invisible until the visibility timeout from their receive.
        const Ticks back = B2.receivedAt + secondsToTicks(Q.cfg->visibilityTimeoutSeconds);
        m_q.schedule(back, EvSqsReturn, b, B2.gen);
    } else {
        if (Q.fifo) {
            Q.groups.busy[B2.group] = 0;
            if (!Q.groups.pending[B2.group].empty())
                Q.readyGroups.pushBack(B2.group);
        }
        freeBatch(b);
    }
    esmDispatch(x);
}

void Engine::onSqsReturn(std::uint32_t b, std::uint32_t gen)
{
    if (m_batches[b].gen != gen)
        return;
    const std::uint32_t x = m_batches[b].esm;
    QueueState &Q = m_queues[m_sqsEsms[x].queue];
    const std::uint32_t group = m_batches[b].group;
    const Ticks retention = secondsToTicks(Q.cfg->retentionSeconds);
    for (std::size_t i = m_batches[b].msgs.size(); i-- > 0;) {
        const std::uint32_t id = m_batches[b].msgs[i];
        --Q.inFlight;
        if (Q.cfg->maxReceiveCount > 0 && m_msgs[id].receiveCount >= Q.cfg->maxReceiveCount
            && Q.redrive != kNone) {
            // Redrive policy: received maxReceiveCount times without a delete -> DLQ
            // (aws-behaviour.md §4).
            m_metrics.add(Q.m + QmToDlq, 1);
            deadLetter({ComponentKind::SqsQueue, Q.redrive}, id);
        } else if (m_q.now() - m_msgs[id].since >= retention) {
            m_metrics.add(Q.m + QmExpired, 1);
            finish(id, &Ledger::expired);
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
    m_metrics.gauge(Q.m + QmVisible, static_cast<double>(Q.visibleCount + Q.dlqHeld));
    m_metrics.gauge(Q.m + QmInFlight, static_cast<double>(Q.inFlight));
    freeBatch(b);
    for (std::uint32_t e : Q.esms)
        esmDispatch(e);
}

// sqs.oldest_age_s is CloudWatch's ApproximateAgeOfOldestMessage: the age of the oldest
// non-deleted message, so messages received and not yet deleted (in flight, e.g. failed batches
// waiting out the visibility timeout during a bad deploy) count as well as visible ones. Not
// modelled: AWS's exception that skips a message received three times or more.
void Engine::sampleQueues()
{
    const Ticks now = m_q.now();
    std::vector<Ticks> oldestInFlight(m_queues.size(), now);
    for (const SqsBatch &B : m_batches) {
        if (B.msgs.empty())
            continue; // free, or every message of it already deleted
        Ticks &o = oldestInFlight[m_sqsEsms[B.esm].queue];
        o = std::min(o, B.oldestSince);
    }
    for (std::size_t q = 0; q < m_queues.size(); ++q) {
        QueueState &Q = m_queues[q];
        Ticks oldest = oldestInFlight[q];
        if (Q.fifo) {
            for (auto &g : Q.groups.pending) {
                expireFront(Q, g);
                if (!g.empty())
                    oldest = std::min(oldest, m_msgs[g.front()].since);
            }
        } else {
            expireFront(Q, Q.visible);
            if (!Q.visible.empty())
                oldest = std::min(oldest, m_msgs[Q.visible.front()].since);
        }
        m_metrics.gauge(Q.m + QmVisible, static_cast<double>(Q.visibleCount + Q.dlqHeld));
        m_metrics.gauge(Q.m + QmInFlight, static_cast<double>(Q.inFlight));
        m_metrics.gauge(Q.m + QmOldestAge, ticksToSeconds(now - oldest));
    }
}

} // namespace swb::core
