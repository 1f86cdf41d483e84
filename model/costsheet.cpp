#include "costsheet.h"

#include "model/atomicfile.h"
#include "model/costsheetxlsx.h"
#include "model/texttable.h"

#include <QFile>
#include <QLocale>

namespace swb {

namespace {

QString quantityText(double v)
{
    return QString::number(cleanQuantity(v), 'f', QLocale::FloatingPointShortest);
}

} // namespace

double cleanQuantity(double quantity)
{
    if (!std::isfinite(quantity) || quantity == 0)
        return quantity;
    return QString::number(quantity, 'g', 12).toDouble();
}

QByteArray costCsv(const CostReport &report)
{
    TextTable table;
    table.header = {QStringLiteral("component"), QStringLiteral("service"),
                    QStringLiteral("dimension"), QStringLiteral("quantity"),
                    QStringLiteral("unit"),      QStringLiteral("free_quantity"),
                    QStringLiteral("price"),     QStringLiteral("usd")};
    for (const CostLine &l : report.lines)
        table.rows.append({l.componentName, l.service, l.dimension, quantityText(l.quantity),
                           l.unit, quantityText(l.freeQuantity), l.priceText,
                           formatCents(toCents(l.usd))});
    table.rows.append(
        {QStringLiteral("TOTAL"), {}, {}, {}, {}, {}, {}, formatCents(report.totalCents())});
    return table.toCsv().toUtf8();
}

bool writeCostCsv(const CostReport &report, const QString &path, QString *error, bool force)
{
    return writeFileAtomically(path, costCsv(report), OutputKind::Csv, force, error);
}

bool writeCostXlsx(const CostReport &report, const PricingCatalogue &catalogue,
                   const QString &designName, const QString &path, QString *error, bool force)
{
    // libxlsxwriter writes to a path: it writes the temporary file beside the target, which
    // AtomicFile then renames over it, so a failure leaves an existing file untouched.
    AtomicFile file(path, OutputKind::Xlsx, force);
    if (!file.open()) {
        if (error)
            *error = file.error();
        return false;
    }
    const QByteArray tempPath = QFile::encodeName(file.tempPath());
    lxw_workbook *wb = workbook_new(tempPath.constData());
    if (!wb) {
        if (error)
            *error = QStringLiteral("Cannot save '%1': cannot start the workbook").arg(path);
        return false;
    }
    // fillCostWorkbook closes the workbook, which writes the file; a full disk fails there.
    const lxw_error result = fillCostWorkbook(wb, report, catalogue, designName);
    if (result != LXW_NO_ERROR) {
        if (error)
            *error = QStringLiteral("Cannot save '%1': %2")
                         .arg(path, QString::fromUtf8(lxw_strerror(result)));
        return false; // the temporary file is removed with `file`
    }
    if (!file.commit()) {
        if (error)
            *error = file.error();
        return false;
    }
    return true;
}

} // namespace swb
