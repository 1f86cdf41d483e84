#include "model/patternaxes.h"

#include "model/parametercatalogue.h"
#include "model/patternaxes_p.h"

#include <QLocale>

#include <cmath>

// Every number below that AWS lets the user set comes from the parameter catalogue (its AWS
// default and limits), so the table cannot drift from the inspector and the simulator. The fixed
// facts (shard throughput, poller scaling, SNS delivery policy) are AWS rules the catalogue does
// not model as knobs; each names its source in resources/help/aws-behaviour.md.

namespace swb {

namespace axes {

// 10000 -> "10,000": grouped like AWS's own pages.
QString count(double value)
{
    if (value == std::floor(value))
        return QLocale(QLocale::English).toString(static_cast<qlonglong>(value));
    return QString::number(value);
}

// A time span in the unit a person would use: "30 s", "6 h", "4 days".
QString span(double seconds)
{
    if (seconds < 120)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 7200 && std::fmod(seconds, 60) == 0)
        return QStringLiteral("%1 min").arg(seconds / 60);
    if (seconds < 172800 && std::fmod(seconds, 3600) == 0)
        return QStringLiteral("%1 h").arg(seconds / 3600);
    if (std::fmod(seconds, 86400) == 0)
        return QStringLiteral("%1 days").arg(count(seconds / 86400));
    return QStringLiteral("%1 h").arg(count(std::round(seconds / 3600)));
}

} // namespace axes

