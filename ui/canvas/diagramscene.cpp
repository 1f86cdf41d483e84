#include "ui/canvas/diagramscene.h"

#include "model/document.h"

namespace swb {

// Temporary skeleton so the API links; the implementation follows.
DiagramScene::DiagramScene(Document *document, QObject *parent)
    : QGraphicsScene(parent)
    , m_document(document)
    , m_wireDrag(nullptr) {}

DiagramScene::~DiagramScene() = default;

QList<ComponentId> DiagramScene::selectedComponents() const {
    return {};
}
QList<ConnectionId> DiagramScene::selectedConnections() const {
    return {};
}
void DiagramScene::selectItems(const QList<ComponentId> &, const QList<ConnectionId> &) {}
QRectF DiagramScene::itemsBoundingRectWithMargin() const {
    return itemsBoundingRect();
}
ComponentId DiagramScene::createComponent(ComponentKind kind, QPointF scenePos) {
    return m_document->addComponent(kind, snapToGrid(scenePos));
}
void DiagramScene::deleteSelection() {}
void DiagramScene::copySelection() {}
void DiagramScene::paste() {}
void DiagramScene::duplicateSelection() {}
void DiagramScene::selectAll() {}
void DiagramScene::beginRename(ComponentId) {}
bool DiagramScene::isRenaming() const {
    return false;
}
void DiagramScene::setBlockOverlay(ComponentId, const BlockOverlay &) {}
void DiagramScene::setWireFlow(ConnectionId, double, int) {}
void DiagramScene::clearLiveState() {}
void DiagramScene::setConnectionKindChooser(KindChooser) {}
QPointF DiagramScene::snapToGrid(QPointF p) {
    return p;
}
void DiagramScene::mousePressEvent(QGraphicsSceneMouseEvent *event) {
    QGraphicsScene::mousePressEvent(event);
}
void DiagramScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event) {
    QGraphicsScene::mouseMoveEvent(event);
}
void DiagramScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event) {
    QGraphicsScene::mouseReleaseEvent(event);
}
void DiagramScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) {
    QGraphicsScene::mouseDoubleClickEvent(event);
}
void DiagramScene::blockMoved(ComponentId) {}

} // namespace swb
