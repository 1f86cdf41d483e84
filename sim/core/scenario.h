#pragma once
// The immutable input of one simulation run: plain structs addressed by dense indices. The swb_sim
// layer fills it from the Document; the core only reads it. Defaults are AWS defaults; the numbers
// and their sources are in resources/help/aws-behaviour.md (cited below as "aws-behaviour.md §n").
// Each service's settings struct lives in its module's public header (core/services/<service>/),
// included through the registry (core/servicelist.h).
//
// Wiring is explicit: every connection is an Edge {kind, from, to}. Settings that belong to a
// connection (event source mapping, SNS subscription) live in the Edge. Step Functions tasks name
// their Lambda by index directly (the state machine definition is not a wire on the canvas).

#include "core/component.h"

#include <cstdint>
#include <string>
#include <vector>

namespace swb::core {

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

// An edge that hands requests to its target (an entry component's single forward wire): traffic,
// invokes and direct integrations, as opposed to pollers, subscriptions and failure routes.
constexpr bool forwardsRequests(EdgeKind k)
{
    switch (k) { // every kind listed: a new kind must choose
    case EdgeKind::Traffic:
    case EdgeKind::AsyncInvoke:
    case EdgeKind::SyncInvoke:
    case EdgeKind::ServiceIntegration:
        return true;
    case EdgeKind::EventSourceMapping:
    case EdgeKind::Subscription:
    case EdgeKind::OnFailure:
    case EdgeKind::DeadLetter:
    case EdgeKind::Redrive:
        break;
    }
    return false;
}

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
    BadDeploy, // target Lambda: errorRate replaced, duration multiplied
    // Target Downstream: calls fail with errorRate. Any other block refuses requests (5xx): a
    // Lambda's invocations fail with a service error, a queue, topic, stream or state machine
    // refuses sends (Kernel::refuses), and SNS deliveries to it fail (its delivery policy).
    Outage,
    TrafficSpike, // target TrafficSource: rate multiplied
    // A lowered limit (rateMultiplier, 0..1): a Lambda's concurrency cap, a Kinesis stream's shard
    // write limits, a state machine's StartExecution bucket, an API's token bucket.
    Throttle,
};

struct Fault {
    FaultKind kind = FaultKind::BadDeploy;
    ComponentRef target;
    // An Outage of one SNS subscription's endpoint: the index of its Subscription edge in
    // Scenario::edges (`target` is then unused). Only deliveries on that subscription fail.
    std::uint32_t edge = UINT32_MAX;
    double startSeconds = 0;
    double durationSeconds = 60;
    double errorRate = 1.0;          // BadDeploy / Outage
    double durationMultiplier = 1.0; // BadDeploy
    double rateMultiplier = 1.0;     // TrafficSpike; Throttle (the limit's factor)
};

struct Scenario {
    std::uint64_t seed = 1;
    double durationSeconds = 3600;
    // Metric bin width; 0 = automatic: the smallest whole number of seconds that keeps a run at
    // most 3,600 bins.
    double binWidthSeconds = 0;

    Account account;
    // One settings vector per service, generated from the registry (core/servicelist.h):
    // lambdas, sources, apis, topics, queues, streams, stateMachines, downstreams.
#define SWB_SETTINGS_VECTOR(Name, value, Settings, field, ...) std::vector<Settings> field;
    SWB_CORE_SERVICES(SWB_SETTINGS_VECTOR)
#undef SWB_SETTINGS_VECTOR
    std::vector<Edge> edges;
    std::vector<Fault> faults;
};

} // namespace swb::core
