#include "model/services/eventbridge/eventbridge.h"

#include "model/design.h"
#include "model/pricing.h"
#include "model/services/billing.h"
#include "model/services/comparison.h"
#include "model/services/flowrule.h"
#include "model/services/matching.h"
#include "model/services/registry.h"

#include <algorithm>

namespace swb::eventbridge {

SWB_PARAM_READER(Params, SWB_EVENTBRIDGE_PARAMS)

namespace target {
SWB_PARAM_READER(Params, SWB_EVENTBRIDGE_TARGET_PARAMS)

const QList<ParamSpec> &specs()
{
    static const QList<ParamSpec> list = SWB_PARAM_SPECS(SWB_EVENTBRIDGE_TARGET_PARAMS);
    return list;
}
} // namespace target

QString ruleName(const Connection &w)
{
    const QString name = target::Params::of(w.params).rule.trimmed();
    return name.isEmpty() ? QStringLiteral("#%1").arg(w.id) : name;
}

const Connection *deadLetterWire(const Design &design, const Connection &w, QString *error)
{
    const QString wanted = target::Params::of(w.params).deadLetterQueue.trimmed();
    QList<const Connection *> dlqs;
    for (const Connection *o : design.outgoing(w.source)) {
        if (o->kind == ConnectionKind::Redrive)
            dlqs.append(o);
    }
    if (wanted.isEmpty())
        return dlqs.size() == 1 ? dlqs.first() : nullptr;
    for (const Connection *o : dlqs) {
        const Component *queue = design.component(o->target);
        if (queue && queue->name == wanted)
            return o;
    }
    if (error)
        *error =
            QStringLiteral("its dead-letter queue '%1' is not a queue the bus is wired to as a "
                           "dead-letter queue")
                .arg(wanted);
    return nullptr;
}

namespace {

QList<ParamSpec> params()
{
    return SWB_PARAM_SPECS(SWB_EVENTBRIDGE_PARAMS);
}

QList<ParamSpec> wireParams(ConnectionKind kind)
{
    if (kind == ConnectionKind::Subscription)
        return target::specs();
    return {}; // a Redrive wire is a DLQ: no settings of its own
}

QString blockSubtitle(const Component &c)
{
    const qlonglong entries = Params::of(c.params).entriesPerCall;
    const QString bus = QStringLiteral("Custom bus");
    return entries > 1 ? bus + subtitle::separator() + QStringLiteral("%1 per call").arg(entries)
                       : bus;
}

bool fifoQueue(const Component &, const Component &target)
{
    return isFifo(target);
}

// Rule targets: Lambda (async), SQS, SNS, Step Functions, another bus; a target's DLQ is a
// standard SQS queue (aws-behaviour.md §9 "Targets", "Dead-letter queue").
const QList<WireRule> &outgoingWires()
{
    using K = ComponentKind;
    using C = ConnectionKind;
    static const QList<WireRule> rules = {
        {C::Subscription, {K::Lambda, K::SqsQueue, K::SnsTopic, K::StepFunctions, K::EventBus}},
        {C::Subscription,
         {},
         nullptr,
         "A rule target here is a Lambda function, an SQS queue, an SNS topic, a Step Functions "
         "state machine or another bus, not a %2"},
        {C::SyncInvoke,
         {K::Lambda},
         nullptr,
         "A bus invokes Lambda asynchronously: wire it to the function as a rule target"},
        {C::AsyncInvoke, {}, nullptr, "Wire a bus to Lambda as a rule target (an async invoke)"},
        {C::EventSourceMapping,
         {},
         nullptr,
         "Lambda does not poll an event bus: wire the bus to the function as a rule target"},
        {C::ServiceIntegration, {}, nullptr, "Wire a bus to a %2 as a rule target"},
        {C::OnFailure, {}, nullptr, "Rule targets use a dead-letter queue (a redrive wire)"},
        {C::Redrive, {}, fifoQueue, "A rule target's dead-letter queue must be a standard queue"},
        {C::Redrive, {}},
    };
    return rules;
}

// Steady-state flow (aws-behaviour.md §9): PutEvents above the quota are throttled; every rule
// target receives the share of the events its rule's pattern matches; target invocations above
// the quota are delayed, and a sustained excess outlives the events' maximum age (DLQ).
void flowRule(flow::Propagator &pr, const Component &c, ComponentFlow &f)
{
    const Design &design = pr.design();
    const Params p = Params::of(c.params);
    const flow::Propagator::Inflow in = pr.arrive(c, f);
    const double maxEvents = p.putEventsQuota * double(p.entriesPerCall);
    if (in.rate > maxEvents) {
        pr.warn(QStringLiteral("'%1' receives %2 events/s: the account's PutEvents quota (%3 "
                               "calls/s of %4 entries) accepts %5; the rest are throttled and "
                               "neither billed nor delivered")
                    .arg(c.name)
                    .arg(in.rate, 0, 'f', 0)
                    .arg(p.putEventsQuota)
                    .arg(p.entriesPerCall)
                    .arg(maxEvents, 0, 'f', 0));
        f.inRate = maxEvents;
    }
    QList<QPair<const Connection *, double>> targets;
    double invocations = 0;
    for (const Connection *w : design.outgoing(c.id)) {
        if (w->kind != ConnectionKind::Subscription)
            continue;
        const double rate = f.inRate * flow::matchedShare(pr, c, *w);
        targets.append({w, rate});
        invocations += rate;
    }
    double delivered = 1;
    if (invocations > p.invocationsQuota) {
        delivered = p.invocationsQuota / invocations;
        pr.warn(QStringLiteral("'%1' makes %2 target invocations/s, above the account's quota of "
                               "%3/s: the excess is delayed and, sustained, expires into the "
                               "targets' dead-letter queues (or is dropped)")
                    .arg(c.name)
                    .arg(invocations, 0, 'f', 0)
                    .arg(p.invocationsQuota));
    }
    for (const auto &[w, rate] : targets) {
        pr.out(w, rate * delivered, f.payloadKB);
        if (delivered < 1) {
            if (const Connection *dlq = deadLetterWire(design, *w))
                pr.out(dlq, rate * (1 - delivered), f.payloadKB);
        }
    }
}

const QList<usage::Dimension> &billingDimensions()
{
    static const QList<usage::Dimension> dims = {{"events"}};
    return dims;
}

// Custom events published, each 64 KB chunk billed as one event (aws-behaviour.md §9 "Pricing");
// rule matching and same-account delivery are not billed by EventBridge.
void billing(usage::Meter &m, const Component &c)
{
    m.meteredPerChunk(c, m.dimension(c, QStringLiteral("events")), QStringLiteral("events"),
                      QStringLiteral("chunk(s)"), "eventbridge.billed_events");
}

MatchRule matchRule(const Connection &w)
{
    const target::Params t = target::Params::of(w.params);
    return {t.patternMatch, t.eventPattern, "Pattern match share", "eventPattern"};
}

// The pattern guide's "event bus" column (model/services/comparison.h): quotas and retry policy
// from this module's parameters, the price from the catalogue (aws-behaviour.md §9).
ComparisonColumn comparisonColumn(const PricingCatalogue &prices)
{
    using namespace comparison;
    const ParamSpec &putQuota = blockParam(ComponentKind::EventBus, key::putEventsQuota.name);
    const ParamSpec &entries = blockParam(ComponentKind::EventBus, key::entriesPerCall.name);
    const ParamSpec &invocations = blockParam(ComponentKind::EventBus, key::invocationsQuota.name);
    const ParamSpec &eventAge = wireParam(ConnectionKind::Subscription, ComponentKind::EventBus,
                                          target::key::maximumEventAge.name);
    const ParamSpec &retries = wireParam(ConnectionKind::Subscription, ComponentKind::EventBus,
                                         target::key::maximumRetryAttempts.name);
    const PriceText events = price(prices, "eventbridge", "events");
    return {
        QStringLiteral("EventBridge (event bus)"),
        {
            {QStringLiteral("Account quotas: %1 PutEvents calls/s of up to %2 entries (throttled "
                            "above) and %3 target invocations/s (delayed above). Lambda targets "
                            "are async invokes.")
                 .arg(count(defaultOf(putQuota)), count(entries.maximum),
                      count(defaultOf(invocations))),
             QStringLiteral("EventBridge PutEvents and invocations quotas per account and Region "
                            "(adjustable; lower outside the largest Regions). [aws-behaviour 9]")},
            {QStringLiteral("Accepted events reach each matching rule's targets at least once; no "
                            "order on a custom bus."),
             QStringLiteral("At-least-once delivery to rule targets and no ordering on a Classic "
                            "bus are common descriptions, not found in AWS's own text. "
                            "[aws-behaviour 9]")},
            {QStringLiteral("Only while a target's retry policy runs: up to %1 by default (%2 to "
                            "%3); then the target's DLQ or dropped.")
                 .arg(span(defaultOf(eventAge)), span(eventAge.minimum), span(eventAge.maximum)),
             QStringLiteral("EventBridge target RetryPolicy.MaximumEventAgeInSeconds and "
                            "DeadLetterConfig. Nothing can be read back later. [aws-behaviour 9]")},
            {QStringLiteral("Push, asynchronous routing: every rule whose event pattern matches "
                            "sends the event to each of its up to 5 targets."),
             QStringLiteral("EventBridge rules match independently; targets: Lambda (async), SQS, "
                            "SNS, Step Functions, another bus and more. [aws-behaviour 9]")},
            {QStringLiteral("Per target: up to %1 retries (%2 to %3) with exponential backoff and "
                            "jitter, within the event's maximum age; then the target's DLQ (a "
                            "standard queue) or dropped.")
                 .arg(count(defaultOf(retries)), count(retries.minimum), count(retries.maximum)),
             QStringLiteral(
                 "EventBridge target RetryPolicy.MaximumRetryAttempts (default 185 "
                 "over 24 h); throttled invocations are retried too. [aws-behaviour 9]")},
            priced(QStringLiteral("Events published %1 (each %2 is one event); rule matching and "
                                  "delivery to targets in the account are not billed.")
                       .arg(events.text, chunks(prices, "eventbridge", "events")),
                   {events},
                   QStringLiteral("Events forwarded to another bus are billed again there as "
                                  "custom events; the targets bill their own requests.")),
        }};
}

} // namespace

const ServiceModule &module()
{
    static const ServiceModule m{
        .kind = ComponentKind::EventBus,
        .id = "eventbridge",
        .name = "EventBridge event bus",
        .shortName = "Event bus",
        .familyColor = qRgb(0xD6, 0x24, 0x6E), // application integration pink
        .paletteKeywords = "eventbridge event bus rule router pattern cloudwatch events",
        .paletteSummary = QT_TRANSLATE_NOOP(
            "PaletteDock", "Custom event bus: rules match events by pattern and send them to up "
                           "to 5 targets each, with per-target retries and DLQ."),
        .params = params,
        .wireParams = wireParams,
        .subtitle = blockSubtitle,
        .flow = flowRule,
        .billingDimensions = billingDimensions,
        .billing = billing,
        .samType = [](const QVariantMap &) { return QStringLiteral("AWS::Events::EventBus"); },
        .samEnvSuffix = "_BUS_NAME",
        .sam = &samMapping(),
        .outgoingWires = outgoingWires,
        .naturalWire = [](const Component &) { return ConnectionKind::Subscription; },
        .failureWiresPerSubscription = true,
        .matchRule = matchRule,
        .comparison = comparisonColumn,
        // No subscriptionOutage: a rule target's retries follow the target's own retry policy
        // (aws-behaviour.md §9), which an outage of one target wire does not model.
    };
    return m;
}

} // namespace swb::eventbridge
