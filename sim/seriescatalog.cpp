#include "sim/seriescatalog.h"

#include "sim/scenariobuilder.h"

#include "core/metricstore.h"

#include <cmath>

namespace swb {

QString SeriesEntry::title() const
{
    return QStringLiteral("%1/%2 [%3]").arg(componentName, name, unit);
}

int SeriesCatalog::indexOf(ComponentId component, const QString &name) const
{
    for (int i = 0; i < series.size(); ++i) {
        if (series[i].component == component && series[i].name == name)
            return i;
    }
    return -1;
}

int SeriesCatalog::indexOf(const QString &componentName, const QString &name) const
{
    for (int i = 0; i < series.size(); ++i) {
        if (series[i].componentName == componentName && series[i].name == name)
            return i;
    }
    return -1;
}

SeriesCatalog makeSeriesCatalog(const BuildResult &build, const core::MetricStore &store,
                                double durationSeconds)
{
    SeriesCatalog catalog;
    catalog.binWidthSeconds = store.binWidthSeconds();
    catalog.durationSeconds = durationSeconds;
    catalog.binCount = catalog.binWidthSeconds > 0
                           ? qint64(std::ceil(durationSeconds / catalog.binWidthSeconds - 1e-9))
                           : 0;
    for (const core::SeriesInfo &info : store.catalog()) {
        SeriesEntry e;
        e.name = QString::fromStdString(info.name);
        e.unit = QString::fromStdString(info.unit);
        e.aggregation = info.aggregation == core::Aggregation::Sum    ? QStringLiteral("sum")
                        : info.aggregation == core::Aggregation::Max  ? QStringLiteral("max")
                        : info.aggregation == core::Aggregation::Mean ? QStringLiteral("mean")
                                                                      : QStringLiteral("last");
        e.component = build.componentOf(info.component);
        e.componentName = e.component != InvalidId ? build.componentName(e.component)
                                                   : e.name.section(QLatin1Char('.'), 0, 0);
        catalog.series.append(e);
    }
    return catalog;
}

} // namespace swb
