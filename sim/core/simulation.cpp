#include "core/simulation.h"

#include "core/engine.h"

namespace swb::core {

Simulation::Simulation(const Scenario &scenario)
    : m_engine(std::make_unique<Engine>(scenario))
{
    m_engine->m_owner = this;
}

Simulation::~Simulation() = default;

const std::vector<std::string> &Simulation::warnings() const
{
    return m_engine->m_warnings;
}
bool Simulation::step()
{
    return m_engine->step();
}
void Simulation::runUntil(double seconds)
{
    m_engine->runUntil(secondsToTicks(seconds));
}
bool Simulation::finished() const
{
    return m_engine->finished();
}
double Simulation::now() const
{
    return ticksToSeconds(m_engine->m_q.now());
}
double Simulation::durationSeconds() const
{
    return ticksToSeconds(m_engine->m_end);
}
void Simulation::setFrameSink(FrameSink *sink)
{
    m_engine->m_sink = sink;
}
const MetricStore &Simulation::metrics() const
{
    return m_engine->m_metrics;
}
std::uint64_t Simulation::eventsProcessed() const
{
    return m_engine->m_events;
}
Engine &Simulation::engine()
{
    return *m_engine;
}

const Ledger &Simulation::ledger() const
{
    m_engine->m_ledger.inFlight = m_engine->m_liveMsgs + m_engine->m_liveRecords;
    return m_engine->m_ledger;
}

double Simulation::latencyQuantileMs(std::uint32_t sourceIndex, double q) const
{
    if (sourceIndex >= m_engine->m_sources.size())
        return 0;
    LatencyHistogram h = m_engine->m_sources[sourceIndex].totalHist;
    h.merge(m_engine->m_sources[sourceIndex].binHist);
    return h.quantile(q) / 1000.0;
}

} // namespace swb::core
