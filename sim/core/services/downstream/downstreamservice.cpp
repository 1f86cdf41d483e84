#include "core/services/downstream/downstreamservice.h"

#include <algorithm>

namespace swb::core {

ServiceSlot makeDownstreamService(Kernel &k)
{
    return ServiceSlot::of(std::make_unique<DownstreamService>(k));
}

void DownstreamService::setup()
{
    const std::vector<Downstream> &cfgs = m_k.scenario().downstreams;
    m_deps.resize(cfgs.size());
    for (std::uint32_t i = 0; i < cfgs.size(); ++i) {
        Dependency &D = m_deps[i];
        D.cfg = &cfgs[i];
        D.tps.init(D.cfg->capacityTps, D.cfg->capacityTps);
        D.rng.reseed(m_k.rngSeed({kKind, i}));
        D.m = m_k.addSeries(kKind, {kKind, i}, kDownstreamMetrics);
    }
}

bool DownstreamService::call(std::uint32_t d, double &latencyMs)
{
    Dependency &D = m_deps[d];
    MetricStore &ms = m_k.metrics();
    latencyMs = 0;
    ms.add(D.m + DmCalls, 1);
    if (const Fault *f = m_k.activeFault(FaultKind::Outage, {kKind, d})) {
        if (D.rng.bernoulli(f->errorRate)) {
            ms.add(D.m + DmRejections, 1);
            return false;
        }
    }
    const bool overloaded = D.connections >= D.cfg->maxConnections || !D.tps.take(m_k.now());
    if (overloaded && D.rng.bernoulli(D.cfg->errorRateWhenOverloaded)) {
        ms.add(D.m + DmRejections, 1);
        return false;
    }
    latencyMs = D.rng.logNormalMeanCv(D.cfg->latencyMeanMs, 0.5);
    ++D.connections;
    ms.gauge(D.m + DmConnections, D.connections);
    m_k.scheduleIn(std::max<Ticks>(1, msToTicks(latencyMs)), eventTag(kKind, EvRelease), d);
    return true;
}

void DownstreamService::onEvent(const Event &e)
{
    Dependency &D = m_deps[e.entity];
    --D.connections;
    m_k.metrics().gauge(D.m + DmConnections, D.connections);
}

bool DownstreamService::accept(std::uint32_t d, std::uint32_t msg)
{
    double latency = 0;
    if (call(d, latency)) {
        m_k.succeed(msg);
        return true;
    }
    m_k.finish(msg, &Ledger::rejected);
    return false;
}

} // namespace swb::core
