#include "sim/comparison.h"

#include "model/document.h"
#include "model/parametercatalogue.h"

#include <algorithm>
#include <cmath>

namespace swb {

QList<FaultKind> comparisonFaultKinds()
{
    return {FaultKind::BadDeploy, FaultKind::Outage, FaultKind::TrafficSpike};
}

QString validateComparisonOptions(const ComparisonOptions &options)
{
    QString error;
    for (const auto &[key, value] :
         {std::pair{QStringLiteral("rate"), QVariant(options.traffic.rate)},
          std::pair{QStringLiteral("pattern"), QVariant(options.traffic.pattern)}}) {
        const ParamSpec *spec = catalogue::findComponentParam(ComponentKind::TrafficSource, key);
        if (spec && !normalizeValue(*spec, value, &error))
            return QStringLiteral("traffic %1 %2: %3 (allowed: %4)")
                .arg(key, value.toString(), error, spec->rangeText());
    }
    if (!(options.durationSeconds >= 1 && options.durationSeconds <= 604800))
        return QStringLiteral("duration %1 s: must be from 1 s to 7 days (604800 s)")
            .arg(options.durationSeconds);
    if (options.fault && !(options.fault->start >= 0))
        return QStringLiteral("fault start %1 s: must be 0 or later").arg(options.fault->start);
    if (options.fault && options.fault->start >= options.durationSeconds)
        return QStringLiteral("fault start %1 s: the run ends at %2 s, so the fault would never "
                              "happen; start it earlier or run longer")
            .arg(options.fault->start)
            .arg(options.durationSeconds);
    if (options.fault && !(options.fault->duration > 0))
        return QStringLiteral("fault duration %1 s: must be above 0").arg(options.fault->duration);
    return {};
}

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
        message = injectFault(&doc, *options.fault, notes);
        if (!message.isEmpty()) {
            if (error)
                *error = message;
            return std::nullopt;
        }
    }
    return doc.design();
}

QString injectFault(Document *doc, const ComparisonFault &fault, QStringList *notes)
{
    const Design &design = doc->design();
    ComponentId target = InvalidId;
    if (!fault.target.isEmpty()) {
        // A block by its name, or one SNS subscription as "TOPIC->ENDPOINT" (the name the fault
        // dock and the text format give it): an outage of that endpoint alone.
        if (const Component *named = design.componentByName(fault.target)) {
            target = named->id;
        } else {
            target = wireByName(design, fault.target, ConnectionKind::Subscription);
            if (target == InvalidId) {
                if (notes)
                    notes->append(QStringLiteral("no block named '%1'%2: ran without the %3 fault")
                                      .arg(fault.target,
                                           fault.target.contains(QLatin1String("->"))
                                               ? QStringLiteral(" and no subscription of that name")
                                               : QString(),
                                           faultKindName(fault.kind)));
                return {};
            }
        }
    } else {
        const ComponentKind kind = faultTargetKind(fault.kind);
        for (const Component &c : design.components) {
            if (c.kind == kind) {
                target = c.id;
                break;
            }
        }
        if (target == InvalidId) {
            if (notes)
                notes->append(QStringLiteral("no %1 block: ran without the %2 fault")
                                  .arg(componentKindName(kind), faultKindName(fault.kind)));
            return {};
        }
    }
    Fault f;
    f.kind = fault.kind;
    f.target = target;
    f.start = fault.start;
    f.duration = fault.duration;
    QString error;
    if (doc->addFault(f, &error) == InvalidId)
        return error;
    return {};
}

namespace {

// The per-bin series the charts overlay (names: sim/core/simulation.h). ledger.succeeded is a
// running total (Last), so a bin's throughput is its increase; a source's e2e_p99_ms is the p99
// of the units that finished in the bin, which means nothing in a bin where none did
// (e2e_count 0), so such bins are NaN and draw no point.
void fillSeries(const RunResults &r, ComparisonRow *row)
{
    const SeriesCatalog &catalog = r.catalog;
    row->binWidthSeconds = catalog.binWidthSeconds;
    const int succeeded =
        catalog.indexOf(QStringLiteral("ledger"), QStringLiteral("ledger.succeeded"));
    const int concurrency =
        catalog.indexOf(QStringLiteral("account"), QStringLiteral("account.concurrency"));
    QList<QPair<int, int>> p99AndCount;
    for (int p99 = 0; p99 < catalog.series.size(); ++p99) {
        const SeriesEntry &e = catalog.series.at(p99);
        const int count = e.name == QLatin1String("source.e2e_p99_ms")
                              ? catalog.indexOf(e.component, QStringLiteral("source.e2e_count"))
                              : -1;
        if (count >= 0)
            p99AndCount.append({p99, count});
    }
    const double width = std::max(1e-9, catalog.binWidthSeconds);
    const qint64 bins = r.binCount();
    double before = 0;
    for (qint64 b = 0; b < bins; ++b) {
        if (succeeded >= 0) {
            const double total = r.value(b, succeeded);
            row->throughput.push_back((total - before) / width);
            before = total;
        }
        if (concurrency >= 0)
            row->concurrency.push_back(r.value(b, concurrency));
        double worst = std::nan("");
        for (const auto &[p99, count] : p99AndCount) {
            if (r.value(b, count) > 0)
                worst = std::isnan(worst) ? r.value(b, p99) : std::max(worst, r.value(b, p99));
        }
        if (!p99AndCount.isEmpty())
            row->p99Ms.push_back(worst);
    }
}

} // namespace

QList<ComparisonRow> compareDesigns(const QList<ComparisonInput> &designs,
                                    const ComparisonOptions &options,
                                    const ComparisonProgress &progress)
{
    QList<ComparisonRow> rows;
    const int total = int(designs.size());
    for (const ComparisonInput &input : designs) {
        const double done = double(rows.size());
        if (progress && !progress(done, total))
            return rows;
        ComparisonRow row;
        row.name = input.name;
        const std::optional<Design> prepared =
            applyComparison(input.design, options, &row.notes, &row.error);
        if (prepared) {
            RunOptions run;
            run.durationSeconds = options.durationSeconds;
            run.seed = options.seed;
            run.pricing = options.pricing;
            run.build.baseDirectory = input.baseDirectory;
            run.build.allowedDirectories = options.allowedDirectories;
            bool stop = false;
            if (progress) {
                run.progress = [&](double t, double duration) {
                    const double fraction = duration > 0 ? std::min(1.0, t / duration) : 1.0;
                    stop = !progress(done + fraction, total);
                };
            }
            run.cancelled = [&stop, &options] {
                return stop || (options.cancelled && options.cancelled());
            };
            if (options.cancelled && options.cancelled())
                return rows;
            const RunResults r = runToEnd(*prepared, run);
            if (r.cancelled)
                return rows;
            row.ok = r.ok;
            if (r.ok) {
                row.headline = headlineOf(r);
                row.latencyMeasured = r.summary.ledger.succeeded > 0;
                row.costPriced = std::isfinite(r.summary.monthlyCostUsd);
                row.peakConcurrency = r.summary.peakAccountConcurrency;
                row.notes.append(r.summary.warnings);
                fillSeries(r, &row);
            } else {
                // The Error findings' messages; the codes are for `swb validate`.
                QStringList messages;
                for (const BuildFinding &f : r.build.errors())
                    messages.append(f.message);
                row.error = messages.isEmpty() ? r.error : messages.join(QLatin1String("; "));
            }
        }
        rows.append(row);
    }
    if (progress)
        progress(double(rows.size()), total);
    return rows;
}

} // namespace swb
