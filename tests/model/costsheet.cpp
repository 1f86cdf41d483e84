// Cost sheets read back with independent readers: the CSV split by hand, the XLSX
// unzipped with the `unzip` tool and its sheet XML parsed with QXmlStreamReader.

#include "model/costsheet.h"
#include "model/patterns.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include "../exporttestutil.h"
#include "xlsxformula.h"

using namespace swb;
using namespace swb::test;

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

// Column letter + one-based row.
QString ref(char col, int row)
{
    return QLatin1Char(col) + QString::number(row);
}

double num(const QHash<QString, XlsxCell> &sheet, char col, int row)
{
    return sheet.value(ref(col, row)).value.toDouble();
}

// Two Lambda functions sharing the account's GB-s: together they cross the first duration tier
// (6,000 M GB-s: 5,000 M + 2,500 M here) and share the 400,000 GB-s free allowance, so a row's
// dollars depend on the other row - the account-wide pooling the workbook must reproduce.
QList<UsageQuantity> pooledUsage(const Design &design)
{
    QList<UsageQuantity> usage;
    double gbs = 5e9;
    for (const Component &c : design.components) {
        if (c.kind != ComponentKind::Lambda)
            continue;
        usage.append({c.id, QStringLiteral("lambda"), QStringLiteral("duration-x86_64"), gbs, {}});
        usage.append({c.id, QStringLiteral("lambda"), QStringLiteral("requests"), gbs / 1000, {}});
        gbs /= 2;
    }
    return usage;
}

CostReport pooledReport(const Design &design, bool freeTier)
{
    CostOptions options;
    options.freeTier = freeTier;
    return priceUsage(design, PricingCatalogue::builtIn(), pooledUsage(design), options);
}

