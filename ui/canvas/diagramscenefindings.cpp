// DiagramScene: the design analysis' findings as markers on the blocks they concern.
#include "ui/canvas/diagramscene.h"

#include "model/document.h"
#include "ui/canvas/blockitem.h"

namespace swb {

void DiagramScene::setFindings(const QList<Finding> &findings)
{
    // Warnings and errors only: an Info finding is advice, not a problem to point at. A
    // finding about a wire marks the wire's source block, where the setting to change lives.
    QHash<ComponentId, FindingMarker> markers;
    const Design &design = m_document->design();
    for (const Finding &finding : findings) {
        if (finding.severity == Severity::Info)
            continue;
        const auto severity = finding.severity == Severity::Error
                                  ? FindingMarker::Severity::Error
                                  : FindingMarker::Severity::Warning;
        QList<ComponentId> ids = finding.components;
        for (ConnectionId wire : finding.connections) {
            const Connection *c = design.connection(wire);
            if (c && !ids.contains(c->source))
                ids.append(c->source);
        }
        for (ComponentId id : std::as_const(ids)) {
            FindingMarker &marker = markers[id];
            marker.severity = std::max(marker.severity, severity);
            if (!marker.messages.contains(finding.message))
                marker.messages.append(finding.message);
        }
    }
    m_markers = markers;
    for (auto it = m_blocks.cbegin(); it != m_blocks.cend(); ++it)
        it.value()->setFindingMarker(m_markers.value(it.key()));
}

ComponentId DiagramScene::findingMarkerAt(QPointF scenePos) const
{
    for (QGraphicsItem *item : items(scenePos, Qt::IntersectsItemBoundingRect)) {
        if (item->type() != BlockItem::Type)
            continue;
        auto *block = static_cast<BlockItem *>(item);
        if (!block->findingMarker().isEmpty()
            && block->mapRectToScene(BlockItem::markerRect()).contains(scenePos))
            return block->componentId();
    }
    return InvalidId;
}

} // namespace swb
