// serverless-workbench FILE --play [--speed 0.1..1000|max]: --help lists both options; a bad
// speed, --speed without --play and --play without a file are refused with exit 2 and a message
// before any window opens; and MainWindow::startPlayback, which --play calls once the file is
// open, plays the design at the speed asked for (shown in the playback bar).

#include "chartsfixture.h"
#include "mainwindowtestutil.h"

#include "model/document.h"
#include "ui/mainwindow.h"
#include "ui/playback/framestore.h"
#include "ui/playback/playbackbar.h"
#include "ui/playback/playbacksession.h"

#include <QComboBox>
#include <QLabel>
#include <QProcess>
#include <QTest>

using namespace swb;

namespace {

struct Result {
    int exitCode = -1;
    QString out, err;
};

Result runGui(const QStringList &arguments)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(SWB_GUI_PATH), arguments);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromLocal8Bit(p.readAllStandardOutput()),
            QString::fromLocal8Bit(p.readAllStandardError())};
}

} // namespace

class TestScriptedPlay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_scriptedplay")); }
    void helpListsPlayAndSpeed();
    void badArgumentsAreRefused_data();
    void badArgumentsAreRefused();
    void startPlaybackPlaysAtTheSpeedAsked();
    void speedNoteSaysWhenBehind();
};

void TestScriptedPlay::helpListsPlayAndSpeed()
{
    const Result r = runGui({QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QStringLiteral("--play")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("--speed <x>")), qPrintable(r.out));
    QVERIFY(r.out.contains(QStringLiteral("0.1 to 1000")));
    QVERIFY(r.out.contains(QStringLiteral("'max'")));
}

void TestScriptedPlay::badArgumentsAreRefused_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("speed too high")
        << QStringList{QStringLiteral("d.swb"), QStringLiteral("--play"), QStringLiteral("--speed"),
                       QStringLiteral("5000")}
        << QStringLiteral("--speed 5000: expected a number from 0.1 to 1000");
    QTest::newRow("speed not a number")
        << QStringList{QStringLiteral("d.swb"), QStringLiteral("--play"), QStringLiteral("--speed"),
                       QStringLiteral("fast")}
        << QStringLiteral("--speed fast: expected");
    QTest::newRow("speed without play")
        << QStringList{QStringLiteral("d.swb"), QStringLiteral("--speed"), QStringLiteral("10")}
        << QStringLiteral("--speed applies to --play");
    // Qt's own options (taken out by QApplication) do not hide --play and --speed.
    QTest::newRow("speed too high, Qt option")
        << QStringList{QStringLiteral("d.swb"),     QStringLiteral("--play"),
                       QStringLiteral("--speed"),   QStringLiteral("5000"),
                       QStringLiteral("-platform"), QStringLiteral("offscreen")}
        << QStringLiteral("--speed 5000: expected a number from 0.1 to 1000");
    QTest::newRow("play without file")
        << QStringList{QStringLiteral("--play")} << QStringLiteral("--play needs a FILE");
}

void TestScriptedPlay::badArgumentsAreRefused()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Result r = runGui(arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

void TestScriptedPlay::startPlaybackPlaysAtTheSpeedAsked()
{
    test::resetGuiTestState();
    MainWindow w(test::pricing());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.document()->replaceDesign(test::sqsLambda());
    auto *bar = w.findChild<PlaybackBar *>(QStringLiteral("playbackBar"));
    // A speed the box does not offer is added in order and selected.
    w.startPlayback(250);
    QCOMPARE(w.simController()->state(), SimController::State::Running);
    QCOMPARE(w.simController()->speed(), 250.0);
    QCOMPARE(bar->speedBox()->currentText(), QStringLiteral("250x"));
    QCOMPARE(bar->speedBox()->itemData(bar->speedBox()->currentIndex() - 1).toDouble(), 100.0);
    QTRY_VERIFY(w.frameStore()->frameCount() > 0);
    w.playback()->pause();
    // max: as fast as possible.
    w.startPlayback(0);
    QCOMPARE(w.simController()->speed(), SimController::kAsFastAsPossible);
    QCOMPARE(bar->speedBox()->currentText(), QStringLiteral("max"));
    QTRY_VERIFY_WITH_TIMEOUT(w.frameStore()->isFinished(), 60000);
    w.document()->markSaved();
}

void TestScriptedPlay::speedNoteSaysWhenBehind()
{
    bool behind = true;
    QCOMPARE(PlaybackBar::speedNoteText(100, 98, &behind), QString()); // keeping up
    QVERIFY(!behind);
    QCOMPARE(PlaybackBar::speedNoteText(1000, 370.4, &behind),
             QStringLiteral("actual 370x: the machine cannot keep up"));
    QVERIFY(behind);
    QCOMPARE(PlaybackBar::speedNoteText(10, 2.5, &behind),
             QStringLiteral("actual 2.5x: the machine cannot keep up"));
    QCOMPARE(PlaybackBar::speedNoteText(0, 8500, &behind), QStringLiteral("\u2248 8500x"));
    QVERIFY(!behind);
    QCOMPARE(PlaybackBar::speedNoteText(100, 0, &behind), QString()); // not measured yet

    // A real run at max says what max reaches while it plays.
    test::resetGuiTestState();
    MainWindow w(test::pricing());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    Design design = test::sqsLambda();
    design.settings.insert(QStringLiteral("duration"), 24 * 3600);
    w.document()->replaceDesign(design);
    auto *bar = w.findChild<PlaybackBar *>(QStringLiteral("playbackBar"));
    w.startPlayback(0);
    QTRY_VERIFY_WITH_TIMEOUT(bar->speedNote()->isVisible(), 20000);
    QVERIFY2(bar->speedNote()->text().startsWith(QStringLiteral("\u2248 ")),
             qPrintable(bar->speedNote()->text()));
    QVERIFY(bar->measuredSpeed() > 10);
    w.playback()->pause();
    QVERIFY(!bar->speedNote()->isVisible());
    w.document()->markSaved();
}

QTEST_MAIN(TestScriptedPlay)
#include "scriptedplay.moc"
