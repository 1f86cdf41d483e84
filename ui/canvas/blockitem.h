#pragma once

#include "model/ids.h"
#include "model/kinds.h"
#include "ui/canvas/blockoverlay.h"
#include "ui/canvas/findingmarker.h"

#include <QGraphicsItem>
#include <QStaticText>

namespace swb {

class Document;
struct Component;

// One block on the canvas. It holds only its component id and reads everything else (kind,
// name, knobs, position) from the Document; the cached display strings are derived from the
// model in syncFromModel(). While the user drags it, its position runs ahead of the model until
// the scene commits the move on release.
class BlockItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };
    // Where wires attach. Output emits work wires (right side), Failure emits on-failure and
    // redrive wires (bottom, red), Input receives every wire (left side).
    enum class Port { None, Input, Output, Failure };
    // Highlight while a wire is being dragged.
    enum class WireTarget { None, Legal, Illegal };

    BlockItem(const Document *document, ComponentId id);

    int type() const override { return Type; }
    ComponentId componentId() const { return m_id; }
    ComponentKind kind() const { return m_kind; }
    const Component *component() const;

    void syncFromModel(); // position, strings and tool tip from the model

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    static QRectF bodyRect();
    // The name as drawn: one or two lines (ui/canvas/blockname.h).
    QStringList nameLines() const;
    QRectF nameRect() const; // the area a double-click renames
    // Where an export draws a name too long for the block, below it (item coordinates); null
    // when the name fits the block.
    QRectF exportCaptionRect() const;
    bool hasPort(Port port) const;
    QPointF portPos(Port port) const; // item coordinates
    QPointF portScenePos(Port port) const;
    Port portAt(QPointF scenePos) const; // None when not over an output/failure/input port
    static bool kindHasPort(ComponentKind kind, Port port);

    void setWireTarget(WireTarget state);
    WireTarget wireTarget() const { return m_wireTarget; }
    // The keyboard focus ring: the scene's current block while the canvas has focus.
    void setFocusRing(bool on);
    bool hasFocusRing() const { return m_focusRing; }
    // The analysis' findings on this block: a marker in its top-left corner (markerRect, scene
    // coordinates via mapRectToScene), the messages in its tool tip.
    void setFindingMarker(const FindingMarker &marker);
    const FindingMarker &findingMarker() const { return m_finding; }
    static QRectF markerRect();
    // Where the overlay's badges are drawn (item coordinates; empty without that badge). The
    // bottom one ends before the failure port so it never hides it.
    QRectF topBadgeRect() const;
    QRectF bottomBadgeRect() const;
    void setOverlay(const BlockOverlay &overlay);
    const BlockOverlay &overlay() const { return m_overlay; }
    QString subtitle() const { return m_subtitle; }

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    void paintSimplified(QPainter *painter);
    void paintPorts(QPainter *painter, const QPalette &palette);
    void paintOverlay(QPainter *painter, const QPalette &palette);
    void paintExportCaption(QPainter *painter, const QPalette &palette) const;
    // blockdecorations.cpp: the focus ring and the findings marker.
    void paintDecorations(QPainter *painter, const QPalette &palette);
    QString decorationToolTip() const;

    const Document *m_document;
    ComponentId m_id;
    ComponentKind m_kind;
    QString m_name;
    QString m_subtitle;
    QList<QStaticText> m_nameLines; // display cache: the name on one or two lines
    int m_namePx = 13;              // ... at this pixel size (ui/canvas/blockname.h)
    QStaticText m_subtitleLine;     // display cache: elided subtitle
    QStaticText m_kindLine;         // display cache: elided kind name
    WireTarget m_wireTarget = WireTarget::None;
    bool m_focusRing = false;
    FindingMarker m_finding;
    BlockOverlay m_overlay;
    bool m_syncing = false;
};

// "512 MB · 3 s", "FIFO", "REST": the block's variant and key knob, for its second line.
QString blockSubtitle(const Component &component);

} // namespace swb
