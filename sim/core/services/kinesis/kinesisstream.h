#pragma once
// Kinesis Data Streams (aws-behaviour.md §5): the settings of one component as the Scenario carries
// them, and the metric series (enum and declaration table, same order). Public: the layers above
// fill the settings and name a series by its enum value (MetricStore::find, metricId()). Plain data
// only, and no #include of component.h: component.h includes this header (through the registry,
// core/servicelist.h) before it defines the component kinds.

#include "core/metricdecl.h"

#include <cstdint>
#include <string>
#include <vector>

namespace swb::core {

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

enum KinesisMetric : std::uint32_t {
    KmRecords,
    KmBytes,
    KmThrottles,
    KmIteratorAge,
    KmBlockedShards,
    KmOnFailure,
    KmExpired,
    KmBilledPutUnits,
    KmReadThrottles,
    KmReadCalls,
    KmOutOfOrder,
    KmReorderedShards,
    KmOffered,
    KmShardIteratorAge, // per shard (first 64), MetricScope::Shard
    KmShardOutOfOrder,  // per shard (first 64), MetricScope::Shard
    KmCount
};

inline constexpr MetricDecl kKinesisMetrics[KmCount] = {
    {"kinesis.incoming_records", "count", Aggregation::Sum},
    {"kinesis.incoming_bytes", "bytes", Aggregation::Sum},
    {"kinesis.write_throttles", "count", Aggregation::Sum},
    {"kinesis.iterator_age_s", "s", Aggregation::Max},
    {"kinesis.blocked_shards", "shards", Aggregation::Max},
    {"kinesis.on_failure", "records", Aggregation::Sum},
    {"kinesis.expired", "records", Aggregation::Sum},
    {"kinesis.billed_put_units", "units", Aggregation::Sum},
    {"kinesis.read_throttles", "calls", Aggregation::Sum}, // ReadProvisionedThroughputExceeded
    {"kinesis.read_calls", "calls", Aggregation::Sum},     // GetRecords calls that returned records
    // Records processed after a later record of their shard (key range with a parallelization
    // factor above 1), and the shards where that ever happened (core/deliveryorder.h).
    {"kinesis.out_of_order", "records", Aggregation::Sum},
    {"kinesis.reordered_shards", "shards", Aggregation::Max},
    // Records the producers sent, each once: the SDK's retries of a throttled record are not
    // counted again (they are in write_throttles). What the shards must take: the advisor sizes
    // from it.
    {"kinesis.offered_records", "count", Aggregation::Sum},
    {"kinesis.shard#.iterator_age_s", "s", Aggregation::Max, MetricScope::Shard},
    {"kinesis.shard#.out_of_order", "records", Aggregation::Sum, MetricScope::Shard},
};

} // namespace swb::core
