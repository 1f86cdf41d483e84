// The Lambda event source mapping of an SQS queue (aws-behaviour.md §4 "Lambda event source
// mapping"): its set-up (batch size, poller cap, MaximumConcurrency) and the once-a-second poller
// scaling with the empty receives of idle long polls. Receiving, invoking and deleting batches is
// in sqsservice.cpp.
#include "core/engine.h"

#include <algorithm>
#include <cmath>

namespace swb::core {

void Engine::addSqsEsm(std::uint32_t e)
{
    const Edge &E = m_sc.edges[e];
    SqsEsm X;
    X.cfg = E.esm;
    X.fn = E.to.index;
    X.queue = E.from.index;
    X.cfg.batchSize = std::max<std::uint32_t>(1, X.cfg.batchSize);
    QueueState &Q = m_queues[X.queue];
    if (Q.fifo)
        X.cfg.batchSize =
            std::min<std::uint32_t>(10, X.cfg.batchSize); // FIFO max 10 (aws-behaviour.md §4)
    // Poller scale-up (aws-behaviour.md §4, services-sqs-scaling): start at 5 concurrent batches,
    // then +300/min to 1,250 (current) or +60/min to 1,000 (before late 2023); capped by
    // ScalingConfig.MaximumConcurrency when set.
    const bool legacy = m_sc.account.sqsPollerScaling == ScalingMode::Legacy2018;
    X.rampPerSecond = legacy ? 1.0 : 5.0;
    X.cap = legacy ? 1000 : 1250;
    if (X.cfg.maximumConcurrency > 0)
        X.cap = std::min<double>(X.cap, X.cfg.maximumConcurrency);
    X.limit = std::min<double>(std::max<std::uint32_t>(1, X.cfg.startingPollers), X.cap);
    const double fnTimeout = m_sc.lambdas[X.fn].timeoutSeconds;
    if (fnTimeout > Q.cfg->visibilityTimeoutSeconds)
        m_k.warn(Q.cfg->name
                 + ": visibility timeout below the function timeout "
                   "(Lambda rejects this event source mapping)");
    Q.esms.push_back(static_cast<std::uint32_t>(m_sqsEsms.size()));
    m_sqsEsms.push_back(X);
}

// Poller scaling and empty receives, once per second (aws-behaviour.md §4 "Lambda event source
// mapping", services-sqs-scaling). Pollers long-poll (WaitTimeSeconds 20, the SQS maximum) and a
// long poll returns as soon as a message is available (SQS "short and long polling"), so with no
// batching window every message is received at once by an idle poller. Lambda adds pollers while
// messages wait and every poller is busy, and releases them when the queue is idle: here, when no
// receive has returned a message for a whole long poll (20 s). Only then do the idle pollers' long
// polls come back empty, each a billed request every 20 s.
void Engine::onEsmTick(std::uint32_t x)
{
    constexpr Ticks kLongPoll = 20 * kTicksPerSecond;
    SqsEsm &X = m_sqsEsms[x];
    QueueState &Q = m_queues[X.queue];
    const bool idle = Q.visibleCount == 0 && m_q.now() - X.lastReceive >= kLongPoll;
    if (Q.visibleCount > 0 && X.inFlight >= static_cast<std::uint32_t>(X.limit))
        X.limit = std::min(X.cap, X.limit + X.rampPerSecond); // backlog: add pollers
    else if (idle)
        X.limit = std::max(std::min<double>(X.cfg.startingPollers, X.cap),
                           X.limit - X.rampPerSecond); // idle: drop back towards 5
    if (idle) {
        const double waiting = std::floor(X.limit) - std::min<double>(X.inFlight, X.limit);
        m_metrics.add(Q.m + QmBilledRequests, waiting / 20.0);
    }
    m_metrics.gauge(Q.m + QmPollers, std::floor(X.limit));
    if (m_q.now() + kTicksPerSecond < m_end)
        m_q.scheduleIn(kTicksPerSecond, EvEsmTick, x);
    esmDispatch(x);
}

} // namespace swb::core
