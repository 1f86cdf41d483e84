#include "cliutil.h"
#include "commands.h"

#include "model/costmodel.h"
#include "model/costsheet.h"
#include "model/pricing.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace swb::cli {

namespace {

QString freeTierText(const CostOptions &o)
{
    if (!o.freeTier)
        return QStringLiteral("free tier off");
    return o.twelveMonthFreeTier ? QStringLiteral("free tier on (always-free and 12-month)")
                                 : QStringLiteral("free tier on (always-free)");
}

void printTable(const QString &designName, const CostReport &r, QTextStream &out)
{
    const QLocale english(QLocale::English);
    QList<QStringList> rows;
    rows.append({QStringLiteral("COMPONENT"), QStringLiteral("SERVICE"),
                 QStringLiteral("DIMENSION"), QStringLiteral("QUANTITY/MONTH"),
                 QStringLiteral("UNIT"), QStringLiteral("FREE"), QStringLiteral("PRICE"),
                 QStringLiteral("USD")});
    for (const CostLine &l : r.lines) {
        auto quantity = [&english](double q) {
            return english.toString(q, 'f', q >= 1000 || q == std::floor(q) ? 0 : 2);
        };
        rows.append({l.componentName, l.service, l.dimension, quantity(l.quantity), l.unit,
                     quantity(l.freeQuantity), l.appliedPrice, formatCents(toCents(l.usd))});
    }
    QList<qsizetype> widths(rows.first().size(), 0);
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], row.at(i).size());
    }
    const QString total = formatCents(r.totalCents());
    widths.last() = std::max(widths.last(), total.size());

    out << "Monthly cost of '" << designName << "': " << r.region << ", " << r.currency
        << ", prices of " << r.priceDate << ", " << r.hoursPerMonth << " h/month, "
        << freeTierText(r.options) << "\n\n";
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i) {
            const bool number = i == 3 || i == 5 || i == 7;
            out << (number ? row.at(i).rightJustified(widths[i])
                           : row.at(i).leftJustified(widths[i]))
                << (i + 1 < row.size() ? "  " : "\n");
        }
    }
    qsizetype lineWidth = 0;
    for (qsizetype w : widths)
        lineWidth += w + 2;
    out << QString(lineWidth - 2, QLatin1Char('-')) << "\n";
    out << QStringLiteral("TOTAL").leftJustified(lineWidth - 2 - widths.last())
        << total.rightJustified(widths.last()) << "\n";
    if (!r.assumptions.isEmpty()) {
        out << "\nAssumptions:\n";
        for (const QString &a : r.assumptions)
            out << "  - " << a << "\n";
    }
    out << "\nRows are rounded to cents; the total is the sum of the printed rows.\n";
}

void printCsv(const CostReport &r, QTextStream &out)
{
    out << QString::fromUtf8(costCsv(r));
}

void printJson(const QString &designName, const CostReport &r, QTextStream &out)
{
    QJsonArray lines;
    for (const CostLine &l : r.lines) {
        lines.append(QJsonObject{
            {QStringLiteral("componentId"), double(l.component)},
            {QStringLiteral("component"), l.componentName},
            {QStringLiteral("serviceId"), l.serviceId},
            {QStringLiteral("service"), l.service},
            {QStringLiteral("dimensionId"), l.dimensionId},
            {QStringLiteral("dimension"), l.dimension},
            {QStringLiteral("quantity"), l.quantity},
            {QStringLiteral("freeQuantity"), l.freeQuantity},
            {QStringLiteral("unit"), l.unit},
            {QStringLiteral("price"), l.priceText},
            {QStringLiteral("appliedPrice"), l.appliedPrice},
            {QStringLiteral("breakdown"), l.breakdown},
            {QStringLiteral("detail"), l.detail},
            {QStringLiteral("usd"), double(toCents(l.usd)) / 100.0},
            {QStringLiteral("usdExact"), l.usd},
        });
    }
    const QJsonObject root{
        {QStringLiteral("design"), designName},
        {QStringLiteral("region"), r.region},
        {QStringLiteral("currency"), r.currency},
        {QStringLiteral("priceDate"), r.priceDate},
        {QStringLiteral("catalogue"), r.catalogueOrigin},
        {QStringLiteral("hoursPerMonth"), r.hoursPerMonth},
        {QStringLiteral("freeTier"), r.options.freeTier},
        {QStringLiteral("twelveMonthFreeTier"), r.options.twelveMonthFreeTier},
        {QStringLiteral("lines"), lines},
        {QStringLiteral("total"), double(r.totalCents()) / 100.0},
        {QStringLiteral("totalExact"), r.totalUsd},
        {QStringLiteral("assumptions"), QJsonArray::fromStringList(r.assumptions)},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(r.warnings)},
    };
    out << QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
}

} // namespace

// swb cost FILE [--no-free-tier] [--new-account] [--format table|csv|json] [--pricing FILE]:
// the monthly bill of a design from its steady-state rates (model/costmodel.h), one row per block
// and billing dimension, then the total. Exit: 0 ok, 2 bad arguments, 3 unreadable design or
// price list.
int runCost(const QStringList &args, Io &io)
{
    ParsedArgs parsed;
    const QString problem =
        parseArgs(args, {QStringLiteral("--no-free-tier"), QStringLiteral("--new-account")},
                  {QStringLiteral("--format"), QStringLiteral("--pricing")}, &parsed);
    if (!problem.isEmpty())
        return usageError(io, "cost", problem);
    if (parsed.positional.size() != 1)
        return usageError(io, "cost",
                          parsed.positional.isEmpty()
                              ? QStringLiteral("missing FILE")
                              : QStringLiteral("expected one FILE, got %1 arguments")
                                    .arg(parsed.positional.size()));
    const QString format =
        parsed.options.value(QStringLiteral("--format"), QStringLiteral("table"));
    if (format != QLatin1String("table") && format != QLatin1String("csv")
        && format != QLatin1String("json"))
        return usageError(
            io, "cost",
            QStringLiteral("unknown format '%1' (allowed: table, csv, json)").arg(format));
    if (parsed.has(QStringLiteral("--no-free-tier")) && parsed.has(QStringLiteral("--new-account")))
        return usageError(io, "cost",
                          QStringLiteral("--new-account adds the 12-month free tier and cannot "
                                         "be combined with --no-free-tier"));

    std::optional<PricingCatalogue> custom;
    if (parsed.options.contains(QStringLiteral("--pricing"))) {
        QString error;
        custom = PricingCatalogue::load(parsed.options.value(QStringLiteral("--pricing")), &error);
        if (!custom) {
            io.err << "swb cost: " << error << "\n";
            return ExitFile;
        }
    }
    const PricingCatalogue &catalogue = custom ? *custom : PricingCatalogue::builtIn();

    Design design;
    if (!loadDesign(io, "cost", parsed.positional.first(), &design))
        return ExitFile;
    // The project's free-tier setting unless the command line says otherwise.
    CostOptions options = costOptionsFor(design);
    if (parsed.has(QStringLiteral("--no-free-tier")))
        options.freeTier = false;
    if (parsed.has(QStringLiteral("--new-account")))
        options.freeTier = options.twelveMonthFreeTier = true;
    const CostReport report = estimateMonthlyCost(design, catalogue, options);
    if (format == QLatin1String("csv"))
        printCsv(report, io.out);
    else if (format == QLatin1String("json"))
        printJson(design.name, report, io.out);
    else
        printTable(design.name, report, io.out);
    io.out.flush();
    for (const QString &w : report.warnings)
        io.err << "swb cost: warning: " << w << "\n";
    return ExitOk;
}

} // namespace swb::cli
