// SQS queues (sqsservice.h): sending, delay, visibility, retention, redrive and dead letters.
#include "core/services/sqs/sqsservice.h"

#include "core/services/lambda/lambdaservice.h"

#include <algorithm>
#include <cmath>

namespace swb::core {

ServiceSlot makeSqsQueueService(Kernel &k)
{
    return ServiceSlot::of(std::make_unique<SqsService>(k));
}

void SqsService::setup()
{
    m_lambda = &m_k.service<LambdaService>();
    m_invoker = m_lambda->addInvoker<SqsService, &SqsService::batchDone>(this);
    const std::vector<SqsQueue> &cfgs = m_k.scenario().queues;
    m_queues.resize(cfgs.size());
    for (std::uint32_t i = 0; i < cfgs.size(); ++i) {
        Queue &Q = m_queues[i];
        Q.cfg = &cfgs[i];
        Q.fifo = Q.cfg->type == QueueType::Fifo;
        Q.retention = secondsToTicks(Q.cfg->retentionSeconds);
        if (Q.fifo) {
            Q.groups.init(Q.cfg->messageGroupCount);
            Q.groupOrder.resize(Q.groups.size());
            Q.sends.init(Q.cfg->callsPerSecond, Q.cfg->callsPerSecond);
            Q.receives.init(Q.cfg->callsPerSecond, Q.cfg->callsPerSecond);
        }
        Q.m = m_k.addSeries(kKind, {kKind, i}, kSqsMetrics);
        if (Q.fifo) { // per-group order counters (standard queues promise no order)
            Q.groupOrderSeries = static_cast<std::uint32_t>(m_k.metrics().seriesCount());
            const auto n = std::min<std::uint32_t>(Q.groups.size(), kMaxKeyedSeries);
            for (std::uint32_t g = 0; g < n; ++g)
                m_k.addShardSeries(kKind, {kKind, i}, kSqsMetrics[QmGroupOutOfOrder],
                                   QmGroupOutOfOrder, g);
        }
    }
}

// A queue's outgoing wires: its Lambda event source mappings (sqsmapping.cpp) and its redrive
// policy's dead-letter queue (aws-behaviour.md §4 "Redrive").
bool SqsService::wire(std::uint32_t e)
{
    const Edge &E = m_k.scenario().edges[e];
    if (E.kind == EdgeKind::EventSourceMapping && E.to.kind == ComponentKind::Lambda) {
        addMapping(e);
        return true;
    }
    if (E.kind != EdgeKind::Redrive || E.to.kind != kKind)
        return false;
    m_queues[E.from.index].redrive = E.to.index;
    if (isFifo(E.from.index) != isFifo(E.to.index))
        m_k.warn("edge " + std::to_string(e)
                 + ": a DLQ must be the same type as its queue (aws-behaviour.md §4)");
    if (m_queues[E.from.index].cfg->maxReceiveCount == 0)
        m_k.warn("edge " + std::to_string(e)
                 + ": redrive without maxReceiveCount never moves messages");
    return true;
}

void SqsService::onEvent(const Event &e)
{
    switch (eventCode(e.type)) {
    case EvDelayed:
        onDelayed(e.entity, e.gen);
        break;
    case EvReturn:
        onReturn(e.entity, e.gen);
        break;
    case EvTick:
        onTick(e.entity);
        break;
    case EvWake:
        if (m_maps[e.entity].wakeAt == m_k.now()) {
            m_maps[e.entity].wakeAt = kNever;
            dispatch(e.entity);
        }
        break;
    }
}

// A FIFO queue takes 300 SendMessage calls per second (more in high-throughput mode); above it
// the call fails with ThrottlingException and the producer's SDK retries it (aws-behaviour.md §4
// "FIFO throughput", §10). A Throttle fault lowers the quota by its factor. Producers here send
// one message per call (no SendMessageBatch). Standard queues have no documented quota.
bool SqsService::admit(std::uint32_t q, std::uint32_t)
{
    Queue &Q = m_queues[q];
    if (!Q.fifo || Q.sends.takeLimited(m_k.now(), m_k.limitFactor({kKind, q})))
        return true;
    m_k.metrics().add(Q.m + QmThrottled, 1);
    return false;
}

bool SqsService::accept(std::uint32_t q, std::uint32_t msg)
{
    Queue &Q = m_queues[q];
    Message &m = m_k.msg(msg);
    m_k.metrics().add(Q.m + QmSent, 1);
    // Every API call is a request; each 64 KB chunk counts as one (aws-behaviour.md §4 "Pricing").
    m_k.metrics().add(Q.m + QmBilledRequests, billedChunks(m.bytes, 65536));
    m.since = m_k.now(); // retention counts from the send
    m.aux = q;
    m.receiveCount = 0;
    if (Q.fifo)
        m.ctx = Q.groups.groupOf(m.key); // MessageGroupId
    if (Q.cfg->delaySeconds > 0) {
        ++Q.delayed;
        m_k.scheduleIn(secondsToTicks(Q.cfg->delaySeconds), eventTag(kKind, EvDelayed), msg, m.gen);
        return true;
    }
    makeVisible(q, msg, false);
    return true;
}

void SqsService::onDelayed(std::uint32_t msg, std::uint32_t gen)
{
    if (m_k.msg(msg).gen != gen)
        return;
    --m_queues[m_k.msg(msg).aux].delayed;
    makeVisible(m_k.msg(msg).aux, msg, false);
}

void SqsService::makeVisible(std::uint32_t q, std::uint32_t msg, bool front)
{
    Queue &Q = m_queues[q];
    if (Q.fifo) {
        const std::uint32_t g = m_k.msg(msg).ctx;
        const bool wasEmpty = Q.groups.pending[g].empty();
        front ? Q.groups.pending[g].pushFront(msg) : Q.groups.pending[g].pushBack(msg);
        if (wasEmpty && !Q.groups.busy[g])
            Q.readyGroups.pushBack(g);
    } else if (front) {
        Q.visible.pushFront(msg);
    } else if (!Q.backlog.empty() || Q.visible.size() >= m_exactHead) {
        absorb(Q, msg);
    } else {
        Q.visible.pushBack(msg);
    }
    ++Q.visibleCount;
    gaugeDepth(Q);
    for (std::uint32_t x : Q.mappings)
        dispatch(x);
}

// Messages past the retention period are deleted by SQS (aws-behaviour.md §4 "Retention").
void SqsService::expireFront(Queue &Q, RingDeque<std::uint32_t> &dq)
{
    const Ticks now = m_k.now();
    while (!dq.empty() && now - m_k.msg(dq.front()).since >= Q.retention) {
        const std::uint32_t id = dq.front();
        dq.popFront();
        --Q.visibleCount;
        m_k.metrics().add(Q.m + QmExpired, 1);
        m_k.finish(id, &Ledger::expired);
    }
}

// A new message behind a full head leaves the pool and joins the backlog's cohorts.
void SqsService::absorb(Queue &Q, std::uint32_t msg)
{
    const Message &m = m_k.msg(msg);
    Q.backlog.push(CohortQueue::unitOf(m, m.since));
    m_k.transfer(msg);
}

// Brings backlog messages back into the head, oldest first, until it holds `want` or the backlog
// is empty; messages past the retention period expire on the way (aws-behaviour.md §4).
void SqsService::refill(std::uint32_t q, std::size_t want)
{
    Queue &Q = m_queues[q];
    expireBacklog(Q);
    while (Q.visible.size() < want && !Q.backlog.empty()) {
        const CohortQueue::Unit u = Q.backlog.pop();
        const std::uint32_t id = m_k.restore(u.created, u.path);
        Message &m = m_k.msg(id);
        CohortQueue::restoreInto(u, &m);
        m.aux = q;
        Q.visible.pushBack(id);
    }
}

// Retention expiry of backlog messages, oldest first (aws-behaviour.md §4 "Retention"). The head
// is older than the backlog, so this runs once the head has none left.
void SqsService::expireBacklog(Queue &Q)
{
    const Ticks now = m_k.now();
    while (Q.visible.empty() && !Q.backlog.empty() && now - Q.backlog.frontSince() >= Q.retention) {
        const CohortQueue::Unit u = Q.backlog.pop();
        --Q.visibleCount;
        m_k.metrics().add(Q.m + QmExpired, 1);
        m_k.settleHeld(u.path, u.created, &Ledger::expired);
    }
}

void SqsService::gaugeDepth(const Queue &Q)
{
    // A dead-letter queue nobody consumes shows what it holds in its depth.
    m_k.metrics().gauge(Q.m + QmVisible, static_cast<double>(Q.visibleCount + Q.dlqHeld));
}

// Dead letters (Kernel::deadLetter): a queue with an event source mapping consumes them like any
// message; otherwise they stay, counted in its depth (aws-behaviour.md §4 "Redrive").
bool SqsService::deadLetter(std::uint32_t q, bool mayConsume)
{
    m_k.metrics().add(m_queues[q].m + QmDlqReceived, 1);
    if (mayConsume && !m_queues[q].mappings.empty())
        return true;
    hold(q, 1);
    return false;
}

// A stream mapping's on-failure destination gets one record of batch metadata per failed record
// (aws-behaviour.md §5 "On-failure destination"); the metadata stays in the queue.
void SqsService::failureNotice(std::uint32_t q, std::uint32_t units)
{
    hold(q, units);
    m_k.metrics().add(m_queues[q].m + QmDlqReceived, units);
}

// Dead letters nobody consumes are counted, not stored one by one; the first one's arrival is
// the queue's oldest message from then on (they never leave), so the oldest-age gauge and the
// backlog agree (ApproximateAgeOfOldestMessage, aws-behaviour.md §4). Not modelled: SQS keeps a
// redriven standard message's original enqueue time, so a real DLQ's oldest age can be larger
// by the time the message spent in its source queue; retention expiry of held letters.
void SqsService::hold(std::uint32_t q, std::uint64_t units)
{
    Queue &Q = m_queues[q];
    if (Q.dlqHeld == 0 && units > 0)
        Q.dlqHeldSince = m_k.now();
    Q.dlqHeld += units;
}

std::vector<std::uint32_t> SqsService::visibleMessages(std::uint32_t q) const
{
    const Queue &Q = m_queues[q];
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i < Q.visible.size(); ++i)
        out.push_back(Q.visible[i]);
    return out;
}

