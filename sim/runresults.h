#pragma once
// Headless runs (swb simulate, tests, benchmarks): compile a design, run the core to the end on
// the calling thread, and keep every bin of every series plus the per-block summary and the
// projected monthly cost from measured usage.

#include "sim/runsummary.h"
#include "sim/scenariobuilder.h"
#include "sim/seriescatalog.h"

#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace swb {

class PricingCatalogue;

struct RunOptions {
    std::optional<double> durationSeconds; // overrides the project's simulated duration
    std::optional<quint64> seed;           // overrides the project's seed
    // Called after every 1 % of simulated time (simSeconds, durationSeconds), on this thread.
    std::function<void(double, double)> progress;
    // Asked after every 0.01 % of simulated time; true abandons the run (RunResults::cancelled).
    std::function<bool()> cancelled;
    BuildOptions build; // replay CSV folder, bin width; its duration/seed are overridden above
    // Prices the run (RunSummary cost fields, RunMetadata::catalogueDate) when set; the caller
    // owns it: the built-in catalogue or the user's (`--pricing`). Unset: the run is not priced.
    const PricingCatalogue *pricing = nullptr;
};

struct RunMetadata {
    QString designName;
    quint64 seed = 0;
    double durationSeconds = 0;
    double binWidthSeconds = 0;
    QString catalogueDate; // date of the prices used for the cost ("" when not priced)
};

struct RunResults {
    bool ok = false;
    bool cancelled = false; // RunOptions::cancelled stopped the run (ok stays false)
    QString error;          // why the run was refused (the Error findings, one per line)
    BuildResult build; // scenario, id maps and every finding (errors, warnings, approximations)
    RunMetadata metadata;
    SeriesCatalog catalog;
    std::vector<double> values; // bins x series, row-major (bin b, series s at b * series + s)
    RunSummary summary;

    qint64 binCount() const;
    double value(qint64 bin, int series) const;
};

RunResults runToEnd(const Design &design, const RunOptions &options = {});

// Prices the measured usage of a finished run (billed_* series scaled from the run's duration to
// a 730-hour month) with `catalogue` and fills the summary's cost fields.
void priceRun(const Design &design, const PricingCatalogue &catalogue, RunResults *results);

// The bill behind priceRun: the measured usage (every Sum series totalled over the bins held,
// scaled from metadata.durationSeconds to 730 h) priced by the same catalogue. Works on a partial
// run too (the playback cost panel prices the bins up to the playback position); the caller
// ensures metadata.durationSeconds > 0. `options` overrides the design's free-tier setting
// (swb export cost --no-free-tier).
struct CostOptions;
struct CostReport;
CostReport measuredCostReport(const Design &design, const RunResults &results,
                              const PricingCatalogue &catalogue,
                              const CostOptions *options = nullptr);

} // namespace swb
