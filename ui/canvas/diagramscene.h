#pragma once

#include "model/analysis.h"
#include "model/ids.h"
#include "model/kinds.h"
#include "ui/canvas/blockoverlay.h"
#include "ui/canvas/findingmarker.h"
#include "ui/canvas/wirerouter.h"

#include <QGraphicsScene>
#include <QHash>

#include <functional>
#include <optional>

namespace swb {

class BlockItem;
class Document;
class Design;
class WireItem;
class WireDragController;
class RenameEditor;

// The node editor's scene. It mirrors document->design(): it builds items at construction and
// afterwards changes ONLY in response to the Document's signals. Every gesture (move, wire,
// delete, rename, paste, drop) becomes one Document call, i.e. one undo command; items hold ids
// and read the model, so nothing a save needs lives here.
class DiagramScene : public QGraphicsScene
{
    Q_OBJECT

public:
    explicit DiagramScene(Document *document, QObject *parent = nullptr);
    ~DiagramScene() override;

    Document *document() const { return m_document; }

    BlockItem *blockItem(ComponentId id) const { return m_blocks.value(id); }
    WireItem *wireItem(ConnectionId id) const { return m_wires.value(id); }

    // Bodies of every block in scene coordinates (where the items are, which runs ahead of the
    // model during a drag): the obstacles wires are routed around.
    QList<QRectF> blockRects() const;
    // Where the trunk of a wire from source (its failure port if failure) to target goes: near
    // the source when several wires leave that port, near the target when several enter it.
    wirerouting::Trunk trunkFor(ComponentId source, bool failure, ComponentId target) const;

    // Runs the pending wire and label pass now (before measuring or fitting the view).
    void flushTidy();
    // Scene rect of the given blocks' bodies (all blocks when ids is empty).
    QRectF blocksRect(const QList<ComponentId> &ids = {}) const;

    QList<ComponentId> selectedComponents() const;
    QList<ConnectionId> selectedConnections() const;
    void selectItems(const QList<ComponentId> &components,
                     const QList<ConnectionId> &connections = {});
    // Inserts the fragment shifted by offset as one undo step and selects the new blocks and the
    // wires between them (paste, duplicate, the pattern guide's Create); returns the new blocks.
    QList<ComponentId> insertAndSelect(const Design &fragment, QPointF offset, const QString &text);
    // Bounding rect of all items plus a margin (fit-to-view, minimap, diagram export).
    QRectF itemsBoundingRectWithMargin() const;

    // Creates a block centred on scenePos (snapped to the grid); used by palette drops.
    ComponentId createComponent(ComponentKind kind, QPointF scenePos);

    // Edit actions; each is one undo step.
    void deleteSelection();
    void copySelection();      // to the system clipboard (kDesignFragmentMime + plain-text JSON)
    void paste();              // from the system clipboard; selects what was pasted
    void duplicateSelection(); // copy + paste without touching the clipboard
    void selectAll();

    // --- Keyboard (diagramscenekeyboard.cpp). The current block is the one the keyboard acts
    // on (Enter, F2, Connect to..., the context menu); it wears a focus ring while the canvas
    // has focus. Clicking a block, or selecting exactly one, makes it current.
    ComponentId currentComponent() const { return m_current; }
    // Makes the block current and the only selection.
    void setCurrentComponent(ComponentId id);
    // Tab / Shift+Tab: the next (previous) block in reading order, wrapping around; the first
    // (last) when none is current. False when there is no block.
    bool moveCurrentInReadingOrder(bool forward);
    // Arrow keys: the nearest block in the direction (dx, dy) from the current one; the first
    // block in reading order when none is current. False when there is none that way.
    bool moveCurrentTowards(int dx, int dy);
    // Moves the selected blocks by delta. Successive nudges of one selection, with nothing
    // done in between, are one undo step. False when no block is selected.
    bool nudgeSelection(QPointF delta);

    // --- Findings (diagramscenefindings.cpp): the analysis' warnings and errors as a marker on
    // each block and wire they concern, the messages in the item's tool tip. A click on a
    // marker emits findingMarkerClicked / wireFindingMarkerClicked.
    void setFindings(const QList<Finding> &findings);
    // The block whose marker is under scenePos; InvalidId when none.
    ComponentId findingMarkerAt(QPointF scenePos) const;
    // The wire whose marker is under scenePos; InvalidId when none.
    ConnectionId wireFindingMarkerAt(QPointF scenePos) const;

