#include "ui/canvas/blockitem.h"

#include "model/document.h"
#include "model/services/registry.h"
#include "ui/canvas/blockname.h"
#include "ui/canvas/canvasmetrics.h"
#include "ui/canvas/diagramscene.h"
#include "ui/icons.h"

#include <QFontMetricsF>
#include <QHash>
#include <QPainter>
#include <QStaticText>

#include <algorithm>
#include <QStyleOptionGraphicsItem>

namespace swb {

using namespace canvas;

namespace {

// Short kind names for the block's third line (the full names do not fit 160 units).
QString shortKindName(ComponentKind kind)
{
    return QLatin1String(serviceModule(kind).shortName);
}

QColor severityColor(BlockOverlay::Severity severity)
{
    switch (severity) {
    case BlockOverlay::Severity::Ok:
        return QColor(0x2E, 0x9E, 0x5B);
    case BlockOverlay::Severity::Warning:
        return QColor(0xE0, 0x9B, 0x10);
    case BlockOverlay::Severity::Error:
        return QColor(0xD9, 0x34, 0x34);
    case BlockOverlay::Severity::None:
        break;
    }
    return {};
}

const QColor &failureColor()
{
    static const QColor red(0xD9, 0x3F, 0x3F);
    return red;
}

QStaticText staticText(const QString &text)
{
    QStaticText st(text);
    st.setTextFormat(Qt::PlainText);
    return st;
}

// Draws a pre-laid-out line vertically centred in a band of the given height.
void drawLine(QPainter *painter, qreal x, qreal y, qreal height, const QStaticText &text)
{
    const qreal h = QFontMetricsF(painter->font()).height();
    painter->drawStaticText(QPointF(x, y + (height - h) / 2), text);
}

constexpr qreal kIconSize = 32;
constexpr qreal kPad = 10;
constexpr qreal kTextLeft = kPad + kIconSize + 8;
constexpr qreal kTextWidth = kBlockWidth - kTextLeft - 8;
constexpr int kNameSmallPx = 12; // an exported long name, condensed on one line
constexpr int kSmallPx = 11;     // subtitle and kind

// An export keeps every name whole on one line, so the SVG and PDF text reads
// "notify-customer-dlq" (searchable, extractable), never two fragments. Condensed to at least
// 55 % it still reads inside the block; a name longer than that becomes a caption under the block
// instead, as architecture diagrams label their icons, rather than being cut at the block's edge.
constexpr qreal kMinSqueeze = 0.55;
constexpr qreal kCaptionGap = 4;
constexpr qreal kCaptionPad = 6;

qreal exportNameAdvance(const QString &name)
{
    return QFontMetricsF(blockFont(kNameSmallPx, true)).horizontalAdvance(name);
}

bool nameNeedsCaption(const QString &name)
{
    return exportNameAdvance(name) * kMinSqueeze > kTextWidth;
}

} // namespace

// Rates read "2500/s" rather than "2500 req/s": the unit fits the block's width at four digits
// (the inspector names the full unit). Each service module words its own line.
QString blockSubtitle(const Component &c)
{
    return serviceModule(c.kind).subtitle(c);
}

BlockItem::BlockItem(const Document *document, ComponentId id)
    : m_document(document)
    , m_id(id)
    , m_kind(ComponentKind::Lambda)
{
    setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(false);
    setZValue(1); // above wires
    syncFromModel();
}

const Component *BlockItem::component() const
{
    return m_document->design().component(m_id);
}

void BlockItem::syncFromModel()
{
    const Component *c = component();
    if (!c)
        return;
    m_kind = c->kind;
    m_name = c->name;
    m_subtitle = blockSubtitle(*c);
    m_nameLines.clear();
    const BlockNameLayout name = layoutBlockName(m_name, kTextWidth);
    m_namePx = name.pixelSize;
    for (const QString &line : name.lines)
        m_nameLines.append(staticText(line));
    const QFontMetricsF small(blockFont(kSmallPx));
    m_subtitleLine = staticText(small.elidedText(m_subtitle, Qt::ElideRight, kTextWidth));
    m_kindLine = staticText(small.elidedText(shortKindName(m_kind), Qt::ElideRight, kTextWidth));
    setToolTip(
        QStringLiteral("<b>%1</b><br>%2<br>%3")
            .arg(m_name.toHtmlEscaped(), componentKindName(m_kind), m_subtitle)
        + (m_overlay.toolTip.isEmpty() ? QString() : QStringLiteral("<br>") + m_overlay.toolTip)
        + decorationToolTip());
    m_syncing = true; // the model's position is authoritative: no snapping
    setPos(c->position);
    m_syncing = false;
    update();
}

QStringList BlockItem::nameLines() const
{
    QStringList lines;
    for (const QStaticText &line : m_nameLines)
        lines.append(line.text());
    return lines;
}

QRectF BlockItem::bodyRect()
{
    return QRectF(0, 0, kBlockWidth, kBlockHeight);
}

QRectF BlockItem::boundingRect() const
{
    // Ports stick out of the body; overlay badges sit on the top edge.
    const qreal m = kPortHitRadius + 1;
    return bodyRect().adjusted(-m, -m, m, m);
}

QPainterPath BlockItem::shape() const
{
    // The body plus the port circles, which stick out. United (not just added) so the parts of
    // the circles inside the body do not cancel out under the odd-even fill rule. Constant per
    // kind, so computed once.
    static QHash<int, QPainterPath> shapes;
    auto it = shapes.constFind(int(m_kind));
    if (it != shapes.cend())
        return *it;
    QPainterPath path;
    path.addRoundedRect(bodyRect(), kBlockRadius, kBlockRadius);
    for (Port port : {Port::Input, Port::Output, Port::Failure}) {
        if (hasPort(port)) {
            QPainterPath circle;
            circle.addEllipse(portPos(port), kPortHitRadius, kPortHitRadius);
            path = path.united(circle);
        }
    }
    shapes.insert(int(m_kind), path);
    return path;
}

QRectF BlockItem::nameRect() const
{
    return QRectF(kTextLeft, 6, kTextWidth, 30);
}

bool BlockItem::kindHasPort(ComponentKind kind, Port port)
{
    switch (port) {
    case Port::Input:
        return kind != ComponentKind::TrafficSource;
    case Port::Output:
        return kind != ComponentKind::Downstream;
    case Port::Failure:
        // Lambda and Kinesis mappings have on-failure destinations; SQS and SNS subscriptions
        // have redrive policies (aws-behaviour.md sections 1, 3, 4, 5).
        return kind == ComponentKind::Lambda || kind == ComponentKind::KinesisStream
               || kind == ComponentKind::SqsQueue || kind == ComponentKind::SnsTopic;
    case Port::None:
        break;
    }
    return false;
}

bool BlockItem::hasPort(Port port) const
{
    return kindHasPort(m_kind, port);
}

QPointF BlockItem::portPos(Port port) const
{
    switch (port) {
    case Port::Input:
        return QPointF(0, kBlockHeight / 2);
    case Port::Output:
        return QPointF(kBlockWidth, kBlockHeight / 2);
    case Port::Failure:
        return QPointF(kBlockWidth / 2, kBlockHeight);
    case Port::None:
        break;
    }
    return QPointF(kBlockWidth / 2, kBlockHeight / 2);
}

QPointF BlockItem::portScenePos(Port port) const
{
    return mapToScene(portPos(port));
}

BlockItem::Port BlockItem::portAt(QPointF scenePos) const
{
    const QPointF local = mapFromScene(scenePos);
    for (Port port : {Port::Output, Port::Failure, Port::Input}) {
        if (!hasPort(port))
            continue;
        const QPointF d = local - portPos(port);
        if (d.x() * d.x() + d.y() * d.y() <= kPortHitRadius * kPortHitRadius)
            return port;
    }
    return Port::None;
}

void BlockItem::setWireTarget(WireTarget state)
{
    if (state == m_wireTarget)
        return;
    m_wireTarget = state;
    update();
}

void BlockItem::setOverlay(const BlockOverlay &overlay)
{
    if (overlay == m_overlay)
        return;
    m_overlay = overlay;
    syncFromModel(); // refreshes the tool tip
}

QVariant BlockItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionChange && !m_syncing)
        return DiagramScene::snapToGrid(value.toPointF());
    if (change == ItemPositionHasChanged) {
        if (auto *diagram = qobject_cast<DiagramScene *>(scene()))
            diagram->blockMoved(m_id);
    }
    return QGraphicsItem::itemChange(change, value);
}

