// BlockItem: what the editor draws over a block besides the model's data: the keyboard focus
// ring.
#include "ui/canvas/blockitem.h"

#include "ui/canvas/canvasmetrics.h"

#include <QPainter>
#include <QPalette>

namespace swb {

using namespace canvas;

namespace {

constexpr qreal kRingGap = 6; // between the body and the focus ring

} // namespace

void BlockItem::setFocusRing(bool on)
{
    if (on == m_focusRing)
        return;
    m_focusRing = on;
    update();
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
}

} // namespace swb
