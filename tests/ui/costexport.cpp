// File > Export > Cost Sheet... and File > Export > Results..., clicked in the Export
// menu with the file dialogs scripted, every file read back independently: XLSX via unzip + sheet
// XML, PDF via pdfinfo / pdftotext, CSV and JSON by hand. Expectations come from the model API:
// the analytic estimate, and for a run the same design run headless (runToEnd: same seed, so the
// same bins) priced by measuredCostReport.

#include "mainwindowtestutil.h"

#include "model/costmodel.h"
#include "model/document.h"
#include "sim/runresults.h"
#include "ui/fileactions.h"
#include "ui/mainwindow.h"
#include "ui/playback/framestore.h"
#include "ui/playback/playbacksession.h"

#include "../exporttestutil.h"
#include "model/pricing.h"

#include <QAction>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace swb;
using namespace swb::test;

namespace {

constexpr double kRunSeconds = 120;

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Opens File > Export as a popup and clicks the entry with a real mouse event.
void clickExportEntry(MainWindow &w, const char *objectName)
{
    auto *menu = w.findChild<QMenu *>(QStringLiteral("menuExport"));
    QVERIFY(menu);
    QAction *action = w.action(QLatin1String(objectName));
    QVERIFY(action);
    QVERIFY(menu->actions().contains(action));
    menu->popup(w.mapToGlobal(QPoint(10, 10)));
    QVERIFY(QTest::qWaitForWindowExposed(menu));
    QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(action).center());
    QTRY_VERIFY(!menu->isVisible());
}

} // namespace

class TestCostExport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }

    static ScriptedPrompter *script(MainWindow &w) { return test::installScriptedPrompter(w); }

    // A short sqs-lambda design run to the end in the window at full speed.
    static bool runToTheEnd(MainWindow &w)
    {
        if (!w.files()->newFromPattern(QStringLiteral("sqs-lambda"))
            || !w.document()->setProjectParam(QStringLiteral("duration"), kRunSeconds))
            return false;
        w.playback()->setSpeed(0);
        w.playback()->play();
        return QTest::qWaitFor([&] { return w.frameStore()->isFinished(); }, 60000);
    }

