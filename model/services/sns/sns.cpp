#include "model/services/sns/sns.h"

#include "model/design.h"
#include "model/pricing.h"
#include "model/sam/samservice.h"
#include "model/services/account/account.h"
#include "model/services/billing.h"
#include "model/services/comparison.h"
#include "model/services/downstream/downstream.h"
#include "model/services/flowrule.h"
#include "model/services/lambda/lambda.h"
#include "model/services/matching.h"
#include "model/services/registry.h"
#include "model/services/sqs/sqs.h"
#include "model/wiringrules.h"

#include <algorithm>
#include <cmath>

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

// FIFO topic publish throughput, per topic: 3,000 msg/s and 20 MB/s since Nov 2023
// (aws-behaviour.md §3 "FIFO throughput history"; high-throughput mode is opt-in and not modelled).
constexpr double kFifoTopicPublishes = 3000;
constexpr double kFifoTopicKBPerSecond = 20 * 1024;

// Steady-state flow: every matching subscription receives its own copy (fan-out); HTTP/S
// deliveries that fail every attempt go to the subscription DLQs.
void flowRule(flow::Propagator &pr, const Component &c, ComponentFlow &f)
{
    const Design &design = pr.design();
    const flow::Propagator::Inflow in = pr.arrive(c, f);
    if (isFifo(c)) {
        // FIFO topics accept 3,000 msg/s and 20 MB/s; publishes above are throttled
        // (aws-behaviour.md §3).
        const double accepted =
            std::min({in.rate, kFifoTopicPublishes,
                      in.payloadKB > 0 ? kFifoTopicKBPerSecond / in.payloadKB : in.rate});
        if (accepted < in.rate) {
            pr.warn(QStringLiteral("'%1' is a FIFO topic: it accepts %2 of the %3 publishes/s it "
                                   "receives (3,000 msg/s or 20 MB/s per topic); the rest are "
                                   "throttled and neither billed nor delivered")
                        .arg(c.name)
                        .arg(accepted, 0, 'f', 0)
                        .arg(in.rate, 0, 'f', 0));
            f.inRate = accepted;
        }
    }
    double failedHttp = 0;
    QList<const Connection *> dlqs;
    for (const Connection *w : design.outgoing(c.id)) {
        if (w->kind == ConnectionKind::Redrive) {
            dlqs.append(w);
            continue;
        }
        if (w->kind != ConnectionKind::Subscription)
            continue;
        // Fan-out: every matching subscription receives its own copy; non-matching messages are
        // neither delivered nor billed (aws-behaviour.md §3 "Filtering").
        const double deliveries = f.inRate * flow::matchedShare(pr, c, *w);
        pr.out(w, deliveries, f.payloadKB);
        const Component *target = design.component(w->target);
        if (target && target->kind == ComponentKind::Downstream) {
            f.deliveriesHttp += deliveries;
            // HTTP/S default delivery policy: 4 attempts in all (aws-behaviour.md §3 "Delivery
            // retries").
            failedHttp +=
                deliveries * std::pow(downstream::Params::of(target->params).errorRate, 4);
        } else {
            f.deliveriesFree += deliveries;
        }
    }
    // SQS and Lambda endpoints get 100,015 attempts over 23 days: they are taken as never failing.
    for (const Connection *w : dlqs)
        pr.out(w, failedHttp / dlqs.size(), f.payloadKB);
}

const QList<usage::Dimension> &billingDimensions()
{
    static const QList<usage::Dimension> dims = {
        {"publishes-standard"},
        {"publishes-fifo"},
        {"publishes-fifo-payload", false}, // a catalogue without this price leaves it out
        {"deliveries-sqs-lambda"},
        {"deliveries-http"},
    };
    return dims;
}

// Publishes per 64 KB chunk, FIFO payload per GB, deliveries per endpoint kind (aws-behaviour.md
// §3 "Pricing").
void billing(usage::Meter &m, const Component &c)
{
    using usage::millions;
    const bool fifo = isFifo(c);
    const PriceDimension d = m.dimension(c, fifo ? QStringLiteral("publishes-fifo")
                                                 : QStringLiteral("publishes-standard"));
    const double month = m.seconds();
    m.meteredPerChunk(c, d, QStringLiteral("publishes"), QStringLiteral("chunk(s)"),
                      "sns.billed_publishes");
    const QString payload = QStringLiteral("publishes-fifo-payload");
    if (fifo && m.priced(c, payload))
        m.metered(
            c, payload,
            [&](const ComponentFlow &f) {
                const double publishes = f.inRate * month;
                return usage::Estimate{publishes * f.payloadKB / usage::kKBPerGB,
                                       QStringLiteral("%1 publishes x %2 KB")
                                           .arg(millions(publishes))
                                           .arg(f.payloadKB)};
            },
            [](const usage::RunTotal &total) {
                return total("sns.fifo_payload_bytes") / usage::kBytesPerGB;
            });
    bool freeEndpoints = false, httpEndpoints = false;
    for (const Connection *w : m.design().outgoing(c.id)) {
        const Component *t = m.design().component(w->target);
        if (w->kind != ConnectionKind::Subscription || !t)
            continue;
        (t->kind == ComponentKind::Downstream ? httpEndpoints : freeEndpoints) = true;
    }
    if (freeEndpoints)
        m.metered(
            c, QStringLiteral("deliveries-sqs-lambda"),
            [&](const ComponentFlow &f) {
                return usage::Estimate{
                    f.deliveriesFree * month,
                    QStringLiteral("%1 deliveries").arg(millions(f.deliveriesFree * month))};
            },
            [](const usage::RunTotal &total) {
                return std::max(0.0, total("sns.deliveries") - total("sns.billed_http_deliveries"));
            });
    if (httpEndpoints)
        m.metered(
            c, QStringLiteral("deliveries-http"),
            [&](const ComponentFlow &f) {
                return usage::Estimate{
                    f.deliveriesHttp * month,
                    QStringLiteral("%1 deliveries").arg(millions(f.deliveriesHttp * month))};
            },
            [](const usage::RunTotal &total) { return total("sns.billed_http_deliveries"); });
}

