#pragma once
// What a run will cost before it starts: the events the core will process and the memory its
// waiting work will hold, from the design's steady-state rates (model/flowrates.h). A run above
// the limits is not started without asking: the GUI asks, swb needs --force, and both name the
// estimate. The figures are projections for a warning, not a promise.
//
// Events: per second, every block's arriving items and invocation attempts about twice
// (arrival and completion) plus Step Functions transitions and SQS receives.
// Waiting items: per SQS queue the rate its consumers cannot take (their concurrency cap x batch
// size / mean duration) for as long as retention keeps it; per Kinesis consumer the records it
// cannot take (per stream nobody reads, every record) for the retention; per Lambda function the
// asynchronous events beyond its concurrency for up to its maximum event age.
// Memory: what the core keeps of them (each service's heldBytes rule). A standard queue, a
// Kinesis lane and a function's async queue keep their oldest items one by one
// (kBytesPerHeldItem each) and the rest as cohorts (core/cohortqueue.h), one per second of
// backlog up to 4,096 s and about 4,096 more per doubling beyond, whatever the number of entry
// paths (kBytesPerCohort each, plus kBytesPerExtraPath per path beyond a cohort's 4 inline ones),
// so an overloaded week stays within megabytes; an SQS FIFO queue keeps every message.

#include "model/design.h"

#include <QString>

namespace swb {

struct RunEstimate {
    double events = 0;      // projected events over the run
    double heldItems = 0;   // projected peak of messages / records / events waiting
    double memoryBytes = 0; // projected peak memory of the waiting work
    double durationSeconds = 0;

    bool exceedsLimits() const;
    // "about 1.2 billion events and 68.4 GB of memory for 7 days simulated"
    QString text() const;
    // The refusal swb prints and the GUI's question: the estimate, the limits, what to do.
    QString refusal(const QString &howToRun) const;
};

// Bytes the core holds per waiting message (its record, its queue slot, its pending timer).
inline constexpr double kBytesPerHeldItem = 112;
// Bytes per cohort of waiting items: 120 (core/cohortqueue.h), in a ring that may have grown to
// twice what it holds.
inline constexpr double kBytesPerCohort = 240;
// Bytes per entry path a cohort holds beyond its CohortQueue::kPaths inline ones: a 20-byte extra
// in its queue's side store (core/cohortqueue.h), in a ring that may have grown to twice what it
// holds.
inline constexpr double kBytesPerExtraPath = 40;
// Above these a run is not started without the user's consent: about 15 minutes of CPU, and
// memory a laptop can spare.
inline constexpr double kMaxEventsWithoutAsking = 5e9;
inline constexpr double kMaxBytesWithoutAsking = 2.0 * 1024 * 1024 * 1024;

// At most how many cohorts some queues hold, and the bytes of each with its side-store extras.
struct CohortBound {
    double cohorts = 0;
    double bytesEach = kBytesPerCohort;
};
// What the core keeps for `held` items of a queue whose first `head` items are kept one by one
// and the rest as at most `bound.cohorts` cohorts (never more than one per item).
double cohortKeptBytes(double held, double head, const CohortBound &bound);
// The cohorts `queues` queues hold for `seconds` of arrivals: CohortQueue::maxCohorts(seconds)
// each, however many entry paths (traffic sources) interleave, each with an extra in the side
// store for every traffic source of the design beyond the kPaths a cohort holds inline (an upper
// bound: not every source reaches every queue). The side store is so bounded by sources x
// cohorts.
CohortBound cohortBound(const Design &design, double seconds, double queues);

// durationSeconds <= 0 takes the design's own duration setting.
RunEstimate estimateRun(const Design &design, double durationSeconds = 0);

} // namespace swb
