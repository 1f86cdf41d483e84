#include "model/services/sqs/sqs.h"

#include "model/costusage_p.h"
#include "model/design.h"
#include "model/flowrates_p.h"
#include "model/services/registry.h"

namespace swb::sqs {

SWB_PARAM_READER(Params, SWB_SQS_PARAMS)

namespace mapping {
SWB_PARAM_READER(Params, SWB_SQS_MAPPING_PARAMS)
}

namespace redrive {
SWB_PARAM_READER(Params, SWB_REDRIVE_PARAMS)

QList<ParamSpec> specs()
{
    return SWB_PARAM_SPECS(SWB_REDRIVE_PARAMS);
}
} // namespace redrive

namespace {

QList<ParamSpec> params()
{
    return SWB_PARAM_SPECS(SWB_SQS_PARAMS);
}

QList<ParamSpec> wireParams(ConnectionKind kind)
{
    switch (kind) {
    case ConnectionKind::EventSourceMapping:
        return SWB_PARAM_SPECS(SWB_SQS_MAPPING_PARAMS);
    case ConnectionKind::Redrive:
        return redrive::specs();
    default:
        return {};
    }
}

QString blockSubtitle(const Component &c)
{
    const Params p = Params::of(c.params);
    if (p.isFifo())
        return choiceText(p.type) + subtitle::separator()
               + subtitle::number(double(p.messageGroups)) + QStringLiteral(" groups");
    return choiceText(p.type);
}

bool typesDiffer(const Component &source, const Component &target)
{
    return isFifo(source) != isFifo(target);
}

// Lambda polls a queue; failed messages go to the DLQ by the redrive policy, which must be of the
// queue's type (aws-behaviour.md §4).
const QList<WireRule> &outgoingWires()
{
    using K = ComponentKind;
    using C = ConnectionKind;
    static const QList<WireRule> rules = {
        {C::SyncInvoke,
         {K::Lambda},
         nullptr,
         "Lambda reads SQS by polling (event source mapping); a queue does not invoke a function"},
        {C::EventSourceMapping, {}},
        {C::OnFailure, {}, nullptr, "SQS sends failed messages to a DLQ by its redrive policy"},
        {C::Redrive,
         {},
         typesDiffer,
         "The DLQ must be the same type as its queue (FIFO to FIFO, standard to standard)"},
        {C::Redrive, {}},
    };
    return rules;
}

} // namespace

const ServiceModule &module()
{
    static const ServiceModule m{
        .kind = ComponentKind::SqsQueue,
        .id = "sqs",
        .name = "SQS queue",
        .shortName = "SQS queue",
        .familyColor = qRgb(0xD6, 0x24, 0x6E), // application integration pink
        .paletteKeywords = "message buffer dlq dead-letter",
        .paletteSummary = QT_TRANSLATE_NOOP(
            "PaletteDock", "Queue: keeps messages until a consumer polls them; visibility "
                           "timeout, redrive to a dead-letter queue."),
        .params = params,
        .wireParams = wireParams,
        .subtitle = blockSubtitle,
        .isFifo = [](const Component &c) { return Params::of(c.params).isFifo(); },
        .flow = [](flow::Propagator &p, const Component &c, ComponentFlow &f) { p.sqs(c, f); },
        .usage = [](usage::UsageBuilder &u, const Component &c,
                    const ComponentFlow &f) { u.sqs(c, f); },
        .samType = [](const QVariantMap &) { return QStringLiteral("AWS::SQS::Queue"); },
        .samEnvSuffix = "_QUEUE_URL",
        .outgoingWires = outgoingWires,
        .naturalWire =
            [](const Component &target) {
                return target.kind == ComponentKind::Lambda     ? ConnectionKind::EventSourceMapping
                       : target.kind == ComponentKind::SqsQueue ? ConnectionKind::Redrive
                                                                : ConnectionKind::SyncInvoke;
            },
    };
    return m;
}

} // namespace swb::sqs
