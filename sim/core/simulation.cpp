#include "core/simulation.h"

#include "core/kernel.h"

namespace swb::core {

Simulation::Simulation(const Scenario &scenario)
    : m_kernel(std::make_unique<Kernel>(scenario))
{}

Simulation::~Simulation() = default;

const std::vector<std::string> &Simulation::warnings() const
{
    return m_kernel->warnings();
}
bool Simulation::step()
{
    return m_kernel->step();
}
void Simulation::runUntil(double seconds)
{
    m_kernel->runUntil(secondsToTicks(seconds));
}
bool Simulation::runUntil(double seconds, std::uint64_t maxEvents)
{
    return m_kernel->runUntil(secondsToTicks(seconds), maxEvents);
}
bool Simulation::finished() const
{
    return m_kernel->finished();
}
double Simulation::now() const
{
    return ticksToSeconds(m_kernel->now());
}
double Simulation::durationSeconds() const
{
    return ticksToSeconds(m_kernel->end());
}
void Simulation::setFrameSink(FrameSink *sink)
{
    m_kernel->setFrameSink(sink, this);
}
const MetricStore &Simulation::metrics() const
{
    return m_kernel->metrics();
}
std::uint64_t Simulation::eventsProcessed() const
{
    return m_kernel->eventsProcessed();
}
Kernel &Simulation::kernel()
{
    return *m_kernel;
}

const Ledger &Simulation::ledger() const
{
    return m_kernel->ledger();
}

double Simulation::latencyQuantileMs(std::uint32_t sourceIndex, double q) const
{
    if (sourceIndex >= m_kernel->scenario().sources.size())
        return 0;
    return m_kernel->pathLatency(static_cast<std::uint16_t>(sourceIndex)).quantile(q) / 1000.0;
}

} // namespace swb::core
