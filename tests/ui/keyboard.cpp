// The canvas from the keyboard alone, with real key events sent where the focus is: the SQS ->
// Lambda pattern with a DLQ built, wired, set and saved without the mouse; Tab and arrows walk
// the blocks with a focus ring; arrows nudge (Shift: five steps) as one undo step per run;
// Enter opens the inspector; F2 renames; the Menu key and Shift+F10 open the context menu.

#include "mainwindowtestutil.h"
#include "model/document.h"
#include "model/projectfile.h"
#include "ui/canvas/blockitem.h"
#include "ui/canvas/connectdialog.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"
#include "ui/docks/inspectordock.h"
#include "ui/docks/parametereditor.h"
#include "ui/mainwindow.h"

#include <QLineEdit>
#include <QMenu>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace swb;

namespace {

// A key press where the keyboard focus is, as the window system would deliver it.
void press(Qt::Key key, Qt::KeyboardModifiers mods = {})
{
    QWidget *focus = QApplication::focusWidget();
    QVERIFY2(focus, "nothing has the keyboard focus");
    QTest::keyClick(focus, key, mods);
}

void type(const QString &text)
{
    QWidget *focus = QApplication::focusWidget();
    QVERIFY2(focus, "nothing has the keyboard focus");
    QTest::keyClicks(focus, text);
}

void showAndActivate(MainWindow &w)
{
    test::showActive(w);
    w.view()->setFocus(Qt::OtherFocusReason);
}

// Adds a block the keyboard way: Ctrl+B, its name in the palette search, Enter.
ComponentId addByKeyboard(MainWindow &w, const QString &search)
{
    const QList<ComponentId> before = w.document()->design().components.keys();
    press(Qt::Key_B, Qt::ControlModifier);
    type(search);
    press(Qt::Key_Return);
    for (ComponentId id : w.document()->design().components.keys()) {
        if (!before.contains(id))
            return id;
    }
    return InvalidId;
}

// Tab until the block is the current one (at most once round all blocks).
bool tabTo(MainWindow &w, ComponentId id)
{
    for (int i = 0; i <= w.document()->design().components.size(); ++i) {
        if (w.scene()->currentComponent() == id)
            return true;
        press(Qt::Key_Tab);
    }
    return w.scene()->currentComponent() == id;
}

// Ctrl+K, the target's name in the filter, then Enter on the row whose wire text contains
// `wire`, moving with Down. The keys go to the dialog's filter field, which has the focus when
// it opens (the offscreen platform does not activate a dialog's window by itself).
void connectByKeyboard(MainWindow &w, const QString &target, const QString &wire, bool *done)
{
    *done = false;
    test::whenModalAppears(
        [](QWidget *m) { return qobject_cast<ConnectDialog *>(m); },
        [target, wire, done](QWidget *m) {
            auto *dialog = static_cast<ConnectDialog *>(m);
            QLineEdit *filter = dialog->filterField();
            QTest::keyClicks(filter, target);
            QTreeWidget *list = dialog->list();
            for (int i = 0; i < list->topLevelItemCount(); ++i) {
                if (list->currentItem() && list->currentItem()->text(1).contains(wire))
                    break;
                QTest::keyClick(filter, Qt::Key_Down);
            }
            *done = list->currentItem() && list->currentItem()->text(1).contains(wire);
            QTest::keyClick(filter, Qt::Key_Return);
        },
        done);
    press(Qt::Key_K, Qt::ControlModifier);
    // The window manager gives the activation back to the window when the dialog closes; the
    // offscreen platform does not.
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
}

} // namespace

class TestKeyboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_keyboard")); }
    void init() { test::resetGuiTestState(); }

    void buildSqsLambdaWithDlqFromTheKeyboard()
    {
        MainWindow w(test::pricing());
        test::ScriptedPrompter *prompter = test::installScriptedPrompter(w);
        showAndActivate(w);
        Document *doc = w.document();

        const ComponentId queue = addByKeyboard(w, QStringLiteral("sqs"));
        const ComponentId fn = addByKeyboard(w, QStringLiteral("lambda"));
        const ComponentId dlq = addByKeyboard(w, QStringLiteral("sqs"));
        QVERIFY(queue != InvalidId && fn != InvalidId && dlq != InvalidId);
        QCOMPARE(doc->design().component(queue)->kind, ComponentKind::SqsQueue);
        QCOMPARE(doc->design().component(fn)->kind, ComponentKind::Lambda);
        QVERIFY(w.view()->hasFocus()); // each add hands the keyboard back to the canvas
        const QString fnName = doc->design().component(fn)->name;
        const QString dlqName = doc->design().component(dlq)->name;

        // Select the queue, wire it to the function (its mapping) and to the DLQ (redrive).
        QVERIFY(tabTo(w, queue));
        QCOMPARE(w.scene()->selectedComponents(), QList<ComponentId>{queue});
        bool done = false;
        connectByKeyboard(w, fnName, QStringLiteral("event source mapping"), &done);
        QVERIFY(done);
        QCOMPARE(w.scene()->currentComponent(), queue); // still the source, for the next wire
        connectByKeyboard(w, dlqName, QStringLiteral("redrive"), &done);
        QVERIFY(done);
        QList<ConnectionKind> kinds;
        for (const Connection &c : doc->design().connections) {
            QCOMPARE(c.source, queue);
            kinds.append(c.kind);
        }
        QCOMPARE(kinds.size(), 2);
        QVERIFY(kinds.contains(ConnectionKind::EventSourceMapping));
        QVERIFY(kinds.contains(ConnectionKind::Redrive));

        // Set the function's memory: select it, Enter, Tab to Memory, type, Enter.
        QVERIFY(tabTo(w, fn));
        press(Qt::Key_Return);
        InspectorDock *inspector = w.inspectorDock();
        QCOMPARE(inspector->currentId(), fn);
        QCOMPARE(QApplication::focusWidget(), inspector->nameEdit());
        ParameterEditor *memory = inspector->editor(QStringLiteral("memory"));
        QVERIFY(memory);
        for (int i = 0; i < 30 && QApplication::focusWidget() != memory->inputWidget(); ++i)
            press(Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), memory->inputWidget());
        press(Qt::Key_A, Qt::ControlModifier);
        type(QStringLiteral("512"));
        press(Qt::Key_Return);
        QCOMPARE(doc->design().component(fn)->params.value(QStringLiteral("memory")).toLongLong(),
                 512LL);
        press(Qt::Key_Escape); // back to the canvas
        QVERIFY(w.view()->hasFocus());

        // Save (the file dialog is scripted), and the file holds what was built.
        QTemporaryDir dir;
        prompter->savePath = dir.filePath(QStringLiteral("jobs.swb"));
        press(Qt::Key_S, Qt::ControlModifier);
        QVERIFY(!doc->isModified());
        ProjectFile format;
        std::optional<Design> saved = Design();
        QVERIFY2(format.read(prompter->savePath, &*saved), qPrintable(format.errorString()));
        QCOMPARE(saved->components.size(), 3);
        QCOMPARE(saved->connections.size(), 2);
        QCOMPARE(saved->component(fn)->params.value(QStringLiteral("memory")).toLongLong(), 512LL);
    }

    void tabAndArrowsWalkTheBlocksWithAFocusRing()
    {
        MainWindow w(test::pricing());
        showAndActivate(w);
        Document *doc = w.document();
        // A 2 x 2 grid: a b / c d.
        const ComponentId a = doc->addComponent(ComponentKind::Lambda, {0, 0}, QStringLiteral("a"));
        const ComponentId b =
            doc->addComponent(ComponentKind::Lambda, {300, 0}, QStringLiteral("b"));
        const ComponentId c =
            doc->addComponent(ComponentKind::Lambda, {0, 200}, QStringLiteral("c"));
        const ComponentId d =
            doc->addComponent(ComponentKind::Lambda, {300, 200}, QStringLiteral("d"));
        w.scene()->selectItems({});
        w.view()->setFocus();
        press(Qt::Key_Tab);
        QCOMPARE(w.scene()->currentComponent(), a);
        QVERIFY(w.scene()->blockItem(a)->hasFocusRing());
        QVERIFY(w.view()->hasFocus()); // Tab stayed on the canvas
        press(Qt::Key_Tab);
        QCOMPARE(w.scene()->currentComponent(), b);
        QVERIFY(!w.scene()->blockItem(a)->hasFocusRing());
        QVERIFY(w.scene()->blockItem(b)->hasFocusRing());
        press(Qt::Key_Tab);
        QCOMPARE(w.scene()->currentComponent(), c); // reading order: next row
        press(Qt::Key_Tab, Qt::ShiftModifier);
        QCOMPARE(w.scene()->currentComponent(), b);
        // Alt+arrows go to the neighbour that way (the selection follows).
        press(Qt::Key_Down, Qt::AltModifier);
        QCOMPARE(w.scene()->currentComponent(), d);
        press(Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(w.scene()->currentComponent(), c);
        QCOMPARE(w.scene()->selectedComponents(), QList<ComponentId>{c});
        // With nothing selected, plain arrows walk too.
        press(Qt::Key_Escape);
        QVERIFY(w.scene()->selectedComponents().isEmpty());
        press(Qt::Key_Up);
        QCOMPARE(w.scene()->currentComponent(), a);
        // The ring goes when the canvas loses the focus, and comes back with it.
        press(Qt::Key_Tab, Qt::ControlModifier);
        QVERIFY(!w.view()->hasFocus());
        QVERIFY(!w.scene()->blockItem(a)->hasFocusRing());
        w.view()->setFocus(Qt::TabFocusReason);
        QVERIFY(w.scene()->blockItem(a)->hasFocusRing());
    }

    void arrowsNudgeAsOneUndoStep()
    {
        MainWindow w(test::pricing());
        showAndActivate(w);
        Document *doc = w.document();
        const ComponentId a = doc->addComponent(ComponentKind::Lambda, {100, 100});
        const ComponentId b = doc->addComponent(ComponentKind::Lambda, {400, 100});
        w.scene()->selectItems({a, b});
        w.view()->setFocus();
        const int steps = doc->undoStack()->count();
        press(Qt::Key_Right);
        press(Qt::Key_Right);
        press(Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(doc->design().component(a)->position, QPointF(120, 150));
        QCOMPARE(doc->design().component(b)->position, QPointF(420, 150));
        QCOMPARE(doc->undoStack()->count(), steps + 1); // the run is one step
        press(Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(doc->design().component(a)->position, QPointF(100, 100));
        QCOMPARE(doc->design().component(b)->position, QPointF(400, 100));
        // After an undo, a new run is a new step.
        press(Qt::Key_Left);
        QCOMPARE(doc->design().component(a)->position, QPointF(90, 100));
        QCOMPARE(doc->undoStack()->count(), steps + 1);
        QCOMPARE(doc->undoStack()->index(), steps + 1);
    }

    void f2RenamesAndMenuKeysOpenTheContextMenu()
    {
        MainWindow w(test::pricing());
        showAndActivate(w);
        Document *doc = w.document();
        const ComponentId a = doc->addComponent(ComponentKind::SqsQueue, {0, 0});
        w.scene()->setCurrentComponent(a);
        w.view()->setFocus();
        press(Qt::Key_F2);
        QVERIFY(w.scene()->isRenaming());
        press(Qt::Key_A, Qt::ControlModifier);
        type(QStringLiteral("orders"));
        press(Qt::Key_Return);
        QCOMPARE(doc->design().component(a)->name, QStringLiteral("orders"));
        QVERIFY(!w.scene()->isRenaming());

        for (const auto &[key, mods] :
             {std::pair{Qt::Key_F10, Qt::KeyboardModifiers(Qt::ShiftModifier)},
              std::pair{Qt::Key_Menu, Qt::KeyboardModifiers()}}) {
            QStringList entries;
            bool seen = false;
            auto *poll = new QTimer(&w);
            poll->setInterval(20);
            QObject::connect(poll, &QTimer::timeout, [&seen, &entries, poll] {
                auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
                if (!menu)
                    return;
                seen = true;
                for (QAction *action : menu->actions())
                    entries.append(action->objectName());
                menu->close();
                poll->deleteLater();
            });
            poll->start();
            w.activateWindow(); // the last popup took the activation
            QVERIFY(QTest::qWaitForWindowActive(&w));
            w.view()->setFocus();
            press(key, mods);
            QTRY_VERIFY(seen);
            QTRY_VERIFY(!QApplication::activePopupWidget());
            for (const char *name : {"actionInspect", "actionRename", "actionConnectTo",
                                     "actionDelete", "actionDuplicate"})
                QVERIFY2(entries.contains(QLatin1String(name)), name);
        }
        // Ctrl+D duplicates, Delete deletes: one undo step each.
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        w.view()->setFocus();
        press(Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(doc->design().components.size(), 2);
        press(Qt::Key_Delete);
        QCOMPARE(doc->design().components.size(), 1);
    }
};

QTEST_MAIN(TestKeyboard)
#include "keyboard.moc"
