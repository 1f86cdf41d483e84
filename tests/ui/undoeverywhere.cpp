// Undo and redo from anywhere in the window, with real key and mouse events: Ctrl+Z inside a
// focused inspector field first commits what was typed, then takes the last edit back (so the
// typed value is undone and can be redone); after Enter it undoes the committed value; a
// search field undoes its own typing first and then the design's history.

#include "mainwindowtestutil.h"
#include "model/document.h"
#include "ui/docks/inspectordock.h"
#include "ui/docks/palettedock.h"
#include "ui/docks/parametereditor.h"
#include "ui/canvas/diagramscene.h"
#include "ui/mainwindow.h"

#include <QLineEdit>
#include <QTest>

using namespace swb;

namespace {

qlonglong memoryOf(const Document *doc, ComponentId id)
{
    return doc->design().component(id)->params.value(QStringLiteral("memory")).toLongLong();
}

} // namespace

class TestUndoEverywhere : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_undoeverywhere")); }
    void init() { test::resetGuiTestState(); }

    void ctrlZInsideAnInspectorField()
    {
        MainWindow w(test::pricing());
        test::showActive(w);
        QVERIFY(!QTest::currentTestFailed());
        Document *doc = w.document();
        const ComponentId fn = doc->addComponent(ComponentKind::Lambda, {0, 0});
        w.scene()->selectItems({fn});
        ParameterEditor *memory = w.inspectorDock()->editor(QStringLiteral("memory"));
        QVERIFY(memory);
        auto *field = qobject_cast<QLineEdit *>(memory->inputWidget());
        QVERIFY(field);
        const qlonglong before = memoryOf(doc, fn);

        // Typed, not confirmed: Ctrl+Z commits it and takes it back; Ctrl+Shift+Z redoes it.
        QTest::mouseClick(field, Qt::LeftButton);
        QVERIFY(field->hasFocus());
        QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(field, QStringLiteral("1024"));
        QCOMPARE(memoryOf(doc, fn), before);
        QTest::keyClick(field, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(memoryOf(doc, fn), before);
        QCOMPARE(field->text(), QStringLiteral("%1 MB").arg(before));
        QVERIFY(doc->undoStack()->canRedo());
        QVERIFY(doc->undoStack()->redoText().contains(QLatin1String("Memory")));
        QTest::keyClick(field, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(memoryOf(doc, fn), 1024LL);
        QCOMPARE(field->text(), QStringLiteral("1 GB")); // the typed 1024 (MB) in human units

        // Confirmed with Enter: Ctrl+Z in the still-focused field undoes it.
        QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(field, QStringLiteral("2048"));
        QTest::keyClick(field, Qt::Key_Return);
        QCOMPARE(memoryOf(doc, fn), 2048LL);
        QVERIFY(field->hasFocus());
        QTest::keyClick(field, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(memoryOf(doc, fn), 1024LL);
        QTest::keyClick(field, Qt::Key_Y, Qt::ControlModifier); // Ctrl+Y redoes too
        QCOMPARE(memoryOf(doc, fn), 2048LL);
    }

    void searchFieldUndoesItsTypingFirst()
    {
        MainWindow w(test::pricing());
        test::showActive(w);
        QVERIFY(!QTest::currentTestFailed());
        Document *doc = w.document();
        doc->addComponent(ComponentKind::Lambda, {0, 0});
        QLineEdit *search = w.paletteDock()->searchField();
        QTest::mouseClick(search, Qt::LeftButton);
        QTest::keyClicks(search, QStringLiteral("sq"));
        QTest::keyClick(search, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(search->text().isEmpty());            // the field's own typing first ...
        QCOMPARE(doc->design().components.size(), 1); // ... the design untouched
        QTest::keyClick(search, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(doc->design().components.size(), 0); // then the design's history
    }
};

QTEST_MAIN(TestUndoEverywhere)
#include "undoeverywhere.moc"
