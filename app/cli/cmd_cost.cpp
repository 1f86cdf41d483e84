#include "cliutil.h"
#include "commands.h"
#include "output.h"

#include "model/costmodel.h"
#include "model/costsheet.h"
#include "model/pricing.h"
#include "model/texttable.h"

#include <QJsonArray>
#include <QLocale>

#include <cmath>

namespace swb::cli {

namespace {

const QString kCommand = QStringLiteral("cost");

QString freeTierText(const CostOptions &o)
{
    if (!o.freeTier)
        return QStringLiteral("free tier off");
    return o.twelveMonthFreeTier ? QStringLiteral("free tier on (always-free and 12-month)")
                                 : QStringLiteral("free tier on (always-free)");
}

QString quantityText(double q)
{
    return QLocale(QLocale::English).toString(q, 'f', q >= 1000 || q == std::floor(q) ? 0 : 2);
}

// The rows of the bill with their dollars rounded to cents and a TOTAL row: the sum of the
// printed rows (CostReport::totalCents), the rule every cost output states.
TextTable costTable(const CostReport &r)
{
    using A = TextTable::Align;
    TextTable t;
    t.header = {QStringLiteral("COMPONENT"), QStringLiteral("SERVICE"),
                QStringLiteral("DIMENSION"), QStringLiteral("QUANTITY/MONTH"),
                QStringLiteral("UNIT"),      QStringLiteral("FREE"),
                QStringLiteral("PRICE"),     QStringLiteral("USD")};
    t.align = {A::Left, A::Left, A::Left, A::Right, A::Left, A::Right, A::Left, A::Right};
    for (const CostLine &l : r.lines)
        t.rows.append({l.componentName, l.service, l.dimension, quantityText(l.quantity), l.unit,
                       quantityText(l.freeQuantity), l.appliedPrice, formatCents(toCents(l.usd))});
    t.rows.append({QStringLiteral("TOTAL"), {}, {}, {}, {}, {}, {}, formatCents(r.totalCents())});
    return t;
}

QString heading(const QString &designName, const CostReport &r)
{
    return QStringLiteral("Monthly cost of '%1': %2, %3, prices of %4, %5 h/month, %6")
        .arg(designName, r.region, r.currency, r.priceDate)
        .arg(r.hoursPerMonth)
        .arg(freeTierText(r.options));
}

void printText(const QString &designName, const CostReport &r, bool markdown, QTextStream &out)
{
    const TextTable table = costTable(r);
    if (markdown) {
        out << "### " << markdownText(heading(designName, r)) << "\n\n" << table.toMarkdown();
    } else {
        out << heading(designName, r) << "\n\n" << table.toText();
    }
    if (!r.assumptions.isEmpty()) {
        out << "\nAssumptions:\n";
        for (const QString &a : r.assumptions)
            out << "  - " << (markdown ? markdownText(a) : a) << "\n";
    }
    out << "\n" << kCostRoundingRule << "\n";
}

QJsonObject costJson(const QString &designName, const CostReport &r)
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
            {QStringLiteral("quantity"), cleanQuantity(l.quantity)},
            {QStringLiteral("freeQuantity"), cleanQuantity(l.freeQuantity)},
            {QStringLiteral("unit"), l.unit},
            {QStringLiteral("price"), l.priceText},
            {QStringLiteral("appliedPrice"), l.appliedPrice},
            {QStringLiteral("breakdown"), l.breakdown},
            {QStringLiteral("detail"), l.detail},
            {QStringLiteral("usd"), double(toCents(l.usd)) / 100.0},
            {QStringLiteral("usdExact"), l.usd},
        });
    }
    QJsonObject root = jsonHeader(QStringLiteral("swb-cost"));
    const QJsonObject fields{
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
        {QStringLiteral("rounding"), kCostRoundingRule},
        {QStringLiteral("assumptions"), QJsonArray::fromStringList(r.assumptions)},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(r.warnings)},
    };
    for (auto it = fields.begin(); it != fields.end(); ++it)
        root.insert(it.key(), it.value());
    return root;
}

