// DiagramScene: the design analysis' findings as markers on the blocks they concern.
#include "ui/canvas/diagramscene.h"

#include "model/document.h"
#include "ui/canvas/blockitem.h"
#include "ui/canvas/wireitem.h"

namespace swb {

void DiagramScene::setFindings(const QList<Finding> &findings)
{
    // Warnings and errors only: an Info finding is advice, not a problem to point at.
    QHash<ComponentId, FindingMarker> markers;
    QHash<ConnectionId, FindingMarker> wireMarkers;
    auto mark = [](FindingMarker &marker, const Finding &finding) {
        const auto severity = finding.severity == Severity::Error
                                  ? FindingMarker::Severity::Error
                                  : FindingMarker::Severity::Warning;
        marker.severity = std::max(marker.severity, severity);
        if (!marker.messages.contains(finding.message))
            marker.messages.append(finding.message);
    };
    for (const Finding &finding : findings) {
        if (finding.severity == Severity::Info)
            continue;
        for (ComponentId id : finding.components)
            mark(markers[id], finding);
        for (ConnectionId id : finding.connections)
            mark(wireMarkers[id], finding);
    }
    m_markers = markers;
    m_wireMarkers = wireMarkers;
    for (auto it = m_blocks.cbegin(); it != m_blocks.cend(); ++it)
        it.value()->setFindingMarker(m_markers.value(it.key()));
    bool labelsChanged = false;
    for (auto it = m_wires.cbegin(); it != m_wires.cend(); ++it) {
        const FindingMarker marker = m_wireMarkers.value(it.key());
        labelsChanged = labelsChanged || marker != it.value()->findingMarker();
        it.value()->setFindingMarker(marker);
    }
    if (labelsChanged)
        scheduleTidy(); // a label with a marker is wider: place the labels again
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

ConnectionId DiagramScene::wireFindingMarkerAt(QPointF scenePos) const
{
    for (auto it = m_wires.cbegin(); it != m_wires.cend(); ++it) {
        if (it.value()->markerRect().contains(scenePos))
            return it.key();
    }
    return InvalidId;
}

} // namespace swb
