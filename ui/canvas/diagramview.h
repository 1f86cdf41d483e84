#pragma once

#include <QGraphicsView>

class QMimeData;

namespace swb {

class DiagramScene;

// The canvas view: zoom (Ctrl +/-, Ctrl+wheel, Ctrl+0 fit), pan (middle drag, Space+drag, wheel
// scrolls), rubber-band selection, edit keys, and drops of palette blocks (kComponentKindMime).
// Keyboard: Tab / Shift+Tab go from block to block in reading order (Ctrl+Tab leaves the
// canvas); Alt+arrows (plain arrows when nothing is selected) go to the nearest block that way;
// arrows nudge the selection by one grid step, Shift+arrows by five; Enter opens the current
// block in the inspector; the Menu key and Shift+F10 ask for the context menu.
class DiagramView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit DiagramView(DiagramScene *scene, QWidget *parent = nullptr);

    DiagramScene *diagramScene() const { return m_scene; }

    double zoom() const; // 1.0 = 100%
    void setZoom(double zoom, const QPointF *anchorScenePos = nullptr);
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void fitToView();
    // Brings the scene rect into view: nothing when it is already visible, a scroll when it fits
    // at the current zoom, else zooms out until it fits (never in).
    void reveal(const QRectF &sceneRect);

    static constexpr double kMinZoom = 0.1;
    static constexpr double kMaxZoom = 4.0;

Q_SIGNALS:
    void zoomChanged(double zoom);
    // The visible scene rect changed (scroll, zoom, resize): the minimap redraws.
    void visibleRectChanged();
    // Right-click, the Menu key or Shift+F10: the window shows its context menu at globalPos
    // (over the current block when the keyboard asked).
    void contextMenuRequested(QPoint globalPos);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    bool focusNextPrevChild(bool next) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    bool acceptsDrag(const QMimeData *mime) const;
    bool handleKeyboardNavigation(QKeyEvent *event);
    void revealCurrent();
    QPoint currentMenuPos() const;

    DiagramScene *m_scene;
    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_panLast;
};

} // namespace swb
