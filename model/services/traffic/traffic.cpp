#include "model/services/traffic/traffic.h"

#include "model/design.h"

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

} // namespace

const ServiceModule &module()
{
    static const ServiceModule m{
        ComponentKind::TrafficSource,
        "traffic",
        "Traffic source",
        "Traffic source",
        qRgb(0x6B, 0x72, 0x80), // external grey
        "load requests users clients generator",
        QT_TRANSLATE_NOOP("PaletteDock",
                          "Load entering the system: constant, Poisson, diurnal, spikes or a "
                          "replayed CSV."),
        params,
        wireParams,
        blockSubtitle,
    };
    return m;
}

} // namespace swb::traffic
