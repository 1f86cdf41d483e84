#pragma once
// SQS queues (aws-behaviour.md §4): the settings of one component as the Scenario carries them, and
// the metric series (enum and declaration table, same order). Public: the layers above fill the
// settings and name a series by its enum value (MetricStore::find, metricId()). Plain data only,
// and no #include of component.h: component.h includes this header (through the registry,
// core/servicelist.h) before it defines the component kinds.

#include "core/metricdecl.h"

#include <cstdint>
#include <string>
#include <vector>

namespace swb::core {

enum class QueueType : std::uint8_t { Standard, Fifo };

// FIFO throughput (aws-behaviour.md §4 "FIFO throughput"): 300 API calls per second per action;
// in high-throughput mode up to 70,000 per action in us-east-1, us-west-2 and eu-west-1 (less
// elsewhere), spread over partitions by MessageGroupId: a group lives in one partition, which
// takes 300 calls per second per action, so a queue with G groups gets at most 300 G.
inline constexpr double kFifoCallsPerSecond = 300;
inline constexpr double kFifoHighThroughputCallsPerSecond = 70000;

struct SqsQueue {
    std::string name;
    QueueType type = QueueType::Standard;
    double visibilityTimeoutSeconds = 30; // 0 s-12 h, default 30 s (aws-behaviour.md §4)
    double retentionSeconds = 345600;     // 60 s-14 days, default 4 days (aws-behaviour.md §4)
    double delaySeconds = 0;              // 0-15 min (aws-behaviour.md §4)
    std::uint32_t maxReceiveCount =
        0; // redrive policy; 0 = no redrive (aws-behaviour.md §4: 1-1,000)
    std::uint32_t messageGroupCount = 1; // FIFO only: distinct MessageGroupIds (1-100,000)
    // FIFO only: API calls per second per action (SendMessage, ReceiveMessage) the queue takes;
    // calls above it are throttled (aws-behaviour.md §4 "FIFO throughput"): 300 by default, more
    // in high-throughput mode (the builder's figure). A standard queue has no such quota.
    double callsPerSecond = 300;
};

enum SqsMetric : std::uint32_t {
    QmVisible,
    QmInFlight,
    QmOldestAge,
    QmSent,
    QmReceives,
    QmDeletes,
    QmToDlq,
    QmDlqReceived,
    QmExpired,
    QmPollers,
    QmBilledRequests,
    QmOutOfOrder,
    QmReorderedGroups,
    QmThrottled,
    QmGroupOutOfOrder, // per message group of a FIFO queue (first 64), MetricScope::Group
    QmCount
};

inline constexpr MetricDecl kSqsMetrics[QmCount] = {
    {"sqs.visible", "messages", Aggregation::Max},
    {"sqs.in_flight", "messages", Aggregation::Max},
    {"sqs.oldest_age_s", "s", Aggregation::Max},
    {"sqs.sent", "count", Aggregation::Sum},
    {"sqs.receives", "count", Aggregation::Sum},
    {"sqs.deletes", "count", Aggregation::Sum},
    {"sqs.to_dlq", "count", Aggregation::Sum},
    {"sqs.dlq_received", "count", Aggregation::Sum},
    {"sqs.expired", "count", Aggregation::Sum},
    {"sqs.pollers", "batches", Aggregation::Max},
    {"sqs.billed_requests", "requests", Aggregation::Sum},
    // FIFO: messages processed after a later-sent message of their group, and the groups where
    // that ever happened (core/deliveryorder.h); 0 for standard queues (no order promised).
    {"sqs.out_of_order", "messages", Aggregation::Sum},
    {"sqs.reordered_groups", "groups", Aggregation::Max},
    // FIFO: SendMessage calls throttled above the queue's quota (each attempt of a producer's SDK
    // retries counts), and Lambda pollers' ReceiveMessage calls held back by it.
    {"sqs.throttled", "requests", Aggregation::Sum},
    {"sqs.group#.out_of_order", "messages", Aggregation::Sum, MetricScope::Group},
};

} // namespace swb::core
