// swb export cost through the built binary, every output read back with an independent reader:
// the CSV split by hand, the XLSX unzipped and its sheet XML parsed, the PDF through poppler's
// pdfinfo / pdftotext. Expectations come from the model API (estimateMonthlyCost, runToEnd +
// measuredCostReport, the priceRun figure in the results file) or from `swb cost`, never from
// literals. Refusals exit 2/3 with a message naming the file and leave an existing file untouched.

#include "clitestutil.h"

#include "model/costmodel.h"
#include "model/document.h"
#include "model/patterns.h"
#include "sim/runresults.h"

#include "../exporttestutil.h"
#include "model/pricing.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace swb;
using namespace swb::test;

namespace {

constexpr double kRunSeconds = 300; // short runs: the test stays well under a minute

bool writeAll(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

// The amount of the CSV's TOTAL row and the sum of its rows, in cents.
struct CsvTotals {
    qint64 rowsCents = 0;
    qint64 totalCents = -1;
    int rows = 0;
};

CsvTotals csvTotals(const QByteArray &csv)
{
    CsvTotals t;
    const QList<QByteArray> lines = csv.trimmed().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qint64 c = cents(lines.at(i).split(',').last().toDouble());
        if (lines.at(i).startsWith("TOTAL,")) {
            t.totalCents = c;
        } else {
            t.rowsCents += c;
            ++t.rows;
        }
    }
    return t;
}

QString totalAsSwbCostPrints(const QString &design, bool freeTier)
{
    QStringList args = {QStringLiteral("cost"), design, QStringLiteral("--format"),
                        QStringLiteral("csv")};
    if (!freeTier)
        args.append(QStringLiteral("--no-free-tier"));
    const SwbResult cost = runSwb(args);
    return cost.code == 0
               ? cost.out.trimmed().split(QLatin1Char('\n')).last().section(QLatin1Char(','), -1)
               : QString();
}

} // namespace

