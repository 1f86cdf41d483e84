// Live playback in the real window: at maximum speed a Pause click queued behind the run's
// traffic is handled within a bounded number of event-loop turns and the run stops; every chart
// series stays within its point budget (two per pixel column) at every refresh; the previous run
// (ghost) is labelled, removable and gone when another design is opened; and during a bad deploy
// on an SQS consumer the queue's badge, the backlog and age charts and the PDF report's charts
// show the same in-flight count and oldest age, and the failing poll wire is red.

#include "chartsfixture.h"
#include "mainwindowtestutil.h"
#include "../postedclick.h"

#include "model/document.h"
#include "model/patterns.h"
#include "ui/canvas/blockitem.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/wireitem.h"
#include "ui/charts/axisformat.h"
#include "ui/charts/chartlegend.h"
#include "ui/charts/chartspanel.h"
#include "ui/charts/timechartview.h"
#include "ui/cost/costpanel.h"
#include "ui/export/costreportcharts.h"
#include "ui/export/resultsexport.h"
#include "ui/mainwindow.h"
#include "ui/playback/framestore.h"
#include "ui/playback/liveoverlay.h"
#include "ui/playback/playbackbar.h"
#include "ui/playback/playbacksession.h"
#include "ui/playback/refreshpacer.h"
#include "ui/projectio.h"

#include <QElapsedTimer>
#include <QLineSeries>
#include <QMouseEvent>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace swb;

namespace {

Design badDeploy(double seconds)
{
    Design design = test::sqsLambda();
    Fault f;
    f.id = design.allocateId();
    f.kind = FaultKind::BadDeploy;
    f.target = test::lambdaOf(design);
    f.start = 120;
    f.duration = 300;
    f.errorRate = 1;
    design.faults.insert(f.id, f);
    design.settings.insert(QStringLiteral("duration"), seconds);
    return design;
}

} // namespace

class TestLivePlayback : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_liveplayback")); }
    void init();
    void cleanup();
    void pauseAtMaxSpeedLandsWithinBoundedTurns();
    void seriesStayWithinPointBudget();
    void ghostIsLabelledRemovableAndDroppedWithItsDesign();
    void queueFiguresAgreeDuringBadDeploy();

private:
    void playToEnd();
    std::unique_ptr<MainWindow> m_window;
    PlaybackBar *m_bar = nullptr;
    ChartsPanel *m_charts = nullptr;
};

void TestLivePlayback::init()
{
    test::resetGuiTestState();
    m_window = std::make_unique<MainWindow>(test::pricing());
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_bar = m_window->findChild<PlaybackBar *>(QStringLiteral("playbackBar"));
    m_charts = m_window->findChild<ChartsPanel *>();
    QVERIFY(m_bar && m_charts);
}

void TestLivePlayback::cleanup()
{
    m_window->document()->markSaved();
    m_window.reset();
}

void TestLivePlayback::playToEnd()
{
    m_bar->setSpeed(SimController::kAsFastAsPossible);
    QTest::mouseClick(m_bar->playButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->frameStore()->isFinished(), 120000);
    m_window->frameStore()->pacer()->flush();
}

