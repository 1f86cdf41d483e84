#pragma once
// Kinesis Data Streams (resources/help/aws-behaviour.md §5): the stream block and the Lambda
// event source mapping that reads its shards.

#include "model/services/sqs/sqs.h" // SWB_ESM_COMMON_PARAMS

namespace swb::kinesis {

enum class CapacityMode { Provisioned, OnDemand };

} // namespace swb::kinesis

namespace swb {
SWB_CHOICE_TEXTS(kinesis::CapacityMode, "Provisioned", "On-demand");
}

namespace swb::kinesis {

// clang-format off
#define SWB_KINESIS_PARAMS(INT, REAL, FLAG, CHOICE, TEXT)                                           \
    CHOICE(capacityMode, CapacityMode, "Capacity mode",                                          \
           "Provisioned: you choose the shard count and pay $0.015 per shard-hour. On-demand: "  \
           "starts at 4 MB/s write and scales; $0.04 per stream-hour plus per-GB charges.")      \
    INT(shards, "Shards", "", 1, 1, 20000, nullptr,                                              \
        "Each shard takes 1 MB/s or 1,000 records/s of writes (excess throttled) and "           \
        "serves 2 MB/s and 5 GetRecords/s of shared reads.")                                     \
    INT(retentionHours, "Retention", "h", 24, 24, 8760, nullptr,                                 \
        "Records older than this are gone, read or not. Default 24 h, up to 365 days.")          \
    INT(partitionKeys, "Partition keys", "", 1000, 1, 10000000, nullptr,                         \
        "Distinct partition keys in the traffic; records are hashed to shards by key.")          \
    REAL(hotKeyShare, "Hot key share", "", 0, 0, 1, nullptr,                                     \
         "Fraction of records carrying one single hot partition key. A key always lands on "     \
         "one shard, so it is capped at 1 MB/s / 1,000 records/s.")

#define SWB_KINESIS_MAPPING_PARAMS(INT, REAL, FLAG, CHOICE, TEXT)                                   \
    SWB_ESM_COMMON_PARAMS(INT, FLAG, 100)                                                        \
    INT(parallelizationFactor, "Parallelization factor", "", 1, 1, 10, nullptr,                  \
        "Concurrent batches per shard (order kept per partition key).")                          \
    INT(maxRetryAttempts, "Maximum retry attempts", "", -1, 0, 10000, "until expiry",            \
        "A failing batch is retried, blocking its shard, this many times. "                      \
        "-1 (default): until the record expires.")                                               \
    INT(maxRecordAge, "Maximum record age", "s", -1, 60, 604800, "until retention",              \
        "Records older than this are skipped (sent to the on-failure "                           \
        "destination). -1 (default): until retention expires.")                                  \
    FLAG(bisectOnError, "Bisect batch on error", false,                                          \
         "BisectBatchOnFunctionError: a failing batch is split in two and each half "            \
         "retried, isolating a poison record.")                                                  \
    FLAG(enhancedFanOut, "Enhanced fan-out", false,                                              \
         "On: a dedicated 2 MB/s per shard, pushed; off (default): reads shared with the "       \
         "stream's other standard consumers. Standard consumers share each shard's "             \
         "2 MB/s, 2,000 records/s and 5 GetRecords calls/s and read on a ~1 s poll. An "         \
         "enhanced fan-out consumer gets records ~70 ms after the write (AWS's figure is "       \
         "approximate); at most 20 per stream. Billed per consumer-shard-hour plus per GB "      \
         "retrieved (catalogue: $0.015 and $0.013, from a secondary source).")
// clang-format on

struct Params {
    SWB_PARAM_FIELDS(SWB_KINESIS_PARAMS)
    static Params of(const QVariantMap &p);
};

namespace key {
SWB_PARAM_KEYS(SWB_KINESIS_PARAMS)
}

namespace mapping {
struct Params {
    SWB_PARAM_FIELDS(SWB_KINESIS_MAPPING_PARAMS)
    static Params of(const QVariantMap &p);
};
namespace key {
SWB_PARAM_KEYS(SWB_KINESIS_MAPPING_PARAMS)
}
} // namespace mapping

const ServiceModule &module();

} // namespace swb::kinesis
