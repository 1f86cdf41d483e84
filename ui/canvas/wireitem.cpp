#include "ui/canvas/wireitem.h"

#include "model/document.h"
#include "model/wiringrules.h"
#include "ui/canvas/blockitem.h"
#include "ui/canvas/canvasmetrics.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/wirerouter.h"

#include <QFontMetricsF>
#include <QLineF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace swb {

using namespace canvas;

namespace {

constexpr qreal kArrowLength = 11;
constexpr qreal kArrowHalfWidth = 5;
constexpr qreal kParallelStep = 14; // spacing of several wires between one pair of blocks
constexpr qreal kMarkerSize = 13;   // the findings marker at the start of the label

const QFont &labelFont()
{
    static const QFont font = [] {
        QFont f;
        f.setPixelSize(10);
        f.setStyleStrategy(QFont::PreferNoShaping); // no ligatures: exported text stays searchable
        return f;
    }();
    return font;
}

} // namespace

WireItem::WireItem(DiagramScene *scene, ConnectionId id)
    : m_diagram(scene)
    , m_id(id)
{
    setFlags(ItemIsSelectable);
    setZValue(0);
    syncFromModel();
}

QColor WireItem::kindColor(ConnectionKind kind)
{
    // Mid-tone colours, readable on light and dark canvases alike.
    switch (kind) {
    case ConnectionKind::Traffic:
        return QColor(0x7D, 0x85, 0x90);
    case ConnectionKind::SyncInvoke:
        return QColor(0x2E, 0x6F, 0xD8);
    case ConnectionKind::AsyncInvoke:
        return QColor(0x12, 0x96, 0x8A);
    case ConnectionKind::EventSourceMapping:
        return QColor(0x8F, 0x5B, 0xD8);
    case ConnectionKind::Subscription:
        return QColor(0xD6, 0x24, 0x6E);
    case ConnectionKind::ServiceIntegration:
        return QColor(0xB7, 0x79, 0x1F);
    case ConnectionKind::OnFailure:
        return QColor(0xD9, 0x3F, 0x3F);
    case ConnectionKind::Redrive:
        return QColor(0xC2, 0x41, 0x0C);
    }
    return Qt::gray;
}

QString WireItem::shortLabel(ConnectionKind kind)
{
    switch (kind) {
    case ConnectionKind::Traffic:
        return QStringLiteral("traffic");
    case ConnectionKind::SyncInvoke:
        return QStringLiteral("sync");
    case ConnectionKind::AsyncInvoke:
        return QStringLiteral("async");
    case ConnectionKind::EventSourceMapping:
        return QStringLiteral("poll");
    case ConnectionKind::Subscription:
        return QStringLiteral("subscription");
    case ConnectionKind::ServiceIntegration:
        return QStringLiteral("integration");
    case ConnectionKind::OnFailure:
        return QStringLiteral("on failure");
    case ConnectionKind::Redrive:
        return QStringLiteral("DLQ");
    }
    return {};
}

QPainterPath WireItem::route(QPointF from, QPointF to, bool failure)
{
    QPainterPath path(from);
    const qreal dx = to.x() - from.x();
    const qreal dy = to.y() - from.y();
    // Tangents leave the port perpendicular to its side; a longer reach when the target lies
    // behind the source keeps the curve from cutting through the blocks.
    const qreal reach = qMax(40.0, std::abs(dx) / 2 + (dx < 0 ? 60 : 0));
    const QPointF c1 =
        failure ? from + QPointF(0, qMax(40.0, std::abs(dy) / 2)) : from + QPointF(reach, 0);
    const QPointF c2 = to - QPointF(failure ? qMax(40.0, std::abs(dx) / 2) : reach, 0);
    path.cubicTo(c1, c2, to);
    return path;
}

namespace {

constexpr qreal kCornerRadius = 8;
constexpr qreal kLabelStep = 12; // spacing of the label spots tried along a leg

} // namespace

