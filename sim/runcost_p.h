#pragma once
// Internal to the measured bill (runcost.cpp and the service modules' measured-usage rules in
// sim/services/): a run's billed_* series totalled and scaled from the run's duration to a month
// of catalogue.hoursPerMonth, as usage quantities priceUsage() prices.

#include "sim/runresults.h"

#include "model/costmodel.h"
#include "model/pricing.h"

namespace swb {

class MeasuredUsage
{
public:
    MeasuredUsage(const Design &design, const RunResults &r, const PricingCatalogue &catalogue)
        : m_design(design)
        , m_results(r)
        , m_catalogue(catalogue)
        , m_hours(catalogue.hoursPerMonth)
        , m_scale(catalogue.secondsPerMonth() / r.metadata.durationSeconds)
    {}

    const Design &design() const { return m_design; }
    const PricingCatalogue &catalogue() const { return m_catalogue; }
    double hours() const { return m_hours; }

    // Whole-run total of a Sum series of a block.
    double total(ComponentId id, const char *series) const
    {
        const int s = m_results.catalog.indexOf(id, QLatin1String(series));
        if (s < 0)
            return 0;
        double sum = 0;
        for (qint64 b = 0; b < m_results.binCount(); ++b)
            sum += m_results.value(b, s);
        return sum;
    }
    // A monthly quantity as configured (static charges: provisioned concurrency, shard-hours).
    void add(const Component &c, const char *service, const QString &dimension, double quantity,
             const QString &detail)
    {
        m_usage.append({c.id, QLatin1String(service), dimension, quantity, detail});
    }
    // A run total, scaled to the month.
    void measured(const Component &c, const char *service, const QString &dimension,
                  double runTotal)
    {
        add(c, service, dimension, runTotal * m_scale,
            QStringLiteral("measured %1 in %2 s x %3")
                .arg(runTotal, 0, 'g', 6)
                .arg(m_results.metadata.durationSeconds)
                .arg(m_scale, 0, 'g', 6));
    }

protected:
    QList<UsageQuantity> m_usage;

private:
    const Design &m_design;
    const RunResults &m_results;
    const PricingCatalogue &m_catalogue;
    const double m_hours;
    const double m_scale;
};

} // namespace swb
