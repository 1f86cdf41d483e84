#include "ui/canvas/keyboardnavigation.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace swb::navigation {

QList<ComponentId> readingOrder(const QList<Block> &blocks)
{
    QList<Block> byY = blocks;
    std::stable_sort(byY.begin(), byY.end(), [](const Block &a, const Block &b) {
        return a.second.center().y() < b.second.center().y();
    });
    QList<ComponentId> order;
    for (int start = 0; start < byY.size();) {
        const QRectF &first = byY.at(start).second;
        int end = start + 1;
        while (end < byY.size()
               && byY.at(end).second.center().y() - first.center().y() < first.height() / 2)
            ++end;
        QList<Block> row = byY.mid(start, end - start);
        std::stable_sort(row.begin(), row.end(), [](const Block &a, const Block &b) {
            return a.second.center().x() < b.second.center().x();
        });
        for (const Block &b : std::as_const(row))
            order.append(b.first);
        start = end;
    }
    return order;
}

ComponentId nearestTowards(const QList<Block> &blocks, ComponentId from, int dx, int dy)
{
    QPointF origin;
    bool found = false;
    for (const Block &b : blocks) {
        if (b.first == from) {
            origin = b.second.center();
            found = true;
        }
    }
    if (!found)
        return InvalidId;
    ComponentId best = InvalidId;
    double bestScore = std::numeric_limits<double>::infinity();
    bool bestInCone = false;
    for (const Block &b : blocks) {
        if (b.first == from)
            continue;
        const QPointF d = b.second.center() - origin;
        const double along = d.x() * dx + d.y() * dy;            // distance in the direction
        const double across = std::abs(d.x() * dy - d.y() * dx); // distance across it
        if (along <= 0.5)
            continue;
        const bool inCone = across <= along;
        const double score = along + 2 * across;
        // Blocks inside the cone always beat blocks outside it.
        if ((inCone && !bestInCone) || (inCone == bestInCone && score < bestScore)) {
            best = b.first;
            bestScore = score;
            bestInCone = inCone;
        }
    }
    return best;
}

} // namespace swb::navigation