namespace {

using axes::count;
using axes::span;

const ParamSpec &checked(const ParamSpec *spec)
{
    static const ParamSpec missing;
    Q_ASSERT(spec);
    return spec ? *spec : missing;
}

const ParamSpec &block(ComponentKind kind, const char *key)
{
    return checked(catalogue::findComponentParam(kind, QLatin1String(key)));
}

const ParamSpec &mapping(ComponentKind source, const char *key)
{
    return checked(catalogue::findConnectionParam(ConnectionKind::EventSourceMapping, source,
                                                  QLatin1String(key)));
}

const ParamSpec &ruleTarget(const char *key)
{
    return checked(catalogue::findConnectionParam(ConnectionKind::Subscription,
                                                  ComponentKind::EventBus, QLatin1String(key)));
}

const ParamSpec &project(const char *key)
{
    return checked(catalogue::findProjectParam(QLatin1String(key)));
}

double defaultOf(const ParamSpec &spec)
{
    return spec.defaultValue.toDouble();
}

QList<AxisCell> scaleRow()
{
    const ParamSpec &stageRate = block(ComponentKind::ApiGateway, "rateLimit");
    const ParamSpec &stageBurst = block(ComponentKind::ApiGateway, "burstLimit");
    const ParamSpec &account = project("accountConcurrency");
    const ParamSpec &publish = block(ComponentKind::SnsTopic, "publishQuota");
    const ParamSpec &maxConc = mapping(ComponentKind::SqsQueue, "maximumConcurrency");
    const ParamSpec &shards = block(ComponentKind::KinesisStream, "shards");
    const ParamSpec &factor = mapping(ComponentKind::KinesisStream, "parallelizationFactor");
    const ParamSpec &putQuota = block(ComponentKind::EventBus, "putEventsQuota");
    const ParamSpec &entries = block(ComponentKind::EventBus, "entriesPerCall");
    const ParamSpec &invocations = block(ComponentKind::EventBus, "invocationsQuota");
    return {
        {QStringLiteral("Stage throttle %1 req/s, burst %2 (429 above). Lambda: %3 concurrent "
                        "executions per account; reserved concurrency reserves and caps a "
                        "function (0 = kill switch).")
             .arg(count(defaultOf(stageRate)), count(defaultOf(stageBurst)),
                  count(defaultOf(account))),
         QStringLiteral("API Gateway throttles with a token bucket per stage and per account "
                        "(rate, burst); Lambda needs concurrency = requests/s x duration and "
                        "adds 1,000 environments per function every 10 s. [aws-behaviour 1, 2]")},
        {QStringLiteral("Publish quota %1 msg/s (soft). Each delivery is an async invoke: "
                        "concurrency follows the publish rate, capped only by reserved "
                        "concurrency and the account's %2.")
             .arg(count(defaultOf(publish)), count(defaultOf(account))),
         QStringLiteral("SNS account publish quota per Region; deliveries to Lambda are "
                        "asynchronous invokes. [aws-behaviour 3]")},
        {QStringLiteral("Pollers start at 5 concurrent batches and add 300 a minute up to 1,250; "
                        "MaximumConcurrency (%1 to %2) caps a mapping.")
             .arg(count(maxConc.minimum), count(maxConc.maximum)),
         QStringLiteral("Lambda SQS event source mapping scaling and ScalingConfig."
                        "MaximumConcurrency; keep it at or below reserved concurrency. "
                        "[aws-behaviour 4]")},
        {QStringLiteral("%1 to %2 shards of 1 MB/s or 1,000 records/s in, 2 MB/s out. Lambda "
                        "runs shards x parallelization factor (%3 to %4) batches at once.")
             .arg(count(shards.minimum), count(shards.maximum), count(factor.minimum),
                  count(factor.maximum)),
         QStringLiteral("Kinesis shard write and read limits (excess throttled); event source "
                        "mapping ParallelizationFactor. The shard count caps the concurrency. "
                        "[aws-behaviour 5]")},
        {QStringLiteral("Account quotas: %1 PutEvents calls/s of up to %2 entries (throttled "
                        "above) and %3 target invocations/s (delayed above). Lambda targets are "
                        "async invokes.")
             .arg(count(defaultOf(putQuota)), count(entries.maximum),
                  count(defaultOf(invocations))),
         QStringLiteral("EventBridge PutEvents and invocations quotas per account and Region "
                        "(adjustable; lower outside the largest Regions). [aws-behaviour 9]")},
    };
}

QList<AxisCell> durabilityRow()
{
    const QString stored = QStringLiteral("Stored across several Availability Zones before %1 "
                                          "returns");
    const QString rule = QStringLiteral("SNS, SQS and Kinesis store copies across Availability "
                                        "Zones before acknowledging. [aws-behaviour 8]");
    return {
        {QStringLiteral("None: the request exists only while the call runs; a failed call is "
                        "lost unless the client retries."),
         QStringLiteral("The Lambda API keeps nothing for the caller. [aws-behaviour 8]")},
        {stored.arg(QStringLiteral("Publish")) + QStringLiteral("; FIFO topics also deduplicate."),
         rule},
        {stored.arg(QStringLiteral("SendMessage"))
             + QStringLiteral("; at-least-once (Standard) or in order per group (FIFO)."),
         rule},
        {stored.arg(QStringLiteral("PutRecords")) + QStringLiteral("; in order per shard."), rule},
        {QStringLiteral("Accepted events reach each matching rule's targets at least once; no "
                        "order on a custom bus."),
         QStringLiteral("At-least-once delivery to rule targets and no ordering on a Classic bus "
                        "are common descriptions, not found in AWS's own text. [aws-behaviour 9]")},
    };
}

QList<AxisCell> persistenceRow()
{
    const ParamSpec &integration = block(ComponentKind::ApiGateway, "integrationTimeout");
    const ParamSpec &eventAge = block(ComponentKind::Lambda, "maxEventAge");
    const ParamSpec &sqsRetention = block(ComponentKind::SqsQueue, "retentionPeriod");
    const ParamSpec &kinesisRetention = block(ComponentKind::KinesisStream, "retentionHours");
    const ParamSpec &eventAge2 = ruleTarget("maximumEventAge");
    return {
        {QStringLiteral("As long as the call: integration timeout %1 by default. An async "
                        "Lambda invoke keeps the event up to %2.")
             .arg(span(defaultOf(integration) / 1000), span(defaultOf(eventAge))),
         QStringLiteral("API Gateway integration timeout (REST 50 ms to 29 s, HTTP APIs 30 s); "
                        "Lambda MaximumEventAgeInSeconds. [aws-behaviour 1, 2]")},
        {QStringLiteral("Only while the delivery policy retries: up to 23 days for Lambda and "
                        "SQS subscribers, 4 attempts for HTTP/S; then the subscription DLQ or "
                        "discarded."),
         QStringLiteral("SNS delivery retry policies per endpoint kind and subscription "
                        "RedrivePolicy. Nothing can be read back later. [aws-behaviour 3]")},
        {QStringLiteral("Retention %1 by default (%2 to %3); older messages are deleted unread.")
             .arg(span(defaultOf(sqsRetention)), span(sqsRetention.minimum),
                  span(sqsRetention.maximum)),
         QStringLiteral("SQS MessageRetentionPeriod. [aws-behaviour 4]")},
        {QStringLiteral("Retention %1 by default (up to %2), read or not; any consumer can "
                        "re-read within it.")
             .arg(span(defaultOf(kinesisRetention) * 3600), span(kinesisRetention.maximum * 3600)),
         QStringLiteral("Kinesis retention period (24 h default, 365 days maximum; 7 days in "
                        "2018). [aws-behaviour 5]")},
        {QStringLiteral("Only while a target's retry policy runs: up to %1 by default (%2 to %3); "
                        "then the target's DLQ or dropped.")
             .arg(span(defaultOf(eventAge2)), span(eventAge2.minimum), span(eventAge2.maximum)),
         QStringLiteral("EventBridge target RetryPolicy.MaximumEventAgeInSeconds and "
                        "DeadLetterConfig. Nothing can be read back later. [aws-behaviour 9]")},
    };
}

QList<AxisCell> consumptionRow()
{
    const ParamSpec &sqsBatch = mapping(ComponentKind::SqsQueue, "batchSize");
    const ParamSpec &kinesisBatch = mapping(ComponentKind::KinesisStream, "batchSize");
    return {
        {QStringLiteral("Push, synchronous: one request, one invocation; the caller waits for "
                        "the answer."),
         QStringLiteral("RequestResponse invoke through API Gateway (6 MB payload). "
                        "[aws-behaviour 2, 8]")},
        {QStringLiteral("Push, asynchronous fan-out: every subscription gets its own copy "
                        "(filter policies select); one message per invocation."),
         QStringLiteral("SNS delivers to each subscription; Lambda subscribers are invoked "
                        "asynchronously. [aws-behaviour 3]")},
        {QStringLiteral("Poll: Lambda receives batches of %1 (up to %2) and deletes them on "
                        "success; each message goes to one consumer.")
             .arg(count(defaultOf(sqsBatch)), count(sqsBatch.maximum)),
         QStringLiteral("Lambda event source mapping for SQS: BatchSize, batching window "
                        "0 to 300 s. [aws-behaviour 4]")},
        {QStringLiteral("Poll per shard: batches of %1 (up to %2) in order; several applications "
                        "read the same records.")
             .arg(count(defaultOf(kinesisBatch)), count(kinesisBatch.maximum)),
         QStringLiteral("Shared readers split 2 MB/s and 5 GetRecords/s per shard; enhanced "
                        "fan-out gives each consumer 2 MB/s per shard. [aws-behaviour 5]")},
        {QStringLiteral("Push, asynchronous routing: every rule whose event pattern matches "
                        "sends the event to each of its up to 5 targets."),
         QStringLiteral("EventBridge rules match independently; targets: Lambda (async), SQS, "
                        "SNS, Step Functions, another bus and more. [aws-behaviour 9]")},
    };
}

QList<AxisCell> retriesRow()
{
    const ParamSpec &asyncRetries = block(ComponentKind::Lambda, "maxRetryAttempts");
    const ParamSpec &visibility = block(ComponentKind::SqsQueue, "visibilityTimeout");
    const ParamSpec &receives = checked(catalogue::findConnectionParam(
        ConnectionKind::Redrive, ComponentKind::SqsQueue, QStringLiteral("maxReceiveCount")));
    const ParamSpec &targetRetries = ruleTarget("maximumRetryAttempts");
    return {
        {QStringLiteral("None by AWS: an error or a 429 goes back to the caller, who decides "
                        "(the client's problem)."),
         QStringLiteral("Synchronous invokes are never retried by Lambda. [aws-behaviour 8]")},
        {QStringLiteral("SNS retries delivery (Lambda and SQS: 100,015 attempts over 23 days); "
                        "a function error is retried %1 times, then the on-failure "
                        "destination or DLQ.")
             .arg(count(defaultOf(asyncRetries))),
         QStringLiteral("SNS delivery policy for AWS-managed endpoints; Lambda async invoke "
                        "MaximumRetryAttempts (0 to 2, about 1 and 2 minutes apart). "
                        "\"Turn the DLQ on!\" [aws-behaviour 2, 3]")},
        {QStringLiteral("The message reappears after the visibility timeout (%1 by default) and "
                        "moves to the DLQ after maxReceiveCount receives (%2 to %3).")
             .arg(span(defaultOf(visibility)), count(receives.minimum), count(receives.maximum)),
         QStringLiteral("SQS visibility timeout and RedrivePolicy; set the timeout to at least "
                        "6x the function timeout. [aws-behaviour 4]")},
        {QStringLiteral("The batch is retried in order and blocks its shard until it succeeds, "
                        "the retries or record age run out, or the records expire."),
         QStringLiteral("Kinesis event source mapping: MaximumRetryAttempts and "
                        "MaximumRecordAgeInSeconds (default -1, infinite), "
                        "BisectBatchOnFunctionError, on-failure destination. [aws-behaviour 5]")},
        {QStringLiteral("Per target: up to %1 retries (%2 to %3) with exponential backoff and "
                        "jitter, within the event's maximum age; then the target's DLQ (a "
                        "standard queue) or dropped.")
             .arg(count(defaultOf(targetRetries)), count(targetRetries.minimum),
                  count(targetRetries.maximum)),
         QStringLiteral("EventBridge target RetryPolicy.MaximumRetryAttempts (default 185 over "
                        "24 h); throttled invocations are retried too. [aws-behaviour 9]")},
    };
}

} // namespace

