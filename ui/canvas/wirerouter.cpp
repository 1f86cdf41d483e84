#include "ui/canvas/wirerouter.h"

#include <QHash>
#include <QLineF>

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>

namespace swb::wirerouting {

namespace {

using Polyline = QList<QPointF>;

constexpr double kBendCost = 60;      // a bend costs as much as 60 units of wire
constexpr double kSearchMargin = 260; // the search looks this far around the wire's ends
constexpr double kDetour = 30;        // a wire going round a block passes this far from it

QRectF padded(const QRectF &r)
{
    return r.adjusted(-kClearance, -kClearance, kClearance, kClearance);
}

// Drops corners that do not turn (and repeated points).
Polyline simplified(const Polyline &points)
{
    Polyline out;
    for (const QPointF &p : points) {
        if (!out.isEmpty() && QLineF(out.last(), p).length() < 0.01)
            continue;
        if (out.size() >= 2) {
            const QPointF a = out.at(out.size() - 2);
            const QPointF b = out.last();
            const bool sameX = std::abs(a.x() - b.x()) < 0.01 && std::abs(b.x() - p.x()) < 0.01;
            const bool sameY = std::abs(a.y() - b.y()) < 0.01 && std::abs(b.y() - p.y()) < 0.01;
            if (sameX || sameY)
                out.removeLast();
        }
        out.append(p);
    }
    return out;
}

// The part of the route outside the two port stubs must keep clear of every block.
bool isClear(const Polyline &route, QPointF startStub, QPointF endStub,
             const QList<QRectF> &obstacles)
{
    Polyline middle{startStub};
    for (int i = 1; i + 1 < route.size(); ++i)
        middle.append(route.at(i));
    middle.append(endStub);
    middle = simplified(middle);
    for (int i = 0; i + 1 < middle.size(); ++i) {
        for (const QRectF &r : obstacles) {
            if (segmentCrosses(middle.at(i), middle.at(i + 1), r))
                return false;
        }
    }
    return true;
}

// The usual shapes, best first.
QList<Polyline> candidates(const Request &q, QPointF s1, QPointF e1)
{
    QList<Polyline> out;
    if (q.failure) {
        const qreal down = q.source.bottom() + kDetour + q.lane;
        const bool ahead = q.to.x() > q.source.right() + 2 * kStub;
        // The vertical leg sits at three quarters of the gap, so it never shares the middle
        // leg of a work wire in the same gap.
        const qreal gapX = ahead ? q.source.right() + (q.to.x() - q.source.right()) * 0.75 + q.lane
                                 : e1.x() + q.lane;
        out.append({q.from, QPointF(q.from.x(), down), QPointF(gapX, down), QPointF(gapX, q.to.y()),
                    q.to});
        if (ahead) {
            const qreal nearX = e1.x() + q.lane;
            out.append({q.from, QPointF(q.from.x(), down), QPointF(nearX, down),
                        QPointF(nearX, q.to.y()), q.to});
        }
        return out;
    }
    if (e1.x() >= s1.x()) {
        if (std::abs(q.from.y() - q.to.y()) < 0.5)
            out.append({q.from, q.to});
        const qreal middle = (q.from.x() + q.to.x()) / 2;
        QList<qreal> xs;
        switch (q.trunk) {
        case Trunk::NearSource:
            xs = {s1.x(), middle, e1.x()};
            break;
        case Trunk::NearTarget:
            xs = {e1.x(), middle, s1.x()};
            break;
        case Trunk::Middle:
            xs = {middle, s1.x(), e1.x()};
            break;
        }
        for (qreal x : std::as_const(xs)) {
            x = std::clamp(x + q.lane, s1.x(), e1.x());
            out.append({q.from, QPointF(x, q.from.y()), QPointF(x, q.to.y()), q.to});
        }
        return out;
    }
    // The target is behind the source: round the blocks, below or above both.
    const qreal below = std::max(q.source.bottom(), q.target.bottom()) + kDetour;
    const qreal above = std::min(q.source.top(), q.target.top()) - kDetour;
    for (qreal y : q.to.y() >= q.from.y() ? QList<qreal>{below, above} : QList<qreal>{above, below})
        out.append({q.from, s1, QPointF(s1.x(), y), QPointF(e1.x(), y), e1, q.to});
    return out;
}

// Cheapest orthogonal path from s1 (leaving in direction startDir) to e1 (entering to the
// right) on the grid of the obstacles' edges and the middles between them.
Polyline search(QPointF s1, int startDir, QPointF e1, const QList<QRectF> &obstacles,
                const QRectF &region)
{
    QList<QRectF> near;
    QList<qreal> xs{s1.x(), e1.x()};
    QList<qreal> ys{s1.y(), e1.y()};
    for (const QRectF &r : obstacles) {
        if (!r.intersects(region))
            continue;
        near.append(r);
        xs << r.left() << r.right();
        ys << r.top() << r.bottom();
    }
    xs << region.left() << region.right();
    ys << region.top() << region.bottom();
    auto withMiddles = [](QList<qreal> &v) {
        std::sort(v.begin(), v.end());
        v.erase(std::unique(v.begin(), v.end()), v.end());
        const QList<qreal> edges = v;
        for (int i = 0; i + 1 < edges.size(); ++i)
            v.append((edges.at(i) + edges.at(i + 1)) / 2);
        std::sort(v.begin(), v.end());
        v.erase(std::unique(v.begin(), v.end()), v.end());
    };
    withMiddles(xs);
    withMiddles(ys);
    const int nx = int(xs.size());
    const int ny = int(ys.size());
    auto inside = [&](QPointF p) {
        for (const QRectF &r : std::as_const(near)) {
            if (p.x() > r.left() && p.x() < r.right() && p.y() > r.top() && p.y() < r.bottom())
                return true;
        }
        return false;
    };
    const int sx = int(xs.indexOf(s1.x()));
    const int sy = int(ys.indexOf(s1.y()));
    const int ex = int(xs.indexOf(e1.x()));
    const int ey = int(ys.indexOf(e1.y()));
    // States: node x direction (0 +x, 1 -x, 2 +y, 3 -y).
    const int states = nx * ny * 4;
    constexpr double inf = std::numeric_limits<double>::infinity();
    QList<double> cost(states, inf);
    QList<int> from(states, -1);
    auto state = [&](int i, int j, int d) { return (j * nx + i) * 4 + d; };
    using Entry = std::pair<double, int>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> open;
    cost[state(sx, sy, startDir)] = 0;
    open.push({0, state(sx, sy, startDir)});
    const int di[4] = {1, -1, 0, 0};
    const int dj[4] = {0, 0, 1, -1};
    int best = -1;
    double bestCost = inf;
    while (!open.empty()) {
        const auto [c, s] = open.top();
        open.pop();
        if (c > cost[s] || c >= bestCost)
            continue;
        const int d = s % 4;
        const int node = s / 4;
        const int i = node % nx;
        const int j = node / nx;
        if (i == ex && j == ey) {
            const double total = c + (d == 0 ? 0 : kBendCost);
            if (total < bestCost) {
                bestCost = total;
                best = s;
            }
            continue;
        }
        for (int nd = 0; nd < 4; ++nd) {
            if ((d ^ 1) == nd) // no U-turn on the spot
                continue;
            const int ni = i + di[nd];
            const int nj = j + dj[nd];
            if (ni < 0 || nj < 0 || ni >= nx || nj >= ny)
                continue;
            const QPointF a(xs.at(i), ys.at(j));
            const QPointF b(xs.at(ni), ys.at(nj));
            const bool isEnd = ni == ex && nj == ey;
            if ((!isEnd && inside(b)) || inside((a + b) / 2))
                continue;
            const double next = c + QLineF(a, b).length() + (nd == d ? 0 : kBendCost);
            const int ns = state(ni, nj, nd);
            if (next < cost[ns]) {
                cost[ns] = next;
                from[ns] = s;
                open.push({next, ns});
            }
        }
    }
    if (best < 0)
        return {};
    Polyline path;
    for (int s = best; s >= 0; s = from[s]) {
        const int node = s / 4;
        path.prepend(QPointF(xs.at(node % nx), ys.at(node / nx)));
    }
    return path;
}

} // namespace

bool segmentCrosses(QPointF a, QPointF b, const QRectF &r)
{
    const qreal x1 = std::min(a.x(), b.x());
    const qreal x2 = std::max(a.x(), b.x());
    const qreal y1 = std::min(a.y(), b.y());
    const qreal y2 = std::max(a.y(), b.y());
    const bool xOverlap = x2 - x1 < 0.01 ? (x1 > r.left() && x1 < r.right())
                                         : (std::max(x1, r.left()) < std::min(x2, r.right()));
    const bool yOverlap = y2 - y1 < 0.01 ? (y1 > r.top() && y1 < r.bottom())
                                         : (std::max(y1, r.top()) < std::min(y2, r.bottom()));
    return xOverlap && yOverlap;
}

int crossings(const QList<QPointF> &a, const QList<QPointF> &b)
{
    int count = 0;
    for (int i = 0; i + 1 < a.size(); ++i) {
        for (int j = 0; j + 1 < b.size(); ++j) {
            QPointF h1 = a.at(i), h2 = a.at(i + 1), v1 = b.at(j), v2 = b.at(j + 1);
            if (std::abs(h1.y() - h2.y()) > 0.01)
                std::swap(h1, v1), std::swap(h2, v2);
            const bool horizontal = std::abs(h1.y() - h2.y()) <= 0.01;
            const bool vertical = std::abs(v1.x() - v2.x()) <= 0.01;
            if (!horizontal || !vertical)
                continue;
            const qreal y = h1.y();
            const qreal x = v1.x();
            if (x > std::min(h1.x(), h2.x()) + 0.01 && x < std::max(h1.x(), h2.x()) - 0.01
                && y > std::min(v1.y(), v2.y()) + 0.01 && y < std::max(v1.y(), v2.y()) - 0.01)
                ++count;
        }
    }
    return count;
}

QList<QPointF> route(const Request &q, const QList<QRectF> &obstacles)
{
    QList<QRectF> blocks;
    blocks.reserve(obstacles.size());
    for (const QRectF &r : obstacles)
        blocks.append(padded(r));
    const QPointF s1 = q.failure ? q.from + QPointF(0, kStub) : q.from + QPointF(kStub, 0);
    const QPointF e1 = q.to - QPointF(kStub, 0);
    const QList<Polyline> shapes = candidates(q, s1, e1);
    for (const Polyline &shape : shapes) {
        if (isClear(shape, s1, e1, blocks))
            return simplified(shape);
    }
    const int startDir = q.failure ? 2 : 0;
    QRectF region = QRectF(s1, e1).normalized().adjusted(-kSearchMargin, -kSearchMargin,
                                                         kSearchMargin, kSearchMargin);
    Polyline path = search(s1, startDir, e1, blocks, region);
    if (path.isEmpty()) {
        for (const QRectF &r : std::as_const(blocks))
            region |= r;
        path =
            search(s1, startDir, e1, blocks, region.adjusted(-kDetour, -kDetour, kDetour, kDetour));
    }
    if (path.isEmpty())
        return simplified(shapes.first()); // boxed in: the usual shape, through the block
    path.prepend(q.from);
    path.append(q.to);
    return simplified(path);
}

} // namespace swb::wirerouting
