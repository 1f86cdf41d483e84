// Kernel set-up, run loop and bin closing. Set-up runs the services' hooks in registry order
// (core/service.h lists them); the run loop pops events and hands each to the service its tag
// names; a bin closes with every service's sampling, then the ledger's values.
#include "core/kernel.h"

#include "core/simulation.h"

#include <algorithm>
#include <cmath>

namespace swb::core {

Kernel::Kernel(const Scenario &sc)
    : m_sc(sc)
{
    compile();
}

Kernel::~Kernel()
{
    for (ServiceSlot &s : m_slots)
        if (s.destroy)
            s.destroy(s.self);
}

void Kernel::compile()
{
    const Scenario &sc = m_sc;
    double bw = sc.binWidthSeconds;
    if (bw <= 0)
        bw = std::max(1.0, std::ceil(sc.durationSeconds / 3600.0));
    // Metric memory is bins x series: refuse more than 100,000 bins by widening them.
    if (sc.durationSeconds / bw > 100000) {
        bw = std::ceil(sc.durationSeconds / 100000);
        // A whole number of seconds: printed as one ("2 s", not "2.000000 s").
        warn("metric bin width widened to " + std::to_string(static_cast<long long>(bw))
             + " s (at most 100,000 bins per run)");
    }
    m_binWidth = std::max<Ticks>(1, secondsToTicks(bw));
    m_end = secondsToTicks(std::max(0.0, sc.durationSeconds));
    m_binTotal = static_cast<std::size_t>((m_end + m_binWidth - 1) / m_binWidth);
    m_binEnd = std::min(m_binWidth, m_end);

    makeServiceSlots(*this, m_slots, m_order);
    auto each = [this](void (*ServiceSlot::*hook)(void *)) {
        for (const ComponentKind k : m_order) {
            const ServiceSlot &s = m_slots[kindIndex(k)];
            if (s.*hook)
                (s.*hook)(s.self);
        }
    };
    each(&ServiceSlot::declareAccountSeries);
    m_ledgerSeries = addSeries(ComponentKind::None, {}, kLedgerMetrics);
    each(&ServiceSlot::setup);
    for (std::uint32_t e = 0; e < sc.edges.size(); ++e)
        compileEdge(e);
    each(&ServiceSlot::finishWiring);
    m_metrics.start(ticksToSeconds(m_binWidth), m_binTotal);
    each(&ServiceSlot::start);
    each(&ServiceSlot::startTraffic);
}

// An edge belongs to the service it leaves: that service interprets its kind and settings.
void Kernel::compileEdge(std::uint32_t e)
{
    const Edge &E = m_sc.edges[e];
    auto known = [&](ComponentRef r) { return r.valid() && r.index < componentCount(r.kind); };
    if (!known(E.from) || !known(E.to)) {
        warn("edge " + std::to_string(e) + ": unknown component");
        return;
    }
    const ServiceSlot &s = m_slots[kindIndex(E.from.kind)];
    if (!s.wire || !s.wire(s.self, e))
        warn("edge " + std::to_string(e) + ": unsupported wiring, ignored");
}

bool Kernel::step()
{
    while (!finished() && m_q.nextTime() >= m_binEnd) {
        m_q.advanceTo(m_binEnd);
        closeBin();
    }
    if (finished())
        return false;
    Event e;
    m_q.pop(e);
    ++m_events;
    dispatch(e);
    return true;
}

bool Kernel::runUntil(Ticks until, std::uint64_t maxEvents)
{
    until = std::min(until, m_end);
    Event e;
    for (std::uint64_t budget = maxEvents; !finished();) {
        const Ticks t = m_q.nextTime();
        if (t >= m_binEnd && m_binEnd <= until) {
            m_q.advanceTo(m_binEnd);
            closeBin();
            continue;
        }
        if (t >= until) {
            m_q.advanceTo(until);
            return true;
        }
        if (budget-- == 0)
            return false; // stopped between two events: nothing half done
        m_q.pop(e);
        ++m_events;
        dispatch(e);
    }
    return true;
}

void Kernel::setFrameSink(FrameSink *sink, const Simulation *owner)
{
    m_sink = sink;
    m_owner = owner;
}

void Kernel::closeBin()
{
    for (const ComponentKind k : m_order) {
        const ServiceSlot &s = m_slots[kindIndex(k)];
        if (s.sampleBin)
            s.sampleBin(s.self);
    }
    m_ledger.inFlight = m_liveMsgs + m_held;
    const std::uint64_t vals[LgCount] = {
        m_ledger.produced, m_ledger.inFlight, m_ledger.succeeded, m_ledger.deadLettered,
        m_ledger.expired,  m_ledger.rejected, m_ledger.dropped};
    for (std::uint32_t i = 0; i < LgCount; ++i)
        m_metrics.setLast(m_ledgerSeries + i, static_cast<double>(vals[i]));
    for (PathLatency &p : m_paths)
        if (p.bin.count()) {
            p.total.merge(p.bin);
            p.bin.clear();
        }
    m_metrics.closeBin();
    ++m_binsClosed;
    m_binEnd = std::min(static_cast<Ticks>(m_binsClosed + 1) * m_binWidth, m_end);
    if (m_sink && m_owner)
        m_sink->onBinClosed(*m_owner, m_binsClosed - 1);
}

std::uint32_t Kernel::addSeries(ComponentKind owner, ComponentRef c, const MetricDecl *table,
                                std::size_t n, MetricScope scope)
{
    std::uint32_t base = MetricStore::kNoSeries;
    for (std::size_t i = 0; i < n; ++i) {
        const MetricDecl &d = table[i];
        if (d.scope != scope)
            continue;
        const std::uint32_t s =
            m_metrics.addSeries(c, d.name, d.unit, d.agg, {owner, static_cast<std::uint16_t>(i)});
        if (base == MetricStore::kNoSeries)
            base = s - static_cast<std::uint32_t>(i);
    }
    return base;
}

std::uint32_t Kernel::addShardSeries(ComponentKind owner, ComponentRef c, const MetricDecl &decl,
                                     std::uint16_t metricIndex, std::uint32_t shard)
{
    std::string name = decl.name;
    if (const auto hash = name.find('#'); hash != std::string::npos)
        name.replace(hash, 1, std::to_string(shard));
    return m_metrics.addSeries(c, std::move(name), decl.unit, decl.agg, {owner, metricIndex},
                               shard);
}

const Fault *Kernel::activeFault(FaultKind k, ComponentRef c) const
{
    const Ticks now = m_q.now();
    for (const Fault &f : m_sc.faults)
        if (f.kind == k && f.edge == kNone && f.target == c && now >= secondsToTicks(f.startSeconds)
            && now < secondsToTicks(f.startSeconds + f.durationSeconds))
            return &f;
    return nullptr;
}

const Fault *Kernel::activeEdgeFault(FaultKind k, std::uint32_t e) const
{
    const Ticks now = m_q.now();
    for (const Fault &f : m_sc.faults)
        if (f.kind == k && f.edge == e && now >= secondsToTicks(f.startSeconds)
            && now < secondsToTicks(f.startSeconds + f.durationSeconds))
            return &f;
    return nullptr;
}

} // namespace swb::core
