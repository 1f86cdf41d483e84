#include "ui/canvas/diagramview.h"

#include "ui/canvas/diagramscene.h"

namespace swb {

// Temporary skeleton so the API links; the implementation follows.
DiagramView::DiagramView(DiagramScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene) {
    setAcceptDrops(true);
}

double DiagramView::zoom() const {
    return transform().m11();
}
void DiagramView::setZoom(double, const QPointF *) {}
void DiagramView::zoomIn() {}
void DiagramView::zoomOut() {}
void DiagramView::resetZoom() {}
void DiagramView::fitToView() {}
void DiagramView::keyPressEvent(QKeyEvent *e) {
    QGraphicsView::keyPressEvent(e);
}
void DiagramView::keyReleaseEvent(QKeyEvent *e) {
    QGraphicsView::keyReleaseEvent(e);
}
void DiagramView::wheelEvent(QWheelEvent *e) {
    QGraphicsView::wheelEvent(e);
}
void DiagramView::mousePressEvent(QMouseEvent *e) {
    QGraphicsView::mousePressEvent(e);
}
void DiagramView::mouseMoveEvent(QMouseEvent *e) {
    QGraphicsView::mouseMoveEvent(e);
}
void DiagramView::mouseReleaseEvent(QMouseEvent *e) {
    QGraphicsView::mouseReleaseEvent(e);
}
void DiagramView::dragEnterEvent(QDragEnterEvent *e) {
    QGraphicsView::dragEnterEvent(e);
}
void DiagramView::dragMoveEvent(QDragMoveEvent *e) {
    QGraphicsView::dragMoveEvent(e);
}
void DiagramView::dropEvent(QDropEvent *e) {
    QGraphicsView::dropEvent(e);
}
void DiagramView::drawBackground(QPainter *p, const QRectF &r) {
    QGraphicsView::drawBackground(p, r);
}
void DiagramView::resizeEvent(QResizeEvent *e) {
    QGraphicsView::resizeEvent(e);
}
void DiagramView::scrollContentsBy(int dx, int dy) {
    QGraphicsView::scrollContentsBy(dx, dy);
}
bool DiagramView::acceptsDrag(const QMimeData *) const {
    return false;
}

} // namespace swb
