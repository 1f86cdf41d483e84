// The six-axis table's pricing row (model/patternaxes.h). Every price, chunk size and free
// allowance is read from the pricing catalogue passed in, never written here, so a user's edited
// catalogue changes the table exactly as it changes the cost model.
#include "model/patternaxes_p.h"

namespace swb::axes {

namespace {

struct PriceText {
    QString text; // "$0.40 per 1M requests (less at volume)"
    QString rule; // the catalogue's full tiers, source and confidence
};

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

// A metering rule of a dimension ("64 KB" for chunkKB), or "?" when the catalogue lacks it.
QString metering(const PricingCatalogue &prices, const char *service, const char *id,
                 double PriceDimension::*field, const char *unit = "")
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

AxisCell join(const QString &text, const QList<PriceText> &parts, const QString &rule)
{
    QStringList rules;
    for (const PriceText &p : parts)
        rules.append(p.rule);
    rules.append(rule);
    return {text, rules.join(QLatin1Char('\n'))};
}

} // namespace

QList<AxisCell> pricingRow(const PricingCatalogue &prices)
{
    const PriceText rest = price(prices, "apigateway", "rest-requests");
    const PriceText http = price(prices, "apigateway", "http-requests");
    const PriceText invoke = price(prices, "lambda", "requests");
    const PriceText publish = price(prices, "sns", "publishes-standard");
    const PriceText delivery = price(prices, "sns", "deliveries-sqs-lambda");
    const PriceText sqs = price(prices, "sqs", "requests-standard");
    const PriceText shardHour = price(prices, "kinesis", "shard-hours");
    const PriceText putUnit = price(prices, "kinesis", "put-payload-units");
    const PriceText streamHour = price(prices, "kinesis", "stream-hours");
    const PriceText events = price(prices, "eventbridge", "events");
    return {
        join(QStringLiteral("REST API %1; HTTP API %2. Plus Lambda %3 and duration.")
                 .arg(rest.text, http.text, invoke.text),
             {rest, http, invoke},
             QStringLiteral("Every request is billed, throttled ones excepted; HTTP APIs meter "
                            "in %1 units.")
                 .arg(chunks(prices, "apigateway", "http-requests"))),
        join(QStringLiteral("Publishes %1 (each %2 is one request); deliveries to SQS and "
                            "Lambda %3.")
                 .arg(publish.text, chunks(prices, "sns", "publishes-standard"), delivery.text),
             {publish, delivery},
             QStringLiteral("Filtered-out messages are not billed as deliveries.")),
        join(QStringLiteral("%1; each %2 of a message and every API call (empty receives too) is "
                            "a request, a batch of up to %3 is one.")
                 .arg(sqs.text, chunks(prices, "sqs", "requests-standard"),
                      metering(prices, "sqs", "requests-standard", &PriceDimension::batchLimit)),
             {sqs},
             QStringLiteral("Lambda's pollers receive in batches, so they also pay "
                            "for empty receives when the queue is idle.")),
        join(QStringLiteral("Provisioned %1 plus %2 (%3 units); on-demand %4 plus data.")
                 .arg(shardHour.text, putUnit.text, chunks(prices, "kinesis", "put-payload-units"),
                      streamHour.text),
             {shardHour, putUnit, streamHour},
             QStringLiteral("A shard costs the same idle or busy: the price follows the "
                            "provisioned throughput, not the traffic.")),
        join(QStringLiteral("Events published %1 (each %2 is one event); rule matching and "
                            "delivery to targets in the account are not billed.")
                 .arg(events.text, chunks(prices, "eventbridge", "events")),
             {events},
             QStringLiteral("Events forwarded to another bus are billed again there as custom "
                            "events; the targets bill their own requests.")),
    };
}

} // namespace swb::axes
