#pragma once

#include "model/ids.h"
#include "model/kinds.h"
#include "ui/canvas/findingmarker.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QStaticText>

namespace swb {

class DiagramScene;

// One connection on the canvas: an orthogonal route (ui/canvas/wirerouter.h) from the source's
// output (or failure) port to the target's input port that keeps clear of every block, an arrow
// head, a small kind label, and a colour and dash per kind (failure wires dashed red). It holds
// its connection id and reads the model; updateGeometry() re-routes it from the current block
// items (so it follows a block while it is dragged).
class WireItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };

    WireItem(DiagramScene *scene, ConnectionId id);

    int type() const override { return Type; }
    ConnectionId connectionId() const { return m_id; }
    ComponentId sourceId() const { return m_source; }
    ComponentId targetId() const { return m_target; }
    ConnectionKind kind() const { return m_kind; }
    QString label() const { return m_label; }
    QRectF labelRect() const { return m_labelRect; } // scene coordinates
    // The analysis' findings on this wire: a marker at the start of its label (which widens
    // for it, so label placement keeps it clear), the messages in the tool tip.
    void setFindingMarker(const FindingMarker &marker);
    const FindingMarker &findingMarker() const { return m_finding; }
    QRectF markerRect() const; // scene coordinates; empty without a marker
    // The route's corner points in scene coordinates, from the port to the arrow's base.
    const QList<QPointF> &routePoints() const { return m_points; }
    // The route plus the arrow head's tip on the input port: everything the wire draws.
    QList<QPointF> drawnPolyline() const;
    QRectF routeBounds() const { return m_routeBounds; }

    void syncFromModel(); // ends, kind and label from the model, then re-route
    void updateGeometry();
    // The label sits on the route at a distance (along the route) from its end; the scene
    // places labels clear of blocks, other labels and other wires (ui/canvas/labellayout.h).
    QRectF labelRectAt(qreal distanceFromEnd) const;
    void setLabelDistance(qreal distanceFromEnd);
    // Where the label may go, best first: along the last leg (the one only this wire draws:
    // wires fanning out of one port share their first leg and trunk), middle first, then the
    // legs before it.
    QList<qreal> labelCandidates() const;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    // Playback hook: intensity 0..1 (share of the busiest wire), health 0 ok, 1 warning,
    // 2 error. Intensity 0 paints nothing extra.
    void setFlow(double intensity, int health);
    // Animation phase of the flow tokens (wall seconds since playback started; one scene-wide
    // timer drives every wire).
    void setFlowPhase(qreal phase);
    double flowIntensity() const { return m_flowIntensity; }
    int flowHealth() const { return m_flowHealth; }
    // The wire's own stroke: its kind's colour, amber or red while the work it carries is
    // retrying or failing (user guide, "On the canvas"), the highlight when selected.
    QColor strokeColor() const;

    static QColor kindColor(ConnectionKind kind);
    static QString shortLabel(ConnectionKind kind);
    // A smooth curve between two points (the wire being dragged); failure = leaves downwards.
    static QPainterPath route(QPointF from, QPointF to, bool failure);
    // The placed wire's path: the corner points joined with rounded corners.
    static QPainterPath roundedPath(const QList<QPointF> &points);

private:
    void updateShape();
    void paintFlowTokens(QPainter *painter);

    DiagramScene *m_diagram;
    ConnectionId m_id;
    ComponentId m_source = InvalidId;
    ComponentId m_target = InvalidId;
    ConnectionKind m_kind = ConnectionKind::SyncInvoke;
    QString m_label;
    FindingMarker m_finding;
    QStaticText m_labelText; // pre-laid-out label: painting never re-lays text out
    QList<QPointF> m_points;
    QPointF m_tip;
    QRectF m_routeBounds;
    QPainterPath m_path;
    QPainterPath m_arrow;
    QPainterPath m_shape;
    mutable QPainterPath m_outline; // paint cache: the stroked route at m_outlineWidth
    mutable qreal m_outlineWidth = 0;
    // Paint caches for playback: the flow glow's outline at m_glowWidth, and the route
    // flattened to a polyline with the length at each vertex (token positions).
    mutable QPainterPath m_glow;
    mutable qreal m_glowWidth = 0;
    mutable QPolygonF m_polyline;
    mutable QList<qreal> m_lengths;
    QRectF m_labelRect;
    qreal m_labelDistance = -1; // < 0: the middle, until the scene places the label
    QRectF m_bounds;
    double m_flowIntensity = 0;
    int m_flowHealth = 0;
    qreal m_flowPhase = 0;
};

} // namespace swb
