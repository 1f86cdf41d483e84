// Cost sheets (issue 6) read back with independent readers: the CSV split by hand, the XLSX
// unzipped with the `unzip` tool and its sheet XML parsed with QXmlStreamReader.

#include "model/costsheet.h"
#include "model/patterns.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace swb;

namespace {

// Free tier off so every pattern has billed rows (with it on, small patterns cost nothing).
CostReport reportFor(const QString &patternId)
{
    const std::optional<Design> design = makePattern(patternId);
    if (!design)
        qFatal("unknown pattern %s", qPrintable(patternId));
    CostOptions options;
    options.freeTier = false;
    return estimateMonthlyCost(*design, PricingCatalogue::builtIn(), options);
}

struct XlsxCell {
    QString ref;
    QString formula;
    QString value;
};

// Cells of one worksheet, by reference ("J2"), straight from the unzipped XML.
QHash<QString, XlsxCell> readSheet(const QString &xlsx, const QString &member)
{
    QProcess unzip;
    unzip.start(QStringLiteral("unzip"), {QStringLiteral("-p"), xlsx, member});
    if (!unzip.waitForFinished(30000) || unzip.exitCode() != 0)
        qFatal("unzip failed: %s", unzip.readAllStandardError().constData());
    QHash<QString, XlsxCell> cells;
    QXmlStreamReader xml(unzip.readAllStandardOutput());
    XlsxCell current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("c")) {
            current = XlsxCell{xml.attributes().value(QLatin1String("r")).toString(), {}, {}};
        } else if (xml.isStartElement() && xml.name() == QLatin1String("f")) {
            current.formula = xml.readElementText();
        } else if (xml.isStartElement() && xml.name() == QLatin1String("v")) {
            current.value = xml.readElementText();
        } else if (xml.isEndElement() && xml.name() == QLatin1String("c")) {
            cells.insert(current.ref, current);
        }
    }
    if (xml.hasError())
        qFatal("sheet XML does not parse: %s", qPrintable(xml.errorString()));
    return cells;
}

} // namespace

class TestCostSheet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvRowsSumToTotal_data()
    {
        QTest::addColumn<QString>("pattern");
        for (const QString &id : patternIds())
            QTest::newRow(qPrintable(id)) << id;
    }

    void csvRowsSumToTotal()
    {
        QFETCH(QString, pattern);
        const CostReport report = reportFor(pattern);
        QVERIFY(!report.lines.isEmpty());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cost.csv"));
        QString error;
        QVERIFY2(writeCostCsv(report, path, &error), qPrintable(error));

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = file.readAll().trimmed().split('\n');
        QCOMPARE(rows.size(), report.lines.size() + 2); // header + lines + total
        qint64 sumCents = 0;
        for (qsizetype i = 1; i + 1 < rows.size(); ++i)
            sumCents += qRound64(rows.at(i).split(',').last().toDouble() * 100);
        const QByteArray totalRow = rows.last();
        QVERIFY(totalRow.startsWith("TOTAL,"));
        const qint64 totalCents = qRound64(totalRow.split(',').last().toDouble() * 100);
        QCOMPARE(sumCents, totalCents);
        // And the total is the cost model's, not merely self-consistent: within a cent per row.
        QVERIFY(std::abs(totalCents / 100.0 - report.totalUsd) <= 0.01 * report.lines.size());
        QVERIFY(totalCents > 0);
    }

    void xlsxFormulasCarryTheModelsFigures_data() { csvRowsSumToTotal_data(); }

    void xlsxFormulasCarryTheModelsFigures()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("unzip")).isEmpty())
            QSKIP("the 'unzip' tool is not installed (packaging/setup.sh installs it)");
        QFETCH(QString, pattern);
        const CostReport report = reportFor(pattern);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cost.xlsx"));
        QString error;
        QVERIFY2(writeCostXlsx(report, PricingCatalogue::builtIn(), pattern, path, &error),
                 qPrintable(error));

        const QHash<QString, XlsxCell> detail =
            readSheet(path, QStringLiteral("xl/worksheets/sheet2.xml"));
        for (qsizetype i = 0; i < report.lines.size(); ++i) {
            const QString row = QString::number(i + 2);
            const XlsxCell total = detail.value(QLatin1Char('J') + row);
            QVERIFY2(!total.formula.isEmpty(), qPrintable(QLatin1Char('J') + row));
            const double cached = total.value.toDouble();
            const double expected = report.lines.at(i).usd;
            QVERIFY2(qAbs(cached - expected) <= 1e-9 * std::max(1.0, qAbs(expected)),
                     qPrintable(QStringLiteral("%1: %2 vs %3").arg(row).arg(cached).arg(expected)));
            // Evaluate the formula's arithmetic from the quantity/free/per/price cells, as a
            // spreadsheet would: a reader changing those cells sees totals follow.
            QCOMPARE(total.formula, QStringLiteral("MAX(0,D%1-F%1)/G%1*H%1").arg(row));
            const double q = detail.value(QLatin1Char('D') + row).value.toDouble();
            const double f = detail.value(QLatin1Char('F') + row).value.toDouble();
            const double per = detail.value(QLatin1Char('G') + row).value.toDouble();
            const double price = detail.value(QLatin1Char('H') + row).value.toDouble();
            QVERIFY(qAbs(std::max(0.0, q - f) / per * price - expected)
                    <= 1e-6 * std::max(1.0, qAbs(expected)));
        }
        const QString totalRow = QString::number(report.lines.size() + 2);
        const XlsxCell grand = detail.value(QLatin1Char('J') + totalRow);
        QCOMPARE(grand.formula, QStringLiteral("SUM(J2:J%1)").arg(report.lines.size() + 1));
        QVERIFY(qAbs(grand.value.toDouble() - report.totalUsd) <= 1e-9 * report.totalUsd);

        // The summary sheet ends with a SUM formula caching the same grand total.
        const QHash<QString, XlsxCell> summary =
            readSheet(path, QStringLiteral("xl/worksheets/sheet1.xml"));
        bool found = false;
        for (const XlsxCell &c : summary) {
            if (c.formula.startsWith(QLatin1String("SUM("))) {
                found = true;
                QVERIFY(qAbs(c.value.toDouble() - report.totalUsd) <= 1e-9 * report.totalUsd);
            }
        }
        QVERIFY(found);
    }

    void failedExportLeavesExistingFile()
    {
        const CostReport report = reportFor(patternIds().first());
        QTemporaryDir dir;
        const QString missingDir = dir.filePath(QStringLiteral("no/such/folder/cost.xlsx"));
        QString error;
        QVERIFY(!writeCostXlsx(report, PricingCatalogue::builtIn(), QStringLiteral("x"), missingDir,
                               &error));
        QVERIFY2(error.contains(QLatin1String("no/such/folder")), qPrintable(error));
        QVERIFY(!writeCostCsv(report, dir.filePath(QStringLiteral("no/such/cost.csv")), &error));
        QVERIFY(!error.isEmpty());

        // A read-only folder: the existing file keeps its bytes and no temp file is left.
        const QString existing = dir.filePath(QStringLiteral("cost.xlsx"));
        {
            QFile f(existing);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("previous");
        }
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        const bool wrote = writeCostXlsx(report, PricingCatalogue::builtIn(), QStringLiteral("x"),
                                         existing, &error);
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                              | QFileDevice::ExeOwner);
        if (wrote)
            QSKIP("running as a user who can write to a read-only folder (root)");
        QFile f(existing);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("previous"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCostSheet)
#include "costsheet.moc"
