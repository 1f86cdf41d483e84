// Navigation: middle-button and Space+drag panning, and the minimap (overview) following and
// steering the main view. Panning and the minimap never edit the design.

#include "canvasfixture.h"

#include "ui/canvas/minimapview.h"

#include <QApplication>
#include <QScrollBar>

using namespace swb;
using namespace swb::test;

class CanvasNavigationTest : public QObject
{
    Q_OBJECT

private:
    static QPointF visibleCentre(const DiagramView &view)
    {
        return view.mapToScene(view.viewport()->rect().center());
    }

private Q_SLOTS:
    void middleDragPans()
    {
        CanvasFixture f;
        f.add(ComponentKind::Lambda, {0, 0});
        f.add(ComponentKind::Lambda, {2000, 1500});
        const QPointF before = visibleCentre(*f.view);
        const QPoint a(500, 350);
        QTest::mousePress(f.viewport(), Qt::MiddleButton, {}, a);
        f.mouseMove(a - QPoint(100, 60), Qt::MiddleButton);
        QTest::mouseRelease(f.viewport(), Qt::MiddleButton, {}, a - QPoint(100, 60));
        // Dragging the canvas left/up shows what lies right/below: the centre moves by the drag.
        const QPointF moved = visibleCentre(*f.view) - before;
        QVERIFY2(qAbs(moved.x() - 100) <= 1 && qAbs(moved.y() - 60) <= 1,
                 qPrintable(QStringLiteral("%1,%2").arg(moved.x()).arg(moved.y())));
        QCOMPARE(f.document->undoStack()->count(), 2); // only the two additions
    }

    void spaceDragPansInsteadOfRubberBand()
    {
        CanvasFixture f;
        const ComponentId a = f.add(ComponentKind::Lambda, {0, 0});
        f.add(ComponentKind::Lambda, {2000, 1500});
        const QPointF before = visibleCentre(*f.view);
        QTest::keyPress(f.view.get(), Qt::Key_Space);
        const QPoint start = f.toView(f.centre(a)) + QPoint(0, 150); // empty canvas
        QTest::mousePress(f.viewport(), Qt::LeftButton, {}, start);
        f.mouseMove(start - QPoint(80, 40), Qt::LeftButton);
        QTest::mouseRelease(f.viewport(), Qt::LeftButton, {}, start - QPoint(80, 40));
        QTest::keyRelease(f.view.get(), Qt::Key_Space);
        const QPointF moved = visibleCentre(*f.view) - before;
        QVERIFY(qAbs(moved.x() - 80) <= 1 && qAbs(moved.y() - 40) <= 1);
        QVERIFY(f.scene->selectedComponents().isEmpty());
    }

    void minimapShowsAllAndSteersTheView()
    {
        CanvasFixture f;
        f.add(ComponentKind::Lambda, {0, 0});
        const ComponentId far = f.add(ComponentKind::SqsQueue, {3000, 2000});
        MinimapView minimap(f.view.get());
        minimap.resize(300, 200);
        minimap.show();
        QVERIFY(QTest::qWaitForWindowExposed(&minimap));
        // The whole design fits in the overview.
        const QRectF shown = minimap.mapToScene(minimap.viewport()->rect()).boundingRect();
        QVERIFY(shown.contains(f.scene->itemsBoundingRectWithMargin().adjusted(1, 1, -1, -1)));
        // Clicking the far block in the overview brings it to the centre of the main view.
        const QPoint click = minimap.mapFromScene(f.centre(far));
        QTest::mouseClick(minimap.viewport(), Qt::LeftButton, {}, click);
        const QPointF centre = visibleCentre(*f.view);
        // One minimap pixel covers several scene units: allow that much.
        const double unitsPerPixel = 1.0 / minimap.transform().m11();
        QVERIFY2(QLineF(centre, f.centre(far)).length() <= 2 * unitsPerPixel + 1,
                 qPrintable(QStringLiteral("%1,%2").arg(centre.x()).arg(centre.y())));
        QCOMPARE(f.document->undoStack()->count(), 2);
    }
};

QTEST_MAIN(CanvasNavigationTest)
#include "canvasnavigation.moc"
