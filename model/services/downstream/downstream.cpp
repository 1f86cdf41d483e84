#include "model/services/downstream/downstream.h"

#include "model/design.h"
#include "model/services/flowrule.h"

namespace swb::downstream {

SWB_PARAM_READER(Params, SWB_DOWNSTREAM_PARAMS)

namespace {

QList<ParamSpec> params()
{
    return SWB_PARAM_SPECS(SWB_DOWNSTREAM_PARAMS);
}

QList<ParamSpec> wireParams(ConnectionKind)
{
    return {};
}

QString blockSubtitle(const Component &c)
{
    const Params p = Params::of(c.params);
    return choiceText(p.protocol) + subtitle::separator() + subtitle::number(p.capacity)
           + QStringLiteral("/s");
}

// A downstream dependency takes what arrives; it sends nothing on.
void flowRule(flow::Propagator &pr, const Component &c, ComponentFlow &f)
{
    pr.arrive(c, f);
}

} // namespace

const ServiceModule &module()
{
    static const ServiceModule m{
        .kind = ComponentKind::Downstream,
        .id = "downstream",
        .name = "Downstream dependency",
        .shortName = "Downstream",
        .familyColor = qRgb(0x6B, 0x72, 0x80), // external grey
        .paletteKeywords = "database db third-party external rds dynamodb",
        .paletteSummary = QT_TRANSLATE_NOOP(
            "PaletteDock", "A database or third-party API with a capacity and a latency."),
        .params = params,
        .wireParams = wireParams,
        .subtitle = blockSubtitle,
        .flow = flowRule,
    };
    return m;
}

} // namespace swb::downstream
