#include "model/services/sqs/sqs.h"

#include "model/design.h"
#include "model/pricing.h"
#include "model/sam/samservice.h"
#include "model/services/account/account.h"
#include "model/services/billing.h"
#include "model/services/comparison.h"
#include "model/services/flowrule.h"
#include "model/services/lambda/lambda.h"
#include "model/services/registry.h"

#include <algorithm>
#include <cmath>

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
    QList<ParamSpec> specs = SWB_PARAM_SPECS(SWB_SQS_PARAMS);
    // Message groups exist on FIFO queues only (aws-behaviour.md section 4).
    paramdecl::appliesWhen(specs, key::messageGroups, key::type, {QueueType::Fifo});
    paramdecl::appliesWhen(specs, key::highThroughput, key::type, {QueueType::Fifo});
    return specs;
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

// Lambda's pollers for SQS start with 5 concurrent long polls per queue and drop back to 5 when
// idle (aws-behaviour.md §4 "Lambda event source mapping"); each long poll waits up to 20 s (the
// SQS maximum WaitTimeSeconds, which Lambda's pollers are observed to use: an assumption).
constexpr double kIdlePollers = 5;
constexpr double kLongPollSeconds = 20;

// Mean messages per invocation of an SQS event source mapping that receives `received`
// messages/s for a function of `seconds` mean duration, with at most `pollers` batches in flight.
// Lambda's pollers long-poll, and a long poll returns as soon as a message is available (SQS
// "Using the appropriate polling mode"), so with no batching window an idle poller takes each
// message alone (MaximumBatchingWindowInSeconds default 0); messages only wait, and batch up,
// while every poller is busy, where a batch holds what arrived during one invocation:
// x = received x seconds / pollers. A window W makes the first message wait for the ones
// arriving during W: 1 + received x W. The fill is a smooth maximum of the two; its sharpness
// grows with the pollers (Poisson fluctuations around the cap shrink): k = 1.55 x pollers^0.37
// matches the simulation engine's batch fill within 5% for 2-1,000 pollers and x from 0.5 to 2
// (a queueing approximation; the exact limits are 1 and x).
double batchFill(double received, double seconds, double pollers, double window, double cap)
{
    const double base = 1 + received * window;
    const double x = received * seconds / pollers;
    const double hi = std::max(base, x), lo = std::min(base, x);
    const double k = 1.55 * std::pow(pollers, 0.37);
    return std::clamp(hi * std::pow(1 + std::pow(lo / hi, k), 1 / k), 1.0, cap);
}

// The same for one message group of a FIFO queue, which has one batch in flight at a time
// (aws-behaviour.md §4 "FIFO"): a single server that takes everything that arrived during its last
// invocation. Over a busy period the batches after the first hold the Poisson arrivals of one
// invocation, N with mean x = rate x seconds, until one finds none (probability p0 = E[e^-(rate x
// D)]), so by Wald's identity a batch holds x + p0 messages; for a log-normal duration of
// variability cv, p0 ~ e^-x (1 + x^2 cv^2 / 2). The batch size cap is applied to the mean (an
// approximation).
double fifoGroupBatchFill(double rate, double seconds, double cv, double cap)
{
    const double x = rate * seconds;
    return std::clamp(x + std::exp(-x) * (1 + x * x * cv * cv / 2), 1.0, cap);
}

// Concurrent batches a mapping may reach: MaximumConcurrency or the poller cap (1,250 now, 1,000
// before late 2023; aws-behaviour.md §4), within the function's reserved and the account's
// concurrency.
double pollerCap(const Design &design, const Connection &mapping, const Component *function)
{
    const account::Params settings = account::Params::of(design.settings);
    const bool legacy = settings.scalingModel == account::ScalingModel::Legacy2018;
    double cap = double(mapping::Params::of(mapping.params).maximumConcurrency);
    if (cap <= 0)
        cap = legacy ? 1000 : 1250;
    // A reservation caps the pollers too; the kill switch (0) is handled as a failure share.
    const std::optional<qlonglong> reserved =
        function ? lambda::reservedConcurrency(lambda::Params::of(function->params)).cap()
                 : std::nullopt;
    if (reserved && *reserved > 0)
        cap = std::min(cap, double(*reserved));
    const double account = double(settings.accountConcurrency);
    if (account > 0)
        cap = std::min(cap, account);
    return std::max(1.0, cap);
}

