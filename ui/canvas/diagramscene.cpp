#include "ui/canvas/diagramscene.h"

#include "model/document.h"
#include "model/wiringrules.h"
#include "ui/canvas/blockitem.h"
#include "ui/canvas/canvasmetrics.h"
#include "ui/canvas/labellayout.h"
#include "ui/canvas/renameeditor.h"
#include "ui/canvas/wiredragcontroller.h"
#include "ui/canvas/wireitem.h"

#include <QMenu>
#include <QTimer>

#include <algorithm>

#include <cmath>

namespace swb {

using namespace canvas;

namespace {

std::optional<ConnectionKind> chooseKindFromMenu(const QList<ConnectionKind> &kinds,
                                                 QPoint screenPos)
{
    QMenu menu;
    menu.setToolTipsVisible(true);
    for (ConnectionKind kind : kinds) {
        QAction *action = menu.addAction(connectionKindName(kind));
        action->setData(int(kind));
    }
    QAction *chosen = menu.exec(screenPos);
    if (!chosen)
        return std::nullopt;
    return ConnectionKind(chosen->data().toInt());
}

} // namespace

DiagramScene::DiagramScene(Document *document, QObject *parent)
    : QGraphicsScene(parent)
    , m_document(document)
    , m_wireDrag(new WireDragController(this))
    , m_kindChooser(&chooseKindFromMenu)
{
    // No BSP index: items move on every drag and the scene is small (hundreds of items); the
    // linear index keeps moves and rebuilds cheap.
    setItemIndexMethod(NoIndex);
    connect(document, &Document::componentAdded, this, &DiagramScene::onComponentAdded);
    connect(document, &Document::componentRemoved, this, &DiagramScene::onComponentRemoved);
    connect(document, &Document::componentChanged, this, &DiagramScene::onComponentChanged);
    connect(document, &Document::connectionAdded, this, &DiagramScene::onConnectionAdded);
    connect(document, &Document::connectionRemoved, this, &DiagramScene::onConnectionRemoved);
    connect(document, &Document::connectionChanged, this, &DiagramScene::onConnectionChanged);
    connect(document, &Document::designReset, this, &DiagramScene::rebuild);
    connect(this, &QGraphicsScene::selectionChanged, this, &DiagramScene::selectionIdsChanged);
    connect(this, &QGraphicsScene::selectionChanged, this, &DiagramScene::syncCurrentWithSelection);
    rebuild();
}

DiagramScene::~DiagramScene()
{
    delete m_wireDrag;
    m_wireDrag = nullptr;
    // Items reference this scene through blockMoved(); remove them before members go.
    m_renameEditor = nullptr;
    clear();
}

QPointF DiagramScene::snapToGrid(QPointF p)
{
    return QPointF(std::round(p.x() / kGridSize) * kGridSize,
                   std::round(p.y() / kGridSize) * kGridSize);
}

void DiagramScene::rebuild()
{
    m_wireDrag->cancel();
    closeRenameEditor();
    QSignalBlocker blocker(this); // one selectionIdsChanged below, not one per item
    for (WireItem *wire : std::as_const(m_wires))
        delete wire;
    for (BlockItem *block : std::as_const(m_blocks))
        delete block;
    m_wires.clear();
    m_blocks.clear();
    m_current = m_ringOn = InvalidId;
    const Design &design = m_document->design();
    for (const Component &c : design.components) {
        auto *block = new BlockItem(m_document, c.id);
        block->setFindingMarker(m_markers.value(c.id));
        m_blocks.insert(c.id, block);
        addItem(block);
    }
    for (const Connection &c : design.connections) {
        auto *wire = new WireItem(this, c.id);
        wire->setFindingMarker(m_wireMarkers.value(c.id));
        m_wires.insert(c.id, wire);
        addItem(wire);
    }
    tidyWires();
    blocker.unblock();
    Q_EMIT selectionIdsChanged();
}

void DiagramScene::onComponentAdded(ComponentId id)
{
    if (m_blocks.contains(id))
        return;
    auto *block = new BlockItem(m_document, id);
    block->setFindingMarker(m_markers.value(id));
    m_blocks.insert(id, block);
    addItem(block);
    updateSceneRect();
    scheduleTidy();
}

void DiagramScene::onComponentRemoved(ComponentId id)
{
    if (m_renameEditor && m_renameEditor->componentId() == id)
        closeRenameEditor();
    if (m_wireDrag->isActive())
        m_wireDrag->cancel();
    delete m_blocks.take(id); // its wires went first (DesignEdit removes wires before blocks)
    if (id == m_current)
        setCurrent(InvalidId);
    if (id == m_ringOn)
        m_ringOn = InvalidId;
    scheduleTidy();
}

void DiagramScene::onComponentChanged(ComponentId id)
{
    if (BlockItem *block = m_blocks.value(id)) {
        block->syncFromModel();
        updateWiresOf(id);
        scheduleTidy();
    }
}

void DiagramScene::onConnectionAdded(ConnectionId id)
{
    if (m_wires.contains(id))
        return;
    auto *wire = new WireItem(this, id);
    wire->setFindingMarker(m_wireMarkers.value(id));
    m_wires.insert(id, wire);
    addItem(wire);
    // A parallel wire between the same two blocks shifts its siblings.
    updateWiresOf(wire->sourceId());
    scheduleTidy();
}

void DiagramScene::onConnectionRemoved(ConnectionId id)
{
    WireItem *wire = m_wires.take(id);
    if (!wire)
        return;
    const ComponentId source = wire->sourceId();
    delete wire;
    updateWiresOf(source);
    scheduleTidy();
}

void DiagramScene::onConnectionChanged(ConnectionId id)
{
    if (WireItem *wire = m_wires.value(id))
        wire->syncFromModel();
}

void DiagramScene::updateWiresOf(ComponentId id)
{
    for (ConnectionId wireId : m_document->design().connectionsOf(id)) {
        if (WireItem *wire = m_wires.value(wireId))
            wire->updateGeometry();
    }
}

void DiagramScene::scheduleTidy()
{
    // Coalesce: one pass after a burst of changes (an undo of a large paste, say).
    if (m_tidyPending)
        return;
    m_tidyPending = true;
    QTimer::singleShot(0, this, [this] {
        if (!m_tidyPending)
            return; // flushed meanwhile
        m_tidyPending = false;
        tidyWires();
    });
}

void DiagramScene::tidyWires()
{
    QList<ConnectionId> ids = m_wires.keys();
    std::sort(ids.begin(), ids.end());
    QList<WireItem *> wires;
    wires.reserve(ids.size());
    for (ConnectionId id : std::as_const(ids)) {
        WireItem *wire = m_wires.value(id);
        wire->updateGeometry();
        wires.append(wire);
    }
    QList<QRectF> blocks = blockRects();
    layoutWireLabels(wires, blocks);
    updateSceneRect();
}

void DiagramScene::flushTidy()
{
    if (!m_tidyPending)
        return;
    m_tidyPending = false; // the queued pass finds nothing to do
    tidyWires();
}

QRectF DiagramScene::blocksRect(const QList<ComponentId> &ids) const
{
    QRectF rect;
    for (const BlockItem *block : m_blocks) {
        if (ids.isEmpty() || ids.contains(block->componentId()))
            rect |= block->mapRectToScene(BlockItem::bodyRect());
    }
    return rect;
}

QList<QRectF> DiagramScene::blockRects() const
{
    QList<QRectF> rects;
    rects.reserve(m_blocks.size());
    for (const BlockItem *block : m_blocks)
        rects.append(block->mapRectToScene(BlockItem::bodyRect()));
    return rects;
}

wirerouting::Trunk DiagramScene::trunkFor(ComponentId source, bool failure,
                                          ComponentId target) const
{
    const Design &design = m_document->design();
    QList<ComponentId> targets;
    for (const Connection *c : design.outgoing(source)) {
        if (isFailureKind(c->kind) == failure && !targets.contains(c->target))
            targets.append(c->target);
    }
    if (targets.size() > 1)
        return wirerouting::Trunk::NearSource;
    QList<ComponentId> sources;
    for (const Connection *c : design.incoming(target)) {
        if (!sources.contains(c->source))
            sources.append(c->source);
    }
    return sources.size() > 1 ? wirerouting::Trunk::NearTarget : wirerouting::Trunk::Middle;
}

void DiagramScene::blockMoved(ComponentId id)
{
    updateWiresOf(id);
}

void DiagramScene::updateSceneRect()
{
    // Room around the design to pan into and to drop new blocks.
    setSceneRect(itemsBoundingRectWithMargin().adjusted(-1000, -700, 1000, 700));
}

QRectF DiagramScene::itemsBoundingRectWithMargin() const
{
    QRectF rect;
    for (const BlockItem *block : m_blocks)
        rect |= block->sceneBoundingRect();
    for (const WireItem *wire : m_wires)
        rect |= wire->sceneBoundingRect();
    if (rect.isNull())
        rect = QRectF(0, 0, kBlockWidth, kBlockHeight);
    return rect.adjusted(-40, -40, 40, 40);
}

QList<ComponentId> DiagramScene::selectedComponents() const
{
    QList<ComponentId> ids;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() == BlockItem::Type)
            ids.append(static_cast<BlockItem *>(item)->componentId());
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

QList<ConnectionId> DiagramScene::selectedConnections() const
{
    QList<ConnectionId> ids;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() == WireItem::Type)
            ids.append(static_cast<WireItem *>(item)->connectionId());
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

void DiagramScene::selectItems(const QList<ComponentId> &components,
                               const QList<ConnectionId> &connections)
{
    {
        const QSignalBlocker blocker(this);
        clearSelection();
        for (ComponentId id : components) {
            if (BlockItem *block = m_blocks.value(id))
                block->setSelected(true);
        }
        for (ConnectionId id : connections) {
            if (WireItem *wire = m_wires.value(id))
                wire->setSelected(true);
        }
    }
    syncCurrentWithSelection();
    Q_EMIT selectionIdsChanged();
}

void DiagramScene::selectAll()
{
    selectItems(m_document->design().components.keys(), m_document->design().connections.keys());
}

void DiagramScene::setBlockOverlay(ComponentId id, const BlockOverlay &overlay)
{
    if (BlockItem *block = m_blocks.value(id))
        block->setOverlay(overlay);
}

void DiagramScene::setWireFlow(ConnectionId id, double intensity, int health)
{
    if (WireItem *wire = m_wires.value(id))
        wire->setFlow(intensity, health);
}

void DiagramScene::clearLiveState()
{
    for (BlockItem *block : std::as_const(m_blocks))
        block->setOverlay({});
    for (WireItem *wire : std::as_const(m_wires))
        wire->setFlow(0, 0);
}

void DiagramScene::setConnectionKindChooser(KindChooser chooser)
{
    m_kindChooser = chooser ? std::move(chooser) : KindChooser(&chooseKindFromMenu);
}

} // namespace swb
