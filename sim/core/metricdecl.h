#pragma once
// How a service declares its metric series: once, as a constant table beside its config (one
// entry per value of the service's metric enum). The kernel registers the table for every
// component at set-up and hands back series ids, so nothing looks a series up by name while a run
// goes. The names and their meaning are listed in simulation.h.

#include <cstdint>

namespace swb::core {

// Per bin: Sum = total accrued, Max = peak of a gauge (its value carries into the next bin),
// Last = value sampled when the bin closes, Mean = time-average of a level over the bin (the
// owning service integrates the level and sets the average when the bin closes; metricstore.h).
enum class Aggregation : std::uint8_t { Sum, Max, Last, Mean };

enum class MetricScope : std::uint8_t {
    Component, // one series per component of the service
    Account,   // one account-wide series (component None), e.g. the Lambda concurrency pool
    Shard,     // one series per shard of a component; '#' in the name is the shard number
    Group,     // one series per FIFO message group of a component; '#' is the group number
};

// Keyed series (Shard, Group) exist for the first 64 keys only: a result stays readable, and a
// stream of 20,000 shards or a queue of a million groups does not add as many series.
inline constexpr std::uint32_t kMaxKeyedSeries = 64;

struct MetricDecl {
    const char *name; // e.g. "lambda.concurrency"
    const char *unit;
    Aggregation agg;
    MetricScope scope = MetricScope::Component;
};

} // namespace swb::core
