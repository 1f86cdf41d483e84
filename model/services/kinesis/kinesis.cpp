#include "model/services/kinesis/kinesis.h"

#include "model/design.h"

namespace swb::kinesis {

SWB_PARAM_READER(Params, SWB_KINESIS_PARAMS)

namespace mapping {
SWB_PARAM_READER(Params, SWB_KINESIS_MAPPING_PARAMS)
}

namespace {

QList<ParamSpec> params()
{
    return SWB_PARAM_SPECS(SWB_KINESIS_PARAMS);
}

QList<ParamSpec> wireParams(ConnectionKind kind)
{
    if (kind == ConnectionKind::EventSourceMapping)
        return SWB_PARAM_SPECS(SWB_KINESIS_MAPPING_PARAMS);
    return {};
}

QString blockSubtitle(const Component &c)
{
    const Params p = Params::of(c.params);
    if (p.capacityMode == CapacityMode::Provisioned)
        return p.shards == 1 ? QStringLiteral("1 shard")
                             : QStringLiteral("%1 shards").arg(int(p.shards));
    return choiceText(p.capacityMode);
}

} // namespace

const ServiceModule &module()
{
    static const ServiceModule m{
        ComponentKind::KinesisStream,
        "kinesis",
        "Kinesis stream",
        "Kinesis stream",
        qRgb(0x9A, 0x3F, 0xC9), // analytics / streams violet
        "shard records data streams",
        QT_TRANSLATE_NOOP("PaletteDock",
                          "Stream: ordered records in shards, read in batches per shard; a "
                          "failing batch blocks its shard."),
        params,
        wireParams,
        blockSubtitle,
    };
    return m;
}

} // namespace swb::kinesis
