// The Advisor dock with real mouse and key events: Diagnose on a throttled design lists the
// diagnosis and a verified fix; Apply changes the design as one undo step, and Ctrl+Z takes it
// back. The dock is saved to $SWB_SCREENSHOT_DIR (default /tmp) as swb-advisor.png for a person
// to look at.

#include "mainwindowtestutil.h"

#include "model/assignment.h"
#include "model/document.h"
#include "model/patterns.h"
#include "ui/advisor/advisorpanel.h"
#include "ui/mainwindow.h"

#include <QDockWidget>
#include <QPushButton>
#include <QTest>
#include <QLabel>
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
        test::showActive(w);
        if (QTest::currentTestFailed())
            return;
        auto *dock = w.findChild<QDockWidget *>(s("advisorDock"));
        QVERIFY(dock);
        dock->show();
        dock->raise();
        auto *panel = qobject_cast<AdvisorPanel *>(dock->widget());
        QVERIFY(panel);
        QTRY_VERIFY(panel->isVisible());

        QTest::mouseClick(panel->diagnoseButton(), Qt::LeftButton);
        QVERIFY(panel->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), 120000);
        QVERIFY2(!panel->advice().diagnoses.isEmpty(), qPrintable(panel->statusText()));
        QCOMPARE(panel->advice().diagnoses.first().rule, s("lambda-throttling"));
        QVERIFY(panel->diagnosisCards().first()->text().contains(s("orders-service is throttled")));
        QVERIFY(panel->fixCards().first()->text().contains(s("verified")));
        QVERIFY(panel->advice().fixes.first().verified);
        QPushButton *apply = panel->applyButton(0);
        QVERIFY(apply && apply->isEnabled());

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
};

QTEST_MAIN(TestAdvisorPanel)
#include "advisorpanel.moc"