QPainterPath WireItem::roundedPath(const QList<QPointF> &points)
{
    if (points.isEmpty())
        return {};
    QPainterPath path(points.first());
    for (int i = 1; i + 1 < points.size(); ++i) {
        const QPointF prev = points[i - 1];
        const QPointF corner = points[i];
        const QPointF next = points[i + 1];
        const qreal in = QLineF(prev, corner).length();
        const qreal out = QLineF(corner, next).length();
        const qreal r = std::min({kCornerRadius, in / 2, out / 2});
        if (r < 0.5) {
            path.lineTo(corner);
            continue;
        }
        path.lineTo(corner + (prev - corner) * (r / in));
        path.quadTo(corner, corner + (next - corner) * (r / out));
    }
    path.lineTo(points.last());
    return path;
}

void WireItem::syncFromModel()
{
    const Connection *c = m_diagram->document()->design().connection(m_id);
    if (!c)
        return;
    m_source = c->source;
    m_target = c->target;
    m_kind = c->kind;
    m_label = shortLabel(m_kind);
    if (m_kind == ConnectionKind::ServiceIntegration && c->params.contains(QStringLiteral("order")))
        m_label = QStringLiteral("task %1").arg(c->params.value(QStringLiteral("order")).toInt());
    m_labelText = QStaticText(m_label);
    m_labelText.setTextFormat(Qt::PlainText);
    setToolTip(connectionKindName(m_kind) + findingMarkerToolTip(m_finding));
    updateGeometry();
}

void WireItem::setFindingMarker(const FindingMarker &marker)
{
    if (marker == m_finding)
        return;
    m_finding = marker;
    syncFromModel(); // tool tip, and the label's rect with or without the marker
}

QRectF WireItem::markerRect() const
{
    if (m_finding.isEmpty() || m_labelRect.isEmpty())
        return {};
    return QRectF(m_labelRect.left() + 2, m_labelRect.center().y() - kMarkerSize / 2, kMarkerSize,
                  kMarkerSize);
}

void WireItem::updateGeometry()
{
    BlockItem *src = m_diagram->blockItem(m_source);
    BlockItem *dst = m_diagram->blockItem(m_target);
    prepareGeometryChange();
    if (!src || !dst) {
        m_points.clear();
        m_path = m_arrow = m_shape = QPainterPath();
        m_bounds = m_labelRect = QRectF();
        return;
    }
    const bool failure = isFailureKind(m_kind);
    // Several wires between the same two blocks (sync + async, say) fan out side by side.
    int index = 0;
    int count = 0;
    for (const Connection *other : m_diagram->document()->design().outgoing(m_source)) {
        if (other->target != m_target || isFailureKind(other->kind) != failure)
            continue;
        if (other->id == m_id)
            index = count;
        ++count;
    }
    const qreal spread = (index - (count - 1) / 2.0) * kParallelStep;
    QPointF from = src->portScenePos(failure ? BlockItem::Port::Failure : BlockItem::Port::Output);
    QPointF to = dst->portScenePos(BlockItem::Port::Input);
    if (failure)
        from.rx() += spread;
    else
        from.ry() += spread;
    to.ry() += spread;
    // The route stops at the arrow's base; the arrow head ends on the input port.
    const QPointF base = to - QPointF(kArrowLength, 0);
    wirerouting::Request request;
    request.from = from;
    request.failure = failure;
    request.to = base;
    request.source = src->mapRectToScene(BlockItem::bodyRect());
    request.target = dst->mapRectToScene(BlockItem::bodyRect());
    request.lane = spread;
    request.trunk = m_diagram->trunkFor(m_source, failure, m_target);
    m_points = wirerouting::route(request, m_diagram->blockRects());
    m_tip = to;
    m_routeBounds = QRectF();
    for (const QPointF &p : drawnPolyline())
        m_routeBounds |= QRectF(p, QSizeF(0.01, 0.01));
    m_path = roundedPath(m_points);
    m_arrow = QPainterPath(to);
    m_arrow.lineTo(base + QPointF(0, -kArrowHalfWidth));
    m_arrow.lineTo(base + QPointF(0, kArrowHalfWidth));
    m_arrow.closeSubpath();

    m_labelRect = labelRectAt(m_labelDistance);
    m_outline = QPainterPath(); // re-stroked on the next paint
    m_glow = QPainterPath();
    m_polyline.clear();
    updateShape();
}