int run(const Args &args, Io &io)
{
    if (args.positional.size() != 1)
        return usageError(io, kCommand,
                          args.positional.isEmpty()
                              ? QStringLiteral("missing FILE")
                              : QStringLiteral("expected one FILE, got %1 arguments")
                                    .arg(args.positional.size()));
    std::optional<PricingCatalogue> custom;
    if (const int code = readCostArgs(io, kCommand, args, &custom))
        return code;
    Design design;
    if (!loadDesign(io, kCommand, args.positional.first(), &design, allowedDirs(args)))
        return ExitFile;
    const CostReport report = estimateMonthlyCost(
        design, custom ? *custom : PricingCatalogue::builtIn(), costOptionsFromArgs(args, design));
    const QString format = args.value(QStringLiteral("format"), QStringLiteral("table"));
    if (format == QLatin1String("csv"))
        io.out << QString::fromUtf8(costCsv(report));
    else if (format == QLatin1String("json"))
        printJson(io, costJson(design.name, report));
    else
        printText(design.name, report, format == QLatin1String("markdown"), io.out);
    io.out.flush();
    for (const QString &w : report.warnings)
        io.err << "swb cost: warning: " << w << "\n";
    return ExitOk;
}

} // namespace

QList<OptionSpec> costOptions()
{
    OptionSpec noFree;
    noFree.names = {QStringLiteral("no-free-tier")};
    noFree.description = QStringLiteral("Price without any free tier (the project's setting "
                                        "otherwise).");
    OptionSpec newAccount;
    newAccount.names = {QStringLiteral("new-account")};
    newAccount.description = QStringLiteral("Add the 12-month free tier of a new AWS account "
                                            "(API Gateway) to the always-free allowances.");
    OptionSpec pricing;
    pricing.names = {QStringLiteral("pricing")};
    pricing.valueName = QStringLiteral("JSON");
    pricing.description = QStringLiteral("A pricing catalogue to use instead of the built-in "
                                         "one (same layout as resources/pricing).");
    pricing.hint = ValueHint::File;
    return {noFree, newAccount, pricing};
}

int readCostArgs(Io &io, const QString &command, const Args &args,
                 std::optional<PricingCatalogue> *custom)
{
    if (args.isSet(QStringLiteral("no-free-tier")) && args.isSet(QStringLiteral("new-account")))
        return usageError(io, command,
                          QStringLiteral("--new-account adds the 12-month free tier and cannot "
                                         "be combined with --no-free-tier"));
    if (args.isSet(QStringLiteral("pricing"))) {
        QString error;
        *custom = PricingCatalogue::load(args.value(QStringLiteral("pricing")), &error);
        if (!*custom) {
            io.err << "swb " << command << ": " << error << "\n";
            return ExitFile;
        }
    }
    return ExitOk;
}

CostOptions costOptionsFromArgs(const Args &args, const Design &design)
{
    CostOptions options = costOptionsFor(design);
    if (args.isSet(QStringLiteral("no-free-tier")))
        options.freeTier = false;
    if (args.isSet(QStringLiteral("new-account")))
        options.freeTier = options.twelveMonthFreeTier = true;
    return options;
}

CommandSpec costCommand()
{
    CommandSpec c;
    c.name = kCommand;
    c.usage = QStringLiteral("[OPTIONS] FILE");
    c.summary = QStringLiteral("Monthly cost per component and billing dimension.");
    c.description =
        QStringLiteral(
            "The monthly bill of a design from its steady-state rates (traffic sources, flow "
            "rules), "
            "priced with the dated pricing catalogue for a 730-hour month: one row per block and "
            "billing dimension, then the total. Free tiers and price tiers apply per account, as "
            "AWS applies them.\n\n")
        + kCostRoundingRule;
    c.arguments = {designArgument()};
    c.options = {formatOption({QStringLiteral("table"), QStringLiteral("json"),
                               QStringLiteral("csv"), QStringLiteral("markdown")},
                              QStringLiteral("the bill"))};
    c.options += costOptions();
    c.options += allowDirOption();
    c.examples = {QStringLiteral("swb cost design.swb"),
                  QStringLiteral("swb cost design.swb --new-account -f json"),
                  QStringLiteral("swb cost design.swb --pricing my-prices.json --format csv")};
    c.exitStatus = QStringLiteral("0 ok, 2 bad arguments, 3 the design or the price list could "
                                  "not be read.");
    c.run = &run;
    return c;
}

} // namespace swb::cli
