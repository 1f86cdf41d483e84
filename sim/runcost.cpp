// Projected monthly cost of a run from measured usage: the run's billed_* series,
// scaled from the simulated duration to a month of catalogue.hoursPerMonth (730 h, the AWS
// calculator convention), priced by the same cost model as `swb cost` (model/costmodel.h), so
// tiers and the free tier are applied identically. Static charges (provisioned concurrency,
// Kinesis shard-hours / stream-hours) are priced for the whole month as configured.

#include "sim/runresults.h"

#include "model/costmodel.h"
#include "model/services/account/account.h"
#include "model/services/billing.h"
#include "model/services/registry.h"

namespace swb {

namespace {

// The run's bill: each block's billing rule (model/services/billing.h) with the quantities that
// follow the traffic taken from the run's series, whole-run totals scaled to the month.
class RunMeter : public usage::Meter
{
public:
    RunMeter(const Design &design, const RunResults &r, const PricingCatalogue &catalogue)
        : Meter(design, catalogue)
        , m_results(r)
        , m_scale(catalogue.secondsPerMonth() / r.metadata.durationSeconds)
    {}

    void metered(const Component &c, const QString &dimension, const usage::EstimateRecipe &,
                 const usage::RunRecipe &run) override
    {
        const double runTotal = run([&](const char *series) { return total(c, series); });
        add(c, dimension, runTotal * m_scale,
            QStringLiteral("measured %1 in %2 s x %3")
                .arg(runTotal, 0, 'g', 6)
                .arg(m_results.metadata.durationSeconds)
                .arg(m_scale, 0, 'g', 6));
    }

    QStringList missingSeries() const { return m_missing; }

private:
    // Whole-run total of a Sum series of a block. A series the run does not have (a results file
    // of another version) bills nothing and is named in the report's warnings.
    double total(const Component &c, const char *series)
    {
        const int s = m_results.catalog.indexOf(c.id, QLatin1String(series));
        if (s < 0) {
            const QString text =
                QStringLiteral("The run has no series '%1' for '%2': that usage is billed as 0")
                    .arg(QLatin1String(series), c.name);
            if (!m_missing.contains(text))
                m_missing.append(text);
            return 0;
        }
        double sum = 0;
        for (qint64 b = 0; b < m_results.binCount(); ++b)
            sum += m_results.value(b, s);
        return sum;
    }

    const RunResults &m_results;
    const double m_scale;
    QStringList m_missing;
};

} // namespace

CostReport measuredCostReport(const Design &design, const RunResults &results,
                              const PricingCatalogue &catalogue, const CostOptions *options)
{
    RunMeter meter(design, results, catalogue);
    const QList<UsageQuantity> usage = meter.collect();
    CostReport report =
        priceUsage(design, catalogue, usage, options ? *options : costOptionsFor(design));
    report.warnings.append(meter.missingSeries());
    return report;
}

void priceRun(const Design &design, const PricingCatalogue &catalogue, RunResults *results)
{
    if (!results->ok || !(results->metadata.durationSeconds > 0))
        return;
    CostOptions options;
    options.freeTier = account::Params::of(design.settings).freeTier;
    const CostReport report = measuredCostReport(design, *results, catalogue);
    RunSummary &s = results->summary;
    for (ComponentSummary &c : s.components) {
        if (!serviceModule(c.kind).billing)
            continue; // not an AWS resource: no cost
        c.monthlyCostUsd = 0;
        for (const CostLine &line : report.lines) {
            if (line.component == c.id)
                c.monthlyCostUsd += line.usd;
        }
    }
    s.monthlyCostUsd = report.totalUsd;
    results->metadata.catalogueDate = report.priceDate;
    s.costNotes.append(
        QStringLiteral("measured usage x %1 h/month, prices of %2 (%3), free tier %4")
            .arg(catalogue.hoursPerMonth)
            .arg(report.priceDate, report.region,
                 options.freeTier ? QStringLiteral("on") : QStringLiteral("off")));
    s.costNotes.append(report.warnings);
}

} // namespace swb
