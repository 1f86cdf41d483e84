#pragma once
// SQS (resources/help/aws-behaviour.md §4): the queue block, the Lambda event source mapping
// that polls it, and the redrive policy (also used for an SNS subscription's DLQ).

#include "model/services/paramdecl.h"
#include "model/services/servicemodule.h"

namespace swb::sqs {

enum class QueueType { Standard, Fifo };

} // namespace swb::sqs

namespace swb {
SWB_CHOICE_TEXTS(sqs::QueueType, "Standard", "FIFO");
}

namespace swb::sqs {

// clang-format off
#define SWB_SQS_PARAMS(INT, REAL, FLAG, CHOICE, TEXT)                                               \
    CHOICE(type, QueueType, "Queue type",                                                        \
           "Standard: near-unlimited throughput, at-least-once, best-effort order. FIFO: in "    \
           "order per message group, 300 API calls/s per action (3,000 msg/s batched).")         \
    INT(visibilityTimeout, "Visibility timeout", "s", 30, 0, 43200, nullptr,                     \
        "A received message is hidden this long; if not deleted it reappears and its "           \
        "receive count grows. Set it to at least 6x the consuming function's timeout. "          \
        "Default 30 s, 0 s to 12 h.")                                                            \
    INT(retentionPeriod, "Retention period", "s", 345600, 60, 1209600, nullptr,                  \
        "Messages older than this are deleted unread. Default 4 days, 60 s to 14 days.")         \
    INT(deliveryDelay, "Delivery delay", "s", 0, 0, 900, nullptr,                                \
        "New messages stay invisible this long (0 to 15 minutes).")                              \
    INT(maxMessageSize, "Maximum message size", "B", 262144, 1024, 1048576, nullptr,             \
        "Larger messages are refused. Up to 1 MiB since 2025; billed in 64 KB chunks.")          \
    INT(messageGroups, "Message groups (FIFO)", "", 1, 1, 1000000, nullptr,                      \
        "FIFO only: number of distinct MessageGroupIds. Messages of one group are "              \
        "processed in order, one batch at a time; a failing batch blocks its group.")            \
    FLAG(highThroughput, "High-throughput mode (FIFO)", false,                                   \
         "FIFO only: FifoThroughputLimit perMessageGroupId with DeduplicationScope "             \
         "messageGroup. Raises the 300 API calls/s per action to up to 70,000 (us-east-1, "      \
         "us-west-2, eu-west-1), 300/s per message group. Calls above the quota are throttled.")

// What the SQS and Kinesis event source mappings share; batch size defaults differ.
#define SWB_ESM_COMMON_PARAMS(INT, FLAG, defaultBatch)                                              \
    INT(batchSize, "Batch size", "records", defaultBatch, 1, 10000, nullptr,                     \
        "Most records per invocation (also capped by the 6 MB invoke payload).")                 \
    INT(batchingWindow, "Batching window", "s", 0, 0, 300, nullptr,                              \
        "How long the pollers gather records before invoking (0 to 300 s). With an SQS "         \
        "batch size above 10 it must be at least 1 s; not supported for FIFO.")                  \
    FLAG(reportBatchItemFailures, "Partial batch response", false,                               \
         "ReportBatchItemFailures: only the failed records are retried; otherwise the "          \
         "whole batch is.")

// The Lambda event source mapping reading a queue.
#define SWB_SQS_MAPPING_PARAMS(INT, REAL, FLAG, CHOICE, TEXT)                                       \
    SWB_ESM_COMMON_PARAMS(INT, FLAG, 10)                                                         \
    INT(maximumConcurrency, "Maximum concurrency", "", -1, 2, 1000, "no limit",                  \
        "ScalingConfig.MaximumConcurrency: caps the concurrent invokes of this mapping (2 "      \
        "to 1,000). -1: not set; pollers start at 5 and add up to 300 per minute to 1,250. "     \
        "Keep it at or below the function's reserved concurrency.")

// The redrive policy of a queue, or an SNS subscription's DLQ.
#define SWB_REDRIVE_PARAMS(INT, REAL, FLAG, CHOICE, TEXT)                                           \
    INT(maxReceiveCount, "Max receive count", "", 5, 1, 1000, nullptr,                           \
        "SQS RedrivePolicy.maxReceiveCount: after this many receives without a delete "          \
        "the message moves to the dead-letter queue. For an SNS topic this wire is each "        \
        "subscription's DLQ: messages land there once the delivery policy is exhausted.")
// clang-format on

struct Params {
    SWB_PARAM_FIELDS(SWB_SQS_PARAMS)
    static Params of(const QVariantMap &p);
    bool isFifo() const { return type == QueueType::Fifo; }
};

namespace key {
SWB_PARAM_KEYS(SWB_SQS_PARAMS)
}

namespace mapping {
struct Params {
    SWB_PARAM_FIELDS(SWB_SQS_MAPPING_PARAMS)
    static Params of(const QVariantMap &p);
};
namespace key {
SWB_PARAM_KEYS(SWB_SQS_MAPPING_PARAMS)
}
} // namespace mapping

namespace redrive {
struct Params {
    SWB_PARAM_FIELDS(SWB_REDRIVE_PARAMS)
    static Params of(const QVariantMap &p);
};
namespace key {
SWB_PARAM_KEYS(SWB_REDRIVE_PARAMS)
}
QList<ParamSpec> specs();
} // namespace redrive

const ServiceModule &module();

} // namespace swb::sqs
