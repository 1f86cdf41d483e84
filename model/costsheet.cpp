#include "costsheet.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QSaveFile>
#include <QTemporaryFile>

#include <xlsxwriter.h>

#include <cstdio>

namespace swb {

namespace {

QString exactNumber(double v)
{
    return QString::number(v, 'f', QLocale::FloatingPointShortest);
}

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"'))
        && !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

// A1 reference of a zero-based row and column (columns < 26 suffice here).
QString cell(int row, int col)
{
    return QString(QLatin1Char(char('A' + col))) + QString::number(row + 1);
}

QByteArray utf8(const QString &s)
{
    return s.toUtf8();
}

} // namespace

QByteArray costCsv(const CostReport &report)
{
    QByteArray out = "component,service,dimension,quantity,unit,free_quantity,price,usd\n";
    for (const CostLine &l : report.lines) {
        const QStringList fields = {l.componentName, l.service,
                                    l.dimension,     exactNumber(l.quantity),
                                    l.unit,          exactNumber(l.freeQuantity),
                                    l.priceText,     formatCents(toCents(l.usd))};
        QStringList quoted;
        for (const QString &f : fields)
            quoted.append(csvField(f));
        out += quoted.join(QLatin1Char(',')).toUtf8() + '\n';
    }
    out += "TOTAL,,,,,,," + formatCents(report.totalCents()).toUtf8() + '\n';
    return out;
}

bool writeCostCsv(const CostReport &report, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    const QByteArray out = costCsv(report);
    if (file.write(out) != out.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

namespace {

// Fills the workbook; returns libxlsxwriter's verdict of workbook_close().
lxw_error fillWorkbook(lxw_workbook *wb, const CostReport &r, const PricingCatalogue &catalogue,
                       const QString &designName)
{
    lxw_worksheet *summary = workbook_add_worksheet(wb, "Summary");
    lxw_worksheet *detail = workbook_add_worksheet(wb, "Detail");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format *money = workbook_add_format(wb);
    format_set_num_format(money, "$#,##0.00");
    lxw_format *price = workbook_add_format(wb);
    format_set_num_format(price, "0.00000000##");

    // Detail: A component, B service, C dimension, D quantity, E unit, F free quantity,
    // G per, H unit price (USD per G units), I tiers, J monthly USD (formula).
    const char *headers[] = {"Component", "Service",    "Dimension", "Quantity/month",
                             "Unit",      "Free units", "Price per", "Unit price (USD)",
                             "Tiers",     "Monthly USD"};
    for (int c = 0; c < 10; ++c)
        worksheet_write_string(detail, 0, lxw_col_t(c), headers[c], bold);
    worksheet_set_column(detail, 0, 2, 24, nullptr);
    worksheet_set_column(detail, 3, 7, 15, nullptr);
    worksheet_set_column(detail, 8, 8, 40, nullptr);
    worksheet_set_column(detail, 9, 9, 14, money);
    int row = 1;
    for (const CostLine &l : r.lines) {
        const PriceDimension *dim = catalogue.dimension(l.serviceId, l.dimensionId);
        const double per = dim && dim->per > 0 ? dim->per : 1.0;
        const double billable = std::max(0.0, l.quantity - l.freeQuantity);
        // Tiers are walked account-wide, so the price this row pays is the blend over the tiers
        // its share falls in; with nothing billable it is the first tier's price.
        double unitPrice = billable > 0
                               ? l.usd / billable * per
                               : (dim && !dim->tiers.isEmpty() ? dim->tiers.first().price : 0.0);
        worksheet_write_string(detail, lxw_row_t(row), 0, utf8(l.componentName).constData(),
                               nullptr);
        worksheet_write_string(detail, lxw_row_t(row), 1, utf8(l.service).constData(), nullptr);
        worksheet_write_string(detail, lxw_row_t(row), 2, utf8(l.dimension).constData(), nullptr);
        worksheet_write_number(detail, lxw_row_t(row), 3, l.quantity, nullptr);
        worksheet_write_string(detail, lxw_row_t(row), 4, utf8(l.unit).constData(), nullptr);
        worksheet_write_number(detail, lxw_row_t(row), 5, l.freeQuantity, nullptr);
        worksheet_write_number(detail, lxw_row_t(row), 6, per, nullptr);
        worksheet_write_number(detail, lxw_row_t(row), 7, unitPrice, price);
        const QString tiers = dim ? dim->priceText() : l.priceText;
        worksheet_write_string(detail, lxw_row_t(row), 8,
                               utf8(l.appliedPrice.isEmpty() || l.appliedPrice == tiers
                                        ? tiers
                                        : tiers + QStringLiteral("; applied: ") + l.appliedPrice)
                                   .constData(),
                               nullptr);
        const QString formula = QStringLiteral("=MAX(0,%1-%2)/%3*%4")
                                    .arg(cell(row, 3), cell(row, 5), cell(row, 6), cell(row, 7));
        worksheet_write_formula_num(detail, lxw_row_t(row), 9, utf8(formula).constData(), money,
                                    l.usd);
        ++row;
    }
    const int lastLine = row; // one-based number of the last line row
    worksheet_write_string(detail, lxw_row_t(row), 0, "TOTAL", bold);
    const QString sum =
        r.lines.isEmpty() ? QStringLiteral("=0") : QStringLiteral("=SUM(J2:J%1)").arg(lastLine);
    worksheet_write_formula_num(detail, lxw_row_t(row), 9, utf8(sum).constData(), money,
                                r.totalUsd);

    // Summary: the assumptions, then one SUMIF per component over the detail rows.
    worksheet_set_column(summary, 0, 0, 28, nullptr);
    worksheet_set_column(summary, 1, 1, 60, nullptr);
    int s = 0;
    auto info = [&](const char *key, const QString &value) {
        worksheet_write_string(summary, lxw_row_t(s), 0, key, bold);
        worksheet_write_string(summary, lxw_row_t(s), 1, utf8(value).constData(), nullptr);
        ++s;
    };
    info("Design", designName);
    info("Region", r.region);
    info("Currency", r.currency);
    info("Prices of", r.priceDate);
    info("Hours per month", QString::number(r.hoursPerMonth));
    info("Free tier", !r.options.freeTier ? QStringLiteral("off")
                      : r.options.twelveMonthFreeTier
                          ? QStringLiteral("on (always-free and 12-month)")
                          : QStringLiteral("on (always-free)"));
    for (const QString &a : r.assumptions)
        info("Assumption", a);
    ++s;
    worksheet_write_string(summary, lxw_row_t(s), 0, "Component", bold);
    worksheet_write_string(summary, lxw_row_t(s), 1, "Monthly USD", bold);
    ++s;
    const int firstComponent = s;
    QStringList seen;
    for (const CostLine &l : r.lines) {
        if (seen.contains(l.componentName))
            continue;
        seen.append(l.componentName);
        double subtotal = 0;
        for (const CostLine &m : r.lines) {
            if (m.componentName == l.componentName)
                subtotal += m.usd;
        }
        worksheet_write_string(summary, lxw_row_t(s), 0, utf8(l.componentName).constData(),
                               nullptr);
        const QString f =
            QStringLiteral("=SUMIF(Detail!A2:A%1,%2,Detail!J2:J%1)").arg(lastLine).arg(cell(s, 0));
        worksheet_write_formula_num(summary, lxw_row_t(s), 1, utf8(f).constData(), money, subtotal);
        ++s;
    }
    worksheet_write_string(summary, lxw_row_t(s), 0, "TOTAL", bold);
    const QString total = s == firstComponent
                              ? QStringLiteral("=0")
                              : QStringLiteral("=SUM(B%1:B%2)").arg(firstComponent + 1).arg(s);
    worksheet_write_formula_num(summary, lxw_row_t(s), 1, utf8(total).constData(), money,
                                r.totalUsd);
    return workbook_close(wb);
}

} // namespace

bool writeCostXlsx(const CostReport &report, const PricingCatalogue &catalogue,
                   const QString &designName, const QString &path, QString *error)
{
    const QFileInfo target(path);
    // libxlsxwriter writes to a path: write a temp file beside the target, then rename over it
    // (rename(2) replaces atomically), so a failure leaves an existing file untouched.
    QTemporaryFile temp(
        target.absoluteDir().filePath(QStringLiteral(".%1.XXXXXX.tmp").arg(target.fileName())));
    if (!temp.open()) {
        if (error)
            *error = QStringLiteral("cannot create a file in '%1': %2")
                         .arg(target.absolutePath(), temp.errorString());
        return false;
    }
    const QByteArray tempPath = QFile::encodeName(temp.fileName());
    temp.close();
    lxw_workbook *wb = workbook_new(tempPath.constData());
    if (!wb) {
        if (error)
            *error = QStringLiteral("cannot start the workbook in '%1'").arg(target.absolutePath());
        return false;
    }
    const lxw_error result = fillWorkbook(wb, report, catalogue, designName);
    if (result != LXW_NO_ERROR) {
        if (error)
            *error = QString::fromUtf8(lxw_strerror(result));
        return false; // temp removes itself
    }
    if (std::rename(tempPath.constData(), QFile::encodeName(target.absoluteFilePath()).constData())
        != 0) {
        if (error)
            *error = QStringLiteral("cannot replace '%1'").arg(path);
        return false;
    }
    temp.setAutoRemove(false); // renamed away: nothing left to remove
    return true;
}

} // namespace swb
