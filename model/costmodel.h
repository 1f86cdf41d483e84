#pragma once

#include "model/design.h"
#include "model/flowrates.h"
#include "model/pricing.h"

#include <QList>
#include <QStringList>

namespace swb {

struct CostOptions {
    bool freeTier = true; // subtract the always-free monthly allowances
    // Also subtract the 12-month allowances of a new account (API Gateway's 1 M REST + 1 M HTTP
    // calls). Off by default: most accounts are past their first year.
    bool twelveMonthFreeTier = false;
};

// The design's own choice (project setting "freeTier"), always-free allowances only.
CostOptions costOptionsFor(const Design &design);

// Whether a dimension's free allowance is subtracted under these options (priceUsage and the
// XLSX sheet's formulas both follow this).
struct PriceDimension;
bool freeTierApplies(const PriceDimension &d, const CostOptions &options);

// A billed quantity of one block in one catalogue dimension, per month, already in billing units
// (payloads chunked, durations rounded). The analytic estimate produces these from flow rates;
// the simulation produces them from what it measured, and both are priced by priceUsage().
struct UsageQuantity {
    ComponentId component = InvalidId;
    QString service;   // catalogue service id ("sqs")
    QString dimension; // catalogue dimension id ("requests-standard")
    double quantity = 0;
    QString detail; // how the quantity was obtained, for people ("2.6M sends + 0.7M receives")
};

// One row of the bill: a block and one of its billing dimensions.
struct CostLine {
    ComponentId component = InvalidId;
    QString componentName;
    QString serviceId;       // "lambda"
    QString service;         // "AWS Lambda"
    QString dimensionId;     // "duration-x86_64"
    QString dimension;       // "Duration (x86_64)"
    double quantity = 0;     // units per month, before the free tier
    double freeQuantity = 0; // this row's share of the free allowance
    QString unit;
    QString priceText;    // the catalogue's price ("$0.20 per 1M requests")
    QString appliedPrice; // the tier prices this row pays ("$3.50, $2.80 per 1M requests")
    QString breakdown;    // how the dollars arise ("1.1M GB-s x $0.0000166667")
    QString detail;       // UsageQuantity::detail
    double usd = 0;       // full precision
};

struct CostReport {
    QList<CostLine> lines;
    double totalUsd = 0; // sum of the rows in full precision
    QString region;
    QString currency;
    QString priceDate;
    QString catalogueOrigin;
    double hoursPerMonth = 730;
    CostOptions options;
    QStringList assumptions; // from the flow propagation and the pricing rules
    QStringList warnings;

    // What is printed: every row rounded to cents, and the total as the sum of the printed rows
    // (so the rows always add up; it may differ from round(totalUsd) by a few cents).
    qint64 totalCents() const;
};

qint64 toCents(double usd);        // rounded half away from zero
QString formatCents(qint64 cents); // "18.73", "-0.05"

// Monthly billed quantities of every block from steady-state rates: catalogue.hoursPerMonth
// (730) hours of the mean rates, metered with the catalogue's chunk and rounding rules.
QList<UsageQuantity> usageFromFlows(const Design &design, const FlowRates &flows,
                                    const PricingCatalogue &catalogue,
                                    QStringList *assumptions = nullptr);

// Prices quantities with the catalogue. Tiers and free tiers are account-wide: the quantities of
// every block in one dimension are added up, the free allowance (shared by the dimensions of one
// pool) is taken from the cheapest first units, the rest walks the tiers, and each block's row
// gets the dimension's dollars in proportion to its quantity, so the rows sum to the total.
CostReport priceUsage(const Design &design, const PricingCatalogue &catalogue,
                      const QList<UsageQuantity> &usage, const CostOptions &options = {});

// The estimate before any simulation: computeFlowRates + usageFromFlows + priceUsage.
CostReport estimateMonthlyCost(const Design &design, const PricingCatalogue &catalogue,
                               const CostOptions &options = {});

} // namespace swb