void BlockItem::paintSimplified(QPainter *painter)
{
    painter->setPen(Qt::NoPen);
    painter->setBrush(isSelected() ? scene()->palette().highlight().color() : kindColor(m_kind));
    painter->drawRoundedRect(bodyRect(), kBlockRadius, kBlockRadius);
    paintDecorations(painter, scene()->palette()); // focus and findings show at any zoom
}

void BlockItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    // An export is vector (or printed): it keeps the names however small it is drawn.
    const auto *diagram = qobject_cast<const DiagramScene *>(scene());
    const bool exporting = diagram && diagram->isExportRendering();
    if (lod < kSimplifiedLod && !exporting) {
        paintSimplified(painter);
        return;
    }
    const QPalette palette = scene()->palette();
    const QColor accent = kindColor(m_kind);
    const QRectF body = bodyRect();

    // Body: the palette's base colour so text contrast follows light and dark themes; the kind
    // colour as a border and a left accent band.
    QColor border = accent;
    qreal borderWidth = 1.5;
    if (m_wireTarget == WireTarget::Legal) {
        border = QColor(0x2E, 0x9E, 0x5B);
        borderWidth = 3;
    } else if (m_wireTarget == WireTarget::Illegal) {
        border = failureColor();
        borderWidth = 3;
    } else if (m_overlay.severity != BlockOverlay::Severity::None) {
        border = severityColor(m_overlay.severity);
        borderWidth = 3;
    }
    if (isSelected()) {
        painter->setPen(QPen(palette.highlight().color(), 6));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(body.adjusted(-2, -2, 2, 2), kBlockRadius + 2, kBlockRadius + 2);
    }
    painter->setPen(QPen(border, borderWidth));
    painter->setBrush(palette.base());
    painter->drawRoundedRect(body, kBlockRadius, kBlockRadius);

    const QRectF iconRect(kPad, (kBlockHeight - kIconSize) / 2, kIconSize, kIconSize);
    if (exporting) {
        paintIcon(painter, m_kind, iconRect);
    } else {
        const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        const int iconPixels = qMax(8, qRound(kIconSize * lod * dpr));
        const QPixmap icon = pixmapFor(m_kind, iconPixels);
        painter->drawPixmap(iconRect, icon, QRectF(icon.rect()));
    }

    // Text lines were laid out (split, elided) in syncFromModel(); painting only draws them.
    const bool twoLines = m_nameLines.size() > 1;
    painter->setFont(blockFont(m_namePx, true));
    painter->setPen(palette.text().color());
    qreal y = twoLines ? 6 : 13;
    if (exporting && nameNeedsCaption(m_name)) {
        paintExportCaption(painter, palette);
        y = 13 + 9; // subtitle and kind centred in the block; the caption carries the name
    } else if (exporting && twoLines) {
        const QFont &font = blockFont(kNameSmallPx, true);
        const qreal advance = QFontMetricsF(font).horizontalAdvance(m_name);
        const qreal squeeze = std::clamp(kTextWidth / advance, kMinSqueeze, 1.0);
        painter->save();
        painter->translate(kTextLeft, 13);
        painter->scale(squeeze, 1);
        painter->drawText(QRectF(0, 0, advance + 1, 18), Qt::AlignLeft | Qt::AlignVCenter, m_name);
        painter->restore();
        y = 13 + 18;
    } else {
        for (const QStaticText &line : m_nameLines) {
            drawLine(painter, kTextLeft, y, 16, line);
            y += twoLines ? 15 : 18;
        }
    }
    y += 4;
    painter->setFont(blockFont(kSmallPx));
    QColor muted = palette.text().color();
    muted.setAlphaF(0.72);
    painter->setPen(muted);
    drawLine(painter, kTextLeft, y, 14, m_subtitleLine);
    painter->setPen(accent.lighter(palette.base().color().lightness() < 128 ? 150 : 100));
    drawLine(painter, kTextLeft, y + 16, 14, m_kindLine);

    if (!exporting)
        paintPorts(painter, palette);
    if (!m_overlay.isEmpty())
        paintOverlay(painter, palette);
    if (!exporting)
        paintDecorations(painter, palette);
}

