// Projected monthly cost of a run from measured usage: the run's billed_* series,
// scaled from the simulated duration to a month of catalogue.hoursPerMonth (730 h, the AWS
// calculator convention), priced by the same cost model as `swb cost` (model/costmodel.h), so
// tiers and the free tier are applied identically. Static charges (provisioned concurrency,
// Kinesis shard-hours / stream-hours) are priced for the whole month as configured.

#include "sim/runresults.h"

#include "sim/runcost_p.h"
#include "sim/services/simservice.h"

#include "model/costmodel.h"
#include "model/services/account/account.h"

#include <cmath>

namespace swb {

namespace {

class Collector : public MeasuredUsage
{
public:
    using MeasuredUsage::MeasuredUsage;

    QList<UsageQuantity> collect()
    {
        // Each service module bills its own blocks (sim/services/<service>/); blocks that are
        // not AWS resources have no rule.
        for (const Component &c : design().components)
            if (const auto rule = simService(c.kind).measuredUsage)
                rule(*this, c);
        return m_usage;
    }
};

} // namespace

CostReport measuredCostReport(const Design &design, const RunResults &results,
                              const PricingCatalogue &catalogue, const CostOptions *options)
{
    const QList<UsageQuantity> usage = Collector(design, results, catalogue).collect();
    return priceUsage(design, catalogue, usage, options ? *options : costOptionsFor(design));
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
        if (!simService(c.kind).measuredUsage)
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
