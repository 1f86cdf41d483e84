#pragma once

// Shared set-up of the canvas GUI tests: a Document, its DiagramScene and a shown DiagramView at
// 100% zoom, plus helpers that drive real mouse events on the viewport.

#include "model/document.h"
#include "ui/canvas/blockitem.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"

#include <QMouseEvent>
#include <QTest>

#include <memory>

namespace swb::test {

struct CanvasFixture {
    CanvasFixture()
        : document(std::make_unique<Document>())
        , scene(std::make_unique<DiagramScene>(document.get()))
        , view(std::make_unique<DiagramView>(scene.get()))
    {
        view->resize(1000, 700);
        view->show();
        view->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(view.get()));
        view->setFocus();
    }

    QWidget *viewport() const { return view->viewport(); }
    QPoint toView(QPointF scenePos) const { return view->mapFromScene(scenePos); }

    ComponentId add(ComponentKind kind, QPointF topLeft, const QString &name = {})
    {
        return document->addComponent(kind, topLeft, name);
    }
    QPointF port(ComponentId id, BlockItem::Port which) const
    {
        return scene->blockItem(id)->portScenePos(which);
    }
    QPointF centre(ComponentId id) const
    {
        return scene->blockItem(id)->sceneBoundingRect().center();
    }
    // Keep the design in view (blocks are added at small coordinates).
    void showAll() { view->centerOn(scene->itemsBoundingRectWithMargin().center()); }

    // A left-button drag in scene coordinates, through intermediate moves like a real hand.
    void drag(QPointF from, QPointF to, int steps = 6, Qt::KeyboardModifiers mods = {})
    {
        const QPoint a = toView(from);
        const QPoint b = toView(to);
        QTest::mousePress(viewport(), Qt::LeftButton, mods, a);
        for (int i = 1; i <= steps; ++i)
            mouseMove(a + (b - a) * i / steps, Qt::LeftButton, mods);
        QTest::mouseRelease(viewport(), Qt::LeftButton, mods, b);
    }
    void mouseMove(QPoint pos, Qt::MouseButtons buttons, Qt::KeyboardModifiers mods = {})
    {
        // QTest::mouseMove does not carry the pressed buttons to QGraphicsView in every Qt 6
        // version; send the event the window system would.
        QMouseEvent event(QEvent::MouseMove, pos, viewport()->mapToGlobal(pos), Qt::NoButton,
                          buttons, mods);
        QApplication::sendEvent(viewport(), &event);
    }

    std::unique_ptr<Document> document;
    std::unique_ptr<DiagramScene> scene;
    std::unique_ptr<DiagramView> view;
};

} // namespace swb::test
