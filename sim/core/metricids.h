#pragma once
// Offsets of each component kind's metric series from the component's base series index. The
// names (same order) are registered by Engine::compile(); see the table in simulation.h.

#include "core/metricstore.h"

#include <cstdint>

namespace swb::core {

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
    LmCount
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
    QmCount
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
    KmCount
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
    FmCount
};
enum DownstreamMetric : std::uint32_t { DmCalls, DmRejections, DmConnections, DmCount };
enum SourceMetric : std::uint32_t { SrGenerated, SrP50, SrP95, SrP99, SrE2eCount, SrCount };
enum AccountMetric : std::uint32_t { AcConcurrency, AcUnreserved, AcCount };
enum LedgerMetric : std::uint32_t {
    LgProduced,
    LgInFlight,
    LgSucceeded,
    LgDeadLettered,
    LgExpired,
    LgRejected,
    LgDropped,
    LgCount
};

struct MetricName {
    const char *name;
    const char *unit;
    Aggregation agg;
};

inline constexpr MetricName kLambdaMetrics[LmCount] = {
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
};
inline constexpr MetricName kApiMetrics[AmCount] = {
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
inline constexpr MetricName kSnsMetrics[SmCount] = {
    {"sns.publishes", "count", Aggregation::Sum},
    {"sns.deliveries", "count", Aggregation::Sum},
    {"sns.delivery_failures", "count", Aggregation::Sum},
    {"sns.delivery_retries", "count", Aggregation::Sum},
    {"sns.dlq", "count", Aggregation::Sum},
    {"sns.filtered", "count", Aggregation::Sum},
    {"sns.billed_publishes", "requests", Aggregation::Sum},
    {"sns.billed_http_deliveries", "requests", Aggregation::Sum},
    {"sns.publish_throttles", "count",
     Aggregation::Sum}, // FIFO throughput limit (aws-behaviour.md §3)
    {"sns.fifo_payload_bytes", "bytes", Aggregation::Sum}, // FIFO publishes bill payload GB
};
inline constexpr MetricName kSqsMetrics[QmCount] = {
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
};
inline constexpr MetricName kKinesisMetrics[KmCount] = {
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
};
inline constexpr MetricName kSfnMetrics[FmCount] = {
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
};
inline constexpr MetricName kDownstreamMetrics[DmCount] = {
    {"downstream.calls", "count", Aggregation::Sum},
    {"downstream.rejections", "count", Aggregation::Sum},
    {"downstream.connections", "connections", Aggregation::Max},
};
inline constexpr MetricName kSourceMetrics[SrCount] = {
    {"source.generated", "count", Aggregation::Sum}, {"source.e2e_p50_ms", "ms", Aggregation::Last},
    {"source.e2e_p95_ms", "ms", Aggregation::Last},  {"source.e2e_p99_ms", "ms", Aggregation::Last},
    {"source.e2e_count", "count", Aggregation::Sum},
};
inline constexpr MetricName kAccountMetrics[AcCount] = {
    {"account.concurrency", "environments", Aggregation::Max},
    {"account.unreserved_concurrency", "environments", Aggregation::Max},
};
inline constexpr MetricName kLedgerMetrics[LgCount] = {
    {"ledger.produced", "units", Aggregation::Last},
    {"ledger.in_flight", "units", Aggregation::Last},
    {"ledger.succeeded", "units", Aggregation::Last},
    {"ledger.dead_lettered", "units", Aggregation::Last},
    {"ledger.expired", "units", Aggregation::Last},
    {"ledger.rejected", "units", Aggregation::Last},
    {"ledger.dropped", "units", Aggregation::Last},
};

} // namespace swb::core
