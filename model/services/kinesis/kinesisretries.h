#pragma once
// What failing records cost a Kinesis event source mapping, per record read (aws-behaviour.md §5
// "Lambda event source mapping"): a failing batch is retried in order, blocking its shard, until it
// succeeds or MaximumRetryAttempts is spent; with BisectBatchOnFunctionError it is split in two and
// the first half tried, down to a single record, so a poison record is isolated and given up alone.
// The rules are the simulator's (sim/core/services/kinesis/kinesismapping.cpp): a split is not a
// retry attempt, only a single record's failures are; after a half succeeds the next batch is
// full again, starting at the record after it.

namespace swb::kinesis {

struct BatchFailures {
    double batch = 1;         // records per invocation when nothing fails
    double poisonShare = 0;   // share of records that fail every attempt
    double transientRate = 0; // each attempt at any other record fails with it
    double errorRate = 0;     // each invocation fails with it (the function's own error rate)
    double maxRetries = -1;   // MaximumRetryAttempts; -1 = until the record expires
    bool bisect = false;      // BisectBatchOnFunctionError
};

// Per record read. The estimate assumes full batches (records waiting whenever a batch ends) and
// poison records rare enough that one batch holds at most one (poison share x batch << 1); while a
// poison record is isolated, the other records' transient failures are not counted.
struct BatchRetries {
    double invocations = 0;      // invocation attempts, retries and bisected halves included
    double deliveries = 0;       // records handed to the function, every attempt counted
    double poisonDeliveries = 0; // the part of deliveries that are poison records
    double failedRecords = 0;    // records given up (on-failure destination, else skipped)
    double failedBatches = 0;    // batches given up
    bool blocked = false;        // a batch that never succeeds is retried until its records expire
};

BatchRetries batchRetries(const BatchFailures &f);

} // namespace swb::kinesis
