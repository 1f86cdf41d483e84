#include "ui/canvas/minimapview.h"

#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

namespace swb {

MinimapView::MinimapView(DiagramView *mainView, QWidget *parent)
    : QGraphicsView(mainView->scene(), parent)
    , m_mainView(mainView)
{
    setInteractive(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setRenderHints(QPainter::Antialiasing);
    setFrameShape(QFrame::StyledPanel);
    setBackgroundBrush(palette().base());
    setFocusPolicy(Qt::NoFocus);
    setToolTip(tr("Overview: click or drag to move the view"));
    setViewportUpdateMode(QGraphicsView::NoViewportUpdate);
    m_sceneChanged.setSingleShot(true);
    m_sceneChanged.setInterval(500);
    connect(&m_sceneChanged, &QTimer::timeout, viewport(), qOverload<>(&QWidget::update));
    connect(mainView->scene(), &QGraphicsScene::changed, this, [this] {
        if (!m_sceneChanged.isActive())
            m_sceneChanged.start();
    });
    connect(mainView, &DiagramView::visibleRectChanged, viewport(), qOverload<>(&QWidget::update));
    // The design grows or shrinks: keep all of it in view.
    connect(mainView->scene(), &QGraphicsScene::sceneRectChanged, this, &MinimapView::refit);
    connect(mainView->diagramScene(), &DiagramScene::selectionIdsChanged, viewport(),
            qOverload<>(&QWidget::update));
    refit();
}

void MinimapView::refit()
{
    if (!m_mainView)
        return;
    const QRectF content = m_mainView->diagramScene()->itemsBoundingRectWithMargin();
    setSceneRect(content);
    fitInView(content, Qt::KeepAspectRatio);
}

void MinimapView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    refit();
}

void MinimapView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QGraphicsView::drawForeground(painter, rect);
    if (!m_mainView)
        return;
    const QRectF visible = m_mainView->mapToScene(m_mainView->viewport()->rect()).boundingRect();
    // Dim what the main view does not show, outline what it does.
    QPainterPath outside;
    outside.addRect(sceneRect().united(visible));
    QPainterPath inside;
    inside.addRect(visible);
    QColor shade = palette().text().color();
    shade.setAlphaF(0.12);
    painter->fillPath(outside.subtracted(inside), shade);
    QPen pen(palette().highlight().color(), 2);
    pen.setCosmetic(true);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(visible);
}

void MinimapView::centreMainViewOn(QPoint viewportPos)
{
    if (m_mainView)
        m_mainView->centerOn(mapToScene(viewportPos));
}

void MinimapView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        centreMainViewOn(event->position().toPoint());
    event->accept();
}

void MinimapView::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton)
        centreMainViewOn(event->position().toPoint());
    event->accept();
}

void MinimapView::wheelEvent(QWheelEvent *event)
{
    event->accept(); // the overview never scrolls
}

} // namespace swb
