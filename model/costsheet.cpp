#include "costsheet.h"

#include "model/costsheetxlsx.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QSaveFile>
#include <QTemporaryFile>

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
