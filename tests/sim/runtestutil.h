#pragma once
// Shared by the sim-layer tests: read a run's series through the public RunResults.

#include "sim/runresults.h"

namespace swb::test {

// Runs `design` for `seconds` (priced with `pricing` when given); a design that cannot run fails
// the test program.
inline RunResults runFor(const Design &design, double seconds,
                         const PricingCatalogue *pricing = nullptr)
{
    RunOptions o;
    o.pricing = pricing;
    o.durationSeconds = seconds;
    RunResults r = runToEnd(design, o);
    if (!r.ok)
        qFatal("%s", qPrintable(r.error));
    return r;
}

// Sum over the run's bins of one series of one block; -1 when the block has no such series.
inline double seriesTotal(const RunResults &r, ComponentId id, const QString &name)
{
    for (int s = 0; s < r.catalog.series.size(); ++s) {
        const SeriesEntry &e = r.catalog.series[s];
        if (e.component == id && e.name == name) {
            double sum = 0;
            for (qint64 b = 0; b < r.binCount(); ++b)
                sum += r.value(b, s);
            return sum;
        }
    }
    return -1;
}

} // namespace swb::test
