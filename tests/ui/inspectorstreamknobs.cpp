// GUI test of the stream and Step Functions knobs in the inspector: the Kinesis -> Lambda wire's
// Enhanced fan-out checkbox and the Step Functions Task wire's Retriers field (an ASL Retry array),
// set with real mouse and key events; an invalid array is kept as typed and flagged by the
// analysis. Screenshots of both inspectors go to /tmp/swb-inspector-*.png for a person to look at.
#include "mainwindowtestutil.h"

#include "model/analysis.h"
#include "model/document.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"
#include "ui/docks/inspectordock.h"
#include "ui/docks/parametereditor.h"
#include "ui/mainwindow.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QtTest>

using namespace swb;

class TestInspectorStreamKnobs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_inspectorstreamknobs"));
    }
    void init() { test::resetGuiTestState(); }

    void enhancedFanOutCheckbox()
    {
        MainWindow w(test::pricing());
        show(w);
        Document *doc = w.document();
        const ComponentId stream = doc->addComponent(ComponentKind::KinesisStream, {0, 0});
        const ComponentId fn = doc->addComponent(ComponentKind::Lambda, {300, 0});
        const ConnectionId esm =
            doc->connectComponents(stream, fn, ConnectionKind::EventSourceMapping);
        w.scene()->selectItems({}, {esm});
        auto *flag = qobject_cast<QCheckBox *>(
            w.inspectorDock()->editor(QStringLiteral("enhancedFanOut"))->inputWidget());
        QVERIFY(flag);
        QVERIFY(!flag->isChecked()); // AWS default: a standard (shared-throughput) consumer
        QTest::mouseClick(flag, Qt::LeftButton, {}, QPoint(flag->height() / 2, flag->height() / 2));
        QCOMPARE(doc->design().connection(esm)->params.value(QStringLiteral("enhancedFanOut")),
                 QVariant(true));
        QVERIFY(w.inspectorDock()->grab().save(QStringLiteral("/tmp/swb-inspector-efo.png")));
        w.view()->setFocus(); // Ctrl+Z from the canvas undoes the edit
        QTest::keyClick(w.view(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(doc->design().connection(esm)->params.value(QStringLiteral("enhancedFanOut")),
                 QVariant(false));
    }

    void retriersField()
    {
        MainWindow w(test::pricing());
        show(w);
        Document *doc = w.document();
        const ComponentId sm = doc->addComponent(ComponentKind::StepFunctions, {0, 0});
        const ComponentId fn = doc->addComponent(ComponentKind::Lambda, {300, 0});
        const ConnectionId task =
            doc->connectComponents(sm, fn, ConnectionKind::ServiceIntegration);
        w.scene()->selectItems({}, {task});
        auto *edit = qobject_cast<QLineEdit *>(
            w.inspectorDock()->editor(QStringLiteral("retriers"))->inputWidget());
        QVERIFY(edit);
        const QString bad = QStringLiteral(R"([{"ErrorEquals": ["States.ALL"]},)"
                                           R"( {"ErrorEquals": ["Lambda.Unknown"]}])");
        type(edit, bad);
        QCOMPARE(doc->design().connection(task)->params.value(QStringLiteral("retriers")),
                 QVariant(bad));
        bool flagged = false;
        for (const Finding &f : analyze(doc->design()))
            flagged = flagged || f.code == QLatin1String(findingcode::SfnBadRetriers);
        QVERIFY(flagged);
        const QString good =
            QStringLiteral(R"([{"ErrorEquals": ["Lambda.TooManyRequestsException"],)"
                           R"( "IntervalSeconds": 2, "MaxAttempts": 6},)"
                           R"( {"ErrorEquals": ["States.ALL"]}])");
        type(edit, good);
        QCOMPARE(doc->design().connection(task)->params.value(QStringLiteral("retriers")),
                 QVariant(good));
        for (const Finding &f : analyze(doc->design()))
            QVERIFY(f.code != QLatin1String(findingcode::SfnBadRetriers));
        QVERIFY(w.inspectorDock()->grab().save(QStringLiteral("/tmp/swb-inspector-retriers.png")));
    }

private:
    static void show(MainWindow &w)
    {
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
    }
    static void type(QLineEdit *edit, const QString &text)
    {
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
        QTest::keyClick(edit, Qt::Key_Return);
    }
};

QTEST_MAIN(TestInspectorStreamKnobs)
#include "inspectorstreamknobs.moc"
