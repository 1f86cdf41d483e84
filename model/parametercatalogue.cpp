#include "model/parametercatalogue.h"

#include <QHash>

// Every default and range below is AWS's, from resources/help/aws-behaviour.md (section in
// brackets). Values AWS does not document (idle expiry of environments, cold-start length) are
// marked as assumptions in their help text.

namespace swb::catalogue {

namespace {

ParamSpec integer(const char *key, const char *name, const char *unit, qlonglong def, double min,
                  double max, const char *help)
{
    ParamSpec s;
    s.key = QLatin1String(key);
    s.displayName = QLatin1String(name);
    s.unit = QLatin1String(unit);
    s.type = ParamType::Integer;
    s.defaultValue = def;
    s.minimum = min;
    s.maximum = max;
    s.help = QString::fromUtf8(help);
    return s;
}

ParamSpec real(const char *key, const char *name, const char *unit, double def, double min,
               double max, const char *help)
{
    ParamSpec s = integer(key, name, unit, 0, min, max, help);
    s.type = ParamType::Real;
    s.defaultValue = def;
    return s;
}

ParamSpec withSentinel(ParamSpec s, double sentinel)
{
    s.sentinel = sentinel;
    return s;
}

ParamSpec boolean(const char *key, const char *name, bool def, const char *help)
{
    ParamSpec s = integer(key, name, "", 0, 0, 1, help);
    s.type = ParamType::Boolean;
    s.defaultValue = def;
    return s;
}

ParamSpec choice(const char *key, const char *name, QStringList choices, const char *help)
{
    ParamSpec s = integer(key, name, "", 0, 0, 0, help);
    s.type = ParamType::Choice;
    s.defaultValue = choices.first();
    s.choices = std::move(choices);
    return s;
}

ParamSpec text(const char *key, const char *name, const char *help)
{
    ParamSpec s = integer(key, name, "", 0, 0, 0, help);
    s.type = ParamType::Text;
    s.defaultValue = QString();
    return s;
}

QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out.append(QLatin1String(item));
    return out;
}

QList<ParamSpec> trafficParams()
{
    return {
        choice("pattern", "Pattern",
               list({"poisson", "constant", "diurnal", "spike", "step", "replay"}),
               "How requests arrive: poisson (random, memoryless), constant (evenly spaced), "
               "diurnal (a daily curve peaking at the peak hour), spike (rate x multiplier during "
               "a window), step (rate x multiplier from the start time on), replay (rates or "
               "timestamps from a CSV file)."),
        real("rate", "Mean rate", "req/s", 100, 0, 1e6,
             "Mean requests per second entering the system."),
        real("peakFactor", "Diurnal peak factor", "x", 2, 1, 20,
             "Diurnal pattern: peak rate divided by mean rate."),
        real("peakHour", "Diurnal peak hour", "h", 14, 0, 24,
             "Diurnal pattern: hour of the simulated day at which the rate peaks."),
        real("spikeStart", "Spike/step start", "s", 600, 0, 31536000,
             "Spike or step pattern: simulated time at which the rate changes."),
        real("spikeDuration", "Spike duration", "s", 300, 1, 31536000,
             "Spike pattern: how long the higher rate lasts."),
        real("spikeMultiplier", "Spike/step multiplier", "x", 10, 0, 1000,
             "Spike or step pattern: the rate during the spike (or after the step) is the mean "
             "rate times this."),
        text("replayFile", "Replay CSV",
             "Replay pattern: CSV with columns time_s,rate (rate per second from that time on) "
             "or a single column of request timestamps in seconds."),
        real("payloadSize", "Mean payload", "KB", 1, 0.001, 10240,
             "Mean request size. SNS bills and limits in 64 KB chunks (max 256 KB), SQS in 64 KB "
             "chunks (max 1 MiB), Kinesis in 25 KB PUT payload units, HTTP APIs in 512 KB units."),
        choice("payloadDistribution", "Payload distribution",
               list({"fixed", "exponential", "lognormal"}),
               "Distribution of request sizes around the mean."),
        text("attributes", "Message attributes",
             "Attribute values carried by messages for SNS filter policies, as name=value:share "
             "pairs separated by commas, e.g. type=order:0.7,type=refund:0.3."),
    };
}

QList<ParamSpec> apiGatewayParams()
{
    return {
        choice("type", "API type", list({"REST", "HTTP"}),
               "REST APIs cost $3.50/M and can call any AWS action (SQS, SNS, Kinesis, Step "
               "Functions); HTTP APIs cost $1.00/M, are metered in 512 KB units and have no SNS "
               "integration. [API Gateway pricing; http-api-develop-integrations-aws-services]"),
        real("rateLimit", "Stage rate limit", "req/s", 10000, 1, 10000,
             "Token-bucket refill rate. Requests above it get 429 Too Many Requests. It can be set "
             "lower than the account's 10,000 req/s but never higher. [apigateway limits]"),
        real("burstLimit", "Stage burst limit", "req", 5000, 0, 5000,
             "Token-bucket size: how many requests may arrive at once before throttling. The "
             "account burst has been 5,000 since 2017-06-06. [apigateway limits]"),
        real("integrationTimeout", "Integration timeout", "ms", 29000, 50, 300000,
             "The backend must answer within this time or the caller gets 504. REST: 50 ms to "
             "29 s (Regional/private REST APIs may raise it above 29 s by quota request); HTTP "
             "APIs: at most 30 s, hard limit."),
    };
}

QList<ParamSpec> snsParams()
{
    return {
        choice("type", "Topic type", list({"Standard", "FIFO"}),
               "Standard: nearly unlimited throughput, best-effort order, at-least-once. FIFO: "
               "strict order per message group, 5-minute deduplication, subscribers are SQS "
               "queues, 3,000 msg/s per topic (300 per group in high-throughput mode)."),
        real("publishQuota", "Publish quota", "msg/s", 30000, 1, 1e6,
             "Account publish quota in the Region (30,000 msg/s in us-east-1; soft). Publishes "
             "above it are throttled."),
    };
}

QList<ParamSpec> sqsParams()
{
    return {
        choice("type", "Queue type", list({"Standard", "FIFO"}),
               "Standard: near-unlimited throughput, at-least-once, best-effort order. FIFO: in "
               "order per message group, 300 API calls/s per action (3,000 msg/s batched)."),
        integer("visibilityTimeout", "Visibility timeout", "s", 30, 0, 43200,
                "A received message is hidden this long; if not deleted it reappears and its "
                "receive count grows. Set it to at least 6x the consuming function's timeout. "
                "Default 30 s, 0 s to 12 h."),
        integer("retentionPeriod", "Retention period", "s", 345600, 60, 1209600,
                "Messages older than this are deleted unread. Default 4 days, 60 s to 14 days."),
        integer("deliveryDelay", "Delivery delay", "s", 0, 0, 900,
                "New messages stay invisible this long (0 to 15 minutes)."),
        integer("maxMessageSize", "Maximum message size", "B", 262144, 1024, 1048576,
                "Larger messages are refused. Up to 1 MiB since 2025; billed in 64 KB chunks."),
        integer("messageGroups", "Message groups (FIFO)", "", 1, 1, 1000000,
                "FIFO only: number of distinct MessageGroupIds. Messages of one group are "
                "processed in order, one batch at a time; a failing batch blocks its group."),
    };
}

QList<ParamSpec> kinesisParams()
{
    return {
        choice("capacityMode", "Capacity mode", list({"Provisioned", "On-demand"}),
               "Provisioned: you choose the shard count and pay $0.015 per shard-hour. On-demand: "
               "starts at 4 MB/s write and scales; $0.04 per stream-hour plus per-GB charges."),
        integer("shards", "Shards", "", 1, 1, 20000,
                "Each shard takes 1 MB/s or 1,000 records/s of writes (excess throttled) and "
                "serves 2 MB/s and 5 GetRecords/s of shared reads."),
        integer("retentionHours", "Retention", "h", 24, 24, 8760,
                "Records older than this are gone, read or not. Default 24 h, up to 365 days."),
        integer("partitionKeys", "Partition keys", "", 1000, 1, 10000000,
                "Distinct partition keys in the traffic; records are hashed to shards by key."),
        real("hotKeyShare", "Hot key share", "", 0, 0, 1,
             "Fraction of records carrying one single hot partition key. A key always lands on "
             "one shard, so it is capped at 1 MB/s / 1,000 records/s."),
    };
}

QList<ParamSpec> stepFunctionsParams()
{
    return {
        choice("type", "Workflow type", list({"Standard", "Express"}),
               "Standard: exactly-once, up to 1 year, $25 per million state transitions (every "
               "retry is a transition). Express: at-least-once, up to 5 minutes, $1.00 per million "
               "requests plus duration."),
    };
}

QList<ParamSpec> lambdaParams()
{
    return {
        integer("memory", "Memory", "MB", 128, 128, 10240,
                "128 to 10,240 MB in 1 MB steps; CPU grows with memory (1,769 MB is about one "
                "vCPU). Billed per GB-second."),
        integer("timeout", "Timeout", "s", 3, 1, 900,
                "An invocation running longer is stopped and counts as an error. Default 3 s, "
                "maximum 900 s."),
        withSentinel(integer("reservedConcurrency", "Reserved concurrency", "", -1, 0, 1000000,
                             "Guarantees and caps this function's concurrency (free). 0 is the "
                             "kill switch: every invoke is throttled and async events go straight "
                             "to the DLQ / on-failure destination without retries. -1: not set, "
                             "the function shares the unreserved pool."),
                     -1),
        integer("provisionedConcurrency", "Provisioned concurrency", "", 0, 0, 1000000,
                "Pre-initialised environments with no cold start; traffic above spills over to "
                "on-demand. Billed from enable to disable, no free tier."),
        real("duration", "Mean duration", "ms", 100, 1, 900000,
             "Mean run time of one invocation (billed in 1 ms steps, rounded up)."),
        real("durationCv", "Duration variability", "", 0.5, 0, 5,
             "Coefficient of variation of the (log-normal) duration: 0 = always the mean."),
        real("errorRate", "Error rate", "", 0, 0, 1,
             "Fraction of invocations that fail with a function error."),
        real("coldStart", "Cold start", "ms", 250, 0, 10000,
             "Extra time when a new execution environment starts. AWS: under 1% of invocations "
             "in steady traffic, 'under 100 ms to over 1 s'; the init phase is capped at 10 s."),
        integer("idleExpiry", "Idle environment expiry", "s", 600, 60, 7200,
                "How long an idle environment stays warm. Not documented by AWS (observed 5 to "
                "15 minutes): an assumption you can change."),
        choice("architecture", "Architecture", list({"x86_64", "arm64"}),
               "arm64 (Graviton) GB-seconds cost about 20% less than x86_64."),
        integer("maxRetryAttempts", "Async retry attempts", "", 2, 0, 2,
                "Async invokes: retries after a function error, about 1 minute then 2 minutes "
                "apart. Default 2."),
        integer("maxEventAge", "Async max event age", "s", 21600, 60, 21600,
                "Async invokes: events older than this are dropped (or sent to the on-failure "
                "destination). Default and maximum 6 h."),
    };
}

QList<ParamSpec> downstreamParams()
{
    return {
        choice("protocol", "Kind", list({"Database", "HTTP API"}),
               "A database or a third-party HTTP API. As an SNS subscriber an HTTP API follows "
               "the HTTP/S delivery policy (3 retries 20 s apart by default)."),
        real("capacity", "Capacity", "req/s", 500, 0.001, 1e7,
             "Requests per second it can serve; above that requests fail (and flow back as "
             "function errors and retries)."),
        integer("maxConnections", "Max connections", "", 100, 1, 1000000,
                "Concurrent requests it accepts; more are refused."),
        real("latency", "Latency", "ms", 20, 0.01, 60000, "Mean time to answer one request."),
        real("errorRate", "Error rate", "", 0, 0, 1,
             "Fraction of requests that fail even when not overloaded."),
    };
}

QList<ParamSpec> esmCommon(qlonglong defaultBatch, double maxBatch)
{
    return {
        integer("batchSize", "Batch size", "records", defaultBatch, 1, maxBatch,
                "Most records per invocation (also capped by the 6 MB invoke payload)."),
        integer("batchingWindow", "Batching window", "s", 0, 0, 300,
                "How long the pollers gather records before invoking (0 to 300 s). With an SQS "
                "batch size above 10 it must be at least 1 s; not supported for FIFO."),
        boolean("reportBatchItemFailures", "Partial batch response", false,
                "ReportBatchItemFailures: only the failed records are retried; otherwise the "
                "whole batch is."),
    };
}

QList<ParamSpec> sqsMappingParams()
{
    QList<ParamSpec> specs = esmCommon(10, 10000);
    specs.append(withSentinel(
        integer("maximumConcurrency", "Maximum concurrency", "", -1, 2, 1000,
                "ScalingConfig.MaximumConcurrency: caps the concurrent invokes of this mapping (2 "
                "to 1,000). -1: not set; pollers start at 5 and add up to 300 per minute to 1,250. "
                "Keep it at or below the function's reserved concurrency."),
        -1));
    return specs;
}

QList<ParamSpec> kinesisMappingParams()
{
    QList<ParamSpec> specs = esmCommon(100, 10000);
    specs.append({
        integer("parallelizationFactor", "Parallelization factor", "", 1, 1, 10,
                "Concurrent batches per shard (order kept per partition key)."),
        withSentinel(integer("maxRetryAttempts", "Maximum retry attempts", "", -1, 0, 10000,
                             "A failing batch is retried, blocking its shard, this many times. "
                             "-1 (default): until the record expires."),
                     -1),
        withSentinel(integer("maxRecordAge", "Maximum record age", "s", -1, 60, 604800,
                             "Records older than this are skipped (sent to the on-failure "
                             "destination). -1 (default): until retention expires."),
                     -1),
        boolean("bisectOnError", "Bisect batch on error", false,
                "BisectBatchOnFunctionError: a failing batch is split in two and each half "
                "retried, isolating a poison record."),
        boolean("enhancedFanOut", "Enhanced fan-out", false,
                "On: a dedicated 2 MB/s per shard, pushed; off (default): reads shared with the "
                "stream's other standard consumers. Standard consumers share each shard's "
                "2 MB/s, 2,000 records/s and 5 GetRecords calls/s and read on a ~1 s poll. An "
                "enhanced fan-out consumer gets records ~70 ms after the write (AWS's figure is "
                "approximate); at most 20 per stream. Billed per consumer-shard-hour plus per GB "
                "retrieved (catalogue: $0.015 and $0.013, from a secondary source)."),
    });
    return specs;
}

QList<ParamSpec> taskParams()
{
    return {
        integer("order", "State order", "", 1, 1, 1000,
                "Position of this Task state in the state machine's chain."),
        integer("retryInterval", "Retry interval", "s", 1, 1, 99999999,
                "Retry.IntervalSeconds: wait before the first retry (default 1)."),
        integer("retryMaxAttempts", "Retry max attempts", "", 3, 0, 99999999,
                "Retry.MaxAttempts (default 3; 0 = never retry)."),
        real("retryBackoffRate", "Retry backoff rate", "", 2.0, 1.0, 1000,
             "Retry.BackoffRate: each wait is the previous one times this (default 2.0)."),
        withSentinel(integer("retryMaxDelay", "Retry max delay", "s", -1, 1, 31622401,
                             "Retry.MaxDelaySeconds caps each wait. -1: no cap."),
                     -1),
        choice("retryJitter", "Retry jitter", list({"NONE", "FULL"}),
               "Retry.JitterStrategy: FULL waits a random time between 0 and the computed delay."),
        text("retriers", "Retriers",
             "The Task's Retry array in States Language JSON; empty (default): one States.ALL "
             "retrier from the Retry fields above. Example: [{\"ErrorEquals\": "
             "[\"Lambda.TooManyRequestsException\"], \"IntervalSeconds\": 2, \"MaxAttempts\": "
             "6}, {\"ErrorEquals\": [\"States.ALL\"]}]. Evaluated in order: the first retrier "
             "naming the error decides; States.ALL must be alone and last. The simulator raises "
             "Lambda.TooManyRequestsException (throttled invoke), Lambda.Unknown (timeout) and "
             "the function's own error (any other name; States.TaskFailed matches all three)."),
        boolean("catch", "Catch errors", true,
                "Catch States.ALL after the retries are exhausted (the execution continues to a "
                "fallback) instead of failing the execution."),
    };
}

QList<ParamSpec> subscriptionParams()
{
    return {
        real("filterMatch", "Filter match share", "", 1, 0, 1,
             "Fraction of published messages that match this subscription's filter policy. "
             "Messages that don't match are not delivered and not billed."),
        text("filterPolicy", "Filter policy",
             "Optional attribute rules (name=value, comma separated) matched against the traffic "
             "source's message attributes; when set it replaces the match share."),
    };
}

QList<ParamSpec> redriveParams()
{
    return {
        integer("maxReceiveCount", "Max receive count", "", 5, 1, 1000,
                "SQS RedrivePolicy.maxReceiveCount: after this many receives without a delete "
                "the message moves to the dead-letter queue. For an SNS topic this wire is each "
                "subscription's DLQ: messages land there once the delivery policy is exhausted."),
    };
}

QList<ParamSpec> syncInvokeParams()
{
    return {
        real("callsPerInvocation", "Calls per invocation", "", 1, 0, 100,
             "How many requests one invocation of the caller makes on this wire."),
    };
}

QList<ParamSpec> projectParamList()
{
    return {
        choice("region", "Region", list({"us-east-1"}),
               "Prices and account defaults are those of us-east-1."),
        integer("accountConcurrency", "Account concurrency", "", 1000, 10, 1000000,
                "Lambda concurrent executions shared by all functions in the Region (1,000 by "
                "default). Reservations must leave at least 100 unreserved."),
        choice("scalingModel", "Lambda scaling model", list({"current", "2018"}),
               "current: each function adds 1,000 environments every 10 s (since Nov 2023); "
               "2018: an account-wide initial burst, then +500 per minute."),
        integer("legacyBurst", "2018 initial burst", "", 3000, 500, 3000,
                "2018 model only: 3,000 in us-east-1, us-west-2, eu-west-1."),
        real("apiAccountRate", "API Gateway account rate", "req/s", 10000, 1, 1e6,
             "Account-level throttle shared by every API in the Region (10,000 req/s)."),
        real("apiAccountBurst", "API Gateway account burst", "req", 5000, 0, 1e6,
             "Account-level token-bucket size (5,000 since 2017)."),
        boolean("freeTier", "Free tier", true,
                "Subtract the always-free monthly allowances (Lambda 1 M requests and 400,000 "
                "GB-s, SNS and SQS 1 M requests, Step Functions 4,000 transitions)."),
        real("duration", "Simulated duration", "s", 3600, 1, 604800,
             "How much time a run simulates."),
        integer("seed", "Random seed", "", 1, 0, 9007199254740991LL,
                "Same design + same seed = identical results."),
    };
}

} // namespace

