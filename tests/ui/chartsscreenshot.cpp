// Screenshot of the main window during a run: SQS -> Lambda with reserved
// concurrency 2 (throttling, growing backlog) and a bad deploy at 10-25 s, stepped to 40 of 60
// bins. Saved to $SWB_SCREENSHOT (default /tmp/swb-charts.png) for a person to look at; the test
// itself checks that the charts and the cost panel hold the run while the picture is taken.

#include "chartsfixture.h"
#include "mainwindowtestutil.h"

#include "model/document.h"
#include "ui/charts/chartspanel.h"
#include "ui/charts/timechartview.h"
#include "ui/cost/costpanel.h"
#include "ui/mainwindow.h"
#include "ui/playback/playbacksession.h"

#include <QDockWidget>
#include <QLineSeries>

using namespace swb;

class TestChartsScreenshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_chartsshot")); }
    void throttlingRunWithBadDeploy();
};

void TestChartsScreenshot::throttlingRunWithBadDeploy()
{
    test::resetGuiTestState();
    MainWindow window(test::pricing());
    window.resize(1920, 1080);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    Document *doc = window.document();
    doc->replaceDesign(test::sqsLambda(2));
    QVERIFY(doc->setProjectParam(QStringLiteral("duration"), 60));
    QVERIFY(doc->setProjectParam(QStringLiteral("seed"), 5));
    Fault f;
    f.kind = FaultKind::BadDeploy;
    f.target = test::lambdaOf(doc->design());
    f.start = 10;
    f.duration = 15;
    f.errorRate = 1;
    QString error;
    QVERIFY2(doc->addFault(f, &error) != InvalidId, qPrintable(error));

    auto *charts = window.findChild<QDockWidget *>(QStringLiteral("chartsDock"));
    auto *cost = window.findChild<QDockWidget *>(QStringLiteral("costDock"));
    QVERIFY(charts && cost);
    cost->raise();
    window.resizeDocks({charts}, {720}, Qt::Horizontal);
    charts->raise(); // on a small screen it shares the inspector's column as a tab
    PlaybackSession *session = window.playback();
    for (int i = 1; i <= 40; ++i) {
        session->step();
        QTRY_COMPARE(window.frameStore()->frameCount(), qint64(i));
    }
    QTest::qWait(400); // the charts' paced refresh
    auto *panel = qobject_cast<ChartsPanel *>(charts->widget());
    QLineSeries *concurrency =
        panel->series(ChartsPanel::Concurrency, f.target, QStringLiteral("lambda.concurrency"));
    QVERIFY(concurrency);
    const int s =
        window.frameStore()->catalog().indexOf(f.target, QStringLiteral("lambda.concurrency"));
    for (qint64 k = 0; k < 40; ++k)
        QCOMPARE(test::valueOnLine(concurrency, window.frameStore()->simSecondsAt(k)),
                 window.frameStore()->value(k, s));
    auto *costPanel = qobject_cast<CostPanel *>(cost->widget());
    // The cost panel refreshes a live run at most every 500 ms (CostPanel::refreshIfChanged): when
    // the 40 steps come faster than that, the last refresh may still be pending here.
    QTRY_VERIFY(costPanel->runTotalUsd() > 0);

    const QString path =
        qEnvironmentVariable("SWB_SCREENSHOT", QStringLiteral("/tmp/swb-charts.png"));
    QVERIFY(window.grab().save(path));
    for (int c = ChartsPanel::Failures; c < ChartsPanel::ChartCount; ++c)
        panel->chartView(ChartsPanel::Chart(c))
            ->grab()
            .save(QStringLiteral("/tmp/swb-charts-%1.png").arg(c));
    window.document()->markSaved();
}

QTEST_MAIN(TestChartsScreenshot)
#include "chartsscreenshot.moc"
