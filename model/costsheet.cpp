#include "costsheet.h"

#include "model/costsheetxlsx.h"
#include "model/texttable.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QSaveFile>
#include <QTemporaryFile>

#include <cmath>
#include <cstdio>

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
    const lxw_error result = fillCostWorkbook(wb, report, catalogue, designName);
    if (result != LXW_NO_ERROR) {
        if (error)
            *error = QString::fromUtf8(lxw_strerror(result));
        return false; // temp removes itself
    }
    // QTemporaryFile creates the file rw------- (it is private while being written); the sheet
    // gets the permissions of the file it replaces, or rw-r--r-- like the other exports.
    temp.setPermissions(target.exists() ? QFile::permissions(path)
                                        : QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                              | QFileDevice::ReadUser | QFileDevice::WriteUser
                                              | QFileDevice::ReadGroup | QFileDevice::ReadOther);
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
