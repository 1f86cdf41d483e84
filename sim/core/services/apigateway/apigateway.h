#pragma once
// API Gateway (aws-behaviour.md §2): the settings of one component as the Scenario carries them,
// and the metric series (enum and declaration table, same order). Public: the layers above fill the
// settings and name a series by its enum value (MetricStore::find, metricId()). Plain data only,
// and no #include of component.h: component.h includes this header (through the registry,
// core/servicelist.h) before it defines the component kinds.

#include "core/metricdecl.h"

#include <cstdint>
#include <string>
#include <vector>

namespace swb::core {

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

enum ApiMetric : std::uint32_t {
    AmRequests,
    Am429,
    Am5xx,
    Am504,
    AmLatencySum,
    AmLatencyMax,
    AmBilledRequests,
    AmP50,
    AmP95,
    AmP99,
    AmCount
};

inline constexpr MetricDecl kApiMetrics[AmCount] = {
    {"apigw.requests", "count", Aggregation::Sum},
    {"apigw.throttled_429", "count", Aggregation::Sum},
    {"apigw.errors_5xx", "count", Aggregation::Sum},
    {"apigw.timeouts_504", "count", Aggregation::Sum},
    {"apigw.latency_ms_sum", "ms", Aggregation::Sum},
    {"apigw.latency_ms_max", "ms", Aggregation::Max},
    {"apigw.billed_requests", "requests", Aggregation::Sum},
    {"apigw.latency_p50_ms", "ms", Aggregation::Last},
    {"apigw.latency_p95_ms", "ms", Aggregation::Last},
    {"apigw.latency_p99_ms", "ms", Aggregation::Last},
};

} // namespace swb::core
