#pragma once
// What-if grids (`swb sweep`) and the headline figures that `swb sweep` and `swb check`
// report. Every cell of the grid is an independent run with its own seed, so the numbers are the
// same whatever the thread count: a run never shares state with another, and results are stored
// by cell index, not by completion order.

#include "sim/runresults.h"

#include "model/assignment.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace swb {

// The figures a reviewer compares between designs.
struct Headline {
    double throughputPerS = 0; // units that succeeded end to end, per simulated second
    double p99Ms = 0;          // worst end-to-end p99 over the entry paths (0 without traffic)
    double throttles = 0;   // Lambda throttles, 429s, write throttles, start throttles, rejections
    double deadLetters = 0; // units in a DLQ / on-failure destination at the end
    double lost = 0;        // units expired (retention, max age) or dropped by a documented rule
    double monthlyCostUsd = 0; // measured usage priced for a 730-hour month
};

Headline headlineOf(const RunResults &results);

// Names and units of the headline figures, in Headline's field order.
const QStringList &headlineNames();
// Their stable ids for JSON output, in the same order ("throughputPerS", "p99Ms", ...).
const QStringList &headlineIds();
QList<double> headlineValues(const Headline &headline);

// One varied parameter: "lambda.reservedConcurrency" over a list of values.
struct SweepAxis {
    QString target; // block name or "project"
    QString key;
    QStringList values;
};

// Parses "COMPONENT.PARAM=a,b,c". Returns the problem or an empty string.
QString parseSweepAxis(const QString &text, SweepAxis *axis);

struct SweepOptions {
    double durationSeconds = 3600;
    int seeds = 3;   // runs per cell; seed i of every cell is (project seed + i)
    int threads = 0; // 0 = one per core
    // Prices every run (the cost headline) when set; owned by the caller.
    const PricingCatalogue *pricing = nullptr;
    BuildOptions build; // replay folders (the design's folder, --allow-dir); duration/seed unused
    // Asked often from every worker; true abandons the sweep (SweepResult::cancelled).
    std::function<bool()> cancelled;
};

struct SweepCell {
    QList<Assignment> assignments; // one per axis
    QList<Headline> runs;          // one per seed, in seed order
    // Mean and half-width of the 95% confidence interval over seeds (Student's t, n - 1 degrees
    // of freedom), per headline figure; the half-width is 0 with a single seed.
    QList<double> mean;
    QList<double> halfWidth95;
};

struct SweepResult {
    enum class Failure { None, BadValue, RunRefused, Cancelled };
    bool ok = false;
    Failure failure = Failure::None;
    QString error;
    QList<SweepAxis> axes;
    QList<SweepCell> cells; // the grid in row-major order (last axis fastest)
};

// Validates every cell's assignments before running anything, then runs cells x seeds on a pool
// of `threads` worker threads.
SweepResult runSweep(const Design &design, const QList<SweepAxis> &axes,
                     const SweepOptions &options);

// Two-sided 95% Student's t quantile for n - 1 degrees of freedom (n >= 2).
double studentT95(int n);

} // namespace swb
