#include "ui/cost/frameusage.h"

#include "sim/runresults.h"
#include "ui/playback/framestore.h"

namespace swb {

QList<double> seriesTotals(const FrameStore &store, qint64 lastBin)
{
    if (lastBin < 0 || lastBin >= store.frameCount())
        return {};
    QList<double> totals(store.catalog().series.size(), 0.0);
    for (qint64 b = 0; b <= lastBin; ++b) {
        const QList<double> &v = store.frame(b).values;
        for (int s = 0; s < totals.size() && s < v.size(); ++s)
            totals[s] += v.at(s);
    }
    return totals;
}

CostReport projectedCostReport(const Design &design, const SeriesCatalog &catalog,
                               const QList<double> &totals, double seconds,
                               const PricingCatalogue &catalogue)
{
    if (!(seconds > 0) || totals.size() != catalog.series.size())
        return {};
    RunResults r;
    r.ok = true;
    r.catalog = catalog;
    r.catalog.binCount = 1;
    r.metadata.durationSeconds = seconds;
    r.values.assign(totals.cbegin(), totals.cend());
    return measuredCostReport(design, r, catalogue);
}

} // namespace swb
