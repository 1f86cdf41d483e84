// GUI tests of the inspector with real mouse and key events: several blocks of one kind edited
// as one undo step, durations and sizes typed and shown in human units (bad units refused with
// the accepted ones named), and settings shown only while they apply.
#include "mainwindowtestutil.h"

#include "model/document.h"
#include "model/parametercatalogue.h"
#include "ui/canvas/blockitem.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"
#include "ui/docks/inspectordock.h"
#include "ui/docks/parametereditor.h"
#include "ui/mainwindow.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QtTest>

using namespace swb;

namespace {

QLineEdit *lineEdit(InspectorDock *inspector, const QString &key)
{
    ParameterEditor *editor = inspector->editor(key);
    return editor ? qobject_cast<QLineEdit *>(editor->inputWidget()) : nullptr;
}

// Replaces the field's text with real key events and presses Enter.
void typeAndEnter(QLineEdit *edit, const QString &text)
{
    QVERIFY(edit);
    QTest::mouseClick(edit, Qt::LeftButton);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

// A click on the block's icon (clear of its name, ports and markers).
void clickBlock(MainWindow &w, ComponentId id, Qt::KeyboardModifiers modifiers = {})
{
    const BlockItem *block = w.scene()->blockItem(id);
    const QPointF at = block->mapToScene(QPointF(24, BlockItem::bodyRect().height() / 2));
    QTest::mouseClick(w.view()->viewport(), Qt::LeftButton, modifiers, w.view()->mapFromScene(at));
}

QVariant param(Document *doc, ComponentId id, const QString &key)
{
    return doc->design().component(id)->params.value(key);
}

bool shown(InspectorDock *inspector, const QString &key)
{
    ParameterEditor *editor = inspector->editor(key);
    return editor && editor->applies() && editor->inputWidget()->isVisibleTo(inspector);
}

} // namespace

class TestInspectorEditing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_inspectorediting"));
    }
    void init() { test::resetGuiTestState(); }

    void blocksOfOneKindAreEditedAsOneUndoStep()
    {
        MainWindow w(test::pricing());
        test::showActive(w);
        Document *doc = w.document();
        const ComponentId a = doc->addComponent(ComponentKind::Lambda, {0, 0});
        const ComponentId b = doc->addComponent(ComponentKind::Lambda, {0, 150});
        const ComponentId c = doc->addComponent(ComponentKind::Lambda, {0, 300});
        const ComponentId queue = doc->addComponent(ComponentKind::SqsQueue, {300, 0});
        const QString timeout = QStringLiteral("timeout");
        QVERIFY(doc->setComponentParam(c, timeout, 10));
        w.view()->resetZoom();
        w.view()->centerOn(w.scene()->blocksRect({a, b, c, queue}).center());

        // Click one, Ctrl+click the others.
        clickBlock(w, a);
        clickBlock(w, b, Qt::ControlModifier);
        clickBlock(w, c, Qt::ControlModifier);
        QCOMPARE(w.scene()->selectedComponents().size(), 3);
        InspectorDock *inspector = w.inspectorDock();
        QCOMPARE(inspector->mode(), InspectorDock::Mode::Multiple);
        QCOMPARE(inspector->editedComponents().size(), 3);
        QCOMPARE(inspector->editors().size(),
                 catalogue::componentParams(ComponentKind::Lambda).size());
        // 3, 3 and 10 s: mixed; the memory all share.
        QVERIFY(inspector->editor(timeout)->isMixed());
        QVERIFY(lineEdit(inspector, timeout)->text().isEmpty());
        QCOMPARE(lineEdit(inspector, QStringLiteral("memory"))->text(), QStringLiteral("128 MB"));

        const int steps = doc->undoStack()->count();
        typeAndEnter(lineEdit(inspector, timeout), QStringLiteral("1 min"));
        for (ComponentId id : {a, b, c})
            QCOMPARE(param(doc, id, timeout), QVariant(60LL));
        QCOMPARE(doc->undoStack()->count(), steps + 1);
        QCOMPARE(doc->undoStack()->undoText(),
                 QStringLiteral("Set Timeout of 3 Lambda functions to 1 min"));
        QCOMPARE(lineEdit(inspector, timeout)->text(), QStringLiteral("1 min"));
        QVERIFY(!inspector->editor(timeout)->isMixed());

        // One Ctrl+Z takes all three back, the odd one to its own value.
        w.view()->setFocus();
        QTest::keyClick(w.view(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(param(doc, a, timeout), QVariant(3LL));
        QCOMPARE(param(doc, b, timeout), QVariant(3LL));
        QCOMPARE(param(doc, c, timeout), QVariant(10LL));
        QVERIFY(inspector->editor(timeout)->isMixed());

        // A value the kind refuses is refused for all, inline, with nothing changed.
        typeAndEnter(lineEdit(inspector, timeout), QStringLiteral("16 min"));
        QVERIFY(inspector->editor(timeout)->hasError());
        QVERIFY(inspector->editor(timeout)->errorText().contains(QStringLiteral("15 min")));
        QCOMPARE(param(doc, a, timeout), QVariant(3LL));
        QCOMPARE(doc->undoStack()->count(), steps + 1); // the undone step, redoable

        // Another kind in the selection: nothing to edit together.
        clickBlock(w, queue, Qt::ControlModifier);
        QCOMPARE(w.scene()->selectedComponents().size(), 4);
        QCOMPARE(inspector->mode(), InspectorDock::Mode::Multiple);
        QVERIFY(inspector->editedComponents().isEmpty());
        QVERIFY(inspector->editors().isEmpty());
    }

    void durationsAndSizesInHumanUnits()
    {
        MainWindow w(test::pricing());
        test::showActive(w);
        Document *doc = w.document();
        const ComponentId queue = doc->addComponent(ComponentKind::SqsQueue, {0, 0});
        w.scene()->selectItems({queue});
        InspectorDock *inspector = w.inspectorDock();
        const QString retention = QStringLiteral("retentionPeriod");
        const QString size = QStringLiteral("maxMessageSize");
        // AWS's defaults, 345600 s and 262144 B, as a user reads them.
        QCOMPARE(lineEdit(inspector, retention)->text(), QStringLiteral("4 d"));
        QCOMPARE(lineEdit(inspector, size)->text(), QStringLiteral("256 KB"));
        QCOMPARE(lineEdit(inspector, QStringLiteral("visibilityTimeout"))->text(),
                 QStringLiteral("30 s"));

        typeAndEnter(lineEdit(inspector, retention), QStringLiteral("7 d"));
        QCOMPARE(param(doc, queue, retention), QVariant(604800LL));
        QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Set Retention period of '%1' to 7 d")
                                                   .arg(doc->design().component(queue)->name));
        typeAndEnter(lineEdit(inspector, QStringLiteral("deliveryDelay")),
                     QStringLiteral("15 min"));
        QCOMPARE(param(doc, queue, QStringLiteral("deliveryDelay")), QVariant(900LL));
        typeAndEnter(lineEdit(inspector, size), QStringLiteral("1 MB"));
        QCOMPARE(param(doc, queue, size), QVariant(1048576LL));
        QCOMPARE(lineEdit(inspector, size)->text(), QStringLiteral("1 MB"));
        typeAndEnter(lineEdit(inspector, retention), QStringLiteral("5400")); // bare: seconds
        QCOMPARE(param(doc, queue, retention), QVariant(5400LL));
        QCOMPARE(lineEdit(inspector, retention)->text(), QStringLiteral("90 min"));

        const Design before = doc->design();
        const int steps = doc->undoStack()->count();
        struct Refusal {
            QString key, text, mentions;
        };
        const QList<Refusal> refusals{
            // A unit of no duration: the accepted units are named.
            {retention, QStringLiteral("2 weeks"), QStringLiteral("ms, s, min, h, d")},
            // A size for a duration.
            {retention, QStringLiteral("4 KB"), QStringLiteral("unknown unit 'KB'")},
            // Beyond AWS's 14 days: the range in both forms.
            {retention, QStringLiteral("15 d"), QStringLiteral("1 min to 14 d")},
            // The setting counts whole seconds.
            {QStringLiteral("visibilityTimeout"), QStringLiteral("1500 ms"),
             QStringLiteral("whole number")},
            {size, QStringLiteral("2 MB"), QStringLiteral("1 KB to 1 MB")},
            {size, QStringLiteral("lots"), QStringLiteral("B, KB, MB, GB")},
        };
        for (const Refusal &r : refusals) {
            typeAndEnter(lineEdit(inspector, r.key), r.text);
            ParameterEditor *editor = inspector->editor(r.key);
            QVERIFY2(editor->hasError(), qPrintable(r.text));
            QVERIFY2(editor->errorText().contains(r.mentions), qPrintable(editor->errorText()));
            QVERIFY(editor->errorLabel()->isVisible());
            QCOMPARE(doc->design(), before);
            QCOMPARE(doc->undoStack()->count(), steps);
        }
    }

    void settingsShowOnlyWhenTheyApply()
    {
        MainWindow w(test::pricing());
        test::showActive(w);
        Document *doc = w.document();
        const ComponentId source = doc->addComponent(ComponentKind::TrafficSource, {0, 0});
        w.scene()->selectItems({source});
        InspectorDock *inspector = w.inspectorDock();
        const QStringList diurnal{QStringLiteral("peakFactor"), QStringLiteral("peakHour")};
        const QStringList spike{QStringLiteral("spikeStart"), QStringLiteral("spikeDuration"),
                                QStringLiteral("spikeMultiplier")};
        // Poisson: neither the diurnal curve nor the spike.
        QVERIFY(shown(inspector, QStringLiteral("rate")));
        for (const QString &key : diurnal + spike)
            QVERIFY2(!shown(inspector, key), qPrintable(key));
        QVERIFY(!shown(inspector, QStringLiteral("replayFile")));

        // Pattern -> diurnal with the keyboard (poisson, constant, diurnal).
        auto *pattern =
            qobject_cast<QComboBox *>(inspector->editor(QStringLiteral("pattern"))->inputWidget());
        pattern->setFocus(Qt::TabFocusReason);
        QTest::keyClick(pattern, Qt::Key_Down);
        QTest::keyClick(pattern, Qt::Key_Down);
        QCOMPARE(param(doc, source, QStringLiteral("pattern")),
                 QVariant(QStringLiteral("diurnal")));
        for (const QString &key : diurnal)
            QVERIFY2(shown(inspector, key), qPrintable(key));
        for (const QString &key : spike)
            QVERIFY2(!shown(inspector, key), qPrintable(key));
        // The peak hour is an hour of the day, not a duration.
        QCOMPARE(lineEdit(inspector, QStringLiteral("peakHour"))->text(), QStringLiteral("14"));

        // Spike shows its three; step its start and multiplier only.
        QTest::keyClick(pattern, Qt::Key_Down);
        for (const QString &key : spike)
            QVERIFY2(shown(inspector, key), qPrintable(key));
        QTest::keyClick(pattern, Qt::Key_Down);
        QCOMPARE(param(doc, source, QStringLiteral("pattern")), QVariant(QStringLiteral("step")));
        QVERIFY(shown(inspector, QStringLiteral("spikeStart")));
        QVERIFY(!shown(inspector, QStringLiteral("spikeDuration")));
        QCOMPARE(lineEdit(inspector, QStringLiteral("spikeStart"))->text(),
                 QStringLiteral("10 min"));

        // Undo back to poisson (constant, diurnal, spike, step: four steps) hides them again;
        // the hidden values are kept.
        w.view()->setFocus();
        for (int i = 0; i < 4; ++i)
            QTest::keyClick(w.view(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(param(doc, source, QStringLiteral("pattern")),
                 QVariant(QStringLiteral("poisson")));
        for (const QString &key : diurnal + spike)
            QVERIFY2(!shown(inspector, key), qPrintable(key));
        QCOMPARE(param(doc, source, QStringLiteral("peakHour")), QVariant(14.0));

        // An SQS queue's message groups exist for FIFO only.
        const ComponentId queue = doc->addComponent(ComponentKind::SqsQueue, {300, 0});
        w.scene()->selectItems({queue});
        QVERIFY(!shown(inspector, QStringLiteral("messageGroups")));
        auto *type =
            qobject_cast<QComboBox *>(inspector->editor(QStringLiteral("type"))->inputWidget());
        type->setFocus(Qt::TabFocusReason);
        QTest::keyClick(type, Qt::Key_Down);
        QCOMPARE(param(doc, queue, QStringLiteral("type")), QVariant(QStringLiteral("FIFO")));
        QVERIFY(shown(inspector, QStringLiteral("messageGroups")));
    }
};

QTEST_MAIN(TestInspectorEditing)
#include "inspectorediting.moc"
