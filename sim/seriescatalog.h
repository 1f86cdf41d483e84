#pragma once
// Describes the metric series of a run in model terms: which block (swb::ComponentId) each series
// belongs to, its name, unit and per-bin aggregation. Emitted once when a run starts; every
// MetricFrame's values follow this order. Series names and meanings: sim/core/simulation.h.

#include "model/ids.h"

#include <QList>
#include <QMetaType>
#include <QString>

namespace swb::core {
class MetricStore;
}

namespace swb {

struct BuildResult;

struct SeriesEntry {
    QString name; // "lambda.concurrency"
    QString unit; // "environments", "ms", "count"
    // "sum" (per bin), "max" (peak in the bin), "last" (value at bin end), "mean" (time-average
    // over the bin)
    QString aggregation;
    ComponentId component = InvalidId; // InvalidId for account-wide and ledger series
    QString componentName;             // block name, or "account" / "ledger"

    // "order-worker/lambda.concurrency [environments]": the CSV column title.
    QString title() const;
};

struct SeriesCatalog {
    QList<SeriesEntry> series;
    double binWidthSeconds = 1;
    double durationSeconds = 0;
    qint64 binCount = 0; // bins the whole run will have

    // Index of a series, or -1.
    int indexOf(ComponentId component, const QString &name) const;
    int indexOf(const QString &componentName, const QString &name) const;
};

SeriesCatalog makeSeriesCatalog(const BuildResult &build, const core::MetricStore &store,
                                double durationSeconds);

} // namespace swb

Q_DECLARE_METATYPE(swb::SeriesCatalog)