// Steady-state flow: producers' sends arrive; each mapping (competing consumers) receives its
// share in batches, failed receives come back after the visibility timeout until the redrive
// policy moves them to the DLQ, or retention deletes them.
void flowRule(flow::Propagator &pr, const Component &c, ComponentFlow &f)
{
    const Design &design = pr.design();
    const Params params = Params::of(c.params);
    const flow::Propagator::Inflow in = pr.arrive(c, f);
    f.sendRequests = in.rate; // one SendMessage per message (SNS deliveries included)
    QList<const Connection *> mappings, dlqs;
    for (const Connection *w : design.outgoing(c.id)) {
        if (w->kind == ConnectionKind::EventSourceMapping)
            mappings.append(w);
        else if (w->kind == ConnectionKind::Redrive)
            dlqs.append(w);
    }
    // Without a redrive policy a failing message is received again after every visibility
    // timeout until retention deletes it.
    const double maxReceives =
        dlqs.isEmpty()
            ? std::max(1.0, std::floor(double(params.retentionPeriod)
                                       / std::max(1.0, double(params.visibilityTimeout))))
            : double(redrive::Params::of(dlqs.first()->params).maxReceiveCount);
    if (mappings.isEmpty()) {
        f.expiredMessages = in.rate;
        if (in.rate > 0)
            pr.note(QStringLiteral("A queue no function reads is priced for its sends only."));
    } else {
        pr.note(QStringLiteral("SQS polling: Lambda's pollers long-poll and receive each message "
                               "as soon as it arrives, so batches fill only while every poller is "
                               "busy (or during a batching window); one ReceiveMessage and one "
                               "DeleteMessageBatch per 10 messages of a batch; after 20 s without "
                               "a message each of the 5 idle pollers' long polls comes back "
                               "empty; producers send one message per SendMessage."));
    }
    double deliveries = 0, failed = 0, failedPoison = 0;
    for (const Connection *w : mappings) {
        const mapping::Params esm = mapping::Params::of(w->params);
        const Component *fn = design.component(w->target);
        const lambda::Params function = fn ? lambda::Params::of(fn->params) : lambda::Params();
        // A message fails a receive with the function's error rate or its transient failure
        // rate, a poison one every time: received until deleted or maxReceiveCount (§4).
        const double p = fn ? attemptFailure(lambda::failureShare(*fn), in.transientRate) : 0.0;
        const RetriedFlow tries = retriedFlow(fn ? in.poisonShare : 0.0, p, maxReceives - 1);
        // Competing mappings share the messages: each message goes to one consumer.
        const double arrivals = in.rate / mappings.size();
        const double received = arrivals * tries.attempts;
        const double seconds =
            fn ? std::min(function.duration / 1000.0, double(function.timeout)) : 0.0;
        const bool fifo = params.isFifo();
        const double window = fifo ? 0.0 : double(esm.batchingWindow);
        const double cap = lambda::batchPayloadCap(double(esm.batchSize), f.payloadKB);
        const double pollers = pollerCap(design, *w, fn);
        double perInvoke = 1;
        if (received > 0 && fifo) {
            // One batch per message group at a time; fewer pollers than groups also queue.
            const double groups = std::max(1.0, double(params.messageGroups));
            perInvoke =
                fifoGroupBatchFill(received / groups, seconds, fn ? function.durationCv : 0.0, cap);
            if (pollers < groups)
                perInvoke = std::max(perInvoke, batchFill(received, seconds, pollers, 0, cap));
        } else if (received > 0) {
            perInvoke = batchFill(received, seconds, pollers, window, cap);
        }
        const double callsPerBatch = std::ceil(perInvoke / 10 - 1e-9); // <= 10 per call
        const double invocations = received / perInvoke;
        f.receiveRequests += invocations * callsPerBatch;
        f.deleteRequests += invocations * (1 - tries.poisonOfAttempts) * (1 - p) * callsPerBatch;
        f.emptyReceives += kIdlePollers / kLongPollSeconds * std::exp(-received * kLongPollSeconds);
        deliveries += received;
        failed += arrivals * tries.failedShare;
        failedPoison += arrivals * (fn ? in.poisonShare : 0.0);
        pr.setRecordFailures(tries.poisonOfAttempts, in.transientRate);
        pr.out(w, received, f.payloadKB, invocations);
    }
    f.messagesPerReceive = f.receiveRequests > 0 ? deliveries / f.receiveRequests : 0;
    if (dlqs.isEmpty())
        f.expiredMessages += failed;
    pr.setRecordFailures(failed > 0 ? std::min(1.0, failedPoison / failed) : 0, in.transientRate);
    for (const Connection *w : dlqs)
        pr.out(w, failed / dlqs.size(), f.payloadKB);
}