void TestLivePlayback::pauseAtMaxSpeedLandsWithinBoundedTurns()
{
    // Three simulated days of the bad deploy design: long enough to still be running after
    // several pauses at maximum speed on an idle machine too (six hours ran out before the third
    // pause there).
    m_window->document()->replaceDesign(badDeploy(3 * 24 * 3600));
    SimController *controller = m_window->simController();
    FrameStore *store = m_window->frameStore();
    m_bar->setSpeed(SimController::kAsFastAsPossible);
    QTest::mouseClick(m_bar->playButton(), Qt::LeftButton);
    auto *cost = m_window->findChild<CostPanel *>();
    LiveOverlay *overlay = m_window->playback()->liveOverlay();
    double accrued = 0;
    for (int pause = 0; pause < 3; ++pause) {
        // Let the run go until frames are pouring in, and see the canvas and the cost panel
        // follow it (the cost accrued so far grows with the position they show).
        const qint64 before = store->frameCount();
        QTRY_VERIFY_WITH_TIMEOUT(store->frameCount() > before + 20, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(cost->accruedUsd() > accrued, 10000);
        accrued = cost->accruedUsd();
        QTRY_VERIFY(!overlay->state().blocks.isEmpty());
        QCOMPARE(controller->state(), SimController::State::Running);
        QCOMPARE(m_bar->playButton()->text(), QStringLiteral("Pause"));
        // While the click waits in the queue, batches keep arriving; a chart line is redrawn at
        // most once meanwhile (paced), never once per queued batch.
        QLineSeries *line = nullptr;
        for (QAbstractSeries *s : m_charts->chartView(ChartsPanel::Concurrency)->chart()->series())
            line = line ? line : static_cast<QLineSeries *>(s);
        QVERIFY(line);
        int redraws = 0;
        auto counted = [&redraws] { ++redraws; };
        const QMetaObject::Connection a = connect(line, &QXYSeries::pointsReplaced, this, counted);
        const QMetaObject::Connection b = connect(line, &QXYSeries::pointAdded, this, counted);
        test::postClick(m_bar->playButton());
        // Each processEvents() call is one turn of the event loop; the click is handled in the
        // first turn that reaches it.
        int turns = 0;
        QElapsedTimer waited;
        waited.start();
        while (controller->state() == SimController::State::Running && turns < 100) {
            QCoreApplication::processEvents(QEventLoop::AllEvents);
            ++turns;
        }
        const qint64 waitedMs = waited.elapsed();
        disconnect(a);
        disconnect(b);
        QVERIFY2(turns <= 3, qPrintable(QString::number(turns)));
        // The pacer allows one redraw per interval (at least kMinIntervalMs): on an idle machine
        // the turns take well under one interval, so this is "at most once"; on a loaded machine
        // a slow turn may legitimately span a second interval, never one redraw per batch.
        const qint64 allowed = 1 + waitedMs / RefreshPacer::kMinIntervalMs;
        QVERIFY2(redraws <= allowed,
                 qPrintable(QStringLiteral("%1 redraws in %2 ms").arg(redraws).arg(waitedMs)));
        // The canvas and the cost panel kept up with the run (they show this run's figures).

        QCOMPARE(controller->state(), SimController::State::Paused);
        QCOMPARE(m_bar->playButton()->text(), QStringLiteral("Play"));
        // The worker finishes its slice and sends what it closed; then nothing more arrives.
        QTest::qWait(300);
        const qint64 stopped = store->frameCount();
        QTest::qWait(300);
        QCOMPARE(store->frameCount(), stopped);
        QVERIFY(!store->isFinished());
        QTest::mouseClick(m_bar->playButton(), Qt::LeftButton);
        QCOMPARE(controller->state(), SimController::State::Running);
    }
    QTest::mouseClick(m_bar->resetButton(), Qt::LeftButton);
    QCOMPARE(controller->state(), SimController::State::Idle);
}

void TestLivePlayback::seriesStayWithinPointBudget()
{
    // 24 simulated hours (3,600 bins of 24 s) shown whole: far more bins than pixel columns.
    m_window->document()->replaceDesign(badDeploy(24 * 3600));
    m_charts->showWholeRun();
    int refreshes = 0, overBudget = 0, pointsSeen = 0;
    connect(m_window->frameStore()->pacer(), &RefreshPacer::refreshDue, this, [&] {
        m_charts->refreshNow(); // every chart redrawn, not only this turn's share
        ++refreshes;
        for (int c = 0; c < ChartsPanel::ChartCount; ++c) {
            const QChart *chart = m_charts->chartView(ChartsPanel::Chart(c))->chart();
            for (QAbstractSeries *s : chart->series()) {
                const int n = int(static_cast<QXYSeries *>(s)->count());
                pointsSeen = std::max(pointsSeen, n);
                overBudget += n > m_charts->pointBudget(ChartsPanel::Chart(c)) ? 1 : 0;
            }
        }
    });
    playToEnd();
    QVERIFY(refreshes >= 2);
    QCOMPARE(overBudget, 0);
    QCOMPARE(m_window->frameStore()->frameCount(), qint64(3600));
    // The budget did bind: a busy series had more bins than the budget allows.
    QVERIFY(m_charts->pointBudget(ChartsPanel::Backlog) < 3600);
    QVERIFY(pointsSeen > 100);
}

void TestLivePlayback::ghostIsLabelledRemovableAndDroppedWithItsDesign()
{
    Design design = test::sqsLambda(2);
    design.settings.insert(QStringLiteral("duration"), 60);
    m_window->document()->replaceDesign(design);
    const ComponentId fn = test::lambdaOf(design);
    const QString name = QStringLiteral("lambda.concurrency");
    playToEnd();
    QVERIFY(!m_charts->series(ChartsPanel::Concurrency, fn, name, true));
    // An edit, a re-run: the first run becomes the ghost, one legend row names it.
    QVERIFY(m_window->document()->setComponentParam(fn, QStringLiteral("reservedConcurrency"), 5));
    QTest::mouseClick(m_bar->rerunButton(), Qt::LeftButton);
    QTRY_VERIFY(m_window->frameStore()->ghost()); // the new run has started
    QTRY_VERIFY_WITH_TIMEOUT(m_window->frameStore()->isFinished(), 60000);
    m_window->frameStore()->pacer()->flush();
    QVERIFY(m_charts->series(ChartsPanel::Concurrency, fn, name, true));
    ChartLegend *legend = m_charts->legend(ChartsPanel::Concurrency);
    QVERIFY(legend->isGhostShown());
    QVERIFY(legend->topLevelItem(legend->entryCount())
                ->text(1)
                .contains(QStringLiteral("previous run")));

    // Removable: the legend's Remove button.
    QVERIFY(legend->removeGhostButton());
    QTest::mouseClick(legend->removeGhostButton(), Qt::LeftButton);
    m_window->frameStore()->pacer()->flush();
    QVERIFY(!m_window->frameStore()->ghost());
    QVERIFY(!m_charts->series(ChartsPanel::Concurrency, fn, name, true));
    QVERIFY(!legend->isGhostShown());

    // Again a ghost, then another design is opened: no ghost follows it.
    QVERIFY(m_window->document()->setComponentParam(fn, QStringLiteral("reservedConcurrency"), 3));
    QTest::mouseClick(m_bar->rerunButton(), Qt::LeftButton);
    QTRY_VERIFY(m_window->frameStore()->ghost());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->frameStore()->isFinished(), 60000);
    m_window->frameStore()->pacer()->flush();
    QTemporaryDir dir;
    const QString other = dir.filePath(QStringLiteral("other.swb"));
    QString error;
    QVERIFY2(projectio::writeProject(other, *makePattern(QStringLiteral("api-lambda")), &error),
             qPrintable(error));
    m_window->document()->markSaved();
    QVERIFY(m_window->openFile(other));
    m_window->frameStore()->pacer()->flush();
    QVERIFY(!m_window->frameStore()->ghost());
    QVERIFY(m_window->frameStore()->isEmpty());
    for (int c = 0; c < ChartsPanel::ChartCount; ++c)
        QVERIFY(!m_charts->legend(ChartsPanel::Chart(c))->isGhostShown());
    QVERIFY(!m_charts->series(ChartsPanel::Concurrency, fn, name, true));
}

