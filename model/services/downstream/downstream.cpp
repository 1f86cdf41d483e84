#include "model/services/downstream/downstream.h"

#include "model/design.h"

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

} // namespace

const ServiceModule &module()
{
    static const ServiceModule m{
        ComponentKind::Downstream,
        "downstream",
        "Downstream dependency",
        "Downstream",
        qRgb(0x6B, 0x72, 0x80), // external grey
        "database db third-party external rds dynamodb",
        QT_TRANSLATE_NOOP("PaletteDock",
                          "A database or third-party API with a capacity and a latency."),
        params,
        wireParams,
        blockSubtitle,
    };
    return m;
}

} // namespace swb::downstream
