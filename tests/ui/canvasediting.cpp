// Editing on the canvas with real mouse and keyboard events: palette drop, move with snap as
// one undo step, rubber band, delete and undo, copy/paste/duplicate, rename in place, zoom keys,
// and the scene following the Document's undo/redo.

#include "canvasfixture.h"

#include "model/layout.h"
#include "ui/canvas/canvasmetrics.h"
#include "ui/canvas/mimetypes.h"
#include "ui/canvas/wireitem.h"

#include <QApplication>
#include <QClipboard>
#include <QMimeData>
#include <QSignalSpy>

#include <optional>

using namespace swb;
using namespace swb::test;

class CanvasEditingTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void paletteDropCreatesBlockAtDropPoint()
    {
        CanvasFixture f;
        const QPoint dropAt = f.toView(QPointF(203, 117));
        QMimeData mime;
        mime.setData(QLatin1String(kComponentKindMime), QByteArrayLiteral("lambda"));
        QDragEnterEvent enter(dropAt, Qt::CopyAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(f.viewport(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(dropAt), Qt::CopyAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(f.viewport(), &drop);
        QCOMPARE(f.document->design().components.size(), 1);
        const Component c = f.document->design().components.first();
        QCOMPARE(c.kind, ComponentKind::Lambda);
        // Centred on the drop point, snapped to the 10-unit grid.
        const QPointF expected(std::round((203 - canvas::kBlockWidth / 2) / 10) * 10,
                               std::round((117 - canvas::kBlockHeight / 2) / 10) * 10);
        QCOMPARE(c.position, expected);
        QVERIFY(f.scene->blockItem(c.id));
        QCOMPARE(f.scene->selectedComponents(), QList<ComponentId>{c.id});
        f.document->undoStack()->undo();
        QVERIFY(!f.scene->blockItem(c.id));

        // A payload that is not a block kind is not accepted and creates nothing.
        QMimeData bad;
        bad.setData(QLatin1String(kComponentKindMime), QByteArrayLiteral("s3-bucket"));
        QDragEnterEvent refused(dropAt, Qt::CopyAction, &bad, Qt::LeftButton, {});
        refused.setAccepted(false);
        QApplication::sendEvent(f.viewport(), &refused);
        QVERIFY(!refused.isAccepted());
        QDropEvent badDrop(QPointF(dropAt), Qt::CopyAction, &bad, Qt::LeftButton, {});
        QApplication::sendEvent(f.viewport(), &badDrop);
        QVERIFY(f.document->design().components.isEmpty());
    }

    void moveIsOneUndoStepAndSnaps()
    {
        CanvasFixture f;
        const ComponentId a = f.add(ComponentKind::Lambda, {0, 0}, QStringLiteral("a"));
        const ComponentId b = f.add(ComponentKind::SqsQueue, {0, 200}, QStringLiteral("b"));
        f.showAll();
        const int before = f.document->undoStack()->count();
        // Drag by (123, 57) in many small steps: snapped to (120, 60), one command.
        f.drag(f.centre(a) + QPointF(-30, 10), f.centre(a) + QPointF(93, 67), 12);
        QCOMPARE(f.document->design().component(a)->position, QPointF(120, 60));
        QCOMPARE(f.document->undoStack()->count(), before + 1);
        QCOMPARE(f.document->design().component(b)->position, QPointF(0, 200));

        // Two selected blocks move together, still one step.
        f.scene->selectItems({a, b});
        f.drag(f.centre(b) + QPointF(-30, 10), f.centre(b) + QPointF(-30 + 41, 10 - 19), 5);
        QCOMPARE(f.document->undoStack()->count(), before + 2);
        QCOMPARE(f.document->design().component(a)->position, QPointF(160, 40));
        QCOMPARE(f.document->design().component(b)->position, QPointF(40, 180));

        f.document->undoStack()->undo();
        QCOMPARE(f.document->design().component(a)->position, QPointF(120, 60));
        QCOMPARE(f.scene->blockItem(b)->pos(), QPointF(0, 200));
        f.document->undoStack()->undo();
        QCOMPARE(f.scene->blockItem(a)->pos(), QPointF(0, 0));

        // A click without movement records nothing.
        QTest::mouseClick(f.viewport(), Qt::LeftButton, {}, f.toView(f.centre(a)));
        QCOMPARE(f.document->undoStack()->index(), before);
    }

    void rubberBandSelects()
    {
        CanvasFixture f;
        const ComponentId a = f.add(ComponentKind::Lambda, {0, 0}, QStringLiteral("a"));
        const ComponentId b = f.add(ComponentKind::Lambda, {200, 0}, QStringLiteral("b"));
        f.add(ComponentKind::Lambda, {0, 300}, QStringLiteral("c"));
        f.showAll();
        QSignalSpy spy(f.scene.get(), &DiagramScene::selectionIdsChanged);
        f.drag(QPointF(-50, -50), QPointF(250, 100));
        QCOMPARE(f.scene->selectedComponents(), (QList<ComponentId>{a, b}));
        QVERIFY(spy.count() > 0);
        // Nothing was moved by the band.
        QCOMPARE(f.document->undoStack()->count(), 3);
    }

    void deleteRemovesBlockWithWiresAndUndoRestores()
    {
        CanvasFixture f;
        const ComponentId queue = f.add(ComponentKind::SqsQueue, {0, 0}, QStringLiteral("q"));
        const ComponentId fn = f.add(ComponentKind::Lambda, {300, 0}, QStringLiteral("fn"));
        const ComponentId db = f.add(ComponentKind::Downstream, {600, 0}, QStringLiteral("db"));
        const ConnectionId w1 =
            f.document->connectComponents(queue, fn, ConnectionKind::EventSourceMapping);
        const ConnectionId w2 = f.document->connectComponents(fn, db, ConnectionKind::SyncInvoke);
        f.showAll();
        QTest::mouseClick(f.viewport(), Qt::LeftButton, {}, f.toView(f.centre(fn)));
        QCOMPARE(f.scene->selectedComponents(), QList<ComponentId>{fn});
        const int before = f.document->undoStack()->count();
        QTest::keyClick(f.view.get(), Qt::Key_Delete);
        QVERIFY(!f.document->design().component(fn));
        QVERIFY(f.document->design().connections.isEmpty());
        QVERIFY(!f.scene->blockItem(fn) && !f.scene->wireItem(w1) && !f.scene->wireItem(w2));
        QCOMPARE(f.document->undoStack()->count(), before + 1);
        QTest::keyClick(f.view.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(f.scene->blockItem(fn) && f.scene->wireItem(w1) && f.scene->wireItem(w2));
        QCOMPARE(f.document->design().connections.size(), 2);

        // Backspace deletes a selected wire alone.
        f.scene->selectItems({}, {w2});
        QTest::keyClick(f.view.get(), Qt::Key_Backspace);
        QVERIFY(!f.document->design().connection(w2));
        QVERIFY(f.document->design().connection(w1));
    }

    void copyPasteAndDuplicateMakeNewIdsAndNames()
    {
        CanvasFixture f;
        const ComponentId queue = f.add(ComponentKind::SqsQueue, {0, 0}, QStringLiteral("jobs"));
        const ComponentId fn = f.add(ComponentKind::Lambda, {300, 0}, QStringLiteral("worker"));
        f.document->connectComponents(queue, fn, ConnectionKind::EventSourceMapping);
        QVERIFY(f.document->setComponentParam(fn, QStringLiteral("memory"), 1024));
        f.showAll();
        f.scene->selectItems({queue, fn});
        QTest::keyClick(f.view.get(), Qt::Key_C, Qt::ControlModifier);
        QVERIFY(
            QApplication::clipboard()->mimeData()->hasFormat(QLatin1String(kDesignFragmentMime)));
        const int before = f.document->undoStack()->count();
        QTest::keyClick(f.view.get(), Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(f.document->undoStack()->count(), before + 1);
        const Design &d = f.document->design();
        QCOMPARE(d.components.size(), 4);
        QCOMPARE(d.connections.size(), 2);
        const QList<ComponentId> pasted = f.scene->selectedComponents();
        QCOMPARE(pasted.size(), 2);
        QStringList names;
        for (const Component &c : d.components)
            names.append(c.name);
        names.removeDuplicates();
        QCOMPARE(names.size(), 4);
        // The copies keep their arrangement (one offset for all) and land clear of the
        // originals: the paste step (30, 30) would put them on top, so they move further.
        std::optional<QPointF> offset;
        for (ComponentId id : pasted) {
            QVERIFY(id != queue && id != fn);
            QVERIFY(f.scene->blockItem(id));
            const Component *c = d.component(id);
            const Component *original =
                d.componentByName(c->kind == ComponentKind::Lambda ? QStringLiteral("worker")
                                                                   : QStringLiteral("jobs"));
            if (!offset)
                offset = c->position - original->position;
            QCOMPARE(c->position, original->position + *offset);
            for (ComponentId o : {queue, fn}) {
                QVERIFY(!QRectF(c->position, kBlockSize)
                             .intersects(QRectF(d.component(o)->position, kBlockSize)));
            }
            QCOMPARE(c->params, original->params); // the knobs travel with the copy
        }
        QVERIFY(*offset != QPointF(30, 30));
        // The copied wire joins the two copies.
        QCOMPARE(f.scene->selectedConnections().size(), 1);

        // Duplicate: another two, one undo step, clipboard untouched.
        const QByteArray clip =
            QApplication::clipboard()->mimeData()->data(QLatin1String(kDesignFragmentMime));
        QTest::keyClick(f.view.get(), Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(d.components.size(), 6);
        QCOMPARE(d.connections.size(), 3);
        QCOMPARE(QApplication::clipboard()->mimeData()->data(QLatin1String(kDesignFragmentMime)),
                 clip);
        f.document->undoStack()->undo();
        QCOMPARE(d.components.size(), 4);
    }

    void pasteIntoAnotherDocument()
    {
        CanvasFixture a;
        const ComponentId fn = a.add(ComponentKind::Lambda, {0, 0}, QStringLiteral("worker"));
        a.scene->selectItems({fn});
        a.scene->copySelection();
        CanvasFixture b;
        b.add(ComponentKind::Lambda, {0, 0}, QStringLiteral("worker"));
        b.scene->paste();
        QCOMPARE(b.document->design().components.size(), 2);
        QVERIFY(b.document->design().componentByName(QStringLiteral("worker 2")));
    }

    void malformedClipboardIsReportedNotPasted()
    {
        CanvasFixture f;
        auto *mime = new QMimeData;
        mime->setData(QLatin1String(kDesignFragmentMime), QByteArrayLiteral("{\"components\": ["));
        QApplication::clipboard()->setMimeData(mime);
        QSignalSpy spy(f.scene.get(), &DiagramScene::statusMessage);
        f.scene->paste();
        QVERIFY(f.document->design().components.isEmpty());
        QCOMPARE(spy.count(), 1);
        QVERIFY(spy.last().at(0).toString().startsWith(QStringLiteral("Paste:")));

        // Well-formed JSON with an out-of-range knob names the block and the knob.
        auto *bad = new QMimeData;
        bad->setData(
            QLatin1String(kDesignFragmentMime),
            QByteArrayLiteral("{\"format\":1,\"name\":\"p\",\"nextId\":5,\"components\":[{\"id\":1,"
                              "\"kind\":\"lambda\",\"name\":\"f\",\"x\":0,\"y\":0,"
                              "\"params\":{\"memory\":99999}}]}"));
        QApplication::clipboard()->setMimeData(bad);
        f.scene->paste();
        QVERIFY(f.document->design().components.isEmpty());
        QVERIFY2(spy.last().at(0).toString().contains(QStringLiteral("emory")),
                 qPrintable(spy.last().at(0).toString()));
    }

    void renameInPlace()
    {
        CanvasFixture f;
        const ComponentId fn = f.add(ComponentKind::Lambda, {0, 0}, QStringLiteral("worker"));
        f.add(ComponentKind::Lambda, {0, 200}, QStringLiteral("taken"));
        f.showAll();
        BlockItem *block = f.scene->blockItem(fn);
        const QPointF name = block->mapToScene(block->nameRect().center());
        QTest::mouseDClick(f.viewport(), Qt::LeftButton, {}, f.toView(name));
        QVERIFY(f.scene->isRenaming());
        // The whole name is selected: typing replaces it.
        QTest::keyClicks(f.view.get(), QStringLiteral("taken"));
        QSignalSpy spy(f.scene.get(), &DiagramScene::statusMessage);
        QTest::keyClick(f.view.get(), Qt::Key_Return);
        // Refused with the reason; the editor stays open for a correction.
        QCOMPARE(f.document->design().component(fn)->name, QStringLiteral("worker"));
        QVERIFY(f.scene->isRenaming());
        QVERIFY(spy.last().at(0).toString().contains(QStringLiteral("already called")));
        QTest::keyClicks(f.view.get(), QStringLiteral("2"));
        QTest::keyClick(f.view.get(), Qt::Key_Return);
        QVERIFY(!f.scene->isRenaming());
        QCOMPARE(f.document->design().component(fn)->name, QStringLiteral("taken2"));

        // Escape cancels.
        QTest::mouseDClick(f.viewport(), Qt::LeftButton, {}, f.toView(name));
        QVERIFY(f.scene->isRenaming());
        QTest::keyClicks(f.view.get(), QStringLiteral("zzz"));
        QTest::keyClick(f.view.get(), Qt::Key_Escape);
        QVERIFY(!f.scene->isRenaming());
        QCOMPARE(f.document->design().component(fn)->name, QStringLiteral("taken2"));
        // Undo restores the old name through the scene.
        f.document->undoStack()->undo();
        QCOMPARE(f.document->design().component(fn)->name, QStringLiteral("worker"));
    }

    void zoomKeysAndWheel()
    {
        CanvasFixture f;
        f.add(ComponentKind::Lambda, {0, 0});
        QCOMPARE(f.view->zoom(), 1.0);
        QTest::keyClick(f.view.get(), Qt::Key_Equal, Qt::ControlModifier);
        QCOMPARE(f.view->zoom(), 1.25);
        QTest::keyClick(f.view.get(), Qt::Key_Minus, Qt::ControlModifier);
        QTest::keyClick(f.view.get(), Qt::Key_Minus, Qt::ControlModifier);
        QCOMPARE(f.view->zoom(), 0.8);
        QTest::keyClick(f.view.get(), Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(f.view->zoom(), 1.0);
        for (int i = 0; i < 30; ++i)
            f.view->zoomIn();
        QCOMPARE(f.view->zoom(), DiagramView::kMaxZoom);

        // Ctrl+0 fits the design: a wide design zooms out until all of it is visible.
        f.add(ComponentKind::Lambda, {3000, 0});
        QTest::keyClick(f.view.get(), Qt::Key_0, Qt::ControlModifier);
        QVERIFY(f.view->zoom() < 0.5);
        const QRectF visible = f.view->mapToScene(f.viewport()->rect()).boundingRect();
        QVERIFY(visible.contains(f.scene->itemsBoundingRectWithMargin()));

        // Ctrl+wheel zooms in about the cursor.
        const double before = f.view->zoom();
        const QPoint at = f.viewport()->rect().center();
        QWheelEvent wheel(at, f.viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(f.viewport(), &wheel);
        QVERIFY(qAbs(f.view->zoom() - before * 1.15) < 1e-9);
    }

    void sceneFollowsUndoRedo()
    {
        CanvasFixture f;
        const ComponentId queue = f.add(ComponentKind::SqsQueue, {0, 0}, QStringLiteral("q"));
        const ComponentId fn = f.add(ComponentKind::Lambda, {300, 0}, QStringLiteral("fn"));
        const ConnectionId w =
            f.document->connectComponents(queue, fn, ConnectionKind::EventSourceMapping);
        QVERIFY(f.scene->wireItem(w));
        QUndoStack *stack = f.document->undoStack();
        stack->undo();
        QVERIFY(!f.scene->wireItem(w));
        stack->undo();
        QVERIFY(!f.scene->blockItem(fn));
        QCOMPARE(f.scene->items().size(), 1);
        stack->redo();
        stack->redo();
        QVERIFY(f.scene->blockItem(fn) && f.scene->wireItem(w));
        QCOMPARE(f.scene->items().size(), 3);
        // A parameter edit shows on the block (subtitle from the model).
        QVERIFY(f.document->setComponentParam(fn, QStringLiteral("memory"), 512));
        QVERIFY(f.scene->blockItem(fn)->subtitle().startsWith(QStringLiteral("512 MB")));
        stack->undo();
        QVERIFY(f.scene->blockItem(fn)->subtitle().startsWith(QStringLiteral("128 MB")));
        // A new design replaces every item.
        f.document->replaceDesign(Design());
        QVERIFY(f.scene->items().isEmpty());
    }
};

QTEST_MAIN(CanvasEditingTest)
#include "canvasediting.moc"