const QList<ParamSpec> &componentParams(ComponentKind kind)
{
    static const QHash<int, QList<ParamSpec>> table = {
        {int(ComponentKind::TrafficSource), trafficParams()},
        {int(ComponentKind::ApiGateway), apiGatewayParams()},
        {int(ComponentKind::SnsTopic), snsParams()},
        {int(ComponentKind::SqsQueue), sqsParams()},
        {int(ComponentKind::KinesisStream), kinesisParams()},
        {int(ComponentKind::StepFunctions), stepFunctionsParams()},
        {int(ComponentKind::Lambda), lambdaParams()},
        {int(ComponentKind::Downstream), downstreamParams()},
    };
    return *table.find(int(kind));
}

const QList<ParamSpec> &connectionParams(ConnectionKind kind, ComponentKind sourceKind)
{
    static const QList<ParamSpec> none;
    static const QList<ParamSpec> sqsMapping = sqsMappingParams();
    static const QList<ParamSpec> kinesisMapping = kinesisMappingParams();
    static const QList<ParamSpec> task = taskParams();
    static const QList<ParamSpec> subscription = subscriptionParams();
    static const QList<ParamSpec> redrive = redriveParams();
    static const QList<ParamSpec> syncInvoke = syncInvokeParams();
    switch (kind) {
    case ConnectionKind::EventSourceMapping:
        return sourceKind == ComponentKind::KinesisStream ? kinesisMapping : sqsMapping;
    case ConnectionKind::ServiceIntegration:
        return sourceKind == ComponentKind::StepFunctions ? task : none;
    case ConnectionKind::Subscription:
        return subscription;
    case ConnectionKind::Redrive:
        return redrive;
    case ConnectionKind::SyncInvoke:
        return sourceKind == ComponentKind::Lambda ? syncInvoke : none;
    case ConnectionKind::Traffic:
    case ConnectionKind::AsyncInvoke:
    case ConnectionKind::OnFailure:
        break;
    }
    return none;
}

