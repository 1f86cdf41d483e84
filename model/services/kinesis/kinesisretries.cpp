#include "model/services/kinesis/kinesisretries.h"

#include "model/flowrates.h"

#include <algorithm>
#include <cmath>

namespace swb::kinesis {

namespace {

// Whole batches retried: a batch fails an attempt if it holds a poison record, else when the
// invocation or one of its records fails (independent draws per attempt).
BatchRetries wholeBatches(const BatchFailures &f, double s, double q, double retries)
{
    const double m = std::max(1.0, f.batch);
    const double withPoison = 1 - std::pow(1 - s, m);
    const double good = 1 - std::pow(1 - q, m) * (1 - f.errorRate); // a batch without poison fails
    BatchRetries r;
    if (retries < 0 && (withPoison > 0 || good >= 1)) {
        r.blocked = true;
        return r;
    }
    const double attempts =
        withPoison * (retries + 1) + (1 - withPoison) * expectedAttempts(good, retries);
    r.invocations = attempts / m;
    r.deliveries = attempts;
    r.poisonDeliveries = s * (retries + 1);
    const double failedShare = withPoison + (1 - withPoison) * std::pow(good, retries + 1);
    r.failedBatches = retries < 0 ? 0 : failedShare / m;
    r.failedRecords = r.failedBatches * m;
    return r;
}

struct Isolation {
    double invocations = 0, deliveries = 0, poisonDeliveries = 0, completed = 0;
};

// Bisecting a full batch of m whose record j is poison, nothing else failing: the invocations
// until the poison record is alone at the front of the batch, the records they deliver, and the
// records before it completed meanwhile.
Isolation isolate(int j, int m)
{
    Isolation r;
    int limit = m;
    while (limit > 1 || j > 0) {
        r.invocations += 1;
        r.deliveries += limit;
        if (j < limit) { // the batch holds the poison record: it fails and is split
            r.poisonDeliveries += 1;
            limit = (limit + 1) / 2;
        } else { // the half before it succeeds; the next batch is full again
            j -= limit;
            r.completed += limit;
            limit = m;
        }
    }
    return r;
}

BatchRetries bisected(const BatchFailures &f, double s, double q, double retries)
{
    const int m = std::max(1, int(std::lround(f.batch)));
    // Records that are not poison: a renewal cycle starts with a full batch and ends when a batch
    // succeeds (its records complete) or the split reaches one record, which is retried until it
    // succeeds or its attempts are spent. Every attempt draws afresh, so past failures say nothing
    // about the next one.
    const double single = 1 - (1 - q) * (1 - f.errorRate);
    BatchRetries r;
    if (retries < 0 && (single >= 1 || s > 0)) {
        r.blocked = true;
        return r;
    }
    double reach = 1, inv = 0, deliv = 0, done = 0, lost = 0;
    int limit = m;
    for (; limit > 1; limit = (limit + 1) / 2) {
        const double ok = std::pow(1 - q, limit) * (1 - f.errorRate);
        inv += reach;
        deliv += reach * limit;
        done += reach * ok * limit;
        reach *= 1 - ok;
    }
    const double attempts = expectedAttempts(single, retries);
    inv += reach * attempts;
    deliv += reach * attempts;
    done += reach;
    lost += retries < 0 ? 0 : reach * std::pow(single, retries + 1);
    const double perGood = inv / done, delivPerGood = deliv / done;

    // A poison record: isolated by halving (averaged over its place in the batch; every
    // m / 512-th place for large batches), then R + 1 failed attempts alone, then given up.
    const int stride = std::max(1, m / 512);
    Isolation sum;
    int places = 0;
    for (int j = 0; j < m; j += stride, ++places) {
        const Isolation one = isolate(j, m);
        sum.invocations += one.invocations - one.completed * perGood;
        sum.deliveries += one.deliveries - one.completed * delivPerGood;
        sum.poisonDeliveries += one.poisonDeliveries;
    }
    const double poisonInv = sum.invocations / places + (retries + 1);
    const double poisonDeliv = sum.deliveries / places + (retries + 1);
    r.invocations = (1 - s) * perGood + s * poisonInv;
    r.deliveries = (1 - s) * delivPerGood + s * poisonDeliv;
    r.poisonDeliveries = s * (sum.poisonDeliveries / places + (retries + 1));
    r.failedRecords = (1 - s) * lost / done + s; // a bisected batch gives up one record at a time
    r.failedBatches = r.failedRecords;
    return r;
}

} // namespace

BatchRetries batchRetries(const BatchFailures &f)
{
    const double s = std::clamp(f.poisonShare, 0.0, 1.0);
    const double q = std::clamp(f.transientRate, 0.0, 1.0);
    BatchFailures g = f;
    g.errorRate = std::clamp(f.errorRate, 0.0, 1.0);
    const double retries = f.maxRetries < 0 ? -1.0 : f.maxRetries;
    return f.bisect ? bisected(g, s, q, retries) : wholeBatches(g, s, q, retries);
}

} // namespace swb::kinesis
