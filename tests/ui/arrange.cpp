// Arranging the design in the main window with real key events: Ctrl+Shift+L lays the whole
// design out as one undo step and refits the view and the Overview; Ctrl+Z puts the blocks back
// and brings them into view; Ctrl+Alt+L lays out only the selected blocks, clear of the others.

#include "../layoutfixtures.h"
#include "mainwindowtestutil.h"
#include "model/document.h"
#include "model/layout.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"
#include "ui/canvas/minimapview.h"
#include "ui/mainwindow.h"

#include <QTest>

using namespace swb;

namespace {

QRectF visibleRect(const DiagramView *view)
{
    return view->mapToScene(view->viewport()->rect()).boundingRect();
}

void showAndActivate(MainWindow &w)
{
    test::showActive(w);
    w.view()->setFocus();
}

int overlaps(const QList<QRectF> &rects)
{
    int n = 0;
    for (int i = 0; i < rects.size(); ++i) {
        for (int j = i + 1; j < rects.size(); ++j)
            n += rects[i].intersects(rects[j]);
    }
    return n;
}

} // namespace

class TestArrange : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_arrange")); }
    void init() { test::resetGuiTestState(); }

    void autoLayoutRefitsAndUndoRevealsTheBlocks()
    {
        MainWindow w(test::pricing());
        showAndActivate(w);
        Document *doc = w.document();
        testing::buildFortyBlocks(doc); // every block at the origin
        const Design before = doc->design();
        const int steps = doc->undoStack()->count();
        // Look somewhere else first, so the refit is visible.
        w.view()->centerOn(QPointF(-5000, -5000));
        QTest::keyClick(w.view(), Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(doc->undoStack()->count(), steps + 1);
        QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Auto-layout"));
        const QHash<ComponentId, QPointF> expected = autoLayout(before);
        for (auto it = expected.cbegin(); it != expected.cend(); ++it)
            QCOMPARE(doc->design().component(it.key())->position, it.value());
        QCOMPARE(overlaps(w.scene()->blockRects()), 0);
        // The whole design in view, and the Overview fitted to it.
        const QRectF content = w.scene()->itemsBoundingRectWithMargin();
        QVERIFY(visibleRect(w.view()).contains(content.adjusted(1, 1, -1, -1)));
        auto *minimap = w.findChild<MinimapView *>();
        QVERIFY(minimap);
        QCOMPARE(minimap->sceneRect(), content);

        // Undo: the blocks go back to the origin, and the view follows them there.
        w.view()->centerOn(QPointF(8000, 8000));
        QTest::keyClick(w.view(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(doc->design(), before);
        QVERIFY(visibleRect(w.view()).contains(w.scene()->blocksRect()));
        // Redo: laid out again and in view.
        w.view()->centerOn(QPointF(-8000, 8000));
        QTest::keyClick(w.view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(doc->design().component(expected.cbegin().key())->position,
                 expected.cbegin().value());
        QVERIFY(visibleRect(w.view()).intersects(w.scene()->blocksRect()));
    }

    void layoutSelectionMovesOnlyTheSelection()
    {
        MainWindow w(test::pricing());
        showAndActivate(w);
        Document *doc = w.document();
        testing::buildFortyBlocks(doc);
        doc->moveComponents(autoLayout(doc->design()));
        const Design laidOut = doc->design();
        // Pile flow 3 up on one spot, then select it and lay it out.
        QList<ComponentId> flow3;
        QHash<ComponentId, QPointF> pile;
        for (const Component &c : laidOut.components) {
            if (c.name.startsWith(QLatin1String("f3-"))) {
                flow3.append(c.id);
                pile.insert(c.id, laidOut.component(flow3.first())->position);
            }
        }
        doc->moveComponents(pile);
        w.scene()->selectItems(flow3);
        const int steps = doc->undoStack()->count();
        QTest::keyClick(w.view(), Qt::Key_L, Qt::ControlModifier | Qt::AltModifier);
        QCOMPARE(doc->undoStack()->count(), steps + 1);
        QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Layout selection"));
        for (const Component &c : doc->design().components) {
            if (!flow3.contains(c.id))
                QCOMPARE(c.position, laidOut.component(c.id)->position);
        }
        QCOMPARE(overlaps(w.scene()->blockRects()), 0);
        QVERIFY(visibleRect(w.view()).contains(w.scene()->blocksRect(flow3)));
    }
};

QTEST_MAIN(TestArrange)
#include "arrange.moc"
