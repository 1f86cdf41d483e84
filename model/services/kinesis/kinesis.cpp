#include "model/services/kinesis/kinesis.h"

#include "model/costusage_p.h"
#include "model/design.h"
#include "model/flowrates_p.h"
#include "model/services/registry.h"

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

bool fifoTarget(const Component &, const Component &target)
{
    return isFifo(target);
}

// Lambda polls the shards; a mapping's on-failure destination is a standard queue or topic
// (aws-behaviour.md §5).
const QList<WireRule> &outgoingWires()
{
    using K = ComponentKind;
    using C = ConnectionKind;
    static const QList<WireRule> rules = {
        {C::SyncInvoke,
         {K::Lambda},
         nullptr,
         "Lambda reads Kinesis by polling shards (event source mapping); a stream does not invoke "
         "a function"},
        {C::EventSourceMapping, {}},
        {C::OnFailure,
         {K::SqsQueue, K::SnsTopic},
         fifoTarget,
         "A stream mapping's on-failure destination must be a standard queue or topic"},
        {C::OnFailure, {K::SqsQueue, K::SnsTopic}},
        {C::OnFailure, {}, nullptr, "A Kinesis mapping's on-failure destination is SQS, SNS or S3"},
    };
    return rules;
}

} // namespace

const ServiceModule &module()
{
    static const ServiceModule m{
        .kind = ComponentKind::KinesisStream,
        .id = "kinesis",
        .name = "Kinesis stream",
        .shortName = "Kinesis stream",
        .familyColor = qRgb(0x9A, 0x3F, 0xC9), // analytics / streams violet
        .paletteKeywords = "shard records data streams",
        .paletteSummary = QT_TRANSLATE_NOOP(
            "PaletteDock", "Stream: ordered records in shards, read in batches per shard; a "
                           "failing batch blocks its shard."),
        .params = params,
        .wireParams = wireParams,
        .subtitle = blockSubtitle,
        .flow = [](flow::Propagator &p, const Component &c, ComponentFlow &f) { p.kinesis(c, f); },
        .usage = [](usage::UsageBuilder &u, const Component &c,
                    const ComponentFlow &f) { u.kinesis(c, f); },
        .samType = [](const QVariantMap &) { return QStringLiteral("AWS::Kinesis::Stream"); },
        .samEnvSuffix = "_STREAM_NAME",
        .outgoingWires = outgoingWires,
        .naturalWire =
            [](const Component &target) {
                return target.kind == ComponentKind::Lambda ? ConnectionKind::EventSourceMapping
                                                            : ConnectionKind::SyncInvoke;
            },
    };
    return m;
}

} // namespace swb::kinesis
