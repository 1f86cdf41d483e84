#pragma once
// One usage pipeline for the analytic estimate and the simulated bill. A service module declares
// its billing dimensions (ServiceModule::billingDimensions) and one billing rule
// (ServiceModule::billing) that says, for each dimension a block has, how its monthly quantity is
// obtained:
//   - configured: a charge that follows the configuration (provisioned concurrency,
//     shard-hours), the same number in the estimate and the bill;
//   - metered: a charge that follows the traffic, with the estimate's recipe (from the block's
//     steady-state rates, model/flowrates.h) and the run's recipe (from the whole-run totals of
//     the block's billed series, scaled to the month).
// The estimate (usageFromFlows, model/costusage.cpp) and the run's bill (measuredCostReport,
// sim/runcost.cpp) are two Meters running the same rules, so they cannot disagree on which
// dimensions a block has, under which conditions, or in which catalogue dimension they are priced.

#include "model/costmodel.h"

#include <functional>

namespace swb::usage {

constexpr double kKBPerGB = 1024.0 * 1024.0; // GB as AWS bills data: 2^30 bytes (an assumption)
constexpr double kBytesPerGB = 1024.0 * 1024.0 * 1024.0;

// A quantity in a detail text: "2.63M" from 100,000 up, else the number.
QString millions(double v);

// A billing dimension a service declares (the catalogue's service id is the module's id). A
// required one must be in every catalogue (the loader refuses a catalogue without it); an
// optional one may be missing (the rule then leaves it out, or the report names the missing
// price).
struct Dimension {
    const char *id; // catalogue dimension id ("requests", "duration-x86_64")
    bool required = true;
};

// The estimate's monthly quantity of a metered dimension, in billing units, and how it arose.
struct Estimate {
    double quantity = 0;
    QString detail;
};

// Whole-run total of one of the block's Sum series ("lambda.billed_requests").
using RunTotal = std::function<double(const char *series)>;
using EstimateRecipe = std::function<Estimate(const ComponentFlow &f)>;
using RunRecipe = std::function<double(const RunTotal &total)>;

class Meter
{
public:
    Meter(const Design &design, const PricingCatalogue &catalogue);
    virtual ~Meter();

    // Runs every block's billing rule; blocks of services without one are not billed.
    QList<UsageQuantity> collect();

    const Design &design() const { return m_design; }
    const PricingCatalogue &catalogue() const { return m_catalogue; }
    double hours() const { return m_catalogue.hoursPerMonth; }
    double seconds() const { return m_catalogue.secondsPerMonth(); }
    // A dimension's metering rules (chunks, rounding) from the catalogue. The loader refuses a
    // catalogue missing a required dimension; one built in code may still lack it: its rules
    // are then empty and priceUsage() reports the missing price.
    PriceDimension dimension(const Component &c, const QString &id) const;
    // Whether the catalogue prices a (possibly optional) dimension of the block's service.
    bool priced(const Component &c, const QString &id) const;

    // A charge as configured: the same monthly quantity in the estimate and the bill.
    void configured(const Component &c, const QString &dimension, double monthly,
                    const QString &detail);
    // A charge that follows the traffic: the estimate runs `estimate` on the block's rates, the
    // bill runs `run` on the run's series totals.
    virtual void metered(const Component &c, const QString &dimension,
                         const EstimateRecipe &estimate, const RunRecipe &run) = 0;
    // A charge per payload chunk of each item (SNS publishes per 64 KB, Kinesis PUT payload
    // units per 25 KB): the estimate is items x chunks per item ("2.63M publishes x 2 chunk(s)
    // of 64 KB"), the bill the run's billed series.
    void meteredPerChunk(const Component &c, const PriceDimension &d, const QString &items,
                         const QString &chunks, const char *runSeries);
    // An assumption of the estimate, shown with it (the bill measures instead and drops it).
    virtual void note(const QString &text);

protected:
    void add(const Component &c, const QString &dimension, double quantity, const QString &detail);

private:
    const Design &m_design;
    const PricingCatalogue &m_catalogue;
    QList<UsageQuantity> m_usage;
};

// Every dimension the service modules declare, as (service id, dimension id); required only.
QList<QPair<QString, QString>> declaredDimensions(bool requiredOnly);

} // namespace swb::usage
