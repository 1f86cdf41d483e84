#pragma once
// The immutable input of one simulation run: plain structs addressed by dense indices. The swb_sim
// layer fills it from the Document; the core only reads it. Defaults are AWS defaults; the numbers
// and their sources are in shared/resources/help/aws-behaviour.md (cited below as "aws-behaviour.md
// §n").
//
// Wiring is explicit: every connection is an Edge {kind, from, to}. Settings that belong to a
// connection (event source mapping, SNS subscription) live in the Edge. Step Functions tasks name
// their Lambda by index directly (the state machine definition is not a wire on the canvas).

#include <cstdint>
#include <string>
#include <vector>

namespace swb::core {

enum class ComponentKind : std::uint8_t {
    None,
    TrafficSource,
    ApiGateway,
    SnsTopic,
    SqsQueue,
    KinesisStream,
    StepFunctions,
    Lambda,
    Downstream,
};

// A component is (kind, index into that kind's vector in Scenario).
struct ComponentRef {
    ComponentKind kind = ComponentKind::None;
    std::uint32_t index = 0;

    bool valid() const { return kind != ComponentKind::None; }
    friend bool operator==(const ComponentRef &, const ComponentRef &) = default;
};

// ---- traffic -------------------------------------------------------------------------------

enum class TrafficPattern : std::uint8_t {
    Constant, // deterministic arrivals every 1/rate seconds
    Poisson,  // Poisson arrivals at `ratePerSecond`
    Diurnal,  // Poisson, rate follows a daily cosine: mean = rate, max/min = diurnalPeakFactor,
              // minimum at simulated midnight (t = 0), maximum at noon
    Spike,    // Poisson at rate, x multiplier during [startSeconds, startSeconds + durationSeconds)
    Step,     // Poisson at rate, x multiplier from startSeconds on
    Replay,   // Poisson at a piecewise-constant rate given by `replay` points (CSV of rates)
};

enum class Distribution : std::uint8_t { Fixed, Exponential, LogNormal, Normal, Uniform };

struct RatePoint {
    double tSeconds = 0; // rate applies from this time until the next point
    double rate = 0;     // requests per second
};

struct TrafficSource {
    std::string name;
    TrafficPattern pattern = TrafficPattern::Poisson;
    double ratePerSecond = 10;
    double diurnalPeakFactor = 3;
    double startSeconds = 0;       // spike / step start
    double durationSeconds = 60;   // spike length
    double multiplier = 5;         // spike / step factor
    std::vector<RatePoint> replay; // sorted by tSeconds; rate 0 before the first point
    double payloadMeanBytes = 1024;
    Distribution payloadDistribution = Distribution::Fixed;
    double payloadCv = 0.5; // coefficient of variation for non-fixed payload sizes
    // SNS filtering (aws-behaviour.md §3 "Filtering"): each message carries one attribute value
    // drawn uniformly from [0, attributeValueCount); a subscription's filter accepts a set of
    // values (bit mask). 0 = the message has no attribute (only probability filters apply).
    std::uint32_t attributeValueCount = 0;
    // Fraction of messages whose processing always fails (a "poison" record/message). Used to show
    // Kinesis shard blocking, SQS redrive and bisect-on-error.
    double poisonFraction = 0;
};

// ---- services ------------------------------------------------------------------------------

enum class ApiFlavour : std::uint8_t { Rest, Http };

struct ApiGateway {
    std::string name;
    ApiFlavour flavour = ApiFlavour::Rest;
    // Stage/method token bucket; can be lower than the account level, never higher
    // (aws-behaviour.md §2).
    double rateLimit = 10000;
    double burstLimit = 5000;
    // REST 50 ms-29 s (raisable since 2024), HTTP max 30 s (aws-behaviour.md §2). Exceeded -> 504.
    double integrationTimeoutMs = 29000;
    double overheadMs = 5; // API Gateway's own added latency per request
};

enum class TopicType : std::uint8_t { Standard, Fifo };

struct SnsTopic {
    std::string name;
    TopicType type = TopicType::Standard;
    // FIFO publish throughput per topic: 3,000 msg/s and 20 MB/s since Nov 2023 (aws-behaviour.md
    // §3 "FIFO throughput history", the default topic-scope mode; high-throughput mode is opt-in).
    double fifoPublishesPerSecond = 3000;
    double fifoPublishBytesPerSecond = 20.0 * 1024 * 1024;
};

enum class QueueType : std::uint8_t { Standard, Fifo };

struct SqsQueue {
    std::string name;
    QueueType type = QueueType::Standard;
    double visibilityTimeoutSeconds = 30; // 0 s-12 h, default 30 s (aws-behaviour.md §4)
    double retentionSeconds = 345600;     // 60 s-14 days, default 4 days (aws-behaviour.md §4)
    double delaySeconds = 0;              // 0-15 min (aws-behaviour.md §4)
    std::uint32_t maxReceiveCount =
        0; // redrive policy; 0 = no redrive (aws-behaviour.md §4: 1-1,000)
    std::uint32_t messageGroupCount = 1;  // FIFO only: distinct MessageGroupIds (1-100,000)
};

enum class StreamMode : std::uint8_t { Provisioned, OnDemand };
enum class KeySkew : std::uint8_t { Uniform, Zipf, HotKey };

struct KinesisStream {
    std::string name;
    StreamMode mode = StreamMode::Provisioned;
    std::uint32_t shards = 1;               // 1-20,000; on-demand: the shard count it represents
    double retentionHours = 24;             // 24 h default, up to 8,760 h (aws-behaviour.md §5)
    std::uint32_t partitionKeyCount = 1000; // distinct keys, 1-1,000,000
    KeySkew skew = KeySkew::Uniform;
    double zipfExponent = 1.0;   // KeySkew::Zipf: P(key k) ~ 1 / k^s
    double hotKeyFraction = 0.5; // KeySkew::HotKey: share of records carrying key 0
};

enum class JitterStrategy : std::uint8_t { None, Full };

// Error codes a Task attempt can end with (bits of SfnRetry::errors). The engine produces three;
// the sim layer maps ErrorEquals names onto them (States.ALL = every bit, States.TaskFailed = the
// three Lambda ones, a custom name = the function's own error).
enum SfnErrorCode : std::uint8_t {
    SfnErrFunction = 0,  // the function returned an error (handled; its own error name)
    SfnErrUnknown = 1,   // Lambda.Unknown: unhandled, e.g. the function timed out
    SfnErrThrottled = 2, // Lambda.TooManyRequestsException: the invoke was throttled
};

// Step Functions Retrier (aws-behaviour.md §6): delay before retry n = min(interval *
// backoff^(n-1), maxDelay), FULL jitter draws uniformly in [0, delay]; see core/sfnretry.h for how
// several combine.
struct SfnRetry {
    std::uint32_t errors = 0xFFFFFFFFu; // ErrorEquals as SfnErrorCode bits; all = States.ALL
    double intervalSeconds = 1;
    double backoffRate = 2.0;
    std::uint32_t maxAttempts = 3; // retries after the first attempt; 0 = never retry
    double maxDelaySeconds = 0;    // 0 = no cap
    JitterStrategy jitter = JitterStrategy::None;
};

struct SfnTask {
    std::uint32_t lambdaIndex = 0;  // Task state invoking this Lambda synchronously
    std::vector<SfnRetry> retriers; // Retry array, in order; empty = the single `retry` below
    SfnRetry retry;
    bool catchAll = false; // Catch States.ALL -> fallback state, execution ends handled
};

enum class WorkflowType : std::uint8_t { Standard, Express };

struct StepFunctions {
    std::string name;
    WorkflowType type = WorkflowType::Standard;
    // Throttling token buckets (aws-behaviour.md §6 table): the us-east-1, us-west-2, eu-west-1
    // values. Other Regions have 800 / 500 and 800 / 150, but the model offers only us-east-1, so
    // nothing sets these yet (tests do). Standard only for transitions; StartExecution for Express
    // is 6,000 / 6,000 everywhere.
    double transitionBurst = 5000, transitionRate = 1500;
    double startBurst = 1300, startRate = 300;
    std::vector<SfnTask> tasks; // executed in order
};

enum class Architecture : std::uint8_t { X86, Arm };

struct LambdaAsyncConfig {
    std::uint32_t maxRetryAttempts = 2; // 0-2 (aws-behaviour.md §1)
    double maxEventAgeSeconds = 21600;  // 60-21,600 s (aws-behaviour.md §1)
};

struct LambdaFunction {
    std::string name;
    std::uint32_t memoryMb = 128;          // 128-10,240 MB
    double timeoutSeconds = 3;             // default 3 s, max 900 s (aws-behaviour.md §1)
    std::int32_t reservedConcurrency = -1; // -1 = unreserved; 0 = kill switch (aws-behaviour.md §1)
    std::uint32_t provisionedConcurrency = 0;
    double durationMeanMs = 100;
    Distribution durationDistribution = Distribution::LogNormal;
    double durationCv = 0.5;
    double errorRate = 0;     // probability an invocation returns a function error
    double coldStartMs =
        250; // init duration added to a cold invocation (aws-behaviour.md §1: <100 ms to >1 s)
    double idleExpirySeconds = 420; // warm environment reclaimed after this idle time (not
                                    // documented by AWS; observed 5-15 min)
    Architecture architecture = Architecture::X86;
    LambdaAsyncConfig async;
};

// A generic dependency (database, third-party API): capacity in TPS and connections plus latency.
struct Downstream {
    std::string name;
    double capacityTps = 1000;
    std::uint32_t maxConnections = 100;
    double latencyMeanMs = 20;
    double errorRateWhenOverloaded = 1.0; // share of calls above capacity that fail
};

// ---- edges ---------------------------------------------------------------------------------

enum class EdgeKind : std::uint8_t {
    Traffic,            // TrafficSource -> entry component (any service)
    SyncInvoke,         // ApiGateway -> Lambda (proxy), Lambda -> Downstream (one call per invoke)
    AsyncInvoke,        // -> Lambda async (event invoke); Lambda -> Lambda on success
    EventSourceMapping, // SqsQueue|KinesisStream -> Lambda; settings in Edge::esm
    Subscription,       // SnsTopic -> SqsQueue|Lambda|Downstream(HTTP/S); settings in Edge::sub
    ServiceIntegration, // ApiGateway -> SQS|SNS|Kinesis|StepFunctions (direct integration);
                        // Lambda -> SQS|SNS|Kinesis (function sends one message per success)
    OnFailure,          // Lambda (async) -> on-failure destination (SQS, SNS, Lambda)
    DeadLetter,         // Lambda (async) -> DLQ (SQS or SNS)
    Redrive,            // SqsQueue -> dead-letter SqsQueue (needs SqsQueue::maxReceiveCount > 0)
};

// Lambda event source mapping (aws-behaviour.md §4 "Lambda event source mapping", aws-behaviour.md
// §5 ditto).
struct EsmConfig {
    std::uint32_t batchSize = 10;         // SQS default 10, Kinesis default 100 (sim layer sets it)
    double batchingWindowSeconds = 0;     // 0-300 s
    std::uint32_t maximumConcurrency = 0; // SQS ScalingConfig 2-1,000; 0 = not set
    std::uint32_t parallelizationFactor = 1; // Kinesis 1-10
    std::int32_t maxRetryAttempts = -1;      // Kinesis: -1 = infinite, 0-10,000
    double maxRecordAgeSeconds = -1;         // Kinesis: -1 = infinite, 60-604,800
    bool bisectOnError = false;              // Kinesis
    bool reportBatchItemFailures = false;    // partial batch response
    std::uint32_t startingPollers = 5;       // SQS: starts at 5 concurrent batches
    ComponentRef onFailure;                  // Kinesis: on-failure destination (SQS/SNS)
    // Kinesis enhanced fan-out (aws-behaviour.md §5): the consumer gets its own 2 MB/s per shard,
    // pushed (no GetRecords limit), ~70 ms propagation instead of the shared ~1 per second poll.
    bool enhancedFanOut = false;
};

enum class DeliveryPolicy : std::uint8_t {
    Auto,       // derived from the endpoint kind: SQS/Lambda -> AwsManaged, Downstream -> Http
    AwsManaged, // 3 immediate, 2 at 1 s, 10 backoff 1->20 s, 100,000 at 20 s (aws-behaviour.md §3)
    Http,       // default HTTP/S policy: 3 retries 20 s apart, 4 attempts (aws-behaviour.md §3)
    CustomerManaged, // SMTP/SMS/push: 2 at 10 s, 10 backoff 10->600 s, 38 at 600 s
                     // (aws-behaviour.md §3)
};

struct SubscriptionConfig {
    // A filter accepts a message if its attribute value's bit is set in filterValueMask; with
    // mask 0 the filter is modelled as a match probability instead (1 = no filter policy).
    std::uint64_t filterValueMask = 0;
    double filterMatchProbability = 1.0;
    DeliveryPolicy policy = DeliveryPolicy::Auto;
    ComponentRef deadLetter; // subscription RedrivePolicy (SQS); unset = discarded when exhausted
};

struct Edge {
    EdgeKind kind = EdgeKind::Traffic;
    ComponentRef from;
    ComponentRef to;
    EsmConfig esm;          // kind == EventSourceMapping
    SubscriptionConfig sub; // kind == Subscription
};

// ---- account, faults, global ---------------------------------------------------------------

enum class ScalingMode : std::uint8_t {
    Current,    // since 2023-11: per function +1,000 environments per 10 s (aws-behaviour.md §1)
    Legacy2018, // account burst then +500/min shared by all functions (aws-behaviour.md §1 "old")
};

struct Account {
    std::uint32_t concurrencyLimit = 1000; // aws-behaviour.md §1
    std::uint32_t unreservedMinimum = 100; // aws-behaviour.md §1
    ScalingMode scaling = ScalingMode::Current;
    std::uint32_t legacyBurst = 3000; // us-east-1 value of the 2018 rule
    double legacyRampPerMinute = 500;
    double apiRateLimit = 10000; // API Gateway account token bucket (aws-behaviour.md §2)
    double apiBurstLimit = 5000;
    // SQS ESM poller scale-up: Current = +300/min to 1,250; Legacy2018 = +60/min to 1,000
    // (aws-behaviour.md §4)
    ScalingMode sqsPollerScaling = ScalingMode::Current;
};

enum class FaultKind : std::uint8_t {
    BadDeploy,        // target Lambda: errorRate replaced, duration multiplied
    DownstreamOutage, // target Downstream (or any endpoint): calls fail with errorRate
    TrafficSpike,     // target TrafficSource: rate multiplied
};

struct Fault {
    FaultKind kind = FaultKind::BadDeploy;
    ComponentRef target;
    double startSeconds = 0;
    double durationSeconds = 60;
    double errorRate = 1.0;          // BadDeploy / DownstreamOutage
    double durationMultiplier = 1.0; // BadDeploy
    double rateMultiplier = 1.0;     // TrafficSpike
};

struct Scenario {
    std::uint64_t seed = 1;
    double durationSeconds = 3600;
    // Metric bin width; 0 = automatic: the smallest whole number of seconds that keeps a run at
    // most 3,600 bins.
    double binWidthSeconds = 0;

    Account account;
    std::vector<TrafficSource> sources;
    std::vector<ApiGateway> apis;
    std::vector<SnsTopic> topics;
    std::vector<SqsQueue> queues;
    std::vector<KinesisStream> streams;
    std::vector<StepFunctions> stateMachines;
    std::vector<LambdaFunction> lambdas;
    std::vector<Downstream> downstreams;
    std::vector<Edge> edges;
    std::vector<Fault> faults;
};

} // namespace swb::core