QRectF WireItem::labelRectAt(qreal distanceFromEnd) const
{
    if (m_points.size() < 2)
        return {};
    const QFontMetricsF metrics(labelFont());
    const qreal marker = m_finding.isEmpty() ? 0 : kMarkerSize + 2;
    const QSizeF size(metrics.horizontalAdvance(m_label) + 8 + marker,
                      std::max(metrics.height() + 2, marker));
    if (distanceFromEnd < 0) { // not placed yet: the middle
        distanceFromEnd = 0;
        for (int i = 1; i < m_points.size(); ++i)
            distanceFromEnd += QLineF(m_points.at(i - 1), m_points.at(i)).length() / 2;
    }
    // Walk back from the end of the route.
    qreal left = distanceFromEnd;
    QPointF at = m_points.first();
    for (int i = int(m_points.size()) - 1; i > 0; --i) {
        const QLineF leg(m_points.at(i), m_points.at(i - 1));
        if (left <= leg.length() || i == 1) {
            at = leg.pointAt(leg.length() > 0 ? std::min(1.0, left / leg.length()) : 0);
            break;
        }
        left -= leg.length();
    }
    return QRectF(at - QPointF(size.width() / 2, size.height() / 2), size);
}

QList<QPointF> WireItem::drawnPolyline() const
{
    QList<QPointF> points = m_points;
    if (!points.isEmpty())
        points.append(m_tip);
    return points;
}

QList<qreal> WireItem::labelCandidates() const
{
    QList<qreal> out;
    qreal before = 0; // length of the legs after this one
    for (int i = int(m_points.size()) - 1; i > 0; --i) {
        const qreal length = QLineF(m_points.at(i), m_points.at(i - 1)).length();
        // The leg's middle first, then outwards in both directions.
        out.append(before + length / 2);
        for (qreal d = kLabelStep; d < length / 2; d += kLabelStep) {
            out.append(before + length / 2 - d);
            out.append(before + length / 2 + d);
        }
        before += length;
    }
    return out;
}

void WireItem::setLabelDistance(qreal distanceFromEnd)
{
    if (qFuzzyCompare(distanceFromEnd + 1, m_labelDistance + 1))
        return;
    m_labelDistance = distanceFromEnd;
    prepareGeometryChange();
    m_labelRect = labelRectAt(distanceFromEnd);
    updateShape();
}

void WireItem::updateShape()
{
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    m_shape = stroker.createStroke(m_path);
    m_shape.setFillRule(Qt::WindingFill); // the arrow and the label add to the stroke
    m_shape.addPath(m_arrow);
    m_shape.addRect(m_labelRect);
    m_bounds = m_shape.boundingRect().adjusted(-6, -6, 6, 6);
    update();
}

QRectF WireItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath WireItem::shape() const
{
    return m_shape;
}

void WireItem::setFlow(double intensity, int health)
{
    intensity = qBound(0.0, intensity, 1.0);
    if (intensity == m_flowIntensity && health == m_flowHealth)
        return;
    m_flowIntensity = intensity;
    m_flowHealth = health;
    update();
}

void WireItem::setFlowPhase(qreal phase)
{
    if (phase == m_flowPhase)
        return;
    m_flowPhase = phase;
    if (m_flowIntensity > 0)
        update();
}

// Playback tokens: round dots moving along the route. Density and speed follow the flow's
// intensity, so a busy wire shows many fast dots and a trickle a few slow ones. The dots are
// placed on the route flattened once (no dashed stroke per frame: the animation repaints every
// wire 25 times a second) and drawn as points of a round pen, no item per message.
void WireItem::paintFlowTokens(QPainter *painter)
{
    const QColor token = m_flowHealth >= 2   ? QColor(0xC6, 0x28, 0x28)
                         : m_flowHealth == 1 ? QColor(0xD0, 0x8A, 0x00)
                                             : QColor(0x1E, 0x8E, 0x4B);
    const qreal width = 4.5;
    if (m_polyline.isEmpty()) {
        const QList<QPolygonF> parts = m_path.toSubpathPolygons();
        m_polyline = parts.isEmpty() ? QPolygonF() : parts.first();
        m_lengths = {0};
        for (qsizetype i = 1; i < m_polyline.size(); ++i)
            m_lengths.append(m_lengths.last()
                             + QLineF(m_polyline.at(i - 1), m_polyline.at(i)).length());
    }
    if (m_polyline.size() < 2 || m_lengths.last() <= 0)
        return;
    // Spacing in pen widths: from 9 (trickle) down to 2 (busiest wire); moves 1.5 to 6
    // spacings per wall second.
    const qreal spacing = (2 + 7 * (1 - m_flowIntensity)) * width;
    const qreal offset = std::fmod(m_flowPhase * (1.5 + 4.5 * m_flowIntensity) * spacing, spacing);
    QPolygonF dots;
    qsizetype segment = 1;
    for (qreal at = offset; at < m_lengths.last(); at += spacing) {
        while (segment + 1 < m_lengths.size() && m_lengths.at(segment) < at)
            ++segment;
        const qreal from = m_lengths.at(segment - 1);
        const qreal span = m_lengths.at(segment) - from;
        const qreal t = span > 0 ? (at - from) / span : 0;
        dots.append(m_polyline.at(segment - 1)
                    + t * (m_polyline.at(segment) - m_polyline.at(segment - 1)));
    }
    painter->setBrush(Qt::NoBrush);
    painter->setPen(QPen(token, width, Qt::SolidLine, Qt::RoundCap));
    painter->drawPoints(dots);
}

