#include "core/engine.h"

#include <algorithm>
#include <cmath>

namespace swb::core {

Engine::Engine(Kernel &k)
    : m_k(k)
    , m_sc(k.m_sc)
    , m_q(k.m_q)
    , m_metrics(k.m_metrics)
    , m_ledger(k.m_ledger)
    , m_msgs(k.m_msgs)
{}

void Engine::dispatch(const Event &e)
{
    switch (e.type) {
    case EvArrival:
        onArrival(e.entity);
        break;
    case EvSqsDelayed:
        onSqsDelayed(e.entity, e.gen);
        break;
    case EvSqsReturn:
        onSqsReturn(e.entity, e.gen);
        break;
    case EvEsmTick:
        onEsmTick(e.entity);
        break;
    case EvEsmWake:
        if (m_sqsEsms[e.entity].wakeAt == m_q.now()) {
            m_sqsEsms[e.entity].wakeAt = kNever;
            esmDispatch(e.entity);
        }
        break;
    case EvKinesisWake:
        m_kinEsms[e.entity].lanes[e.aux].armed = false;
        laneTry(e.entity, e.aux, false);
        break;
    case EvSnsRetry:
        onSnsRetry(e.entity, e.gen);
        break;
    case EvSfnRetry:
        onSfnRetry(e.entity, e.gen);
        break;
    case EvApiTimeout:
        onApiTimeout(e.entity, e.gen, e.aux);
        break;
    }
}

void Engine::sampleBin()
{
    sampleQueues();
    sampleStreams();
    for (ApiState &A : m_apis) {
        m_metrics.setLast(A.m + AmP50, A.binHist.quantile(0.50) / 1000.0);
        m_metrics.setLast(A.m + AmP95, A.binHist.quantile(0.95) / 1000.0);
        m_metrics.setLast(A.m + AmP99, A.binHist.quantile(0.99) / 1000.0);
        if (A.binHist.count())
            A.binHist.clear();
    }
    for (std::size_t s = 0; s < m_sources.size(); ++s) {
        const LatencyHistogram &h = m_k.pathBinLatency(static_cast<std::uint16_t>(s));
        m_metrics.setLast(m_sources[s].m + SrP50, h.quantile(0.50) / 1000.0);
        m_metrics.setLast(m_sources[s].m + SrP95, h.quantile(0.95) / 1000.0);
        m_metrics.setLast(m_sources[s].m + SrP99, h.quantile(0.99) / 1000.0);
    }
}

// Dead letters (Kernel::deadLetter): a queue with an event source mapping, or a topic with
// subscriptions, consumes them; otherwise they stay there.
bool Engine::sqsDeadLetter(std::uint32_t q, bool mayConsume)
{
    m_metrics.add(m_queues[q].m + QmDlqReceived, 1);
    if (mayConsume && !m_queues[q].esms.empty())
        return true;
    ++m_queues[q].dlqHeld;
    return false;
}

void Engine::sqsFailureNotice(std::uint32_t q, std::uint32_t units)
{
    m_queues[q].dlqHeld += units;
    m_metrics.add(m_queues[q].m + QmDlqReceived, units);
}

bool Engine::snsDeadLetter(std::uint32_t t, bool mayConsume)
{
    if (mayConsume && !m_topics[t].subs.empty())
        return true;
    m_metrics.add(m_topics[t].m + SmPublishes, 1);
    return false;
}

} // namespace swb::core
