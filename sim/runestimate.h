#pragma once
// What a run will cost before it starts: the events the core will process and the memory its
// waiting work will hold, from the design's steady-state rates (model/flowrates.h). A run above
// the limits is not started without asking: the GUI asks, swb needs --force, and both name the
// estimate. The figures are projections for a warning, not a promise: a queue that overflows
// is held message by message (sim/core), so an overloaded week can need tens of gigabytes.
//
// Events: per second, every block's arriving items and invocation attempts about twice
// (arrival and completion) plus Step Functions transitions and SQS receives.
// Memory: what waits is held; per SQS queue the rate its consumers cannot take (their
// concurrency cap x batch size / mean duration) for as long as retention keeps it; per Kinesis
// stream every record for its retention; per Lambda function the asynchronous events beyond its
// concurrency for up to its maximum event age; kBytesPerHeldItem each.

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
// Above these a run is not started without the user's consent: about 15 minutes of CPU, and
// memory a laptop can spare.
inline constexpr double kMaxEventsWithoutAsking = 5e9;
inline constexpr double kMaxBytesWithoutAsking = 2.0 * 1024 * 1024 * 1024;

// durationSeconds <= 0 takes the design's own duration setting.
RunEstimate estimateRun(const Design &design, double durationSeconds = 0);

} // namespace swb
