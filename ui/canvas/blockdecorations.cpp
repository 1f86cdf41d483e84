// BlockItem: what the editor draws over a block besides the model's data: the keyboard focus
// ring and the findings marker.
#include "ui/canvas/blockitem.h"

#include "ui/canvas/canvasmetrics.h"

#include <QPainter>
#include <QPalette>

namespace swb {

using namespace canvas;

namespace {

constexpr qreal kRingGap = 6;     // between the body and the focus ring
constexpr qreal kMarkerSize = 18; // diameter of the findings marker

QColor markerColor(FindingMarker::Severity severity)
{
    return severity == FindingMarker::Severity::Error ? QColor(0xD3, 0x2F, 0x2F)
                                                      : QColor(0xF0, 0xA2, 0x02);
}

} // namespace

QRectF BlockItem::markerRect()
{
    // Straddling the top-left corner, clear of the ports (left middle, right middle, bottom
    // middle) and of the playback's top-right badge.
    return QRectF(-kMarkerSize / 2 + 2, -kMarkerSize / 2 + 2, kMarkerSize, kMarkerSize);
}

void BlockItem::setFocusRing(bool on)
{
    if (on == m_focusRing)
        return;
    m_focusRing = on;
    update();
}

void BlockItem::setFindingMarker(const FindingMarker &marker)
{
    if (marker == m_finding)
        return;
    m_finding = marker;
    syncFromModel(); // refreshes the tool tip
}

QString BlockItem::decorationToolTip() const
{
    if (m_finding.isEmpty())
        return {};
    QString text = QStringLiteral("<hr>");
    for (const QString &message : m_finding.messages)
        text += QStringLiteral("\u2022 %1<br>").arg(message.toHtmlEscaped());
    return text + QStringLiteral("<i>Click the marker to show it in Findings.</i>");
}

void BlockItem::paintDecorations(QPainter *painter, const QPalette &palette)
{
    if (m_focusRing) {
        // A dashed ring around the block, in the highlight colour, distinct from the solid
        // selection outline: the keyboard's position even when nothing is selected.
        QPen pen(palette.highlight().color(), 2, Qt::DashLine);
        pen.setCosmetic(true);
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(bodyRect().adjusted(-kRingGap, -kRingGap, kRingGap, kRingGap),
                                 kBlockRadius + kRingGap, kBlockRadius + kRingGap);
    }
    if (!m_finding.isEmpty()) {
        const QRectF r = markerRect();
        painter->setPen(QPen(palette.base().color(), 2));
        painter->setBrush(markerColor(m_finding.severity));
        painter->drawEllipse(r);
        QFont font = painter->font();
        font.setPixelSize(12);
        font.setBold(true);
        painter->setFont(font);
        painter->setPen(m_finding.severity == FindingMarker::Severity::Error ? QColor(Qt::white)
                                                                             : QColor(Qt::black));
        painter->drawText(r, Qt::AlignCenter, QStringLiteral("!"));
    }
}

} // namespace swb