class TestExportCost : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_design;  // sqs-lambda pattern
    QString m_other;   // sns-fanout pattern
    QString m_results; // swb simulate m_design --out
    Design m_model;

    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(QStringLiteral(SWB_CLI_PATH)), "build the swb target first");
        m_model = *makePattern(QStringLiteral("sqs-lambda"));
        m_design = path("d.swb");
        m_other = path("other.swb");
        QVERIFY(saveDesignFile(m_design, m_model));
        QVERIFY(saveDesignFile(m_other, *makePattern(QStringLiteral("sns-fanout"))));
        m_results = path("results.json");
        const SwbResult sim =
            runSwb({QStringLiteral("simulate"), m_design, QStringLiteral("--duration"),
                    QStringLiteral("%1s").arg(kRunSeconds), QStringLiteral("--out"), m_results});
        QVERIFY2(sim.code == 0, qPrintable(sim.err));
    }

    void csvTotalMatchesSwbCost()
    {
        const QString out = path("estimate.csv");
        const SwbResult r = runSwb({QStringLiteral("export"), QStringLiteral("cost"), m_design, out,
                                    QStringLiteral("--no-free-tier")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const CsvTotals t = csvTotals(readFileBytes(out));
        QCOMPARE(t.rowsCents, t.totalCents);
        QCOMPARE(formatCents(t.totalCents), totalAsSwbCostPrints(m_design, false));
    }

    // --from-results prices the run's measured usage: the rows sum to the TOTAL row, the total is
    // what the model gives for the same run (same design, duration and seed: runs are
    // bit-identical), and within a cent per row of what priceRun wrote into the results file.
    void fromResultsCsvSumsToThePricedRun_data()
    {
        QTest::addColumn<bool>("freeTier");
        QTest::newRow("design's free tier") << true;
        QTest::newRow("--no-free-tier") << false;
    }

    void fromResultsCsvSumsToThePricedRun()
    {
        QFETCH(bool, freeTier);
        const QString out = path("measured.csv");
        QStringList args = {QStringLiteral("export"),
                            QStringLiteral("cost"),
                            m_design,
                            out,
                            QStringLiteral("--from-results"),
                            m_results};
        if (!freeTier)
            args.append(QStringLiteral("--no-free-tier"));
        const SwbResult r = runSwb(args);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const CsvTotals t = csvTotals(readFileBytes(out));
        QVERIFY(t.rows > 0);
        QCOMPARE(t.rowsCents, t.totalCents);

        RunOptions options;
        options.pricing = &PricingCatalogue::builtIn();
        options.durationSeconds = kRunSeconds;
        const RunResults run = runToEnd(m_model, options);
        QVERIFY(run.ok);
        CostOptions cost = costOptionsFor(m_model);
        cost.freeTier = freeTier && cost.freeTier;
        const CostReport expected =
            measuredCostReport(m_model, run, PricingCatalogue::builtIn(), &cost);
        QCOMPARE(t.totalCents, expected.totalCents());
        QCOMPARE(t.rows, int(expected.lines.size()));
        if (freeTier) {
            const QJsonObject json = QJsonDocument::fromJson(readFileBytes(m_results)).object();
            const double priced = json.value(QStringLiteral("summary"))
                                      .toObject()
                                      .value(QStringLiteral("monthlyCostUsd"))
                                      .toDouble();
            QVERIFY2(std::abs(t.totalCents / 100.0 - priced) <= 0.005 * t.rows + 1e-9,
                     qPrintable(QStringLiteral("%1 vs %2").arg(t.totalCents).arg(priced)));
        }
        // The measured bill differs from the analytic estimate's rows (it is not the estimate).
        QVERIFY(r.out.contains(m_results));
    }

    void fromResultsXlsxCachesTheMeasuredTotals()
    {
        if (!haveTool("unzip"))
            QSKIP("the 'unzip' tool is not installed (packaging/setup.sh installs it)");
        const QString out = path("measured.xlsx");
        const SwbResult r =
            runSwb({QStringLiteral("export"), QStringLiteral("cost"), m_design, out,
                    QStringLiteral("--from-results"), m_results, QStringLiteral("--no-free-tier")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        RunOptions options;
        options.pricing = &PricingCatalogue::builtIn();
        options.durationSeconds = kRunSeconds;
        const RunResults run = runToEnd(m_model, options);
        CostOptions cost;
        cost.freeTier = false;
        const CostReport expected =
            measuredCostReport(m_model, run, PricingCatalogue::builtIn(), &cost);
        const auto detail = readXlsxSheet(out, 2);
        for (qsizetype i = 0; i < expected.lines.size(); ++i) {
            const XlsxCell c = detail.value(QStringLiteral("J%1").arg(i + 2));
            QVERIFY(c.formula.startsWith(QLatin1String("ROUND(")));
            QCOMPARE(cents(c.value), toCents(expected.lines.at(i).usd));
        }
        const XlsxCell total = detail.value(QStringLiteral("J%1").arg(expected.lines.size() + 2));
        QCOMPARE(cents(total.value), expected.totalCents());
        const auto summary = readXlsxSheet(out, 1);
        bool mentionsRun = false;
        for (const XlsxCell &c : summary)
            mentionsRun =
                mentionsRun || c.value.contains(QLatin1String("measured in a simulation"));
        QVERIFY(mentionsRun);
    }

    void pdfEstimateShowsTableAndAssumptions()
    {
        if (!haveTool("pdfinfo") || !haveTool("pdftotext"))
            QSKIP("poppler-utils is not installed (packaging/setup.sh installs it)");
        const QString out = path("estimate.pdf");
        const SwbResult r =
            runSwb({QStringLiteral("export"), QStringLiteral("cost"), m_design, out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(pdfPageCount(out) >= 1);
        const QString text = pdfText(out);
        const CostReport report =
            estimateMonthlyCost(m_model, PricingCatalogue::builtIn(), costOptionsFor(m_model));
        for (const CostLine &l : report.lines)
            QVERIFY2(text.contains(l.componentName), qPrintable(l.componentName));
        const QString total = totalAsSwbCostPrints(m_design, true);
        QVERIFY(!total.isEmpty());
        QVERIFY2(text.contains(QRegularExpression(
                     QStringLiteral("Total.*\\b%1\\b").arg(QRegularExpression::escape(total)))),
                 qPrintable(total));
        QVERIFY(text.contains(report.region));
        QVERIFY(text.contains(report.priceDate));
        QVERIFY(text.contains(QLatin1String("Analytic estimate")));
    }

    // A long bill flows over pages: every row is printed once, the table header repeats on
    // each page the table spans, and every page is numbered "page n of N".
    void pdfLongTableSpansPages()
    {
        if (!haveTool("pdfinfo") || !haveTool("pdftotext"))
            QSKIP("poppler-utils is not installed (packaging/setup.sh installs it)");
        Document doc;
        doc.replaceDesign(m_model);
        for (int i = 0; i < 60; ++i)
            QVERIFY(doc.addComponent(ComponentKind::Lambda,
                                     QPointF(200 * (i % 10), 300 + 150 * (i / 10)))
                    != InvalidId);
        const QString design = path("long.swb");
        QVERIFY(saveDesignFile(design, doc.design()));
        const QString out = path("long.pdf");
        const SwbResult r = runSwb({QStringLiteral("export"), QStringLiteral("cost"), design, out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const CostReport report = estimateMonthlyCost(doc.design(), PricingCatalogue::builtIn(),
                                                      costOptionsFor(doc.design()));
        QVERIFY(report.lines.size() > 100);
        const int pages = pdfPageCount(out);
        QVERIFY2(pages >= 3, qPrintable(QString::number(pages)));
        const QStringList pageTexts = pdfText(out).split(QLatin1Char('\f'), Qt::SkipEmptyParts);
        QCOMPARE(pageTexts.size(), pages);
        int withHeader = 0;
        for (int p = 0; p < pages; ++p) {
            QVERIFY(
                pageTexts.at(p).contains(QStringLiteral("page %1 of %2").arg(p + 1).arg(pages)));
            withHeader += pageTexts.at(p).contains(QLatin1String("Quantity/month"));
        }
        QVERIFY2(withHeader >= 2, qPrintable(QString::number(withHeader)));
        const QString all = pageTexts.join(QLatin1Char('\n'));
        for (const Component &c : doc.design().components) {
            if (c.kind == ComponentKind::Lambda)
                QVERIFY2(all.contains(c.name), qPrintable(c.name));
        }
    }

    void pdfFromResultsHasRunAndCharts()
    {
        if (!haveTool("pdfinfo") || !haveTool("pdftotext"))
            QSKIP("poppler-utils is not installed (packaging/setup.sh installs it)");
        const QString out = path("measured.pdf");
        const SwbResult r = runSwb({QStringLiteral("export"), QStringLiteral("cost"), m_design, out,
                                    QStringLiteral("--from-results"), m_results});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const int pages = pdfPageCount(out);
        QVERIFY2(pages >= 2, qPrintable(QString::number(pages))); // charts follow the table
        const QString text = pdfText(out);
        const QJsonObject meta = QJsonDocument::fromJson(readFileBytes(m_results))
                                     .object()
                                     .value(QStringLiteral("metadata"))
                                     .toObject();
        QVERIFY(text.contains(
            QStringLiteral("seed %1").arg(meta.value(QStringLiteral("seed")).toString())));
        QVERIFY(text.contains(QStringLiteral("%1 s simulated").arg(kRunSeconds)));
        for (const char *title : {"Concurrency", "Backlog", "Throttles and errors", "Cost accrual"})
            QVERIFY2(text.contains(QLatin1String(title)), title);
        QVERIFY(text.contains(QStringLiteral("page %1 of %1").arg(pages)));
    }

    void badResultsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("not JSON") << QByteArray("{ \"format\": ") << 3
                                  << QStringLiteral("not JSON");
        QTest::newRow("not results") << QByteArray("{\"format\": \"something-else\"}") << 3
                                     << QStringLiteral("swb simulate --out");
        QTest::newRow("short series") << QByteArray() << 3 << QStringLiteral("series[0].values");
        QTest::newRow("another design") << QByteArray() << 2 << QStringLiteral("another design");
    }

    void badResultsAreRefused()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, code);
        QFETCH(QString, message);
        const QString results = path("bad.json");
        QString design = m_design;
        if (QByteArray(QTest::currentDataTag()) == "short series") {
            QJsonObject root = QJsonDocument::fromJson(readFileBytes(m_results)).object();
            QJsonArray series = root.value(QStringLiteral("series")).toArray();
            QJsonObject first = series.at(0).toObject();
            QJsonArray values = first.value(QStringLiteral("values")).toArray();
            values.removeLast();
            first.insert(QStringLiteral("values"), values);
            series.replace(0, first);
            root.insert(QStringLiteral("series"), series);
            content = QJsonDocument(root).toJson();
        } else if (content.isEmpty()) {
            content = readFileBytes(m_results);
            design = m_other;
        }
        QVERIFY(writeAll(results, content));
        const QString existing = path("existing.csv");
        QVERIFY(writeAll(existing, "previous"));
        const SwbResult r = runSwb({QStringLiteral("export"), QStringLiteral("cost"), design,
                                    existing, QStringLiteral("--from-results"), results});
        QCOMPARE(r.code, code);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY2(r.err.contains(results), qPrintable(r.err));
        QCOMPARE(readFileBytes(existing), QByteArray("previous"));
    }

    void refusalsLeaveExistingFile()
    {
        const QString existing = path("old.txt");
        QVERIFY(writeAll(existing, "previous"));
        SwbResult r =
            runSwb({QStringLiteral("export"), QStringLiteral("cost"), m_design, existing});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QLatin1String(".pdf")), qPrintable(r.err));
        QCOMPARE(readFileBytes(existing), QByteArray("previous"));

        for (const char *name : {"missing/out.xlsx", "missing/out.pdf", "missing/out.csv"}) {
            r = runSwb({QStringLiteral("export"), QStringLiteral("cost"), m_design,
                        m_dir.filePath(QLatin1String(name))});
            QCOMPARE(r.code, 3);
            QVERIFY2(r.err.contains(QLatin1String("missing")), qPrintable(r.err));
        }
        r = runSwb({QStringLiteral("export"), QStringLiteral("cost"), m_design, path("x.csv"),
                    QStringLiteral("--from-results"), path("nowhere.json")});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains(QLatin1String("nowhere.json")), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(path("x.csv")));
    }
};

QTEST_GUILESS_MAIN(TestExportCost)
#include "exportcost.moc"