// sqs.oldest_age_s is CloudWatch's ApproximateAgeOfOldestMessage: the age of the oldest
// non-deleted message, so messages received and not yet deleted (in flight, e.g. failed batches
// waiting out the visibility timeout during a bad deploy) count as well as visible ones, and so
// do held dead letters (a DLQ or on-failure queue with no consumer). Not modelled: AWS's
// exception that skips a message received three times or more.
void SqsService::sampleBin()
{
    const Ticks now = m_k.now();
    MetricStore &ms = m_k.metrics();
    m_oldestInFlight.assign(m_queues.size(), now);
    for (const Batch &B : m_batches) {
        if (B.msgs.empty())
            continue; // free, or every message of it already deleted
        Ticks &o = m_oldestInFlight[m_maps[B.mapping].queue];
        o = std::min(o, B.oldestSince);
    }
    for (std::size_t q = 0; q < m_queues.size(); ++q) {
        Queue &Q = m_queues[q];
        Ticks oldest = m_oldestInFlight[q];
        if (Q.fifo) {
            for (auto &g : Q.groups.pending) {
                expireFront(Q, g);
                if (!g.empty())
                    oldest = std::min(oldest, m_k.msg(g.front()).since);
            }
        } else {
            expireFront(Q, Q.visible);
            expireBacklog(Q);
            if (!Q.visible.empty())
                oldest = std::min(oldest, m_k.msg(Q.visible.front()).since);
            else if (!Q.backlog.empty())
                oldest = std::min(oldest, Q.backlog.frontSince());
        }
        if (Q.dlqHeld > 0)
            oldest = std::min(oldest, Q.dlqHeldSince);
        gaugeDepth(Q);
        ms.gauge(Q.m + QmInFlight, static_cast<double>(Q.inFlight));
        ms.gauge(Q.m + QmOldestAge, ticksToSeconds(now - oldest));
    }
}

} // namespace swb::core
