#pragma once
// What the advisor's rules of other services ask of the Lambda function behind them (an SQS
// queue's or a Kinesis stream's consumer): its mean duration, a reservation with the account
// quota it needs, and the event source mapping's small-batches rule.

#include "sim/advisorruleskit.h"

#include "model/services/account/account.h"
#include "model/services/lambda/lambda.h"

namespace swb::advisor {

// Mean duration of a function's invocations over the run, in seconds (0 without any).
inline double meanDurationSeconds(const Series &s)
{
    const double inv = s.total(core::LmInvocations);
    return inv > 0 ? s.total(core::LmDurationSum) / inv / 1000.0 : 0;
}

// Concurrency the other functions of the account reserve.
inline qlonglong reservedByOthers(const Design &design, ComponentId except)
{
    qlonglong r = 0;
    for (const Component &c : design.components) {
        if (c.kind != ComponentKind::Lambda || c.id == except)
            continue;
        const lambda::ReservedConcurrency rc =
            lambda::reservedConcurrency(lambda::Params::of(c.params));
        if (rc.isReserved())
            r += rc.stored;
    }
    return r;
}

// A reservation of `n` for `fn`, plus the account quota it needs: AWS keeps at least 100
// unreserved (aws-behaviour.md §1, "Reserved concurrency").
inline QList<ParamChange> reserve(const Design &design, const Component &fn, qlonglong n)
{
    QList<ParamChange> changes{blockChange(fn, lambda::key::reservedConcurrency, n)};
    const qlonglong account = account::Params::of(design.settings).accountConcurrency;
    const qlonglong needed = reservedByOthers(design, fn.id) + n + 100;
    if (needed > account)
        changes.append(projectChange(design, account::key::accountConcurrency, needed));
    return changes;
}

// An event source mapping as the small-batches rule reads it: the wire, its batch size and
// batching window, the key that sets the window, and the records the source handed over in
// the run (an SQS queue's receives, a stream's records).
struct MappingBatches {
    const Connection *mapping = nullptr;
    qlonglong batchSize = 0;
    qlonglong batchingWindow = 0;
    QString windowKey;
    double records = 0;
};

// The consumer invoked with far smaller batches than its batch size: a batching window
// (sim/services/lambda/lambdaadvice.cpp).
void smallBatches(const RuleContext &ctx, const MappingBatches &m, QList<Finding> *out);

// The mean duration at `toMb` of memory of a function whose mean is `durationMs` at `fromMb`,
// `cpuBoundShare` of it computing: that share runs at the CPU memory buys, 1,769 MB being one
// vCPU and a single thread gaining nothing above (aws-behaviour.md §1, Memory).
double durationAtMemory(double durationMs, double cpuBoundShare, double fromMb, double toMb);
// The smallest memory that holds a measured peak with 20 % headroom, in 64 MB steps, at least
// Lambda's 128 MB.
qlonglong memoryForPeak(qlonglong peakMb);
// Memory far above the measured peak (sim/services/lambda/lambdamemoryadvice.cpp).
void lambdaOversizedMemory(const RuleContext &ctx, const Component &c, QList<Finding> *out);

} // namespace swb::advisor
