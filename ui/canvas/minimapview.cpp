#include "ui/canvas/minimapview.h"

#include "ui/canvas/diagramview.h"

namespace swb {

// Temporary skeleton so the API links; the implementation follows.
MinimapView::MinimapView(DiagramView *mainView, QWidget *parent)
    : QGraphicsView(mainView->scene(), parent)
    , m_mainView(mainView) {}

void MinimapView::drawForeground(QPainter *p, const QRectF &r) {
    QGraphicsView::drawForeground(p, r);
}
void MinimapView::mousePressEvent(QMouseEvent *) {}
void MinimapView::mouseMoveEvent(QMouseEvent *) {}
void MinimapView::resizeEvent(QResizeEvent *e) {
    QGraphicsView::resizeEvent(e);
}
void MinimapView::wheelEvent(QWheelEvent *) {}
void MinimapView::refit() {}
void MinimapView::centreMainViewOn(QPoint) {}

} // namespace swb
