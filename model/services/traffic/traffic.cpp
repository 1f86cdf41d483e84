#include "model/services/traffic/traffic.h"

#include "model/design.h"
#include "model/services/flowrule.h"

#include <algorithm>

namespace swb::traffic {

SWB_PARAM_READER(Params, SWB_TRAFFIC_PARAMS)

double meanRate(const Design &design, const Component &source, double runDuration)
{
    const Params p = Params::of(source.params);
    if (!(runDuration > 0))
        return p.rate;
    // Share of the run during which [start, start + length) overlaps [0, runDuration).
    auto share = [runDuration](double start, double length) {
        const double a = std::clamp(start, 0.0, runDuration);
        const double b = std::clamp(start + length, 0.0, runDuration);
        return (b - a) / runDuration;
    };
    // The diurnal curve's mean is the 'Mean rate' by definition; a spike or step adds
    // (multiplier - 1) x rate for the share of the run it covers.
    double factor = 1;
    if (p.pattern == Pattern::Spike)
        factor += (p.spikeMultiplier - 1) * share(p.spikeStart, p.spikeDuration);
    else if (p.pattern == Pattern::Step)
        factor += (p.spikeMultiplier - 1) * share(p.spikeStart, runDuration);
    // Traffic-spike faults multiply the rate during their window (spikes assumed not to overlap).
    for (const Fault &fault : design.faults) {
        if (fault.kind == FaultKind::TrafficSpike && fault.target == source.id)
            factor += (fault.rateFactor - 1) * share(fault.start, fault.duration);
    }
    return p.rate * std::max(0.0, factor);
}

namespace {

QList<ParamSpec> params()
{
    QList<ParamSpec> specs = SWB_PARAM_SPECS(SWB_TRAFFIC_PARAMS);
    // Each shape reads only its own settings (meanRate above, the generator in sim/).
    using paramdecl::appliesWhen;
    appliesWhen(specs, key::peakFactor, key::pattern, {Pattern::Diurnal});
    appliesWhen(specs, key::peakHour, key::pattern, {Pattern::Diurnal});
    appliesWhen(specs, key::spikeStart, key::pattern, {Pattern::Spike, Pattern::Step});
    appliesWhen(specs, key::spikeDuration, key::pattern, {Pattern::Spike});
    appliesWhen(specs, key::spikeMultiplier, key::pattern, {Pattern::Spike, Pattern::Step});
    appliesWhen(specs, key::replayFile, key::pattern, {Pattern::Replay});
    // The peak hour is an hour of the simulated day, not a duration: "14 h", never "2 d".
    for (ParamSpec &spec : specs) {
        if (spec.key == key::peakHour.text())
            spec.quantity = paramunits::Quantity::Plain;
    }
    return specs;
}

QList<ParamSpec> wireParams(ConnectionKind)
{
    return {};
}

QString blockSubtitle(const Component &c)
{
    const Params p = Params::of(c.params);
    QString pattern = choiceText(p.pattern);
    pattern[0] = pattern.at(0).toUpper();
    return pattern + subtitle::separator() + subtitle::number(p.rate) + QStringLiteral("/s");
}

// Traffic enters through an entry block.
const QList<WireRule> &outgoingWires()
{
    static const QList<WireRule> rules = {
        {ConnectionKind::Traffic,
         {ComponentKind::TrafficSource, ComponentKind::Downstream},
         nullptr,
         "Traffic enters through an API, topic, queue, stream, state machine or function"},
        {ConnectionKind::Traffic, {}},
    };
    return rules;
}

// Steady-state flow: the source's mean rate over the run, split evenly between the entries it
// is wired to.
void flowRule(flow::Propagator &pr, const Component &c, ComponentFlow &f)
{
    const Params p = Params::of(c.params);
    f.inRate = meanRate(pr.design(), c, pr.runDuration());
    f.payloadKB = p.payloadSize;
    if (p.pattern == Pattern::Replay)
        pr.note(QStringLiteral("Replay traffic is priced at its 'Mean rate' parameter (the CSV is "
                               "read only by the simulation)."));
    const QList<const Connection *> wires = pr.design().outgoing(c.id);
    if (wires.size() > 1)
        pr.note(QStringLiteral("A traffic source wired to several entries splits its rate evenly "
                               "between them."));
    pr.setRecordFailures(std::clamp(p.poisonShare, 0.0, 1.0),
                         std::clamp(p.transientFailureRate, 0.0, 1.0));
    for (const Connection *w : wires)
        pr.out(w, f.inRate / wires.size(), f.payloadKB);
}

} // namespace

const ServiceModule &module()
{
    static const ServiceModule m{
        .kind = ComponentKind::TrafficSource,
        .id = "traffic",
        .name = "Traffic source",
        .shortName = "Traffic source",
        .familyColor = qRgb(0x6B, 0x72, 0x80), // external grey
        .paletteKeywords = "load requests users clients generator",
        .paletteSummary = QT_TRANSLATE_NOOP(
            "PaletteDock", "Load entering the system: constant, Poisson, diurnal, spikes or a "
                           "replayed CSV."),
        .params = params,
        .wireParams = wireParams,
        .subtitle = blockSubtitle,
        .flow = flowRule,
        .outgoingWires = outgoingWires,
        .naturalWire = [](const Component &) { return ConnectionKind::Traffic; },
    };
    return m;
}

} // namespace swb::traffic
