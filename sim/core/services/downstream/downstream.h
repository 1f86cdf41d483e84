#pragma once
// A generic downstream dependency (DESIGN.md): the settings of one component as the Scenario
// carries them, and the metric series (enum and declaration table, same order). Public: the layers
// above fill the settings and name a series by its enum value (MetricStore::find, metricId()).
// Plain data only, and no #include of component.h: component.h includes this header (through the
// registry, core/servicelist.h) before it defines the component kinds.

#include "core/metricdecl.h"

#include <cstdint>
#include <string>
#include <vector>

namespace swb::core {

// A generic dependency (database, third-party API): capacity in TPS and connections plus latency.
struct Downstream {
    std::string name;
    double capacityTps = 1000;
    std::uint32_t maxConnections = 100;
    double latencyMeanMs = 20;
    double errorRateWhenOverloaded = 1.0; // share of calls above capacity that fail
};

enum DownstreamMetric : std::uint32_t { DmCalls, DmRejections, DmConnections, DmCount };

inline constexpr MetricDecl kDownstreamMetrics[DmCount] = {
    {"downstream.calls", "count", Aggregation::Sum},
    {"downstream.rejections", "count", Aggregation::Sum},
    {"downstream.connections", "connections", Aggregation::Max},
};

} // namespace swb::core
