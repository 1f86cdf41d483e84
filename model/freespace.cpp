#include "model/freespace.h"

#include "model/layout.h"

#include <algorithm>
#include <cmath>

namespace swb {

namespace {

constexpr int kStepsPerRing = 2; // candidate spacing: two grid steps
constexpr int kMaxRings = 200;   // search radius: 200 x 20 = 4000 units

bool isFree(const QList<QRectF> &taken, const QRectF &takenBox, const QList<QRectF> &group,
            QPointF offset, qreal margin)
{
    for (const QRectF &g : group) {
        const QRectF moved = g.translated(offset).adjusted(-margin, -margin, margin, margin);
        if (!moved.intersects(takenBox))
            continue;
        for (const QRectF &t : taken) {
            if (moved.intersects(t))
                return false;
        }
    }
    return true;
}

} // namespace

QPointF nearestFreeOffset(const QList<QRectF> &taken, const QList<QRectF> &group, qreal margin,
                          FreeDirection direction)
{
    QRectF takenBox;
    for (const QRectF &t : taken)
        takenBox |= t;
    if (group.isEmpty() || taken.isEmpty() || isFree(taken, takenBox, group, {}, margin))
        return {};
    const qreal step = kLayoutGrid * kStepsPerRing;
    const bool anyWay = direction == FreeDirection::Any;
    // Ring by ring (Chebyshev distance), nearest first within a ring (Euclidean).
    QList<QPoint> ring;
    for (int r = 1; r <= kMaxRings; ++r) {
        ring.clear();
        auto add = [&](QPoint p) {
            if (anyWay || (p.x() >= 0 && p.y() >= 0))
                ring.append(p);
        };
        for (int i = -r; i <= r; ++i) {
            add(QPoint(i, -r));
            add(QPoint(i, r));
        }
        for (int i = -r + 1; i < r; ++i) {
            add(QPoint(-r, i));
            add(QPoint(r, i));
        }
        std::sort(ring.begin(), ring.end(), [](QPoint a, QPoint b) {
            const int da = a.x() * a.x() + a.y() * a.y();
            const int db = b.x() * b.x() + b.y() * b.y();
            if (da != db)
                return da < db;
            // Ties: prefer down, then right (reading order), so results are deterministic.
            return a.y() != b.y() ? a.y() > b.y() : a.x() > b.x();
        });
        for (const QPoint p : std::as_const(ring)) {
            const QPointF offset(p.x() * step, p.y() * step);
            if (isFree(taken, takenBox, group, offset, margin))
                return offset;
        }
    }
    QRectF groupBox;
    for (const QRectF &g : group)
        groupBox |= g;
    const qreal dy = takenBox.bottom() + 2 * margin - groupBox.top();
    return QPointF(0, std::ceil(dy / kLayoutGrid) * kLayoutGrid);
}

} // namespace swb
