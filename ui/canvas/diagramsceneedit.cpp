// DiagramScene: the edit gestures (create, delete, copy, paste, duplicate, moves, wires, renames).
#include "ui/canvas/diagramscene.h"

#include "model/document.h"
#include "model/freespace.h"
#include "model/layout.h"
#include "model/wording.h"
#include "ui/canvas/blockitem.h"
#include "ui/canvas/canvasmetrics.h"
#include "ui/canvas/fragmentclipboard.h"
#include "ui/canvas/renameeditor.h"
#include "ui/canvas/wiredragcontroller.h"

#include <QGraphicsSceneMouseEvent>
#include <QPalette>

namespace swb {

using namespace canvas;

namespace {

// A refusal's reason stays long enough to be read, then goes (the main window also clears it
// at the next successful edit, so it never sits under later, unrelated work).
constexpr int kReasonTimeoutMs = 10000;
constexpr int kInfoTimeoutMs = 4000; // routine confirmations

} // namespace

QPointF DiagramScene::clearOffset(const Design &fragment, QPointF offset) const
{
    QList<QRectF> group;
    for (const Component &c : fragment.components)
        group.append(QRectF(c.position + offset, QSizeF(kBlockWidth, kBlockHeight)));
    return offset + nearestFreeOffset(blockRects(), group, kRowGap / 2);
}

ComponentId DiagramScene::createComponent(ComponentKind kind, QPointF scenePos)
{
    // Where asked, or the nearest spot beside it when a block is already there: a new block
    // never lands on top of another.
    QPointF topLeft = snapToGrid(scenePos - QPointF(kBlockWidth / 2, kBlockHeight / 2));
    topLeft += nearestFreeOffset(blockRects(), {QRectF(topLeft, QSizeF(kBlockWidth, kBlockHeight))},
                                 kRowGap / 2);
    const ComponentId id = m_document->addComponent(kind, topLeft);
    if (id != InvalidId)
        selectItems({id});
    return id;
}

void DiagramScene::deleteSelection()
{
    const QList<ComponentId> blocks = selectedComponents();
    const QList<ConnectionId> wires = selectedConnections();
    if (blocks.isEmpty() && wires.isEmpty())
        return;
    m_document->removeItems(blocks, wires);
}

void DiagramScene::copySelection()
{
    const QList<ComponentId> blocks = selectedComponents();
    if (blocks.isEmpty())
        return;
    fragmentclipboard::copy(fragmentclipboard::makeFragment(m_document->design(), blocks));
    m_pasteCount = 0;
    Q_EMIT statusMessage(tr("Copied %1").arg(counted(blocks.size(), tr("block"))), kInfoTimeoutMs);
}

void DiagramScene::paste()
{
    QString error;
    const std::optional<Design> fragment = fragmentclipboard::paste(&error);
    if (!fragment) {
        if (!error.isEmpty())
            Q_EMIT statusMessage(error, kReasonTimeoutMs);
        return;
    }
    ++m_pasteCount;
    insertAndSelect(*fragment,
                    clearOffset(*fragment, QPointF(kPasteStep, kPasteStep) * m_pasteCount),
                    tr("Paste %1").arg(counted(fragment->components.size(), tr("block"))));
}

void DiagramScene::duplicateSelection()
{
    const QList<ComponentId> blocks = selectedComponents();
    if (blocks.isEmpty())
        return;
    const Design fragment = fragmentclipboard::makeFragment(m_document->design(), blocks);
    insertAndSelect(fragment, clearOffset(fragment, QPointF(kPasteStep, kPasteStep)),
                    tr("Duplicate %1").arg(counted(blocks.size(), tr("block"))));
}

QList<ComponentId> DiagramScene::insertAndSelect(const Design &fragment, QPointF offset,
                                                 const QString &text)
{
    if (fragment.components.isEmpty())
        return {};
    const QList<ComponentId> added = m_document->insertFragment(fragment, offset, text);
    QList<ConnectionId> wires;
    for (const Connection &c : m_document->design().connections) {
        if (added.contains(c.source) && added.contains(c.target))
            wires.append(c.id);
    }
    selectItems(added, wires);
    return added;
}

bool DiagramScene::commitMoves()
{
    // One drag = one moveComponents() call = one undo step, whatever the number of blocks.
    QHash<ComponentId, QPointF> moved;
    for (BlockItem *block : std::as_const(m_blocks)) {
        const Component *c = block->component();
        if (c && c->position != block->pos())
            moved.insert(block->componentId(), block->pos());
    }
    if (moved.isEmpty())
        return false;
    m_document->moveComponents(moved, ++m_dragCounter);
    updateSceneRect();
    return true;
}

void DiagramScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && !m_wireDrag->isActive()) {
        // A findings marker: its block is selected and the window shows the findings.
        if (const ComponentId marked = findingMarkerAt(event->scenePos()); marked != InvalidId) {
            closeRenameEditor();
            setCurrentComponent(marked);
            Q_EMIT findingMarkerClicked(marked);
            event->accept();
            return;
        }
        if (const ConnectionId wire = wireFindingMarkerAt(event->scenePos()); wire != InvalidId) {
            closeRenameEditor();
            selectItems({}, {wire});
            Q_EMIT wireFindingMarkerClicked(wire);
            event->accept();
            return;
        }
        for (QGraphicsItem *item : items(event->scenePos())) {
            if (item->type() != BlockItem::Type)
                continue;
            auto *block = static_cast<BlockItem *>(item);
            const BlockItem::Port port = block->portAt(event->scenePos());
            if (port == BlockItem::Port::Output || port == BlockItem::Port::Failure) {
                closeRenameEditor();
                m_wireDrag->start(block->componentId(), port);
                m_wireDrag->move(event->scenePos());
                m_lastHoverReason.clear();
                event->accept();
                return;
            }
            break; // the topmost block decides
        }
    }
    QGraphicsScene::mousePressEvent(event);
    // The clicked block becomes the keyboard's current one (whatever the click selected).
    if (event->button() == Qt::LeftButton || event->button() == Qt::RightButton) {
        for (QGraphicsItem *item : items(event->scenePos())) {
            if (item->type() == BlockItem::Type) {
                setCurrent(static_cast<BlockItem *>(item)->componentId());
                break;
            }
        }
    }
}

void DiagramScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_wireDrag->isActive()) {
        const QString reason = m_wireDrag->move(event->scenePos());
        if (reason != m_lastHoverReason) {
            m_lastHoverReason = reason;
            if (!reason.isEmpty())
                Q_EMIT statusMessage(reason, kInfoTimeoutMs);
        }
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void DiagramScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_wireDrag->isActive()) {
        if (event->button() == Qt::LeftButton)
            finishWire(event->scenePos(), event->screenPos());
        event->accept();
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    if (event->button() == Qt::LeftButton)
        commitMoves();
}

void DiagramScene::finishWire(QPointF scenePos, QPoint screenPos)
{
    const ComponentId source = m_wireDrag->source();
    WireDragController::Verdict verdict;
    const ComponentId target = m_wireDrag->finish(scenePos, &verdict);
    if (target == InvalidId)
        return; // dropped on empty canvas: nothing to do
    if (verdict.kinds.isEmpty()) {
        Q_EMIT statusMessage(tr("Wire refused: %1").arg(verdict.reason), kReasonTimeoutMs);
        return;
    }
    std::optional<ConnectionKind> kind = verdict.kinds.first();
    if (verdict.kinds.size() > 1)
        kind = m_kindChooser(verdict.kinds, screenPos);
    if (!kind)
        return;
    QString error;
    if (m_document->connectComponents(source, target, *kind, &error) == InvalidId)
        Q_EMIT statusMessage(tr("Wire refused: %1").arg(error), kReasonTimeoutMs);
}

void DiagramScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        for (QGraphicsItem *item : items(event->scenePos())) {
            if (item == m_renameEditor)
                break;
            if (item->type() != BlockItem::Type)
                continue;
            auto *block = static_cast<BlockItem *>(item);
            if (block->nameRect().contains(block->mapFromScene(event->scenePos())))
                beginRename(block->componentId());
            else
                Q_EMIT componentActivated(block->componentId());
            event->accept();
            return;
        }
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

void DiagramScene::beginRename(ComponentId id)
{
    BlockItem *block = m_blocks.value(id);
    const Component *c = m_document->design().component(id);
    if (!block || !c)
        return;
    closeRenameEditor();
    m_renameEditor = new RenameEditor(id, c->name);
    QFont font;
    font.setPixelSize(14);
    font.setBold(true);
    m_renameEditor->setFont(font);
    m_renameEditor->setDefaultTextColor(palette().text().color());
    m_renameEditor->setTextWidth(block->nameRect().width());
    m_renameEditor->setPos(block->mapToScene(block->nameRect().topLeft()));
    addItem(m_renameEditor);
    connect(m_renameEditor, &RenameEditor::committed, this, &DiagramScene::onRenameCommitted);
    connect(m_renameEditor, &RenameEditor::cancelled, this, &DiagramScene::closeRenameEditor);
    m_renameEditor->setFocus(Qt::OtherFocusReason);
}

bool DiagramScene::isRenaming() const
{
    return m_renameEditor != nullptr;
}

void DiagramScene::onRenameCommitted(const QString &text, bool fromFocusOut)
{
    if (!m_renameEditor)
        return;
    const ComponentId id = m_renameEditor->componentId();
    const Component *c = m_document->design().component(id);
    if (!c || text.trimmed() == c->name) {
        closeRenameEditor();
        return;
    }
    QString error;
    if (m_document->renameComponent(id, text, &error)) {
        closeRenameEditor();
        return;
    }
    // Refused: say why and let the user correct it (unless they left the editor).
    Q_EMIT statusMessage(error, kReasonTimeoutMs);
    if (fromFocusOut)
        closeRenameEditor();
}

void DiagramScene::closeRenameEditor()
{
    if (!m_renameEditor)
        return;
    RenameEditor *editor = m_renameEditor;
    m_renameEditor = nullptr;
    editor->setClosing(); // removing it takes its focus: that must not commit again
    disconnect(editor, nullptr, this, nullptr);
    removeItem(editor);
    editor->deleteLater();
}

} // namespace swb