// A Task state's SNS Publish (optimized integration; SAM policy template).
const sam::ServiceSam &samMapping()
{
    static const sam::SamTask task{"arn:aws:states:::sns:publish",
                                   "TopicArn",
                                   "Message.$",
                                   "SNSPublishMessagePolicy",
                                   "TopicName",
                                   "TopicName",
                                   "Arn",
                                   nullptr};
    // A service publishing to the topic needs a statement in the topic policy; without a
    // condition: AWS documents that deliveries fail with Condition blocks in topic policies for
    // rules (aws-behaviour.md §9 "Permissions").
    static const sam::SamAccess access{"AWS::SNS::TopicPolicy", "Topics", "sns:Publish", nullptr,
                                       false};
    static const sam::ServiceSam mapping{.task = &task, .access = &access};
    return mapping;
}

// The pattern guide's "topic" column (model/services/comparison.h).
ComparisonColumn comparisonColumn(const PricingCatalogue &prices)
{
    using namespace comparison;
    const ParamSpec &publishQuota = blockParam(ComponentKind::SnsTopic, key::publishQuota.name);
    const ParamSpec &accountLimit = projectParam(account::key::accountConcurrency.name);
    const ParamSpec &asyncRetries =
        blockParam(ComponentKind::Lambda, lambda::key::maxRetryAttempts.name);
    const PriceText publish = price(prices, "sns", "publishes-standard");
    const PriceText delivery = price(prices, "sns", "deliveries-sqs-lambda");
    return {
        QStringLiteral("SNS (topic)"),
        {
            {QStringLiteral("Publish quota %1 msg/s (soft). Each delivery is an async invoke: "
                            "concurrency follows the publish rate, capped only by reserved "
                            "concurrency and the account's %2.")
                 .arg(count(defaultOf(publishQuota)), count(defaultOf(accountLimit))),
             QStringLiteral("SNS account publish quota per Region; deliveries to Lambda are "
                            "asynchronous invokes. [aws-behaviour 3]")},
            {QStringLiteral("Stored across several Availability Zones before Publish returns; "
                            "FIFO topics also deduplicate."),
             QStringLiteral("SNS, SQS and Kinesis store copies across Availability Zones before "
                            "acknowledging. [aws-behaviour 8]")},
            {QStringLiteral("Only while the delivery policy retries: up to 23 days for Lambda and "
                            "SQS subscribers, 4 attempts for HTTP/S; then the subscription DLQ or "
                            "discarded."),
             QStringLiteral("SNS delivery retry policies per endpoint kind and subscription "
                            "RedrivePolicy. Nothing can be read back later. [aws-behaviour 3]")},
            {QStringLiteral("Push, asynchronous fan-out: every subscription gets its own copy "
                            "(filter policies select); one message per invocation."),
             QStringLiteral("SNS delivers to each subscription; Lambda subscribers are invoked "
                            "asynchronously. [aws-behaviour 3]")},
            {QStringLiteral("SNS retries delivery (Lambda and SQS: 100,015 attempts over 23 "
                            "days); a function error is retried %1 times, then the on-failure "
                            "destination or DLQ.")
                 .arg(count(defaultOf(asyncRetries))),
             QStringLiteral("SNS delivery policy for AWS-managed endpoints; Lambda async invoke "
                            "MaximumRetryAttempts (0 to 2, about 1 and 2 minutes apart). "
                            "\"Turn the DLQ on!\" [aws-behaviour 2, 3]")},
            priced(
                QStringLiteral("Publishes %1 (each %2 is one request); deliveries to SQS and "
                               "Lambda %3.")
                    .arg(publish.text, chunks(prices, "sns", "publishes-standard"), delivery.text),
                {publish, delivery},
                QStringLiteral("Filtered-out messages are not billed as deliveries.")),
        }};
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
        .flow = flowRule,
        .billingDimensions = billingDimensions,
        .billing = billing,
        .samType = [](const QVariantMap &) { return QStringLiteral("AWS::SNS::Topic"); },
        .samEnvSuffix = "_TOPIC_ARN",
        .sam = &samMapping(),
        .outgoingWires = outgoingWires,
        .naturalWire = [](const Component &) { return ConnectionKind::Subscription; },
        .failureWiresPerSubscription = true,
        .matchRule =
            [](const Connection &w) {
                const subscription::Params p = subscription::Params::of(w.params);
                return MatchRule{p.filterMatch, p.filterPolicy, "Filter match share",
                                 "filterPolicy"};
            },
        .comparison = comparisonColumn,
        .throttles = [](const Component &) { return true; }, // its publish limit
        // One subscription's endpoint failing: its deliveries fail and that subscription's
        // delivery policy retries them (aws-behaviour.md §3 "Delivery retries"); the topic's
        // other subscriptions and the endpoint's other senders are unaffected.
        .subscriptionOutage = true,
    };
    return m;
}

} // namespace swb::sns