QList<PatternAxis> allPatternAxes()
{
    return {PatternAxis::Scale,       PatternAxis::Durability, PatternAxis::Persistence,
            PatternAxis::Consumption, PatternAxis::Retries,    PatternAxis::Pricing};
}

QList<PatternChannel> allPatternChannels()
{
    return {PatternChannel::Api, PatternChannel::Sns, PatternChannel::Sqs, PatternChannel::Kinesis,
            PatternChannel::EventBus};
}

PatternAxes patternAxes(const PricingCatalogue &prices)
{
    PatternAxes table;
    table.axisNames = {QStringLiteral("Scale and concurrency controls"),
                       QStringLiteral("Durability"),
                       QStringLiteral("Persistence"),
                       QStringLiteral("Consumption"),
                       QStringLiteral("Retries and failures"),
                       QStringLiteral("Pricing")};
    table.channelNames = {QStringLiteral("API Gateway (sync push)"), QStringLiteral("SNS (topic)"),
                          QStringLiteral("SQS (queue)"), QStringLiteral("Kinesis (stream)"),
                          QStringLiteral("EventBridge (event bus)")};
    table.cells = {scaleRow(),       durabilityRow(), persistenceRow(),
                   consumptionRow(), retriesRow(),    axes::pricingRow(prices)};
    table.priceNote = QStringLiteral("Prices: %1, %2, catalogue dated %3.")
                          .arg(prices.region, prices.currency, prices.date);
    return table;
}

} // namespace swb
