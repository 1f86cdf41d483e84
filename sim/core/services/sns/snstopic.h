#pragma once
// SNS topics (aws-behaviour.md §3): the settings of one component as the Scenario carries them, and
// the metric series (enum and declaration table, same order). Public: the layers above fill the
// settings and name a series by its enum value (MetricStore::find, metricId()). Plain data only,
// and no #include of component.h: component.h includes this header (through the registry,
// core/servicelist.h) before it defines the component kinds.

#include "core/metricdecl.h"

#include <cstdint>
#include <string>
#include <vector>

namespace swb::core {

enum class TopicType : std::uint8_t { Standard, Fifo };

struct SnsTopic {
    std::string name;
    TopicType type = TopicType::Standard;
    // FIFO publish throughput per topic: 3,000 msg/s and 20 MB/s since Nov 2023 (aws-behaviour.md
    // §3 "FIFO throughput history", the default topic-scope mode; high-throughput mode is opt-in).
    double fifoPublishesPerSecond = 3000;
    double fifoPublishBytesPerSecond = 20.0 * 1024 * 1024;
    // Standard topics: the account's Publish quota in the Region (30,000 msg/s in us-east-1, soft;
    // aws-behaviour.md §3 "Publish quota"), applied to each topic on its own.
    double publishesPerSecond = 30000;
};

enum SnsMetric : std::uint32_t {
    SmPublishes,
    SmDeliveries,
    SmFailures,
    SmRetries,
    SmDlq,
    SmFiltered,
    SmBilledPublishes,
    SmBilledHttp,
    SmThrottles,
    SmPublishedBytes,
    SmCount
};

inline constexpr MetricDecl kSnsMetrics[SmCount] = {
    {"sns.publishes", "count", Aggregation::Sum},
    {"sns.deliveries", "count", Aggregation::Sum},
    {"sns.delivery_failures", "count", Aggregation::Sum},
    {"sns.delivery_retries", "count", Aggregation::Sum},
    {"sns.dlq", "count", Aggregation::Sum},
    {"sns.filtered", "count", Aggregation::Sum},
    {"sns.billed_publishes", "requests", Aggregation::Sum},
    {"sns.billed_http_deliveries", "requests", Aggregation::Sum},
    // Publishes throttled: a FIFO topic's throughput limit, a standard topic's Publish quota
    // (aws-behaviour.md §3); each attempt of a publisher's SDK retries counts.
    {"sns.publish_throttles", "count", Aggregation::Sum},
    {"sns.fifo_payload_bytes", "bytes", Aggregation::Sum}, // FIFO publishes bill payload GB
};

} // namespace swb::core