const QList<usage::Dimension> &billingDimensions()
{
    static const QList<usage::Dimension> dims = {{"requests-standard"}, {"requests-fifo"}};
    return dims;
}

// Every API call is a request, each 64 KB chunk of its payload one more (aws-behaviour.md §4
// "Pricing").
void billing(usage::Meter &m, const Component &c)
{
    using usage::millions;
    const PriceDimension d = m.dimension(c, isFifo(c) ? QStringLiteral("requests-fifo")
                                                      : QStringLiteral("requests-standard"));
    const double month = m.seconds();
    m.metered(
        c, d.id,
        [&](const ComponentFlow &f) {
            // A receive carries the payload of every message it returns; deletes and empty
            // receives carry none.
            const double sends = f.sendRequests * month * meteredChunks(f.payloadKB, d.chunkKB);
            const double receives = f.receiveRequests * month
                                    * meteredChunks(f.messagesPerReceive * f.payloadKB, d.chunkKB);
            const double empty = f.emptyReceives * month;
            const double deletes = f.deleteRequests * month;
            return usage::Estimate{
                sends + receives + empty + deletes,
                QStringLiteral("%1 sends + %2 receives + %3 empty receives + %4 deletes")
                    .arg(millions(sends), millions(receives), millions(empty), millions(deletes))};
        },
        [](const usage::RunTotal &total) { return total("sqs.billed_requests"); });
}

// A Task state's SQS SendMessage (optimized integration; SAM policy template).
const sam::ServiceSam &samMapping()
{
    static const sam::SamTask task{"arn:aws:states:::sqs:sendMessage",
                                   "QueueUrl",
                                   "MessageBody.$",
                                   "SQSSendMessagePolicy",
                                   "QueueName",
                                   "QueueName",
                                   "Url",
                                   nullptr};
    // A service delivering to the queue (a rule's target, a dead-letter queue) needs a statement
    // in the queue policy naming its resource (aws-behaviour.md §9 "Permissions").
    static const sam::SamAccess access{"AWS::SQS::QueuePolicy", "Queues", "sqs:SendMessage", "Arn",
                                       true};
    static const sam::ServiceSam mapping{.task = &task, .access = &access};
    return mapping;
}

