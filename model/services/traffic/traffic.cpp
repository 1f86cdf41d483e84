#include "model/services/traffic/traffic.h"

#include "model/costusage_p.h"
#include "model/design.h"
#include "model/flowrates_p.h"

namespace swb::traffic {

SWB_PARAM_READER(Params, SWB_TRAFFIC_PARAMS)

namespace {

QList<ParamSpec> params()
{
    return SWB_PARAM_SPECS(SWB_TRAFFIC_PARAMS);
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
        .flow = [](flow::Propagator &p, const Component &c, ComponentFlow &f) { p.traffic(c, f); },
        .outgoingWires = outgoingWires,
        .naturalWire = [](const Component &) { return ConnectionKind::Traffic; },
    };
    return m;
}

} // namespace swb::traffic
