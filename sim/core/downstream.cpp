// Generic downstream dependency (DESIGN.md): capacity in TPS and connections plus latency.
// Calls above capacity fail with errorRateWhenOverloaded; the failures flow back into the caller's
// errors and retries. A DownstreamOutage fault fails calls with its error rate.
#include "core/engine.h"
#include "core/metricids.h"

#include <algorithm>

namespace swb::core {

bool Engine::downstreamCall(std::uint32_t d, double &latencyMs)
{
    DownstreamState &D = m_downs[d];
    latencyMs = 0;
    m_metrics.add(D.m + DmCalls, 1);
    if (const Fault *f = activeFault(FaultKind::DownstreamOutage, {ComponentKind::Downstream, d})) {
        if (D.rng.bernoulli(f->errorRate)) {
            m_metrics.add(D.m + DmRejections, 1);
            return false;
        }
    }
    const bool overloaded = D.connections >= D.cfg->maxConnections || !D.tps.take(m_q.now());
    if (overloaded && D.rng.bernoulli(D.cfg->errorRateWhenOverloaded)) {
        m_metrics.add(D.m + DmRejections, 1);
        return false;
    }
    latencyMs = D.rng.logNormalMeanCv(D.cfg->latencyMeanMs, 0.5);
    ++D.connections;
    m_metrics.gauge(D.m + DmConnections, D.connections);
    m_q.scheduleIn(std::max<Ticks>(1, msToTicks(latencyMs)), EvDownstreamRelease, d);
    return true;
}

} // namespace swb::core
