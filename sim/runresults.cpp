#include "sim/runresults.h"

#include "core/simulation.h"

#include <QElapsedTimer>

namespace swb {

qint64 RunResults::binCount() const
{
    return catalog.series.isEmpty() ? 0 : qint64(values.size()) / catalog.series.size();
}

double RunResults::value(qint64 bin, int series) const
{
    return values[std::size_t(bin) * std::size_t(catalog.series.size()) + std::size_t(series)];
}

RunResults runToEnd(const Design &design, const RunOptions &options)
{
    RunResults r;
    BuildOptions build = options.build;
    if (options.durationSeconds)
        build.durationSeconds = options.durationSeconds;
    if (options.seed)
        build.seed = options.seed;
    r.build = buildScenario(design, build);
    r.metadata.designName = design.name;
    r.metadata.seed = r.build.scenario.seed;
    r.metadata.durationSeconds = r.build.scenario.durationSeconds;
    if (!r.build.ok) {
        r.error = r.build.errorText();
        return r;
    }
    QElapsedTimer wall;
    wall.start();
    core::Simulation sim(r.build.scenario);
    const double duration = sim.durationSeconds();
    r.catalog = makeSeriesCatalog(r.build, sim.metrics(), duration);
    r.metadata.binWidthSeconds = r.catalog.binWidthSeconds;
    // 10,000 slices: the cancel check comes often enough for Ctrl+C to stop a heavy run within
    // a second (slicing never changes a run: the kernel's slices-equal-one-run test).
    constexpr int kSlices = 10000;
    for (int slice = 1; slice <= kSlices; ++slice) {
        sim.runUntil(duration * slice / kSlices);
        if (options.progress && slice % (kSlices / 100) == 0)
            options.progress(sim.now(), duration);
        if (options.cancelled && options.cancelled()) {
            r.cancelled = true;
            r.error = QStringLiteral("cancelled");
            return r;
        }
    }
    const core::MetricStore &store = sim.metrics();
    const std::size_t rowSize = store.seriesCount();
    r.values.resize(store.binCount() * rowSize);
    for (std::size_t b = 0; b < store.binCount(); ++b)
        store.copyRow(b, r.values.data() + b * rowSize);
    r.summary = summarizeRun(r.build, sim);
    r.summary.wallSeconds = wall.elapsed() / 1000.0;
    r.ok = true;
    if (options.pricing)
        priceRun(design, *options.pricing, &r);
    return r;
}

} // namespace swb
