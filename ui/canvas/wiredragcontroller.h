#pragma once

#include "model/ids.h"
#include "model/kinds.h"
#include "ui/canvas/blockitem.h"

#include <QHash>
#include <QPointF>
#include <QString>

class QGraphicsItem;
class QGraphicsPathItem;

namespace swb {

class DiagramScene;
class Design;

// The wire being drawn from an output or failure port: a rubber wire to the cursor, legal target
// blocks highlighted, and over an illegal target the AWS reason next to the cursor. It only
// decides; the scene turns the result into a Document::connectComponents() call.
class WireDragController
{
public:
    explicit WireDragController(DiagramScene *scene);
    ~WireDragController();

    struct Verdict {
        QList<ConnectionKind> kinds; // legal kinds for this port role, most natural first
        QString reason;              // why not, when kinds is empty
    };

    bool isActive() const { return m_source != InvalidId; }
    ComponentId source() const { return m_source; }
    BlockItem::Port port() const { return m_port; }

    void start(ComponentId source, BlockItem::Port port);
    // Returns the reason to show when the cursor is over an illegal target (else empty).
    QString move(QPointF scenePos);
    // Ends the drag: the block under scenePos (InvalidId if none) and its verdict.
    ComponentId finish(QPointF scenePos, Verdict *verdict);
    void cancel();

    // Which kinds a wire from source's port to target may have (port role filters the rules
    // table: the failure port makes only OnFailure/Redrive, the output port everything else).
    Verdict verdictFor(ComponentId source, BlockItem::Port port, ComponentId target) const;
    static Verdict verdictFor(const Design &design, ComponentId source, BlockItem::Port port,
                              ComponentId target);

private:
    BlockItem *targetAt(QPointF scenePos) const;
    void clearHighlights();
    void showBubble(const QString &text, QPointF scenePos);

    DiagramScene *m_scene;
    ComponentId m_source = InvalidId;
    BlockItem::Port m_port = BlockItem::Port::None;
    QHash<ComponentId, Verdict> m_verdicts; // computed once per drag for every block
    QGraphicsPathItem *m_rubber = nullptr;
    QGraphicsItem *m_bubble = nullptr; // the refusal's reason next to the cursor
};

} // namespace swb
