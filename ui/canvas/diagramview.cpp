#include "ui/canvas/diagramview.h"

#include "ui/canvas/blockitem.h"
#include "ui/canvas/canvasmetrics.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/mimetypes.h"
#include "ui/canvas/wireitem.h"

#include "model/document.h"

#include <QContextMenuEvent>
#include <QDragEnterEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QScrollBar>
#include <QUndoStack>
#include <QWheelEvent>

#include <cmath>

namespace swb {

using namespace canvas;

namespace {

constexpr double kZoomStep = 1.25;      // per key press
constexpr double kWheelZoomBase = 1.15; // per wheel notch (120 units)
constexpr qreal kDotSpacing = 20;       // background dot grid, scene units (2 snap steps)

bool kindFromMime(const QMimeData *mime, ComponentKind *kind)
{
    if (!mime || !mime->hasFormat(QLatin1String(kComponentKindMime)))
        return false;
    const QString id = QString::fromUtf8(mime->data(QLatin1String(kComponentKindMime))).trimmed();
    return componentKindFromId(id, kind);
}

} // namespace

DiagramView::DiagramView(DiagramScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
{
    setAcceptDrops(true);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing
                   | QPainter::SmoothPixmapTransform);
    setDragMode(RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(AnchorUnderMouse);
    setViewportUpdateMode(SmartViewportUpdate);
    setOptimizationFlags(DontSavePainterState);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
}

double DiagramView::zoom() const
{
    return transform().m11();
}

void DiagramView::setZoom(double zoom, const QPointF *anchorScenePos)
{
    zoom = qBound(kMinZoom, zoom, kMaxZoom);
    if (qFuzzyCompare(zoom, this->zoom()))
        return;
    const QPointF anchor =
        anchorScenePos ? *anchorScenePos : mapToScene(viewport()->rect().center());
    const QPoint anchorInView = mapFromScene(anchor);
    setTransform(QTransform::fromScale(zoom, zoom));
    // Keep the anchor under the same viewport point (cursor for the wheel, centre for keys).
    const QPointF delta = mapToScene(anchorInView) - anchor;
    const QPointF centre = mapToScene(viewport()->rect().center());
    centerOn(centre - delta);
    Q_EMIT zoomChanged(zoom);
    Q_EMIT visibleRectChanged();
}

void DiagramView::zoomIn()
{
    setZoom(zoom() * kZoomStep);
}

void DiagramView::zoomOut()
{
    setZoom(zoom() / kZoomStep);
}

void DiagramView::resetZoom()
{
    setZoom(1.0);
}

void DiagramView::fitToView()
{
    m_scene->flushTidy(); // final wire routes and scene rect first
    const QRectF content = m_scene->itemsBoundingRectWithMargin();
    const QRectF port = viewport()->rect();
    if (content.isEmpty() || port.isEmpty())
        return;
    // Never magnify a small design beyond 100%: it would look like a toy.
    // 2% slack: scroll positions are whole pixels, so an exact fit can clip the margin.
    const double fit =
        0.98 * std::min(port.width() / content.width(), port.height() / content.height());
    setTransform(QTransform::fromScale(qBound(kMinZoom, fit, 1.0), qBound(kMinZoom, fit, 1.0)));
    centerOn(content.center());
    Q_EMIT zoomChanged(zoom());
    Q_EMIT visibleRectChanged();
}

void DiagramView::reveal(const QRectF &sceneRect)
{
    if (sceneRect.isEmpty())
        return;
    const QRectF target = sceneRect.adjusted(-40, -40, 40, 40);
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    if (visible.contains(target))
        return;
    const QRectF port = viewport()->rect();
    const double fit =
        0.98 * std::min(port.width() / target.width(), port.height() / target.height());
    if (fit < zoom()) {
        setTransform(QTransform::fromScale(qMax(kMinZoom, fit), qMax(kMinZoom, fit)));
        Q_EMIT zoomChanged(zoom());
    }
    centerOn(target.center());
    Q_EMIT visibleRectChanged();
}

bool DiagramView::focusNextPrevChild(bool next)
{
    // Tab stays on the canvas and walks the blocks (Ctrl+Tab leaves, see keyPressEvent); with
    // no block there is nothing to walk, so Tab moves on as usual.
    if (!m_scene->isRenaming() && m_scene->moveCurrentInReadingOrder(next)) {
        revealCurrent();
        return true;
    }
    return QGraphicsView::focusNextPrevChild(next);
}

void DiagramView::revealCurrent()
{
    if (BlockItem *block = m_scene->blockItem(m_scene->currentComponent()))
        ensureVisible(block->sceneBoundingRect(), 40, 40);
}

QPoint DiagramView::currentMenuPos() const
{
    // Over the current block's name when there is one, else the middle of the view.
    if (const BlockItem *block = m_scene->blockItem(m_scene->currentComponent())) {
        const QPoint at = mapFromScene(block->mapToScene(block->nameRect().center()));
        if (viewport()->rect().contains(at))
            return viewport()->mapToGlobal(at);
    }
    return viewport()->mapToGlobal(viewport()->rect().center());
}

void DiagramView::contextMenuEvent(QContextMenuEvent *event)
{
    if (event->reason() == QContextMenuEvent::Mouse) {
        // Right-click acts on what is under the pointer: a block or wire not yet selected
        // becomes the selection; empty canvas keeps the selection as it is.
        const QPointF scenePos = mapToScene(event->pos());
        for (QGraphicsItem *item : m_scene->items(scenePos)) {
            if (item->type() == BlockItem::Type || item->type() == WireItem::Type) {
                if (!item->isSelected()) {
                    m_scene->clearSelection();
                    item->setSelected(true);
                }
                break;
            }
        }
        Q_EMIT contextMenuRequested(event->globalPos());
    } else {
        Q_EMIT contextMenuRequested(currentMenuPos());
    }
    event->accept();
}

bool DiagramView::handleKeyboardNavigation(QKeyEvent *event)
{
    const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
    int dx = 0;
    int dy = 0;
    switch (event->key()) {
    case Qt::Key_Left:
        dx = -1;
        break;
    case Qt::Key_Right:
        dx = 1;
        break;
    case Qt::Key_Up:
        dy = -1;
        break;
    case Qt::Key_Down:
        dy = 1;
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (mods != Qt::NoModifier || m_scene->currentComponent() == InvalidId)
            return false;
        Q_EMIT m_scene->componentActivated(m_scene->currentComponent());
        return true;
    case Qt::Key_F10:
    case Qt::Key_Menu:
        // Shift+F10 and the Menu key. Handled (and accepted) here on every platform, so the
        // menu opens once whether or not the platform also turns the key into a context-menu
        // event.
        if (event->key() == Qt::Key_F10 ? mods != Qt::ShiftModifier : mods != Qt::NoModifier)
            return false;
        Q_EMIT contextMenuRequested(currentMenuPos());
        return true;
    case Qt::Key_Tab:
    case Qt::Key_Backtab:
        if (!(mods & Qt::ControlModifier))
            return false;
        // Ctrl+Tab / Ctrl+Shift+Tab: out of the canvas to the next panel.
        QWidget::focusNextPrevChild(event->key() == Qt::Key_Tab && !(mods & Qt::ShiftModifier));
        return true;
    default:
        return false;
    }
    const bool selection = !m_scene->selectedComponents().isEmpty();
    if (mods == Qt::AltModifier || (mods == Qt::NoModifier && !selection)) {
        if (m_scene->moveCurrentTowards(dx, dy))
            revealCurrent();
        return true;
    }
    if (mods == Qt::NoModifier || mods == Qt::ShiftModifier) {
        const qreal step = mods == Qt::ShiftModifier ? 5 * kGridSize : kGridSize;
        if (m_scene->nudgeSelection(QPointF(dx * step, dy * step)))
            ensureVisible(m_scene->blocksRect(m_scene->selectedComponents()), 40, 40);
        return true;
    }
    return false;
}

void DiagramView::keyPressEvent(QKeyEvent *event)
{
    // The in-place name editor gets every key it wants.
    if (m_scene->isRenaming() || m_scene->focusItem()) {
        QGraphicsView::keyPressEvent(event);
        return;
    }
    if (handleKeyboardNavigation(event)) {
        event->accept();
        return;
    }
    QUndoStack *undo = m_scene->document()->undoStack();
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
    } else if (event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) {
        m_scene->deleteSelection();
    } else if (event->matches(QKeySequence::Copy)) {
        m_scene->copySelection();
    } else if (event->matches(QKeySequence::Paste)) {
        m_scene->paste();
    } else if (ctrl && event->key() == Qt::Key_D) {
        m_scene->duplicateSelection();
    } else if (event->matches(QKeySequence::SelectAll)) {
        m_scene->selectAll();
    } else if (event->matches(QKeySequence::Undo)) {
        undo->undo();
    } else if (event->matches(QKeySequence::Redo) || (ctrl && event->key() == Qt::Key_Y)) {
        undo->redo();
    } else if (event->matches(QKeySequence::ZoomIn)
               || (ctrl && (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal))) {
        zoomIn();
    } else if (event->matches(QKeySequence::ZoomOut) || (ctrl && event->key() == Qt::Key_Minus)) {
        zoomOut();
    } else if (ctrl && event->key() == Qt::Key_0) {
        fitToView();
    } else if (ctrl && event->key() == Qt::Key_1) {
        resetZoom();
    } else if (event->key() == Qt::Key_Escape) {
        m_scene->clearSelection();
    } else {
        QGraphicsView::keyPressEvent(event);
        return;
    }
    event->accept();
}

void DiagramView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat() && m_spaceHeld) {
        m_spaceHeld = false;
        if (!m_panning)
            viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void DiagramView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const double notches = event->angleDelta().y() / 120.0;
        const QPointF anchor = mapToScene(event->position().toPoint());
        setZoom(zoom() * std::pow(kWheelZoomBase, notches), &anchor);
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event); // plain wheel scrolls, Shift+wheel scrolls sideways
}

