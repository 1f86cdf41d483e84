#include "model/services/sns/sns.h"

#include "model/costusage_p.h"
#include "model/design.h"
#include "model/flowrates_p.h"
#include "model/services/registry.h"
#include "model/services/downstream/downstream.h"
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

bool fifoTopicToNonQueue(const Component &source, const Component &target)
{
    return isFifo(source) && target.kind != ComponentKind::SqsQueue;
}

bool standardTopicToFifoQueue(const Component &source, const Component &target)
{
    return isFifo(target) && !isFifo(source);
}

bool databaseEndpoint(const Component &, const Component &target)
{
    return downstream::Params::of(target.params).protocol == downstream::Protocol::Database;
}

bool typesDiffer(const Component &source, const Component &target)
{
    return isFifo(source) != isFifo(target);
}

// SNS pushes to its subscriptions; each subscription's DLQ is an SQS queue of the topic's type
// (aws-behaviour.md §3).
const QList<WireRule> &outgoingWires()
{
    using K = ComponentKind;
    using C = ConnectionKind;
    static const QList<WireRule> rules = {
        {C::SyncInvoke,
         {K::Lambda},
         nullptr,
         "SNS pushes to Lambda asynchronously through a subscription"},
        {C::AsyncInvoke,
         {},
         nullptr,
         "Wire SNS to Lambda as a subscription (SNS invokes it asynchronously)"},
        {C::EventSourceMapping,
         {},
         nullptr,
         "SNS pushes: Lambda subscribes to a topic, it does not poll it"},
        {C::Subscription, {}, fifoTopicToNonQueue, "FIFO topics deliver only to SQS queues"},
        {C::Subscription,
         {K::SqsQueue},
         standardTopicToFifoQueue,
         "A standard topic cannot deliver to a FIFO queue; use a FIFO topic"},
        {C::Subscription, {K::SqsQueue, K::Lambda}},
        {C::Subscription,
         {K::Downstream},
         databaseEndpoint,
         "SNS delivers to HTTP/S endpoints, not to a database"},
        {C::Subscription, {K::Downstream}}, // HTTP/S subscription
        {C::Subscription,
         {},
         nullptr,
         "SNS cannot deliver to a %2 (endpoints: SQS, Lambda, HTTP/S, email, SMS, Firehose)"},
        {C::OnFailure, {}, nullptr, "SNS subscriptions use a redrive policy (DLQ)"},
        {C::Redrive,
         {},
         typesDiffer,
         "A subscription DLQ must match the topic type (FIFO topics need a FIFO DLQ)"},
        {C::Redrive, {}},
    };
    return rules;
}

} // namespace

const ServiceModule &module()
{
    static const ServiceModule m{
        .kind = ComponentKind::SnsTopic,
        .id = "sns",
        .name = "SNS topic",
        .shortName = "SNS topic",
        .familyColor = qRgb(0xD6, 0x24, 0x6E), // application integration pink
        .paletteKeywords = "notification pub/sub fan-out",
        .paletteSummary = QT_TRANSLATE_NOOP(
            "PaletteDock", "Topic: pushes every message to every matching subscription "
                           "(fan-out), with per-endpoint retries."),
        .params = params,
        .wireParams = wireParams,
        .subtitle = blockSubtitle,
        .isFifo = [](const Component &c) { return Params::of(c.params).isFifo(); },
        .flow = [](flow::Propagator &p, const Component &c, ComponentFlow &f) { p.sns(c, f); },
        .usage = [](usage::UsageBuilder &u, const Component &c,
                    const ComponentFlow &f) { u.sns(c, f); },
        .samType = [](const QVariantMap &) { return QStringLiteral("AWS::SNS::Topic"); },
        .samEnvSuffix = "_TOPIC_ARN",
        .outgoingWires = outgoingWires,
        .naturalWire = [](const Component &) { return ConnectionKind::Subscription; },
        .failureWiresPerSubscription = true,
    };
    return m;
}

} // namespace swb::sns
