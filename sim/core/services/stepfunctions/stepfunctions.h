#pragma once
// Step Functions (aws-behaviour.md §6): the settings of one component as the Scenario carries them,
// and the metric series (enum and declaration table, same order). Public: the layers above fill the
// settings and name a series by its enum value (MetricStore::find, metricId()). Plain data only,
// and no #include of component.h: component.h includes this header (through the registry,
// core/servicelist.h) before it defines the component kinds.

#include "core/metricdecl.h"

#include <cstdint>
#include <string>
#include <vector>

namespace swb::core {

enum class JitterStrategy : std::uint8_t { None, Full };

// Error codes a Task attempt can end with (bits of SfnRetry::errors). The engine produces four;
// the sim layer maps ErrorEquals names onto them (States.ALL = every bit, States.TaskFailed = the
// four Lambda ones, a custom name = the function's own error).
enum SfnErrorCode : std::uint8_t {
    SfnErrFunction = 0,  // the function returned an error (handled; its own error name)
    SfnErrUnknown = 1,   // Lambda.Unknown: unhandled, e.g. the function timed out
    SfnErrThrottled = 2, // Lambda.TooManyRequestsException: the invoke was throttled
    SfnErrService = 3,   // Lambda.ServiceException: the invoke was refused (an Outage fault)
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

enum SfnMetric : std::uint32_t {
    FmExecutions,
    FmStartThrottles,
    FmTransitions,
    FmRetries,
    FmFailures,
    FmCaught,
    FmSucceeded,
    FmBilledExpressRequests,
    FmBilledExpressGbS,
    FmThrottledTransitions,
    FmTransitionDelayMax,
    FmOfferedStarts,
    FmCount
};

inline constexpr MetricDecl kSfnMetrics[FmCount] = {
    {"sfn.executions", "count", Aggregation::Sum},
    {"sfn.start_throttles", "count", Aggregation::Sum},
    {"sfn.transitions", "count", Aggregation::Sum},
    {"sfn.retries", "count", Aggregation::Sum},
    {"sfn.failures", "count", Aggregation::Sum},
    {"sfn.caught", "count", Aggregation::Sum},
    {"sfn.succeeded", "count", Aggregation::Sum},
    {"sfn.billed_express_requests", "requests", Aggregation::Sum},
    {"sfn.billed_express_gb_s", "GB-s", Aggregation::Sum},
    {"sfn.throttled_transitions", "count",
     Aggregation::Sum}, // delayed by the bucket (aws-behaviour.md §6)
    {"sfn.transition_delay_s", "s", Aggregation::Max},
    // Executions the callers asked for, each once: an SDK's retries of a throttled StartExecution
    // are not counted again (they are in start_throttles).
    {"sfn.offered_starts", "count", Aggregation::Sum},
};

} // namespace swb::core