    // Opens the in-place name editor of a block (also on double-click of its name).
    void beginRename(ComponentId id);
    bool isRenaming() const;

    // Playback hooks: visual no-ops until set.
    void setBlockOverlay(ComponentId id, const BlockOverlay &overlay);
    void setWireFlow(ConnectionId id, double intensity, int health);
    void clearLiveState();

    // When a dropped wire fits several connection kinds, this picks one (nullopt = cancel). The
    // default pops up a QMenu at screenPos; tests install their own.
    using KindChooser =
        std::function<std::optional<ConnectionKind>(const QList<ConnectionKind> &, QPoint)>;
    void setConnectionKindChooser(KindChooser chooser);

    static QPointF snapToGrid(QPointF p);

    // Diagram export (ui/export) paints a private scene in this mode: blocks leave out the
    // editor's wiring handles (ports), draw their icons as vector art and keep their text at
    // any size (no simplified far-zoom drawing), as do wire labels.
    void setExportRendering(bool on) { m_exportRendering = on; }
    bool isExportRendering() const { return m_exportRendering; }

Q_SIGNALS:
    void selectionIdsChanged();
    // A message for the status bar: an illegal wire's reason, a refused name, what was pasted.
    void statusMessage(const QString &text, int timeoutMs);
    // Double-click on a block outside its name (e.g. the inspector focuses its first field).
    void componentActivated(swb::ComponentId id);
    // The findings marker of a block was clicked: the window shows its findings.
    void findingMarkerClicked(swb::ComponentId id);
    // The findings marker of a wire was clicked (the wire is selected).
    void wireFindingMarkerClicked(swb::ConnectionId id);
    // The keyboard's current block changed (InvalidId: none).
    void currentComponentChanged(swb::ComponentId id);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    void rebuild();
    void onComponentAdded(ComponentId id);
    void onComponentRemoved(ComponentId id);
    void onComponentChanged(ComponentId id);
    void onConnectionAdded(ConnectionId id);
    void onConnectionRemoved(ConnectionId id);
    void onConnectionChanged(ConnectionId id);
    void updateWiresOf(ComponentId id);
    bool commitMoves();
    // Re-routes every wire (a moved block may now stand in another block's wire), places the
    // labels and updates the scene rect; scheduleTidy coalesces a burst of changes into one.
    void tidyWires();
    void scheduleTidy();
    void updateSceneRect();
    void finishWire(QPointF scenePos, QPoint screenPos);
    void closeRenameEditor();
    void onRenameCommitted(const QString &text, bool fromFocusOut);
    // offset, or the nearest one from it where the fragment's blocks overlap none of the
    // scene's (paste and duplicate never stack blocks).
    QPointF clearOffset(const Design &fragment, QPointF offset) const;
    void setCurrent(ComponentId id); // without touching the selection
    void syncCurrentWithSelection();
    void updateFocusRing();

    friend class BlockItem;
    void blockMoved(ComponentId id); // live re-route of a block's wires while dragging

    Document *m_document;
    QHash<ComponentId, BlockItem *> m_blocks;
    QHash<ConnectionId, WireItem *> m_wires;
    WireDragController *m_wireDrag;
    RenameEditor *m_renameEditor = nullptr;
    KindChooser m_kindChooser;
    int m_dragCounter = 0;
    int m_pasteCount = 0;
    QString m_lastHoverReason;
    bool m_tidyPending = false;
    QHash<ComponentId, FindingMarker> m_markers;      // survives rebuilds and re-added blocks
    QHash<ConnectionId, FindingMarker> m_wireMarkers; // ... and re-added wires
    ComponentId m_current = InvalidId;
    ComponentId m_ringOn = InvalidId; // the block wearing the focus ring
    QList<ComponentId> m_nudgeIds;    // the selection the last nudge moved ...
    int m_nudgeIndex = -1;            // ... and the undo stack's index after it
    int m_nudgeKey = 0;
    bool m_exportRendering = false;
};

} // namespace swb
