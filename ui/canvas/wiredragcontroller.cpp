#include "ui/canvas/wiredragcontroller.h"

#include "model/document.h"
#include "model/wiringrules.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/wireitem.h"

#include "ui/canvas/diagramview.h"

#include <QFontMetricsF>
#include <QGraphicsPathItem>
#include <QPainter>
#include <QPalette>
#include <QPen>

namespace swb {

namespace {

// The reason an illegal target is refused, next to the cursor. It ignores the zoom so it reads
// the same at 50% and 200%, and it paints only in the editor's own view: the Overview shows the
// same scene far smaller, where a full-size bubble would cover the whole map.
class ReasonBubble : public QGraphicsItem
{
public:
    explicit ReasonBubble(const QPalette &palette)
        : m_palette(palette)
    {
        setFlag(ItemIgnoresTransformations);
        setZValue(20);
    }

    void setText(const QString &text)
    {
        prepareGeometryChange();
        m_text = text;
        const QFontMetricsF metrics(m_font);
        m_rect = QRectF(0, 0, metrics.horizontalAdvance(text) + 12, metrics.height() + 8);
    }
    QString text() const { return m_text; }

    QRectF boundingRect() const override { return m_rect.adjusted(-1, -1, 1, 1); }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *widget) override
    {
        if (!widget || !qobject_cast<DiagramView *>(widget->parentWidget()))
            return;
        painter->setPen(QPen(WireItem::kindColor(ConnectionKind::OnFailure), 1));
        painter->setBrush(m_palette.toolTipBase());
        painter->drawRect(m_rect);
        painter->setFont(m_font);
        painter->setPen(m_palette.toolTipText().color());
        painter->drawText(m_rect, Qt::AlignCenter, m_text);
    }

private:
    QPalette m_palette;
    QFont m_font;
    QString m_text;
    QRectF m_rect;
};

// The failure kind a source block uses: SQS queues and SNS subscriptions redrive to a DLQ,
// Lambda and stream mappings send to an on-failure destination (aws-behaviour.md 1, 3, 4, 5).
ConnectionKind naturalFailureKind(ComponentKind source)
{
    return source == ComponentKind::SqsQueue || source == ComponentKind::SnsTopic
               ? ConnectionKind::Redrive
               : ConnectionKind::OnFailure;
}

} // namespace

WireDragController::WireDragController(DiagramScene *scene)
    : m_scene(scene)
{}

WireDragController::~WireDragController()
{
    cancel();
}

WireDragController::Verdict WireDragController::verdictFor(ComponentId source, BlockItem::Port port,
                                                           ComponentId target) const
{
    return verdictFor(m_scene->document()->design(), source, port, target);
}

WireDragController::Verdict WireDragController::verdictFor(const Design &design, ComponentId source,
                                                           BlockItem::Port port, ComponentId target)
{
    Verdict verdict;
    const bool failurePort = port == BlockItem::Port::Failure;
    const QList<ConnectionKind> all = legalConnectionKinds(design, source, target);
    for (ConnectionKind kind : all) {
        if (isFailureKind(kind) == failurePort)
            verdict.kinds.append(kind);
    }
    if (!verdict.kinds.isEmpty())
        return verdict;
    const Component *src = design.component(source);
    const Component *dst = design.component(target);
    if (!all.isEmpty() && src && dst) {
        // Legal, but from the other port: say which one.
        verdict.reason = failurePort
                             ? QStringLiteral("The red failure port makes DLQs and on-failure "
                                              "destinations; wire '%1' to '%2' from its output "
                                              "port (right)")
                                   .arg(src->name, dst->name)
                             : QStringLiteral("To make '%2' the %3 of '%1', drag from the red "
                                              "failure port (bottom)")
                                   .arg(src->name, dst->name, connectionKindName(all.first()));
        return verdict;
    }
    if (failurePort && src)
        verdict.reason = checkWire(design, source, target, naturalFailureKind(src->kind)).reason;
    if (verdict.reason.isEmpty())
        verdict.reason = whyNoWire(design, source, target);
    if (verdict.reason.isEmpty())
        verdict.reason = QStringLiteral("No connection kind fits this pair");
    return verdict;
}