QRectF BlockItem::exportCaptionRect() const
{
    if (!nameNeedsCaption(m_name))
        return {};
    const qreal width = exportNameAdvance(m_name) + 2 * kCaptionPad;
    const qreal height = QFontMetricsF(blockFont(kNameSmallPx, true)).height() + 4;
    return QRectF((kBlockWidth - width) / 2, kBlockHeight + kCaptionGap, width, height);
}

void BlockItem::paintExportCaption(QPainter *painter, const QPalette &palette) const
{
    const QRectF caption = exportCaptionRect();
    // A plate of the page's colour keeps the name readable where it crosses a wire (the failure
    // wire leaves from the bottom edge).
    QColor plate = palette.base().color();
    plate.setAlphaF(0.85);
    painter->save();
    painter->setPen(Qt::NoPen);
    painter->setBrush(plate);
    painter->drawRoundedRect(caption, 4, 4);
    painter->setPen(palette.text().color());
    painter->setFont(blockFont(kNameSmallPx, true));
    painter->drawText(caption, Qt::AlignCenter, m_name);
    painter->restore();
}

void BlockItem::paintPorts(QPainter *painter, const QPalette &palette)
{
    const QColor rim = palette.base().color();
    for (Port port : {Port::Input, Port::Output, Port::Failure}) {
        if (!hasPort(port))
            continue;
        const QColor fill = port == Port::Failure ? failureColor()
                            : port == Port::Input ? palette.text().color()
                                                  : kindColor(m_kind);
        painter->setPen(QPen(port == Port::Input ? fill : rim, 2));
        painter->setBrush(port == Port::Input ? QBrush(rim) : QBrush(fill));
        painter->drawEllipse(portPos(port), kPortRadius, kPortRadius);
    }
}

