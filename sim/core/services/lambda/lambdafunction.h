#pragma once
// Lambda (aws-behaviour.md §1): the settings of one component as the Scenario carries them, and the
// metric series (enum and declaration table, same order). Public: the layers above fill the
// settings and name a series by its enum value (MetricStore::find, metricId()). Plain data only,
// and no #include of component.h: component.h includes this header (through the registry,
// core/servicelist.h) before it defines the component kinds.

#include "core/metricdecl.h"
#include "core/rng.h"

#include <cstdint>
#include <string>
#include <vector>

namespace swb::core {

enum class Architecture : std::uint8_t { X86, Arm };

struct LambdaAsyncConfig {
    std::uint32_t maxRetryAttempts = 2; // 0-2 (aws-behaviour.md §1)
    double maxEventAgeSeconds = 21600;  // 60-21,600 s (aws-behaviour.md §1)
};

// Reserved concurrency as the scenario carries it (aws-behaviour.md §1 "Reserved concurrency",
// "Reserved = 0"): kUnreservedConcurrency = not set, the function shares the account's unreserved
// pool; 0 = the kill switch; n > 0 = a reservation that guarantees and caps n environments. The
// sim layer fills it from the Lambda module's ReservedConcurrency::forScenario(); the core reads
// it only through isReserved(), reservation() and isKillSwitch().
inline constexpr std::int32_t kUnreservedConcurrency = -1;

struct LambdaFunction {
    std::string name;
    std::uint32_t memoryMb = 128; // 128-10,240 MB
    double timeoutSeconds = 3;    // default 3 s, max 900 s (aws-behaviour.md §1)
    std::int32_t reservedConcurrency = kUnreservedConcurrency; // see kUnreservedConcurrency
    std::uint32_t provisionedConcurrency = 0;
    double durationMeanMs = 100;
    Distribution durationDistribution = Distribution::LogNormal;
    double durationCv = 0.5;
    double errorRate = 0; // probability an invocation returns a function error
    double coldStartMs =
        250; // init duration added to a cold invocation (aws-behaviour.md §1: <100 ms to >1 s)
    double idleExpirySeconds = 420; // warm environment reclaimed after this idle time (not
                                    // documented by AWS; observed 5-15 min)
    Architecture architecture = Architecture::X86;
    LambdaAsyncConfig async;

    bool isReserved() const { return reservedConcurrency >= 0; }
    bool isKillSwitch() const { return reservedConcurrency == 0; }
    // The reservation (meaningful when isReserved()).
    std::uint32_t reservation() const
    {
        return isReserved() ? static_cast<std::uint32_t>(reservedConcurrency) : 0;
    }
};

enum LambdaMetric : std::uint32_t {
    LmConcurrency,
    LmInvocations,
    LmThrottles,
    LmErrors,
    LmTimeouts,
    LmRetries,
    LmColdStarts,
    LmDurationSum,
    LmDurationMax,
    LmAsyncQueue,
    LmDlq,
    LmBilledRequests,
    LmBilledGbS,
    LmBilledPcGbS,
    LmConcurrencyMean,
    LmWarmEnvironments,
    LmWarmEnvironmentsMean,
    LmProvisionedUtilization,
    LmServiceErrors,
    LmSdkRetries,
    LmSdkLost,
    LmAccountConcurrency, // account-wide (component None), MetricScope::Account
    LmAccountUnreserved,
    LmCount
};

inline constexpr MetricDecl kLambdaMetrics[LmCount] = {
    {"lambda.concurrency", "environments", Aggregation::Max},
    {"lambda.invocations", "count", Aggregation::Sum},
    {"lambda.throttles", "count", Aggregation::Sum},
    {"lambda.errors", "count", Aggregation::Sum},
    {"lambda.timeouts", "count", Aggregation::Sum},
    {"lambda.retries", "count", Aggregation::Sum},
    {"lambda.cold_starts", "count", Aggregation::Sum},
    {"lambda.duration_ms_sum", "ms", Aggregation::Sum},
    {"lambda.duration_ms_max", "ms", Aggregation::Max},
    {"lambda.async_queue", "events", Aggregation::Max},
    {"lambda.dlq", "count", Aggregation::Sum},
    {"lambda.billed_requests", "requests", Aggregation::Sum},
    {"lambda.billed_gb_s", "GB-s", Aggregation::Sum},
    {"lambda.billed_pc_gb_s", "GB-s", Aggregation::Sum}, // duration on provisioned environments
    // Time-averaged busy environments (CloudWatch's ConcurrentExecutions averaged over the bin).
    {"lambda.concurrency_mean", "environments", Aggregation::Mean},
    // Warm = provisioned + busy on-demand + idle on-demand environments before their idle expiry.
    {"lambda.warm_environments", "environments", Aggregation::Max},
    {"lambda.warm_environments_mean", "environments", Aggregation::Mean},
    // Busy provisioned environments / provisioned concurrency, time-averaged (0 without any).
    {"lambda.provisioned_utilization", "ratio", Aggregation::Mean},
    // Invoke requests refused with a 5xx while the function has an Outage fault (not invocations).
    {"lambda.service_errors", "count", Aggregation::Sum},
    // Sends of the function's result its SDK retried / gave up after 3 attempts (core/sdkretry.h).
    {"lambda.sdk_retries", "count", Aggregation::Sum},
    {"lambda.sdk_lost", "count", Aggregation::Sum},
    {"account.concurrency", "environments", Aggregation::Max, MetricScope::Account},
    {"account.unreserved_concurrency", "environments", Aggregation::Max, MetricScope::Account},
};

} // namespace swb::core
