// The Advisor dock with real mouse and key events: Diagnose on a throttled design lists the
// diagnosis and a verified fix; Apply changes the design as one undo step, and Ctrl+Z takes it
// back; a structural fix (a dead-letter queue, the queue pattern) opens in the Compare window
// first without touching the design. The dock is saved to $SWB_SCREENSHOT_DIR (default /tmp) as
// swb-advisor.png for a person to look at.

#include "mainwindowtestutil.h"

#include "model/assignment.h"
#include "model/document.h"
#include "model/kinds.h"
#include "model/patterns.h"
#include "ui/advisor/advisorpanel.h"
#include "ui/compare/compareresults.h"
#include "ui/compare/comparerunner.h"
#include "ui/compare/comparewindow.h"
#include "ui/mainwindow.h"

#include <QDockWidget>
#include <QPushButton>
#include <QTest>
#include <QLabel>
#include <QLineF>
#include <QUndoStack>

using namespace swb;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// api-lambda at 300 req/s against a reservation of 5, simulated for 10 minutes.
Design throttledDesign()
{
    Design d = *makePattern(s("api-lambda"));
    QList<Assignment> sets;
    for (const char *text : {"orders-traffic.rate=300", "orders-service.reservedConcurrency=5",
                             "project.duration=600"}) {
        Assignment a;
        if (!parseAssignment(s(text), &a).isEmpty())
            qFatal("bad assignment %s", text);
        sets.append(a);
    }
    const QString error = applyAssignments(&d, sets);
    if (!error.isEmpty())
        qFatal("%s", qPrintable(error));
    return d;
}

int reserved(const Document &doc)
{
    return doc.design()
        .componentByName(s("orders-service"))
        ->params.value(s("reservedConcurrency"))
        .toInt();
}

// sqs-lambda without its dead-letter queue, 2 % poison messages, simulated for 30 minutes.
Design queueWithoutDlq()
{
    Document doc;
    doc.replaceDesign(*makePattern(s("sqs-lambda")));
    doc.removeItems({doc.design().componentByName(s("jobs-dlq"))->id});
    QList<Assignment> sets;
    for (const char *text : {"jobs-traffic.poisonShare=0.02", "project.duration=1800"}) {
        Assignment a;
        if (!parseAssignment(s(text), &a).isEmpty())
            qFatal("bad assignment %s", text);
        sets.append(a);
    }
    Design d = doc.design();
    const QString error = applyAssignments(&d, sets);
    if (!error.isEmpty())
        qFatal("%s", qPrintable(error));
    return d;
}

// api-lambda under an 8x burst for two minutes (120-240 s), simulated for 10 minutes: its
// synchronous function, capped at 50 by the database's connections, throttles the burst, and
// the advisor proposes the queue pattern (a structural fix).
Design burstDesign()
{
    Design d = *makePattern(s("api-lambda"));
    QList<Assignment> sets;
    for (const char *text : {"orders-traffic.pattern=spike", "orders-traffic.spikeStart=120",
                             "orders-traffic.spikeDuration=120", "orders-traffic.spikeMultiplier=8",
                             "project.duration=600"}) {
        Assignment a;
        if (!parseAssignment(s(text), &a).isEmpty())
            qFatal("bad assignment %s", text);
        sets.append(a);
    }
    const QString error = applyAssignments(&d, sets);
    if (!error.isEmpty())
        qFatal("%s", qPrintable(error));
    return d;
}

// The kinds of the wires from `from` to `to`, by kind id.
QStringList wireKinds(const Design &d, const char *from, const char *to)
{
    QStringList kinds;
    const Component *a = d.componentByName(s(from));
    const Component *b = d.componentByName(s(to));
    if (!a || !b)
        return kinds;
    for (const Connection *w : d.outgoing(a->id))
        if (w->target == b->id)
            kinds.append(connectionKindId(w->kind));
    return kinds;
}

