#include "sim/comparison.h"

#include "model/document.h"

#include <algorithm>

namespace swb {

std::optional<Design> applyComparison(const Design &design, const ComparisonOptions &options,
                                      QStringList *notes, QString *error)
{
    Document doc;
    doc.replaceDesign(design);
    QString message;
    for (const Component &c : design.components) {
        if (c.kind != ComponentKind::TrafficSource)
            continue;
        if (!doc.setComponentParam(c.id, QStringLiteral("rate"), options.traffic.rate, &message)
            || !doc.setComponentParam(c.id, QStringLiteral("pattern"), options.traffic.pattern,
                                      &message)) {
            if (error)
                *error = message;
            return std::nullopt;
        }
    }
    if (options.fault) {
        const ComponentKind kind = faultTargetKind(options.fault->kind);
        ComponentId target = InvalidId;
        for (const Component &c : design.components) {
            if (c.kind == kind) {
                target = c.id;
                break;
            }
        }
        if (target == InvalidId) {
            if (notes)
                notes->append(
                    QStringLiteral("no %1 block: ran without the %2 fault")
                        .arg(componentKindName(kind), faultKindName(options.fault->kind)));
        } else {
            Fault f;
            f.kind = options.fault->kind;
            f.target = target;
            f.start = options.fault->start;
            f.duration = options.fault->duration;
            if (doc.addFault(f, &message) == InvalidId) {
                if (error)
                    *error = message;
                return std::nullopt;
            }
        }
    }
    return doc.design();
}

namespace {

// Copies the per-bin series the charts overlay. Series are looked up by name so a run lacking one
// simply leaves it empty.
void fillSeries(const RunResults &r, ComparisonRow *row)
{
    row->binWidthSeconds = r.catalog.binWidthSeconds;
    const qint64 bins = r.binCount();
    QList<int> succeeded;
    QList<int> p99;
    for (int i = 0; i < r.catalog.series.size(); ++i) {
        const SeriesEntry &e = r.catalog.series.at(i);
        if (e.componentName == QLatin1String("ledger")
            && e.name.contains(QLatin1String("succeeded")))
            succeeded.append(i);
        if (e.name.contains(QLatin1String("p99")))
            p99.append(i);
    }
    for (qint64 b = 0; b < bins; ++b) {
        double s = 0;
        for (int i : succeeded)
            s += r.value(b, i);
        double worst = 0;
        for (int i : p99)
            worst = std::max(worst, r.value(b, i));
        if (!succeeded.isEmpty())
            row->throughput.push_back(s / std::max(1e-9, row->binWidthSeconds));
        if (!p99.isEmpty())
            row->p99Ms.push_back(worst);
    }
}

} // namespace

QList<ComparisonRow> compareDesigns(const QList<QPair<QString, Design>> &designs,
                                    const ComparisonOptions &options,
                                    const std::function<void(int, int)> &progress)
{
    QList<ComparisonRow> rows;
    for (const auto &[name, design] : designs) {
        ComparisonRow row;
        row.name = name;
        const std::optional<Design> prepared =
            applyComparison(design, options, &row.notes, &row.error);
        if (prepared) {
            RunOptions run;
            run.durationSeconds = options.durationSeconds;
            run.seed = options.seed;
            const RunResults r = runToEnd(*prepared, run);
            row.ok = r.ok;
            if (r.ok) {
                row.headline = headlineOf(r);
                row.peakConcurrency = r.summary.peakAccountConcurrency;
                fillSeries(r, &row);
            } else {
                row.error = r.error;
            }
        }
        rows.append(row);
        if (progress)
            progress(int(rows.size()), int(designs.size()));
    }
    return rows;
}

} // namespace swb
