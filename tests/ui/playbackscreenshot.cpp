// Screenshot of a run in progress: SQS -> Lambda with reserved concurrency 2
// and a 40% error rate, so the function throttles, the queue's backlog grows and the DLQ fills.
// The window is grabbed offscreen to $SWB_SHOT_DIR (default: the temp folder) as
// swb-playback.png for a human to look at; the test asserts what must be visible: the Lambda
// in Error with its "conc / limit" badge, the queue in trouble and a red failure wire.

#include "mainwindowtestutil.h"

#include "model/document.h"
#include "model/patterns.h"
#include "ui/canvas/blockitem.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"
#include "ui/canvas/wireitem.h"
#include "ui/mainwindow.h"
#include "ui/playback/framestore.h"
#include "ui/playback/liveoverlay.h"
#include "ui/playback/playbackbar.h"
#include "ui/playback/playbacksession.h"

#include <QComboBox>
#include <QDir>
#include <QTest>
#include <QToolButton>

using namespace swb;

class TestPlaybackScreenshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_playbackshot")); }
    void throttlingBacklogDlq();
};

void TestPlaybackScreenshot::throttlingBacklogDlq()
{
    test::resetGuiTestState();
    MainWindow window(test::pricing());
    window.resize(1500, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    std::optional<Design> design = makePattern(QStringLiteral("sqs-lambda"));
    QVERIFY(design);
    ComponentId lambda = InvalidId, queue = InvalidId, dlq = InvalidId;
    for (Component &c : design->components) {
        if (c.kind == ComponentKind::Lambda) {
            lambda = c.id;
            c.params.insert(QStringLiteral("reservedConcurrency"), 2);
            c.params.insert(QStringLiteral("errorRate"), 0.4);
        }
    }
    for (const Connection &w : design->connections) {
        if (w.kind == ConnectionKind::Redrive) {
            queue = w.source;
            dlq = w.target;
        }
    }
    QVERIFY(lambda != InvalidId && queue != InvalidId && dlq != InvalidId);
    design->settings.insert(QStringLiteral("duration"),
                            36000.0); // 10 s bins: 36 s of wall time at 1000x
    design->settings.insert(QStringLiteral("seed"), 7);
    window.document()->replaceDesign(*design);

    auto *bar = window.findChild<PlaybackBar *>(QStringLiteral("playbackBar"));
    QVERIFY(bar);
    // 1000x, not "max": the 10-hour run takes 36 s of wall time, so pausing after 700 frames
    // (about 7 s) leaves it in progress; at max speed an idle machine finishes it first.
    bar->speedBox()->setCurrentIndex(bar->speedBox()->findData(1000.0));
    QVERIFY(bar->speedBox()->currentIndex() >= 0);
    window.playback()->setSpeed(1000.0);
    QTest::mouseClick(bar->playButton(), Qt::LeftButton);
    FrameStore *store = window.frameStore();
    // Far enough that redriven messages (3 receives x 180 s visibility) reach the DLQ.
    QTRY_VERIFY_WITH_TIMEOUT(store->frameCount() >= 700, 60000);
    // Pause through the session (the button is a toggle whose label can lag a batch behind the
    // worker; the clicked play/pause path is covered by tst_ui_playback).
    window.playback()->pause();
    QCOMPARE(window.playback()->controller()->state(), SimController::State::Paused);
    window.playback()->liveOverlay()->refreshNow();
    QCoreApplication::processEvents();

    const BlockOverlay fn = window.scene()->blockItem(lambda)->overlay();
    QCOMPARE(fn.severity, BlockOverlay::Severity::Error);
    QVERIFY2(fn.topBadge.endsWith(QStringLiteral(" / 2")), qPrintable(fn.topBadge));
    QVERIFY(window.scene()->blockItem(queue)->overlay().severity
            >= BlockOverlay::Severity::Warning);
    QVERIFY2(
        window.scene()->blockItem(dlq)->overlay().bottomBadge.startsWith(QStringLiteral("DLQ")),
        qPrintable(window.scene()->blockItem(dlq)->overlay().bottomBadge));

    window.view()->fitToView();
    QCoreApplication::processEvents();
    const QString dir = qEnvironmentVariableIsSet("SWB_SHOT_DIR")
                            ? qEnvironmentVariable("SWB_SHOT_DIR")
                            : QDir::tempPath();
    const QString path = dir + QStringLiteral("/swb-playback.png");
    QVERIFY(window.grab().save(path));
    qInfo("screenshot: %s", qPrintable(path));
    window.document()->markSaved();
}

QTEST_MAIN(TestPlaybackScreenshot)
#include "playbackscreenshot.moc"