QColor WireItem::strokeColor() const
{
    if (isSelected() && scene())
        return scene()->palette().highlight().color();
    if (m_flowHealth >= 2)
        return QColor(0xC6, 0x28, 0x28);
    if (m_flowHealth == 1)
        return QColor(0xD0, 0x8A, 0x00);
    return kindColor(m_kind);
}

void WireItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    if (m_path.isEmpty())
        return;
    const QPalette palette = scene()->palette();
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const QColor colour = strokeColor();
    painter->setBrush(Qt::NoBrush);
    if (m_flowIntensity > 0) {
        QColor flow = m_flowHealth >= 2   ? QColor(0xD9, 0x34, 0x34)
                      : m_flowHealth == 1 ? QColor(0xE0, 0x9B, 0x10)
                                          : QColor(0x2E, 0x9E, 0x5B);
        flow.setAlphaF(0.35);
        // The glow's outline is stroked when its width changes, then only filled.
        const qreal glowWidth = std::round((3 + 7 * m_flowIntensity) * 2) / 2;
        if (glowWidth != m_glowWidth || m_glow.isEmpty()) {
            QPainterPathStroker stroker;
            stroker.setWidth(glowWidth);
            stroker.setCapStyle(Qt::RoundCap);
            stroker.setJoinStyle(Qt::RoundJoin);
            m_glow = stroker.createStroke(m_path);
            m_glow.setFillRule(Qt::WindingFill); // overlaps at the bends filled once
            m_glowWidth = glowWidth;
        }
        painter->setPen(Qt::NoPen);
        painter->setBrush(flow);
        painter->drawPath(m_glow);
        painter->setBrush(Qt::NoBrush);
    }
    // The stroke's outline is computed once per route and width: stroking (and dashing) a path
    // on every repaint costs more than filling the ready outline.
    const qreal width = isSelected() ? 3 : 1.8;
    if (width != m_outlineWidth || m_outline.isEmpty()) {
        QPainterPathStroker stroker;
        stroker.setWidth(width);
        if (isFailureKind(m_kind))
            stroker.setDashPattern(Qt::DashLine);
        m_outline = stroker.createStroke(m_path);
        m_outline.setFillRule(Qt::WindingFill);
        m_outlineWidth = width;
    }
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawPath(m_outline);
    painter->drawPath(m_arrow);
    if (m_flowIntensity > 0)
        paintFlowTokens(painter);

    if (lod < kSimplifiedLod && !m_diagram->isExportRendering())
        return;
    // The label sits on a pill of the canvas colour so crossing wires do not garble it.
    QColor pill = palette.base().color();
    pill.setAlphaF(0.9);
    painter->setBrush(pill);
    painter->setPen(QPen(colour, 1));
    painter->drawRoundedRect(m_labelRect, 4, 4);
    qreal textLeft = 4;
    if (!m_finding.isEmpty()) {
        paintFindingMarker(painter, markerRect(), m_finding.severity, palette.base().color());
        textLeft += kMarkerSize + 2;
    }
    painter->setFont(labelFont());
    painter->setPen(palette.text().color());
    const qreal textTop = (m_labelRect.height() - QFontMetricsF(labelFont()).height()) / 2;
    painter->drawStaticText(m_labelRect.topLeft() + QPointF(textLeft, textTop), m_labelText);
}

} // namespace swb
