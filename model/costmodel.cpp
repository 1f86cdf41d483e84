#include "model/costmodel.h"

#include <QHash>

#include <algorithm>
#include <cmath>

namespace swb {

namespace {

QString key(const QString &service, const QString &dimension)
{
    return service + QLatin1Char('/') + dimension;
}

QString amount(double v)
{
    if (std::abs(v) >= 1e6)
        return QStringLiteral("%1M").arg(v / 1e6, 0, 'g', 6);
    return QString::number(v, 'g', 7);
}

// "1.1M GB-s x $0.0000166667" or "6000M x $0.0000166667 + 1000M x $0.000015": the billable units
// [from, to) of a dimension on its tier ladder, scaled by a row's share.
QString tierBreakdown(const PriceDimension &d, double from, double to, double share)
{
    QStringList parts;
    double lower = 0;
    for (const PriceTier &tier : d.tiers) {
        const double a = std::max(from, lower);
        const double b = std::min(to, tier.upTo);
        if (b > a) {
            parts.append(
                QStringLiteral("%1 %2 x %3%4")
                    .arg(amount((b - a) * share), d.unit, formatUnitPrice(tier.price),
                         d.per == 1 ? QString() : QStringLiteral("/%1").arg(amount(d.per))));
        }
        lower = tier.upTo;
    }
    return parts.isEmpty() ? QStringLiteral("nothing billable") : parts.join(QStringLiteral(" + "));
}

// The prices of the tiers that [from, to) touches; the first tier's when nothing is billable.
QString appliedPrices(const PriceDimension &d, double from, double to)
{
    QStringList prices;
    double lower = 0;
    for (const PriceTier &tier : d.tiers) {
        if (std::min(to, tier.upTo) > std::max(from, lower))
            prices.append(formatUnitPrice(tier.price));
        lower = tier.upTo;
    }
    if (prices.isEmpty() && !d.tiers.isEmpty())
        prices.append(formatUnitPrice(d.tiers.first().price));
    const QString per = d.per == 1 ? d.unit : QStringLiteral("%1 %2").arg(amount(d.per), d.unit);
    return QStringLiteral("%1 per %2").arg(prices.join(QStringLiteral(", ")), per);
}

} // namespace

bool freeTierApplies(const PriceDimension &d, const CostOptions &options)
{
    switch (d.freeTier.term) {
    case FreeTierTerm::Always:
        return options.freeTier;
    case FreeTierTerm::TwelveMonths:
        return options.freeTier && options.twelveMonthFreeTier;
    case FreeTierTerm::None:
        break;
    }
    return false;
}

CostOptions costOptionsFor(const Design &design)
{
    CostOptions options;
    options.freeTier = design.setting(QStringLiteral("freeTier")).toBool();
    return options;
}

qint64 toCents(double usd)
{
    return std::llround(usd * 100.0);
}

QString formatCents(qint64 cents)
{
    const QString sign = cents < 0 ? QStringLiteral("-") : QString();
    const qint64 a = std::abs(cents);
    return QStringLiteral("%1%2.%3").arg(sign).arg(a / 100).arg(a % 100, 2, 10, QLatin1Char('0'));
}

qint64 CostReport::totalCents() const
{
    qint64 sum = 0;
    for (const CostLine &line : lines)
        sum += toCents(line.usd);
    return sum;
}

CostReport priceUsage(const Design &design, const PricingCatalogue &catalogue,
                      const QList<UsageQuantity> &usage, const CostOptions &options)
{
    CostReport report;
    report.region = catalogue.region;
    report.currency = catalogue.currency;
    report.priceDate = catalogue.date;
    report.catalogueOrigin = catalogue.origin;
    report.hoursPerMonth = catalogue.hoursPerMonth;
    report.options = options;

    // Account-wide totals per dimension, then per free-tier pool.
    QHash<QString, double> dimensionTotal;
    QHash<QString, double> poolTotal;
    QList<const PriceDimension *> dims;
    for (const UsageQuantity &u : usage) {
        const PriceDimension *d = catalogue.dimension(u.service, u.dimension);
        dims.append(d);
        if (!d) {
            report.warnings.append(QStringLiteral("No price for %1 / %2 in the catalogue: not "
                                                  "billed")
                                       .arg(u.service, u.dimension));
            continue;
        }
        const double q = std::max(0.0, u.quantity);
        dimensionTotal[key(d->service, d->id)] += q;
        if (freeTierApplies(*d, options))
            poolTotal[d->freeTier.pool] += q;
    }
    // The free allowance covers the first units of the pool; a pool spanning several dimensions
    // (x86_64 and arm64 GB-s) splits it in proportion to their use.
    auto freeOf = [&](const PriceDimension &d) {
        if (!freeTierApplies(d, options))
            return 0.0;
        const double pool = poolTotal.value(d.freeTier.pool);
        const double total = dimensionTotal.value(key(d.service, d.id));
        return pool > 0 ? std::min(d.freeTier.quantity, pool) * total / pool : 0.0;
    };

    bool splitFree = false;
    for (qsizetype i = 0; i < usage.size(); ++i) {
        const PriceDimension *d = dims.at(i);
        if (!d)
            continue;
        const UsageQuantity &u = usage.at(i);
        const Component *c = design.component(u.component);
        const double total = dimensionTotal.value(key(d->service, d->id));
        const double free = freeOf(*d);
        const double share = total > 0 ? std::max(0.0, u.quantity) / total : 0.0;
        CostLine line;
        line.component = u.component;
        line.componentName = c ? c->name : QString();
        line.serviceId = d->service;
        line.service = catalogue.serviceName(d->service);
        line.dimensionId = d->id;
        line.dimension = d->name;
        line.quantity = std::max(0.0, u.quantity);
        line.freeQuantity = free * share;
        line.unit = d->unit;
        line.priceText = d->priceText();
        line.detail = u.detail;
        // Tiers are walked on the account's total; this row pays its share of the dollars.
        line.usd = d->costOfRange(std::min(free, total), total) * share;
        line.appliedPrice = appliedPrices(*d, std::min(free, total), total);
        line.breakdown = tierBreakdown(*d, std::min(free, total), total, share);
        if (line.freeQuantity > 0)
            line.breakdown = QStringLiteral("%1 %2 free; %3")
                                 .arg(amount(line.freeQuantity), d->unit, line.breakdown);
        if (share > 0 && share < 1 && free > 0)
            splitFree = true;
        report.totalUsd += line.usd;
        report.lines.append(line);
    }
    if (splitFree)
        report.assumptions.append(QStringLiteral(
            "Free tiers and price tiers are per account: each dimension's allowance and tiers "
            "apply to the sum over all blocks, and each block's row carries its share in "
            "proportion to its quantity."));
    return report;
}

CostReport estimateMonthlyCost(const Design &design, const PricingCatalogue &catalogue,
                               const CostOptions &options)
{
    const FlowRates flows = computeFlowRates(design);
    QStringList assumptions = flows.assumptions;
    const QList<UsageQuantity> usage = usageFromFlows(design, flows, catalogue, &assumptions);
    CostReport report = priceUsage(design, catalogue, usage, options);
    assumptions.append(report.assumptions);
    report.assumptions = assumptions;
    report.warnings = flows.warnings + report.warnings;
    return report;
}

} // namespace swb
