// DiagramScene: the keyboard's current block, moving it, and nudging the selection.
#include "ui/canvas/diagramscene.h"

#include "model/document.h"
#include "ui/canvas/blockitem.h"
#include "ui/canvas/keyboardnavigation.h"

#include <QUndoStack>

namespace swb {

namespace {

QList<navigation::Block> blocksOf(const QHash<ComponentId, BlockItem *> &items)
{
    QList<navigation::Block> blocks;
    blocks.reserve(items.size());
    for (auto it = items.cbegin(); it != items.cend(); ++it)
        blocks.append({it.key(), it.value()->mapRectToScene(BlockItem::bodyRect())});
    // Ids in order, so ties resolve the same way every time.
    std::sort(
        blocks.begin(), blocks.end(),
        [](const navigation::Block &a, const navigation::Block &b) { return a.first < b.first; });
    return blocks;
}

} // namespace

void DiagramScene::setCurrent(ComponentId id)
{
    if (id != InvalidId && !m_blocks.contains(id))
        return;
    if (id == m_current)
        return;
    m_current = id;
    updateFocusRing();
    Q_EMIT currentComponentChanged(id);
}

void DiagramScene::setCurrentComponent(ComponentId id)
{
    if (!m_blocks.contains(id))
        return;
    selectItems({id});
    setCurrent(id);
}

void DiagramScene::syncCurrentWithSelection()
{
    const QList<ComponentId> blocks = selectedComponents();
    if (blocks.size() == 1)
        setCurrent(blocks.first());
}

void DiagramScene::updateFocusRing()
{
    // The ring shows only while the canvas has the keyboard focus.
    const ComponentId on = hasFocus() ? m_current : InvalidId;
    if (on == m_ringOn)
        return;
    if (BlockItem *old = m_blocks.value(m_ringOn))
        old->setFocusRing(false);
    if (BlockItem *block = m_blocks.value(on))
        block->setFocusRing(true);
    m_ringOn = on;
}

void DiagramScene::focusInEvent(QFocusEvent *event)
{
    QGraphicsScene::focusInEvent(event);
    updateFocusRing();
}

void DiagramScene::focusOutEvent(QFocusEvent *event)
{
    QGraphicsScene::focusOutEvent(event);
    updateFocusRing();
}

bool DiagramScene::moveCurrentInReadingOrder(bool forward)
{
    const QList<ComponentId> order = navigation::readingOrder(blocksOf(m_blocks));
    if (order.isEmpty())
        return false;
    const qsizetype at = order.indexOf(m_current);
    qsizetype next;
    if (at < 0)
        next = forward ? 0 : order.size() - 1;
    else
        next = (at + (forward ? 1 : order.size() - 1)) % order.size();
    setCurrentComponent(order.at(next));
    return true;
}

bool DiagramScene::moveCurrentTowards(int dx, int dy)
{
    if (m_current == InvalidId)
        return moveCurrentInReadingOrder(true);
    const ComponentId next = navigation::nearestTowards(blocksOf(m_blocks), m_current, dx, dy);
    if (next == InvalidId)
        return false;
    setCurrentComponent(next);
    return true;
}

bool DiagramScene::nudgeSelection(QPointF delta)
{
    const QList<ComponentId> ids = selectedComponents();
    if (ids.isEmpty())
        return false;
    QHash<ComponentId, QPointF> positions;
    for (ComponentId id : ids) {
        if (const Component *c = m_document->design().component(id))
            positions.insert(id, c->position + delta);
    }
    // Like typing: a run of nudges on one selection merges into one undo step; anything in
    // between (another edit, an undo, another selection) starts a new one.
    QUndoStack *stack = m_document->undoStack();
    if (ids != m_nudgeIds || stack->index() != m_nudgeIndex)
        m_nudgeKey = ++m_dragCounter;
    m_document->moveComponents(positions, m_nudgeKey);
    m_nudgeIds = ids;
    m_nudgeIndex = stack->index();
    return true;
}

} // namespace swb
