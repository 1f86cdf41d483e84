#pragma once
// Traffic generators (DESIGN.md "Traffic sources"): the settings of one component as the Scenario
// carries them, and the metric series (enum and declaration table, same order). Public: the layers
// above fill the settings and name a series by its enum value (MetricStore::find, metricId()).
// Plain data only, and no #include of component.h: component.h includes this header (through the
// registry, core/servicelist.h) before it defines the component kinds.

#include "core/metricdecl.h"
#include "core/rng.h"

#include <cstdint>
#include <string>
#include <vector>

namespace swb::core {

enum class TrafficPattern : std::uint8_t {
    Constant, // deterministic arrivals every 1/rate seconds
    Poisson,  // Poisson arrivals at `ratePerSecond`
    Diurnal,  // Poisson, rate follows a daily cosine: mean = rate, max/min = diurnalPeakFactor,
              // minimum at simulated midnight (t = 0), maximum at noon
    Spike,    // Poisson at rate, x multiplier during [startSeconds, startSeconds + durationSeconds)
    Step,     // Poisson at rate, x multiplier from startSeconds on
    Replay,   // Poisson at a piecewise-constant rate given by `replay` points (CSV of rates)
};

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
    // Probability that one processing attempt of a message fails for a passing reason (a
    // throttled dependency, a lock timeout): drawn afresh at every attempt by the function that
    // handles it (LambdaService::recordFails), so a retry may succeed where a poison one never
    // does.
    double transientFailureRate = 0;
};

enum SourceMetric : std::uint32_t {
    SrGenerated,
    SrP50,
    SrP95,
    SrP99,
    SrE2eCount,
    SrSdkRetries,
    SrSdkLost,
    SrCount
};

inline constexpr MetricDecl kSourceMetrics[SrCount] = {
    {"source.generated", "count", Aggregation::Sum},
    {"source.e2e_p50_ms", "ms", Aggregation::Last},
    {"source.e2e_p95_ms", "ms", Aggregation::Last},
    {"source.e2e_p99_ms", "ms", Aggregation::Last},
    {"source.e2e_count", "count", Aggregation::Sum},
    // Requests the target refused (an Outage fault) that the client's SDK retried / gave up on
    // after 3 attempts (core/sdkretry.h).
    {"source.sdk_retries", "count", Aggregation::Sum},
    {"source.sdk_lost", "count", Aggregation::Sum},
};

} // namespace swb::core