void TestLivePlayback::queueFiguresAgreeDuringBadDeploy()
{
    const Design design = badDeploy(600);
    m_window->document()->replaceDesign(design);
    playToEnd();
    FrameStore *store = m_window->frameStore();
    ComponentId queue = InvalidId, worker = test::lambdaOf(design);
    ConnectionId poll = InvalidId;
    for (const Connection &w : design.connections) {
        if (w.kind == ConnectionKind::EventSourceMapping) {
            queue = w.source;
            poll = w.id;
        }
    }
    QVERIFY(queue != InvalidId);
    // Four minutes in: the deploy (2 min to 7 min) has every batch failing and waiting out the
    // visibility timeout in flight.
    const qint64 bin = 239;
    store->setPosition(bin);
    store->pacer()->flush();
    QTRY_VERIFY(!m_charts->isDrawPending()); // a loaded machine spreads the draw over turns
    m_window->playback()->liveOverlay()->refreshNow();
    const double inFlight =
        store->value(bin, store->catalog().indexOf(queue, QStringLiteral("sqs.in_flight")));
    const double age =
        store->value(bin, store->catalog().indexOf(queue, QStringLiteral("sqs.oldest_age_s")));
    QVERIFY2(inFlight > 1000, qPrintable(QString::number(inFlight)));
    QVERIFY2(age > 60, qPrintable(QString::number(age)));

    // The badge: the same two figures.
    const BlockOverlay badge = m_window->scene()->blockItem(queue)->overlay();
    QVERIFY2(badge.topBadge.contains(compactNumber(inFlight) + QStringLiteral(" in flight")),
             qPrintable(badge.topBadge));
    QCOMPARE(badge.bottomBadge, QStringLiteral("oldest %1").arg(formatDuration(age)));

    // The charts: the same values at that bin, and the legends read them out.
    const double t = store->simSecondsAt(bin);
    QLineSeries *flying =
        m_charts->series(ChartsPanel::Backlog, queue, QStringLiteral("sqs.in_flight"));
    QLineSeries *oldest =
        m_charts->series(ChartsPanel::Age, queue, QStringLiteral("sqs.oldest_age_s"));
    QVERIFY(flying && oldest);
    QCOMPARE(test::valueOnLine(flying, t), inFlight);
    QCOMPARE(test::valueOnLine(oldest, t), age);
    ChartLegend *ageLegend = m_charts->legend(ChartsPanel::Age);
    bool listed = false;
    for (int row = 0; row < ageLegend->entryCount(); ++row) {
        if (ageLegend->entryName(row).endsWith(QStringLiteral("oldest message age"))
            && ageLegend->entryName(row).startsWith(design.components.value(queue).name)) {
            QCOMPARE(ageLegend->valueText(row), formatDuration(age));
            listed = true;
        }
    }
    QVERIFY(listed);

    // The PDF report's charts: in flight on the backlog chart, the age on its own chart.
    const RunResults run =
        runResultsFromStore(*store, m_window->document()->design(), PricingCatalogue::builtIn());
    QVERIFY(run.ok);
    const QList<ReportChart> charts = reportCharts(
        m_window->document()->design(), run, PricingCatalogue::builtIn(), costOptionsFor(design));
    const QString queueName = design.components.value(queue).name;
    auto pointAt = [&](const QString &label, double atSeconds) {
        for (const ReportChart &c : charts) {
            for (const ReportChartLine &l : c.lines) {
                if (l.label != label)
                    continue;
                for (const QPointF &p : l.points) {
                    if (p.x() == atSeconds)
                        return p.y();
                }
            }
        }
        return std::nan("");
    };
    // The report plots a bin at its start (the results CSV's time_s).
    const double start = double(bin) * run.metadata.binWidthSeconds;
    QCOMPARE(pointAt(queueName + QStringLiteral(" in flight"), start), inFlight);
    QCOMPARE(pointAt(queueName + QStringLiteral(" oldest message"), start), age);

    // The consumer fails: the poll wire into it is red, as the user guide says.
    QCOMPARE(m_window->scene()->blockItem(worker)->overlay().severity,
             BlockOverlay::Severity::Error);
    WireItem *wire = m_window->scene()->wireItem(poll);
    QCOMPARE(wire->flowHealth(), 2);
    QCOMPARE(wire->strokeColor(), QColor(0xC6, 0x28, 0x28));
}

QTEST_MAIN(TestLivePlayback)
#include "liveplayback.moc"