// Shows `w` with the Advisor dock raised and clicks Diagnose; waits for the advice. QVERIFY
// inside: the caller checks QTest::currentTestFailed().
void diagnoseIn(MainWindow &w, QDockWidget **dock, AdvisorPanel **panel)
{
    test::showActive(w);
    if (QTest::currentTestFailed())
        return;
    *dock = w.findChild<QDockWidget *>(s("advisorDock"));
    QVERIFY(*dock);
    (*dock)->show();
    (*dock)->raise();
    *panel = qobject_cast<AdvisorPanel *>((*dock)->widget());
    QVERIFY(*panel);
    QTRY_VERIFY((*panel)->isVisible());
    QTest::mouseClick((*panel)->diagnoseButton(), Qt::LeftButton);
    QVERIFY((*panel)->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!(*panel)->isBusy(), 120000);
}

// The index of the fix answering `rule` in the panel's advice; -1 when none.
qsizetype fixIndex(const AdvisorPanel &panel, const QString &rule)
{
    for (qsizetype i = 0; i < panel.advice().fixes.size(); ++i)
        if (panel.advice().fixes.at(i).rule == rule)
            return i;
    return -1;
}

} // namespace

class TestAdvisorPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(s("tst_ui_advisorpanel")); }
    void init() { test::resetGuiTestState(); }

    void applyIsOneUndoStep()
    {
        MainWindow w(test::pricing());
        w.document()->replaceDesign(throttledDesign());
        QDockWidget *dock = nullptr;
        AdvisorPanel *panel = nullptr;
        diagnoseIn(w, &dock, &panel);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(!panel->advice().diagnoses.isEmpty(), qPrintable(panel->statusText()));
        QCOMPARE(panel->advice().diagnoses.first().rule, s("lambda-throttling"));
        QVERIFY(panel->diagnosisCards().first()->text().contains(s("orders-service is throttled")));
        QVERIFY(panel->fixCards().first()->text().contains(s("verified")));
        QVERIFY(panel->advice().fixes.first().verified);
        QPushButton *apply = panel->applyButton(0);
        QVERIFY(apply && apply->isEnabled());
        QVERIFY(!panel->compareButton(0)); // parameters only: nothing to compare as a pattern

        const int steps = w.document()->undoStack()->count();
        const int target = panel->advice().fixes.first().changes.first().to.toInt();
        QVERIFY(target > 5);
        QTest::mouseClick(apply, Qt::LeftButton);
        QCOMPARE(reserved(*w.document()), target);
        QCOMPARE(w.document()->undoStack()->count(), steps + 1);
        QVERIFY(w.document()->undoStack()->undoText().contains(s("Apply fix")));
        QVERIFY(!apply->isEnabled()); // the advice is about the design before the fix
        QVERIFY(panel->statusText().contains(s("Applied")));

        // Ctrl+Z from the window: the whole fix goes in one step.
        QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(reserved(*w.document()), 5);
        QCOMPARE(w.document()->undoStack()->count(), steps + 1);
        QCOMPARE(w.document()->undoStack()->index(), steps);

        // For a person to look at: the dock floated at a readable size, advice shown again.
        QTest::mouseClick(panel->diagnoseButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), 120000);
        dock->setFloating(true);
        dock->resize(460, 820);
        QTest::qWait(100);
        const QString dir = qEnvironmentVariable("SWB_SCREENSHOT_DIR", s("/tmp"));
        QVERIFY(dock->grab().save(dir + s("/swb-advisor.png")));
    }

    // A structural fix (a new dead-letter queue and its redrive wire): Apply adds both as one
    // undo step, beside the queue on the canvas; Ctrl+Z removes both.
    void structuralFixIsOneUndoStep()
    {
        MainWindow w(test::pricing());
        w.document()->replaceDesign(queueWithoutDlq());
        QDockWidget *dock = nullptr;
        AdvisorPanel *panel = nullptr;
        diagnoseIn(w, &dock, &panel);
        if (QTest::currentTestFailed())
            return;
        const qsizetype index = fixIndex(*panel, s("sqs-no-dlq"));
        QVERIFY2(index >= 0, qPrintable(panel->statusText()));
        QVERIFY(panel->fixCards().at(index)->text().contains(s("add SQS queue")));
        // Lost and dead-lettered apart: the fix sets the poison messages aside, loses none.
        QVERIFY2(panel->fixCards().at(index)->text().contains(s(", 0 lost, ")),
                 qPrintable(panel->fixCards().at(index)->text()));
        // Compare first: the design as it is and as the fix makes it, run side by side; the
        // design itself does not change.
        QPushButton *compare = panel->compareButton(int(index));
        QVERIFY(compare && compare->isEnabled());
        const int before = w.document()->undoStack()->count();
        QTest::mouseClick(compare, Qt::LeftButton);
        auto *compareWindow = w.findChild<CompareWindow *>(s("compareWindow"));
        QVERIFY(compareWindow && compareWindow->isVisible());
        QCOMPARE(compareWindow->designCount(), 2);
        QVERIFY(compareWindow->runner()->isRunning());
        QCOMPARE(w.document()->undoStack()->count(), before);
        QVERIFY(!w.document()->design().componentByName(s("jobs-queue-dlq")));
        compareWindow->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!compareWindow->runner()->isRunning(), 60000);
        compareWindow->close();
        QPushButton *apply = panel->applyButton(int(index));
        QVERIFY(apply && apply->isEnabled());
        const int blocks = int(w.document()->design().components.size());
        const int wires = int(w.document()->design().connections.size());
        const int steps = w.document()->undoStack()->count();
        QTest::mouseClick(apply, Qt::LeftButton);
        const Component *dlq = w.document()->design().componentByName(s("jobs-queue-dlq"));
        QVERIFY(dlq);
        QCOMPARE(int(w.document()->design().components.size()), blocks + 1);
        QCOMPARE(int(w.document()->design().connections.size()), wires + 1);
        QCOMPARE(w.document()->undoStack()->count(), steps + 1);
        // Beside the queue, on a free place.
        const QPointF queue = w.document()->design().componentByName(s("jobs-queue"))->position;
        QVERIFY(QLineF(queue, dlq->position).length() < 400);
        for (const Component &c : w.document()->design().components)
            QVERIFY(c.id == dlq->id || QLineF(c.position, dlq->position).length() >= 100);
        QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(!w.document()->design().componentByName(s("jobs-queue-dlq")));
        QCOMPARE(int(w.document()->design().components.size()), blocks);
        QCOMPARE(int(w.document()->design().connections.size()), wires);
        QCOMPARE(w.document()->undoStack()->index(), steps);

        // For a person to look at: the advice with a structural fix.
        QTest::mouseClick(panel->diagnoseButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), 120000);
        dock->setFloating(true);
        dock->resize(460, 820);
        QTest::qWait(100);
        const QString dir = qEnvironmentVariable("SWB_SCREENSHOT_DIR", s("/tmp"));
        QVERIFY(dock->grab().save(dir + s("/swb-advisor-dlq.png")));
    }

    // The queue pattern for a synchronous API throttled in bursts: Compare opens the Compare
    // window with the design as it is and as the fix makes it, runs both on the design's own
    // traffic (the burst shows in the first, not the second), and leaves the design
    // untouched; Apply replaces the API's sync wire by a queue and its two wires as one undo
    // step; Ctrl+Z restores the sync wire. The dock and the Compare window are saved as
    // swb-advisor-sync-burst.png and swb-compare-queue-pattern.png for a person to look at.
    void syncBurstFixComparesThenAppliesAsOneStep()
    {
        MainWindow w(test::pricing());
        w.document()->replaceDesign(burstDesign());
        QDockWidget *dock = nullptr;
        AdvisorPanel *panel = nullptr;
        diagnoseIn(w, &dock, &panel);
        if (QTest::currentTestFailed())
            return;
        const qsizetype index = fixIndex(*panel, s("sync-burst-throttling"));
        QVERIFY2(index >= 0, qPrintable(panel->statusText()));
        const Fix fix = panel->advice().fixes.at(index);
        QVERIFY2(fix.verified, qPrintable(fix.verdict));
        QVERIFY(panel->fixCards().at(index)->text().contains(s("add SQS queue")));
        const QString dir = qEnvironmentVariable("SWB_SCREENSHOT_DIR", s("/tmp"));

        // Compare: both designs in the window, run on the same traffic; the document unchanged.
        const Design before = w.document()->design();
        const int steps = w.document()->undoStack()->count();
        QPushButton *compare = panel->compareButton(int(index));
        QVERIFY(compare && compare->isEnabled());
        QTest::mouseClick(compare, Qt::LeftButton);
        auto *compareWindow = w.findChild<CompareWindow *>(s("compareWindow"));
        QVERIFY(compareWindow && compareWindow->isVisible());
        QCOMPARE(compareWindow->designCount(), 2);
        QCOMPARE(w.document()->undoStack()->count(), steps);
        QVERIFY(!w.document()->design().componentByName(s("orders-service-queue")));
        QCOMPARE(wireKinds(w.document()->design(), "orders-api", "orders-service"),
                 QStringList{s("sync-invoke")});
        QTRY_VERIFY_WITH_TIMEOUT(!compareWindow->runner()->isRunning(), 120000);
        const QList<ComparisonRow> rows = compareWindow->results()->rows();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(1).name, fix.title);
        QVERIFY2(rows.at(0).ok && rows.at(1).ok,
                 qPrintable(rows.at(0).error + s(" / ") + rows.at(1).error));
        // Run on the design's own traffic (its burst), not the window's default 100 req/s
        // Poisson profile: the design throttles the burst, the queue pattern does not.
        QVERIFY2(rows.at(0).headline.throttles > 1000,
                 qPrintable(QString::number(rows.at(0).headline.throttles)));
        QVERIFY(rows.at(1).headline.throttles < 0.01 * rows.at(0).headline.throttles + 1);
        compareWindow->resize(1100, 800);
        QTest::qWait(200);
        QVERIFY(compareWindow->grab().save(dir + s("/swb-compare-queue-pattern.png")));
        compareWindow->close();
        QCOMPARE(w.document()->undoStack()->count(), steps);
        // Back to the main window, as a user clicking on it: Ctrl+Z goes to the active window.
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));

        // Apply: the queue and its wires in one step, the sync wire gone.
        QPushButton *apply = panel->applyButton(int(index));
        QVERIFY(apply && apply->isEnabled());
        QTest::mouseClick(apply, Qt::LeftButton);
        const Design &applied = w.document()->design();
        QVERIFY(applied.componentByName(s("orders-service-queue")));
        QCOMPARE(int(applied.components.size()), int(before.components.size()) + 1);
        QVERIFY(wireKinds(applied, "orders-api", "orders-service").isEmpty());
        QCOMPARE(wireKinds(applied, "orders-api", "orders-service-queue"),
                 QStringList{s("service-integration")});
        QCOMPARE(wireKinds(applied, "orders-service-queue", "orders-service"),
                 QStringList{s("event-source-mapping")});
        QCOMPARE(w.document()->undoStack()->count(), steps + 1);

        // Ctrl+Z: the design as before, the sync wire back.
        QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier);
        const Design &undone = w.document()->design();
        QVERIFY(!undone.componentByName(s("orders-service-queue")));
        QCOMPARE(int(undone.components.size()), int(before.components.size()));
        QCOMPARE(int(undone.connections.size()), int(before.connections.size()));
        QCOMPARE(wireKinds(undone, "orders-api", "orders-service"), QStringList{s("sync-invoke")});
        QCOMPARE(w.document()->undoStack()->index(), steps);

        // For a person to look at: the advice with the queue-pattern fix.
        QTest::mouseClick(panel->diagnoseButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), 120000);
        dock->setFloating(true);
        dock->resize(460, 820);
        QTest::qWait(100);
        QVERIFY(dock->grab().save(dir + s("/swb-advisor-sync-burst.png")));
    }
};

QTEST_MAIN(TestAdvisorPanel)
#include "advisorpanel.moc"