void DiagramView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld)) {
        m_panning = true;
        m_panLast = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void DiagramView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint pos = event->position().toPoint();
        const QPoint delta = pos - m_panLast;
        m_panLast = pos;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void DiagramView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) {
        m_panning = false;
        if (m_spaceHeld)
            viewport()->setCursor(Qt::OpenHandCursor);
        else
            viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

bool DiagramView::acceptsDrag(const QMimeData *mime) const
{
    ComponentKind kind;
    return kindFromMime(mime, &kind);
}

void DiagramView::dragEnterEvent(QDragEnterEvent *event)
{
    if (acceptsDrag(event->mimeData())) {
        event->setDropAction(Qt::CopyAction);
        event->accept();
        return;
    }
    event->ignore(); // no item accepts drops: only palette blocks land on the canvas
}

void DiagramView::dragMoveEvent(QDragMoveEvent *event)
{
    if (acceptsDrag(event->mimeData())) {
        event->setDropAction(Qt::CopyAction);
        event->accept();
        return;
    }
    event->ignore(); // no item accepts drops: only palette blocks land on the canvas
}

void DiagramView::dropEvent(QDropEvent *event)
{
    ComponentKind kind;
    if (!kindFromMime(event->mimeData(), &kind)) {
        QGraphicsView::dropEvent(event);
        return;
    }
    m_scene->createComponent(kind, mapToScene(event->position().toPoint()));
    event->setDropAction(Qt::CopyAction);
    event->accept();
    setFocus(Qt::OtherFocusReason);
}

void DiagramView::drawBackground(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, palette().base());
    // A dot grid helps place blocks; it thins out when zoomed far out so it never turns grey.
    const qreal step = zoom() >= 0.75 ? kDotSpacing : kDotSpacing * 5;
    QColor dot = palette().text().color();
    dot.setAlphaF(0.18);
    QPen pen(dot, 2);
    pen.setCosmetic(true);
    painter->save();
    // Plain 2-pixel dots: antialiased points cost more than every block in view together.
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setPen(pen);
    const qreal left = std::floor(rect.left() / step) * step;
    const qreal top = std::floor(rect.top() / step) * step;
    QList<QPointF> points;
    points.reserve(int((rect.width() / step + 2) * (rect.height() / step + 2)));
    for (qreal x = left; x < rect.right(); x += step) {
        for (qreal y = top; y < rect.bottom(); y += step)
            points.append(QPointF(x, y));
    }
    painter->drawPoints(points.constData(), int(points.size()));
    painter->restore();
}

void DiagramView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    Q_EMIT visibleRectChanged();
}

void DiagramView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    Q_EMIT visibleRectChanged();
}

} // namespace swb