void WireDragController::start(ComponentId source, BlockItem::Port port)
{
    cancel();
    m_source = source;
    m_port = port;
    const bool failure = port == BlockItem::Port::Failure;
    for (ComponentId id : m_scene->document()->design().components.keys()) {
        if (id == source)
            continue;
        const Verdict verdict = verdictFor(source, port, id);
        m_verdicts.insert(id, verdict);
        if (BlockItem *block = m_scene->blockItem(id)) {
            if (!verdict.kinds.isEmpty())
                block->setWireTarget(BlockItem::WireTarget::Legal);
        }
    }
    m_rubber = new QGraphicsPathItem;
    QPen pen(failure ? WireItem::kindColor(ConnectionKind::OnFailure) : QColor(0x2E, 0x6F, 0xD8), 2,
             Qt::DashLine);
    pen.setCosmetic(true);
    m_rubber->setPen(pen);
    m_rubber->setZValue(10);
    m_scene->addItem(m_rubber);
}

BlockItem *WireDragController::targetAt(QPointF scenePos) const
{
    for (QGraphicsItem *item : m_scene->items(scenePos)) {
        if (item->type() == BlockItem::Type) {
            auto *block = static_cast<BlockItem *>(item);
            if (block->componentId() != m_source)
                return block;
        }
    }
    return nullptr;
}

QString WireDragController::move(QPointF scenePos)
{
    if (!isActive())
        return {};
    BlockItem *src = m_scene->blockItem(m_source);
    if (!src)
        return {};
    const bool failure = m_port == BlockItem::Port::Failure;
    BlockItem *target = targetAt(scenePos);
    QPointF end = scenePos;
    QString reason;
    // Reset the previous illegal highlight; legal ones stay lit for the whole drag.
    for (auto it = m_verdicts.cbegin(); it != m_verdicts.cend(); ++it) {
        if (it->kinds.isEmpty()) {
            if (BlockItem *block = m_scene->blockItem(it.key()))
                block->setWireTarget(BlockItem::WireTarget::None);
        }
    }
    if (target) {
        const Verdict verdict = m_verdicts.value(target->componentId());
        if (verdict.kinds.isEmpty()) {
            reason = verdict.reason;
            target->setWireTarget(BlockItem::WireTarget::Illegal);
        } else {
            end = target->portScenePos(BlockItem::Port::Input);
        }
    }
    m_rubber->setPath(WireItem::route(src->portScenePos(m_port), end, failure));
    showBubble(reason, scenePos);
    return reason;
}

void WireDragController::showBubble(const QString &text, QPointF scenePos)
{
    if (text.isEmpty()) {
        delete m_bubble;
        m_bubble = nullptr;
        return;
    }
    if (!m_bubble) {
        auto *bubble = new ReasonBubble(m_scene->palette());
        m_scene->addItem(bubble);
        m_bubble = bubble;
    }
    static_cast<ReasonBubble *>(m_bubble)->setText(text);
    m_bubble->setPos(scenePos + QPointF(14, 14));
}

ComponentId WireDragController::finish(QPointF scenePos, Verdict *verdict)
{
    BlockItem *target = isActive() ? targetAt(scenePos) : nullptr;
    const ComponentId targetId = target ? target->componentId() : InvalidId;
    if (target && verdict)
        *verdict = m_verdicts.value(targetId);
    cancel();
    return targetId;
}

void WireDragController::clearHighlights()
{
    for (auto it = m_verdicts.cbegin(); it != m_verdicts.cend(); ++it) {
        if (BlockItem *block = m_scene->blockItem(it.key()))
            block->setWireTarget(BlockItem::WireTarget::None);
    }
    m_verdicts.clear();
}

void WireDragController::cancel()
{
    clearHighlights();
    delete m_rubber;
    m_rubber = nullptr;
    delete m_bubble;
    m_bubble = nullptr;
    m_source = InvalidId;
    m_port = BlockItem::Port::None;
}

} // namespace swb
