#pragma once

#include "model/ids.h"
#include "model/kinds.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QStaticText>

namespace swb {

class DiagramScene;

// One connection on the canvas: a smooth cubic route from the source's output (or failure) port
// to the target's input port, an arrow head, a small kind label, and a colour and dash per kind
// (failure wires dashed red). It holds its connection id and reads the model; updateGeometry()
// re-routes it from the current block items (so it follows a block while it is dragged).
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

    void syncFromModel(); // ends, kind and label from the model, then re-route
    void updateGeometry();
    // Where along the route (share of its length) the label sits; the scene moves labels off
    // blocks and off each other (DiagramScene::layoutLabels).
    QRectF labelRectAt(qreal percent) const;
    void setLabelPercent(qreal percent);
    // The middle of the route's last leg, the one only this wire draws (wires fanning out of one
    // port share their first leg and trunk), so a label there names the right target; the middle
    // (0.5) when the leg is too short for it.
    qreal ownLegPercent() const;

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

    static QColor kindColor(ConnectionKind kind);
    static QString shortLabel(ConnectionKind kind);
    // A smooth curve between two points (the wire being dragged); failure = leaves downwards.
    static QPainterPath route(QPointF from, QPointF to, bool failure);
    // The placed wire: orthogonal segments with rounded corners that run through the gaps
    // between blocks (vertical legs halfway between the columns, failure legs halfway below
    // the source), so wires never cut across a block of a grid layout. lane shifts the legs of
    // parallel wires apart.
    static QPainterPath orthogonalRoute(QPointF from, QPointF to, bool failure,
                                        const QRectF &sourceRect, const QRectF &targetRect,
                                        qreal lane);

private:
    void updateShape();
    void paintFlowTokens(QPainter *painter);

    DiagramScene *m_diagram;
    ConnectionId m_id;
    ComponentId m_source = InvalidId;
    ComponentId m_target = InvalidId;
    ConnectionKind m_kind = ConnectionKind::SyncInvoke;
    QString m_label;
    QStaticText m_labelText; // pre-laid-out label: painting never re-lays text out
    QPainterPath m_path;
    QPainterPath m_arrow;
    QPainterPath m_shape;
    mutable QPainterPath m_outline; // paint cache: the stroked route at m_outlineWidth
    mutable qreal m_outlineWidth = 0;
    QRectF m_labelRect;
    qreal m_labelPercent = 0.5;
    QRectF m_bounds;
    double m_flowIntensity = 0;
    int m_flowHealth = 0;
    qreal m_flowPhase = 0;
};

} // namespace swb
