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
    return findingMarkerToolTip(m_finding);
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
    if (!m_finding.isEmpty())
        paintFindingMarker(painter, markerRect(), m_finding.severity, palette.base().color());
}

} // namespace swb
