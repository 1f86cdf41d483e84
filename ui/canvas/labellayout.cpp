#include "ui/canvas/labellayout.h"

#include "ui/canvas/wireitem.h"
#include "ui/canvas/wirerouter.h"

#include <algorithm>
#include <limits>

namespace swb {

namespace {

constexpr qreal kBlockMargin = 3; // a label keeps this far from a block's border

bool wireOverlaps(const WireItem *wire, const QRectF &rect)
{
    if (!wire->routeBounds().intersects(rect))
        return false;
    const QList<QPointF> points = wire->drawnPolyline();
    for (int i = 0; i + 1 < points.size(); ++i) {
        if (wirerouting::segmentCrosses(points.at(i), points.at(i + 1), rect))
            return true;
    }
    return false;
}

int score(const LabelClashes &c)
{
    return c.blocks * 10000 + c.labels * 100 + c.wires;
}

} // namespace

LabelClashes labelClashes(const QRectF &rect, const WireItem *own, const QList<QRectF> &blocks,
                          const QList<QRectF> &labels, const QList<const WireItem *> &wires)
{
    LabelClashes clashes;
    const QRectF padded = rect.adjusted(-kBlockMargin, -kBlockMargin, kBlockMargin, kBlockMargin);
    for (const QRectF &b : blocks)
        clashes.blocks += b.intersects(padded);
    for (const QRectF &l : labels)
        clashes.labels += l.intersects(rect);
    for (const WireItem *w : wires)
        clashes.wires += w != own && wireOverlaps(w, rect);
    return clashes;
}

void layoutWireLabels(const QList<WireItem *> &wires, const QList<QRectF> &blocks)
{
    const QList<const WireItem *> all(wires.cbegin(), wires.cend());
    QList<QRectF> placed;
    placed.reserve(wires.size());
    for (WireItem *wire : wires) {
        const QList<qreal> candidates = wire->labelCandidates();
        qreal chosen = candidates.isEmpty() ? 0 : candidates.first();
        int best = std::numeric_limits<int>::max();
        for (qreal distance : candidates) {
            const int s =
                score(labelClashes(wire->labelRectAt(distance), wire, blocks, placed, all));
            if (s < best) {
                best = s;
                chosen = distance;
                if (s == 0)
                    break;
            }
        }
        wire->setLabelDistance(chosen);
        placed.append(wire->labelRect());
    }
}

} // namespace swb
