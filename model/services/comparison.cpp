#include "model/services/comparison.h"

#include "model/parametercatalogue.h"
#include "model/pricing.h"

#include <QLocale>

#include <cmath>
#include <limits>

namespace swb::comparison {

QString count(double value)
{
    if (value == std::floor(value))
        return QLocale(QLocale::English).toString(static_cast<qlonglong>(value));
    return QString::number(value);
}

QString span(double seconds)
{
    if (seconds < 120)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 7200 && std::fmod(seconds, 60) == 0)
        return QStringLiteral("%1 min").arg(seconds / 60);
    if (seconds < 172800 && std::fmod(seconds, 3600) == 0)
        return QStringLiteral("%1 h").arg(seconds / 3600);
    if (std::fmod(seconds, 86400) == 0)
        return QStringLiteral("%1 days").arg(count(seconds / 86400));
    return QStringLiteral("%1 h").arg(count(std::round(seconds / 3600)));
}

namespace {

const ParamSpec &checked(const ParamSpec *spec)
{
    static const ParamSpec missing;
    Q_ASSERT(spec);
    return spec ? *spec : missing;
}

} // namespace

const ParamSpec &blockParam(ComponentKind kind, const char *key)
{
    return checked(catalogue::findComponentParam(kind, QLatin1String(key)));
}

const ParamSpec &wireParam(ConnectionKind wire, ComponentKind source, const char *key)
{
    return checked(catalogue::findConnectionParam(wire, source, QLatin1String(key)));
}

const ParamSpec &projectParam(const char *key)
{
    return checked(catalogue::findProjectParam(QLatin1String(key)));
}

double defaultOf(const ParamSpec &spec)
{
    return spec.defaultValue.toDouble();
}

PriceText price(const PricingCatalogue &prices, const char *service, const char *id)
{
    const PriceDimension *d = prices.dimension(QLatin1String(service), QLatin1String(id));
    if (!d || d->tiers.isEmpty())
        return {QStringLiteral("not in the catalogue (%1/%2)")
                    .arg(QLatin1String(service), QLatin1String(id)),
                QStringLiteral("The pricing catalogue %1 has no %2/%3 dimension.")
                    .arg(prices.origin, QLatin1String(service), QLatin1String(id))};
    // The first step only: the volume tiers are in the tooltip.
    PriceDimension entry = *d;
    entry.tiers = {PriceTier{std::numeric_limits<double>::infinity(), d->tiers.first().price}};
    PriceText out;
    out.text = d->tiers.first().price == 0 ? QStringLiteral("free") : entry.priceText();
    if (d->tiers.size() > 1)
        out.text += QStringLiteral(" (less at volume)");
    if (d->freeTier.quantity > 0) {
        out.text += QStringLiteral(", first %1 a month free").arg(count(d->freeTier.quantity));
        if (d->freeTier.term == FreeTierTerm::TwelveMonths)
            out.text += QStringLiteral(" for 12 months");
    }
    out.rule = QStringLiteral("%1: %2. Source: %3 (%4).")
                   .arg(d->name, d->priceText(), d->source, d->confidence);
    return out;
}

QString metering(const PricingCatalogue &prices, const char *service, const char *id,
                 double PriceDimension::*field, const char *unit)
{
    const PriceDimension *d = prices.dimension(QLatin1String(service), QLatin1String(id));
    if (!d || !(d->*field > 0))
        return QStringLiteral("?");
    return (count(d->*field) + QLatin1Char(' ') + QLatin1String(unit)).trimmed();
}

QString chunks(const PricingCatalogue &prices, const char *service, const char *id)
{
    return metering(prices, service, id, &PriceDimension::chunkKB, "KB");
}

AxisCell priced(const QString &text, const QList<PriceText> &parts, const QString &rule)
{
    QStringList rules;
    for (const PriceText &p : parts)
        rules.append(p.rule);
    rules.append(rule);
    return {text, rules.join(QLatin1Char('\n'))};
}

} // namespace swb::comparison