const QList<ParamSpec> &projectParams()
{
    static const QList<ParamSpec> specs = projectParamList();
    return specs;
}

namespace {

const ParamSpec *findIn(const QList<ParamSpec> &specs, const QString &key)
{
    for (const ParamSpec &spec : specs) {
        if (spec.key == key)
            return &spec;
    }
    return nullptr;
}

QVariantMap defaultsOf(const QList<ParamSpec> &specs)
{
    QVariantMap values;
    for (const ParamSpec &spec : specs)
        values.insert(spec.key, spec.defaultValue);
    return values;
}

} // namespace

const ParamSpec *findComponentParam(ComponentKind kind, const QString &key)
{
    return findIn(componentParams(kind), key);
}

const ParamSpec *findConnectionParam(ConnectionKind kind, ComponentKind sourceKind,
                                     const QString &key)
{
    return findIn(connectionParams(kind, sourceKind), key);
}

const ParamSpec *findProjectParam(const QString &key)
{
    return findIn(projectParams(), key);
}

QVariantMap defaultComponentParams(ComponentKind kind)
{
    return defaultsOf(componentParams(kind));
}

QVariantMap defaultConnectionParams(ConnectionKind kind, ComponentKind sourceKind)
{
    return defaultsOf(connectionParams(kind, sourceKind));
}

QVariantMap defaultProjectParams()
{
    return defaultsOf(projectParams());
}

} // namespace swb::catalogue