// Recomputes every Detail row's dollars from the workbook's input cells alone (quantities,
// allowances, pools, tier bounds and prices), the way the formulas say, and compares with the
// cost model's rows. Returns "" or the first difference.
QString recomputeFromCells(const QString &xlsx, const CostReport &report)
{
    const auto detail = readXlsxSheet(xlsx, 2);
    const auto dims = readXlsxSheet(xlsx, 3);
    const auto tiers = readXlsxSheet(xlsx, 4);
    QHash<QString, double> quantity;
    for (int row = 2; row < report.lines.size() + 2; ++row)
        quantity[detail.value(ref('K', row)).value] += num(detail, 'D', row);
    QHash<QString, double> pool;
    for (int row = 2; dims.contains(ref('A', row)); ++row)
        pool[dims.value(ref('H', row)).value] += quantity.value(dims.value(ref('A', row)).value);
    QHash<QString, double> dollars;
    for (int row = 2; dims.contains(ref('A', row)); ++row) {
        const QString key = dims.value(ref('A', row)).value;
        const double q = quantity.value(key);
        const double p = pool.value(dims.value(ref('H', row)).value);
        const double free = p > 0 ? std::min(num(dims, 'G', row), p) * q / p : 0;
        const double per = num(dims, 'E', row);
        double usd = 0;
        double from = 0;
        for (int t = 2; tiers.contains(ref('A', t)); ++t) {
            if (tiers.value(ref('A', t)).value != key)
                continue;
            const QString upText = tiers.value(ref('D', t)).value;
            const double upTo = upText.isEmpty() ? q : std::min(q, upText.toDouble());
            usd += std::max(0.0, upTo - std::max(free, from)) / per * num(tiers, 'E', t);
            from = upText.toDouble();
        }
        dollars.insert(key, usd);
    }
    for (int i = 0; i < report.lines.size(); ++i) {
        const int row = i + 2;
        const QString key = detail.value(ref('K', row)).value;
        const double usd = quantity.value(key) > 0
                               ? dollars.value(key) * num(detail, 'D', row) / quantity.value(key)
                               : 0;
        const double expected = report.lines.at(i).usd;
        if (std::abs(usd - expected) > 1e-9 * std::max(1.0, std::abs(expected)))
            return QStringLiteral("row %1 (%2): cells give %3, the cost model %4")
                .arg(row)
                .arg(key)
                .arg(usd, 0, 'g', 15)
                .arg(expected, 0, 'g', 15);
    }
    return {};
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
        if (!haveTool("unzip"))
            QSKIP("the 'unzip' tool is not installed (packaging/setup.sh installs it)");
        QFETCH(QString, pattern);
        const CostReport report = reportFor(pattern);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cost.xlsx"));
        QString error;
        QVERIFY2(writeCostXlsx(report, PricingCatalogue::builtIn(), pattern, path, &error),
                 qPrintable(error));
        QCOMPARE(xlsxSheetNames(path),
                 (QStringList{QStringLiteral("Summary"), QStringLiteral("Detail"),
                              QStringLiteral("Dimensions"), QStringLiteral("Tiers")}));

        const QHash<QString, XlsxCell> detail = readXlsxSheet(path, 2);
        const QHash<QString, XlsxCell> dims = readXlsxSheet(path, 3);
        QVERIFY(!detail.isEmpty() && !dims.isEmpty());
        for (qsizetype i = 0; i < report.lines.size(); ++i) {
            const int row = int(i) + 2;
            const XlsxCell total = detail.value(ref('J', row));
            // The one rounding rule (kCostRoundingRule): the row caches the model's dollars
            // rounded to the cent, and its formula rounds too.
            const qint64 expected = toCents(report.lines.at(i).usd);
            QVERIFY2(
                cents(total.value) == expected,
                qPrintable(
                    QStringLiteral("%1: %2 vs %3 cents").arg(row).arg(total.value).arg(expected)));
            QVERIFY2(total.formula.startsWith(QLatin1String("ROUND(")), qPrintable(total.formula));
            // The line total is the dimension's dollars times the row's share of its quantity:
            // it references its own quantity cell and the dimension's total and dollars.
            QVERIFY2(total.formula.contains(ref('D', row)), qPrintable(total.formula));
            QVERIFY2(total.formula.contains(QLatin1String("Dimensions!K")),
                     qPrintable(total.formula));
            QVERIFY2(total.formula.contains(QLatin1String("Dimensions!F")),
                     qPrintable(total.formula));
            QCOMPARE(detail.value(ref('D', row)).formula, QString()); // an input cell
        }
        QVERIFY2(recomputeFromCells(path, report).isEmpty(),
                 qPrintable(recomputeFromCells(path, report)));
        const int totalRow = int(report.lines.size()) + 2;
        const XlsxCell grand = detail.value(ref('J', totalRow));
        QCOMPARE(grand.formula, QStringLiteral("SUM(J2:J%1)").arg(totalRow - 1));
        QCOMPARE(cents(grand.value), report.totalCents());

        // The summary sheet: one SUM per component of its rounded rows (each caching that
        // component's cents), then a TOTAL summing them, caching the same grand total.
        const QHash<QString, XlsxCell> summary = readXlsxSheet(path, 1);
        QHash<QString, qint64> componentCents;
        for (const CostLine &l : report.lines)
            componentCents[l.componentName] += toCents(l.usd);
        int row = 1;
        while (row < 100 && !componentCents.contains(summary.value(ref('A', row)).value))
            ++row;
        for (; componentCents.contains(summary.value(ref('A', row)).value); ++row) {
            const XlsxCell subtotal = summary.value(ref('B', row));
            QVERIFY2(subtotal.formula.startsWith(QLatin1String("SUM(Detail!")),
                     qPrintable(subtotal.formula));
            QCOMPARE(cents(subtotal.value),
                     componentCents.take(summary.value(ref('A', row)).value));
        }
        QVERIFY(componentCents.isEmpty()); // every component has its subtotal row
        QCOMPARE(summary.value(ref('A', row)).value, QStringLiteral("TOTAL"));
        QVERIFY(summary.value(ref('B', row)).formula.startsWith(QLatin1String("SUM(")));
        QCOMPARE(cents(summary.value(ref('B', row)).value), report.totalCents());
        // The sheet states the rule its totals follow.
        bool statesRule = false;
        for (const XlsxCell &c : summary)
            statesRule = statesRule || c.value == kCostRoundingRule;
        QVERIFY(statesRule);
    }

    // Tiers as cells: a tiered dimension has one Tiers row per price step with its bound and price
    // as plain numbers, the step's dollars are a formula over that price cell, the dimension's
    // dollars sum those rows, and the account-wide free allowance and tier crossing are reproduced.
    void xlsxTiersAreCellsTheTotalsReference_data()
    {
        QTest::addColumn<bool>("freeTier");
        QTest::newRow("free tier on") << true;
        QTest::newRow("free tier off") << false;
    }

    void xlsxTiersAreCellsTheTotalsReference()
    {
        if (!haveTool("unzip"))
            QSKIP("the 'unzip' tool is not installed (packaging/setup.sh installs it)");
        QFETCH(bool, freeTier);
        const std::optional<Design> design = makePattern(QStringLiteral("sns-fanout"));
        QVERIFY(design);
        const CostReport report = pooledReport(*design, freeTier);
        QVERIFY(report.lines.size() >= 4);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tiers.xlsx"));
        QString error;
        QVERIFY2(
            writeCostXlsx(report, PricingCatalogue::builtIn(), QStringLiteral("t"), path, &error),
            qPrintable(error));
        QVERIFY2(recomputeFromCells(path, report).isEmpty(),
                 qPrintable(recomputeFromCells(path, report)));

        const PriceDimension *gbs = PricingCatalogue::builtIn().dimension(
            QStringLiteral("lambda"), QStringLiteral("duration-x86_64"));
        QVERIFY(gbs && gbs->tiers.size() >= 2);
        const auto tiers = readXlsxSheet(path, 4);
        const auto dims = readXlsxSheet(path, 3);
        QList<int> rows;
        for (int t = 2; tiers.contains(ref('A', t)); ++t) {
            if (tiers.value(ref('A', t)).value == QLatin1String("lambda/duration-x86_64"))
                rows.append(t);
        }
        QCOMPARE(rows.size(), gbs->tiers.size());
        double billedInSecond = 0;
        for (int k = 0; k < rows.size(); ++k) {
            const int t = rows.at(k);
            QCOMPARE(tiers.value(ref('E', t)).formula, QString());
            QCOMPARE(num(tiers, 'E', t), gbs->tiers.at(k).price);
            if (std::isfinite(gbs->tiers.at(k).upTo))
                QCOMPARE(num(tiers, 'D', t), gbs->tiers.at(k).upTo);
            QVERIFY2(tiers.value(ref('G', t)).formula.contains(ref('E', t)),
                     qPrintable(tiers.value(ref('G', t)).formula));
            QVERIFY2(tiers.value(ref('F', t)).formula.contains(ref('D', t)),
                     qPrintable(tiers.value(ref('F', t)).formula));
            if (k == 1)
                billedInSecond = num(tiers, 'F', t);
        }
        QVERIFY(billedInSecond > 0); // the account total crossed into the second step
        int dimRow = 2;
        while (dims.value(ref('A', dimRow)).value != QLatin1String("lambda/duration-x86_64"))
            ++dimRow;
        QCOMPARE(dims.value(ref('K', dimRow)).formula,
                 QStringLiteral("SUM(Tiers!G%1:G%2)").arg(rows.first()).arg(rows.last()));
        QCOMPARE(num(dims, 'G', dimRow), freeTier ? gbs->freeTier.quantity : 0.0);
    }

    // The formulas themselves, evaluated from the XML as a spreadsheet program would, give the
    // cost model's dollars; after a reader doubles a tier price and changes a quantity, they give
    // what the cost model gives for the edited catalogue and usage.
    void xlsxTotalsFollowEditedInputs()
    {
        if (!haveTool("unzip"))
            QSKIP("the 'unzip' tool is not installed (packaging/setup.sh installs it)");
        const std::optional<Design> design = makePattern(QStringLiteral("sns-fanout"));
        QVERIFY(design);
        const CostReport report = pooledReport(*design, true);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("edit.xlsx"));
        QString error;
        QVERIFY2(
            writeCostXlsx(report, PricingCatalogue::builtIn(), QStringLiteral("e"), path, &error),
            qPrintable(error));
        XlsxEvaluator ev({{QStringLiteral("Summary"), readXlsxSheet(path, 1)},
                          {QStringLiteral("Detail"), readXlsxSheet(path, 2)},
                          {QStringLiteral("Dimensions"), readXlsxSheet(path, 3)},
                          {QStringLiteral("Tiers"), readXlsxSheet(path, 4)}});
        const QString detail = QStringLiteral("Detail");
        const int totalRow = int(report.lines.size()) + 2;
        // Evaluated, each row is the model's row rounded to the cent and the total their sum.
        for (int i = 0; i < report.lines.size(); ++i)
            QCOMPARE(cents(ev.number(detail, ref('J', i + 2))), toCents(report.lines.at(i).usd));
        QCOMPARE(cents(ev.number(detail, ref('J', totalRow))), report.totalCents());

        // The reader's edits: the second GB-s tier price doubled, the first function's GB-s x1.5.
        PricingCatalogue edited = PricingCatalogue::builtIn();
        PriceDimension *gbs = nullptr;
        for (PriceDimension &d : edited.dimensions) {
            if (d.service == QLatin1String("lambda") && d.id == QLatin1String("duration-x86_64"))
                gbs = &d;
        }
        QVERIFY(gbs && gbs->tiers.size() >= 2);
        gbs->tiers[1].price *= 2;
        const auto tiers = readXlsxSheet(path, 4);
        int tierRow = 2;
        while (tiers.value(ref('A', tierRow)).value != QLatin1String("lambda/duration-x86_64")
               || num(tiers, 'B', tierRow) != 2)
            ++tierRow;
        ev.setInput(QStringLiteral("Tiers"), ref('E', tierRow), gbs->tiers[1].price);
        QList<UsageQuantity> usage = pooledUsage(*design);
        usage[0].quantity *= 1.5;
        ev.setInput(detail, ref('D', 2), usage[0].quantity);
        QCOMPARE(report.lines.first().dimensionId, usage[0].dimension); // row 2 is that usage

        CostOptions options;
        const CostReport expected = priceUsage(*design, edited, usage, options);
        QVERIFY(expected.totalUsd > report.totalUsd);
        for (int i = 0; i < expected.lines.size(); ++i)
            QVERIFY2(cents(ev.number(detail, ref('J', i + 2))) == toCents(expected.lines.at(i).usd),
                     qPrintable(QString::number(i)));
        QCOMPARE(cents(ev.number(detail, ref('J', totalRow))), expected.totalCents());
        const auto summary = readXlsxSheet(path, 1);
        int summaryRow = 1;
        while (summaryRow < 100
               && summary.value(ref('A', summaryRow)).value != QLatin1String("TOTAL"))
            ++summaryRow;
        QCOMPARE(cents(ev.number(QStringLiteral("Summary"), ref('B', summaryRow))),
                 expected.totalCents());
    }

    // The workbook is written to a private temporary file and renamed: it must end up readable
    // like the other exports (rw-r--r--), or keep the permissions of the file it replaces.
    void xlsxPermissionsMatchTheOtherExports()
    {
        QTemporaryDir dir;
        const CostReport report = reportFor(QStringLiteral("sqs-lambda"));
        const QString path = dir.filePath(QStringLiteral("cost.xlsx"));
        QString error;
        QVERIFY2(
            writeCostXlsx(report, PricingCatalogue::builtIn(), QStringLiteral("p"), path, &error),
            qPrintable(error));
        const QFileDevice::Permissions readable = QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                  | QFileDevice::ReadGroup | QFileDevice::ReadOther;
        QCOMPARE(QFile::permissions(path)
                     & (readable | QFileDevice::WriteGroup | QFileDevice::WriteOther),
                 readable);
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                        | QFileDevice::ReadUser | QFileDevice::WriteUser);
        QVERIFY(
            writeCostXlsx(report, PricingCatalogue::builtIn(), QStringLiteral("p"), path, &error));
        QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
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
