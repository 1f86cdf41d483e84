// A downstream dependency in the simulation: capacity, connections and latency.

#include "sim/scenariobuilder_p.h"
#include "sim/services/simservice.h"

#include "model/humanformat.h"

#include "model/services/downstream/downstream.h"

namespace swb::downstream {

using detail::Severity;
using detail::u32;
using detail::utf8;

namespace {

std::uint32_t add(detail::Builder &b, const Component &c)
{
    const Params p = Params::of(c.params);
    core::Downstream d;
    d.name = utf8(c.name);
    d.capacityTps = p.capacity;
    d.maxConnections = u32(double(p.maxConnections));
    d.latencyMeanMs = p.latency;
    if (p.errorRate > 0)
        b.note(Severity::Info, "sim-approx-downstream-errors",
               QStringLiteral("Downstream '%1': its base error rate is not simulated; only "
                              "overload (capacity, connections) and outages fail calls")
                   .arg(c.name),
               {c.id});
    core::Scenario &sc = b.scenario();
    sc.downstreams.push_back(d);
    return u32(double(sc.downstreams.size() - 1));
}

void summarize(const SummaryReader &v, const core::Simulation &, core::ComponentRef,
               ComponentSummary *c)
{
    c->peakConcurrency = v("downstream.connections");
    c->throttles = v("downstream.rejections");
}

// Open connections against the dependency's capacity; rejected calls.
void live(const BlockFrame &f, const LiveContext &, LiveFigures *o)
{
    const double rejections = f.get(core::DmRejections);
    o->inPerSecond = f.rate(core::DmCalls);
    o->topBadge = QStringLiteral("%1 conn").arg(compactNumber(f.get(core::DmConnections)));
    if (rejections > 0) {
        o->raise(LiveSeverity::Error);
        o->bottomBadge = QStringLiteral("rejected %1").arg(compactNumber(rejections));
    }
    o->tip(liveText("Calls"), f.get(core::DmCalls));
    o->tip(liveText("Rejections"), rejections);
    o->tip(liveText("Connections"), f.get(core::DmConnections));
}

} // namespace

const SimService &simService()
{
    static const SimService s{
        ComponentKind::Downstream,
        core::ComponentKind::Downstream,
        add,
        0,
        nullptr,
        summarize,
        live,
    };
    return s;
}

} // namespace swb::downstream
