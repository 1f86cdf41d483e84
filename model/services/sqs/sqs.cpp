#include "model/services/sqs/sqs.h"

#include "model/design.h"

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

} // namespace

const ServiceModule &module()
{
    static const ServiceModule m{
        ComponentKind::SqsQueue,
        "sqs",
        "SQS queue",
        "SQS queue",
        qRgb(0xD6, 0x24, 0x6E), // application integration pink
        "message buffer dlq dead-letter",
        QT_TRANSLATE_NOOP("PaletteDock",
                          "Queue: keeps messages until a consumer polls them; visibility "
                          "timeout, redrive to a dead-letter queue."),
        params,
        wireParams,
        blockSubtitle,
        [](const Component &c) { return Params::of(c.params).isFifo(); },
    };
    return m;
}

} // namespace swb::sqs