private Q_SLOTS:
    void initTestCase() { setUpGuiTestEnvironment(QStringLiteral("tst_ui_costexport")); }
    void init() { resetGuiTestState(); }

    void estimateWithoutARun()
    {
        if (!haveTool("unzip"))
            QSKIP("the 'unzip' tool is not installed (packaging/setup.sh installs it)");
        MainWindow w(test::pricing());
        ScriptedPrompter *prompter = script(w);
        QVERIFY(w.files()->newFromPattern(QStringLiteral("sqs-lambda")));
        prompter->savePath = path("estimate.xlsx");
        clickExportEntry(w, "actionExportCost");
        QVERIFY2(prompter->errors.isEmpty(), qPrintable(prompter->errors.join(u'\n')));
        const Design &design = w.document()->design();
        const CostReport expected =
            estimateMonthlyCost(design, PricingCatalogue::builtIn(), costOptionsFor(design));
        const auto detail = readXlsxSheet(prompter->savePath, 2);
        const XlsxCell total = detail.value(QStringLiteral("J%1").arg(expected.lines.size() + 2));
        QVERIFY(total.formula.startsWith(QLatin1String("SUM(")));
        QCOMPARE(cents(total.value), expected.totalCents()); // the rows rounded to the cent
        QVERIFY2(w.statusBar()->currentMessage().contains(QLatin1String("analytic estimate")),
                 qPrintable(w.statusBar()->currentMessage()));
    }

    // A design with no name and no file is still named in the sheet and the report.
    void untitledDesignIsNamed()
    {
        MainWindow w(test::pricing());
        ScriptedPrompter *prompter = script(w);
        const ComponentId source = w.document()->addComponent(ComponentKind::TrafficSource, {});
        const ComponentId fn = w.document()->addComponent(ComponentKind::Lambda, {300, 0});
        QVERIFY(w.document()->connectComponents(source, fn, ConnectionKind::Traffic));
        QVERIFY(w.document()->design().name.isEmpty());
        if (haveTool("unzip")) {
            prompter->savePath = path("untitled.xlsx");
            clickExportEntry(w, "actionExportCost");
            QVERIFY2(prompter->errors.isEmpty(), qPrintable(prompter->errors.join(u'\n')));
            const auto summary = readXlsxSheet(prompter->savePath, 1);
            QCOMPARE(summary.value(QStringLiteral("A1")).value, QStringLiteral("Design"));
            QCOMPARE(summary.value(QStringLiteral("B1")).value, QStringLiteral("Untitled design"));
        }
        if (haveTool("pdftotext")) {
            prompter->savePath = path("untitled.pdf");
            clickExportEntry(w, "actionExportCost");
            QVERIFY2(prompter->errors.isEmpty(), qPrintable(prompter->errors.join(u'\n')));
            QVERIFY(pdfText(prompter->savePath)
                        .contains(QLatin1String("Monthly cost report: Untitled design")));
        }
        QCOMPARE(prompter->captions.value(0), QStringLiteral("Export cost sheet"));
    }

    void costAndResultsOfTheCurrentRun()
    {
        MainWindow w(test::pricing());
        ScriptedPrompter *prompter = script(w);
        QVERIFY(runToTheEnd(w));
        const Design &design = w.document()->design();
        RunOptions options;
        options.pricing = &PricingCatalogue::builtIn();
        const RunResults headless = runToEnd(design, options);
        QVERIFY(headless.ok);
        QCOMPARE(headless.binCount(), w.frameStore()->frameCount());
        const CostReport expected =
            measuredCostReport(design, headless, PricingCatalogue::builtIn());

        // CSV: the rows sum to the TOTAL row, which is the headless run's bill.
        prompter->savePath = path("run.csv");
        clickExportEntry(w, "actionExportCost");
        QVERIFY2(prompter->errors.isEmpty(), qPrintable(prompter->errors.join(u'\n')));
        QVERIFY(w.statusBar()->currentMessage().contains(QLatin1String("current run")));
        const QList<QByteArray> rows = readAll(prompter->savePath).trimmed().split('\n');
        qint64 sum = 0;
        for (qsizetype i = 1; i + 1 < rows.size(); ++i)
            sum += qRound64(rows.at(i).split(',').last().toDouble() * 100);
        QVERIFY(rows.last().startsWith("TOTAL,"));
        const qint64 total = qRound64(rows.last().split(',').last().toDouble() * 100);
        QCOMPARE(sum, total);
        QCOMPARE(total, expected.totalCents());

        // PDF: the run's report, with its charts.
        if (haveTool("pdfinfo") && haveTool("pdftotext")) {
            prompter->savePath = path("run.pdf");
            clickExportEntry(w, "actionExportCost");
            QVERIFY2(prompter->errors.isEmpty(), qPrintable(prompter->errors.join(u'\n')));
            QVERIFY(pdfPageCount(prompter->savePath) >= 2);
            const QString text = pdfText(prompter->savePath);
            QVERIFY(text.contains(formatCents(expected.totalCents())));
            QVERIFY(text.contains(QStringLiteral("%1 s simulated").arg(kRunSeconds)));
            QVERIFY(text.contains(QLatin1String("Cost accrual")));
        }

        // Results JSON: one value per bin for every series, equal to the window's frames.
        prompter->savePath = path("run.json");
        clickExportEntry(w, "actionExportResults");
        QVERIFY2(prompter->errors.isEmpty(), qPrintable(prompter->errors.join(u'\n')));
        const QJsonObject root = QJsonDocument::fromJson(readAll(prompter->savePath)).object();
        const QJsonArray series = root.value(QStringLiteral("series")).toArray();
        const FrameStore *store = w.frameStore();
        QCOMPARE(series.size(), store->catalog().series.size());
        for (int s = 0; s < series.size(); s += 7) {
            const QJsonArray values =
                series.at(s).toObject().value(QStringLiteral("values")).toArray();
            QCOMPARE(values.size(), store->frameCount());
            for (qint64 b = 0; b < store->frameCount(); b += 13)
                QCOMPARE(values.at(b).toDouble(), store->value(b, s));
        }
        const double priced = root.value(QStringLiteral("summary"))
                                  .toObject()
                                  .value(QStringLiteral("monthlyCostUsd"))
                                  .toDouble();
        QVERIFY(std::abs(priced - expected.totalUsd) <= 1e-9 * std::max(1.0, expected.totalUsd));

        // Results CSV: a header and one row per bin.
        prompter->savePath = path("run.csv");
        clickExportEntry(w, "actionExportResults");
        const QList<QByteArray> lines = readAll(prompter->savePath).trimmed().split('\n');
        QCOMPARE(lines.size(), store->frameCount() + 1);
        QVERIFY(lines.first().startsWith("time_s,"));
        QCOMPARE(lines.first().count(','), store->catalog().series.size());
    }

    void refusalsKeepFilesAndSayWhy()
    {
        MainWindow w(test::pricing());
        ScriptedPrompter *prompter = script(w);
        QVERIFY(w.files()->newFromPattern(QStringLiteral("sqs-lambda")));
        prompter->savePath = path("results.json");
        clickExportEntry(w, "actionExportResults");
        QCOMPARE(prompter->errors.size(), 1);
        QVERIFY2(prompter->errors.first().contains(QLatin1String("no run")),
                 qPrintable(prompter->errors.first()));
        QVERIFY(!QFileInfo::exists(prompter->savePath));

        prompter->savePath = path("cost.txt");
        clickExportEntry(w, "actionExportCost");
        QCOMPARE(prompter->errors.size(), 2);
        QVERIFY2(prompter->errors.last().contains(QLatin1String(".pdf")),
                 qPrintable(prompter->errors.last()));

        prompter->savePath = path("missing/cost.pdf");
        clickExportEntry(w, "actionExportCost");
        QCOMPARE(prompter->errors.size(), 3);
        QVERIFY2(prompter->errors.last().contains(prompter->savePath),
                 qPrintable(prompter->errors.last()));
        QVERIFY(!w.document()->design().components.isEmpty()); // work kept
    }
};

QTEST_MAIN(TestCostExport)
#include "costexport.moc"