// The pattern guide's "queue" column (model/services/comparison.h).
ComparisonColumn comparisonColumn(const PricingCatalogue &prices)
{
    using namespace comparison;
    const ParamSpec &maxConc =
        wireParam(ConnectionKind::EventSourceMapping, ComponentKind::SqsQueue,
                  mapping::key::maximumConcurrency.name);
    const ParamSpec &retention = blockParam(ComponentKind::SqsQueue, key::retentionPeriod.name);
    const ParamSpec &batch = wireParam(ConnectionKind::EventSourceMapping, ComponentKind::SqsQueue,
                                       mapping::key::batchSize.name);
    const ParamSpec &visibility = blockParam(ComponentKind::SqsQueue, key::visibilityTimeout.name);
    const ParamSpec &receives = wireParam(ConnectionKind::Redrive, ComponentKind::SqsQueue,
                                          redrive::key::maxReceiveCount.name);
    const PriceText requests = price(prices, "sqs", "requests-standard");
    return {
        QStringLiteral("SQS (queue)"),
        {
            {QStringLiteral("Pollers start at 5 concurrent batches and add 300 a minute up to "
                            "1,250; MaximumConcurrency (%1 to %2) caps a mapping.")
                 .arg(count(maxConc.minimum), count(maxConc.maximum)),
             QStringLiteral("Lambda SQS event source mapping scaling and ScalingConfig."
                            "MaximumConcurrency; keep it at or below reserved concurrency. "
                            "[aws-behaviour 4]")},
            {QStringLiteral("Stored across several Availability Zones before SendMessage "
                            "returns; at-least-once (Standard) or in order per group (FIFO)."),
             QStringLiteral("SNS, SQS and Kinesis store copies across Availability Zones before "
                            "acknowledging. [aws-behaviour 8]")},
            {QStringLiteral("Retention %1 by default (%2 to %3); older messages are deleted "
                            "unread.")
                 .arg(span(defaultOf(retention)), span(retention.minimum), span(retention.maximum)),
             QStringLiteral("SQS MessageRetentionPeriod. [aws-behaviour 4]")},
            {QStringLiteral("Poll: Lambda receives batches of %1 (up to %2) and deletes them on "
                            "success; each message goes to one consumer.")
                 .arg(count(defaultOf(batch)), count(batch.maximum)),
             QStringLiteral("Lambda event source mapping for SQS: BatchSize, batching window "
                            "0 to 300 s. [aws-behaviour 4]")},
            {QStringLiteral("The message reappears after the visibility timeout (%1 by default) "
                            "and moves to the DLQ after maxReceiveCount receives (%2 to %3).")
                 .arg(span(defaultOf(visibility)), count(receives.minimum),
                      count(receives.maximum)),
             QStringLiteral("SQS visibility timeout and RedrivePolicy; set the timeout to at "
                            "least 6x the function timeout. [aws-behaviour 4]")},
            priced(
                QStringLiteral("%1; each %2 of a message and every API call (empty receives "
                               "too) is a request, a batch of up to %3 is one.")
                    .arg(requests.text, chunks(prices, "sqs", "requests-standard"),
                         metering(prices, "sqs", "requests-standard", &PriceDimension::batchLimit)),
                {requests},
                QStringLiteral("Lambda's pollers receive in batches, so they also pay "
                               "for empty receives when the queue is idle.")),
        }};
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
        .flow = flowRule,
        .billingDimensions = billingDimensions,
        .billing = billing,
        .samType = [](const QVariantMap &) { return QStringLiteral("AWS::SQS::Queue"); },
        .samEnvSuffix = "_QUEUE_URL",
        .sam = &samMapping(),
        .outgoingWires = outgoingWires,
        .naturalWire =
            [](const Component &target) {
                return target.kind == ComponentKind::Lambda     ? ConnectionKind::EventSourceMapping
                       : target.kind == ComponentKind::SqsQueue ? ConnectionKind::Redrive
                                                                : ConnectionKind::SyncInvoke;
            },
        .comparison = comparisonColumn,
        // A FIFO queue's API calls per second (aws-behaviour.md §4 "FIFO throughput"); a standard
        // queue's are nearly unlimited, with no documented quota to lower.
        .throttles = [](const Component &c) { return isFifo(c); },
    };
    return m;
}

} // namespace swb::sqs