void BlockItem::paintOverlay(QPainter *painter, const QPalette &palette)
{
    const QFont &font = blockFont(11, true);
    painter->setFont(font);
    auto badge = [&](const QString &text, const QRectF &r) {
        if (text.isEmpty())
            return;
        QColor fill = m_overlay.severity == BlockOverlay::Severity::None
                          ? palette.toolTipBase().color()
                          : severityColor(m_overlay.severity);
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(r, 9, 9);
        painter->setPen(m_overlay.severity == BlockOverlay::Severity::None
                            ? palette.toolTipText().color()
                            : QColor(Qt::white));
        painter->drawText(r, Qt::AlignCenter, text);
    };
    badge(m_overlay.topBadge, topBadgeRect());
    badge(m_overlay.bottomBadge, bottomBadgeRect());
}

namespace {

QRectF badgeRect(const QString &text, QPointF anchor, bool alignRight)
{
    if (text.isEmpty())
        return {};
    const qreal w = QFontMetricsF(blockFont(11, true)).horizontalAdvance(text) + 10;
    return QRectF(alignRight ? anchor.x() - w : anchor.x(), anchor.y() - 9, w, 18);
}

} // namespace

QRectF BlockItem::topBadgeRect() const
{
    return badgeRect(m_overlay.topBadge, QPointF(kBlockWidth - 6, 0), true);
}

QRectF BlockItem::bottomBadgeRect() const
{
    // Bottom-left, ending before the failure port (bottom middle) so it never hides it; a
    // long badge reaches out past the block's left edge instead.
    if (hasPort(Port::Failure))
        return badgeRect(m_overlay.bottomBadge,
                         QPointF(portPos(Port::Failure).x() - kPortHitRadius - 2, kBlockHeight),
                         true);
    return badgeRect(m_overlay.bottomBadge, QPointF(6, kBlockHeight), false);
}

} // namespace swb
