#include "model/services/sns/sns.h"

#include "model/design.h"
#include "model/services/sqs/sqs.h"

namespace swb::sns {

SWB_PARAM_READER(Params, SWB_SNS_PARAMS)

namespace subscription {
SWB_PARAM_READER(Params, SWB_SNS_SUBSCRIPTION_PARAMS)
}

namespace {

QList<ParamSpec> params()
{
    return SWB_PARAM_SPECS(SWB_SNS_PARAMS);
}

QList<ParamSpec> wireParams(ConnectionKind kind)
{
    switch (kind) {
    case ConnectionKind::Subscription:
        return SWB_PARAM_SPECS(SWB_SNS_SUBSCRIPTION_PARAMS);
    case ConnectionKind::Redrive: // a subscription's DLQ takes SQS's redrive policy
        return sqs::redrive::specs();
    default:
        return {};
    }
}

QString blockSubtitle(const Component &c)
{
    return choiceText(Params::of(c.params).type);
}

} // namespace

const ServiceModule &module()
{
    static const ServiceModule m{
        ComponentKind::SnsTopic,
        "sns",
        "SNS topic",
        "SNS topic",
        qRgb(0xD6, 0x24, 0x6E), // application integration pink
        "notification pub/sub fan-out",
        QT_TRANSLATE_NOOP("PaletteDock",
                          "Topic: pushes every message to every matching subscription "
                          "(fan-out), with per-endpoint retries."),
        params,
        wireParams,
        blockSubtitle,
        [](const Component &c) { return Params::of(c.params).isFifo(); },
    };
    return m;
}

} // namespace swb::sns
