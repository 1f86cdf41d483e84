#pragma once

#include <QList>
#include <QPointF>
#include <QRectF>

namespace swb::wirerouting {

// Where a wire's trunk (its vertical leg between two columns) goes.
enum class Trunk {
    Middle,     // halfway between the columns
    NearSource, // just after the source's stub: several wires fan out of one port, so each
                // gets its own long last leg (and room for its label) into its target
    NearTarget, // just before the target: several wires fan into one port
};

struct Request {
    QPointF from;         // the port the wire leaves
    bool failure = false; // leaves downwards (failure port) rather than to the right
    QPointF to;           // where the wire ends (the arrow's base); it enters to the right
    QRectF source;        // body of the source block
    QRectF target;        // body of the target block
    qreal lane = 0;       // shift of the legs of parallel wires between one pair of blocks
    Trunk trunk = Trunk::Middle;
};

// An orthogonal route (corner points, first = from, last = to) that keeps clear of every
// obstacle (block bodies, the source's and target's included) by kClearance:
// 1. the usual shapes are tried first (straight, one trunk at the preferred place, a failure
//    wire down, across and in), so a tidy layout keeps tidy wires;
// 2. if each of them cuts a block, the cheapest route through the gaps between the blocks is
//    searched (length plus a cost per bend) on the lines along the obstacles' edges and the
//    middles of the gaps between them.
QList<QPointF> route(const Request &request, const QList<QRectF> &obstacles);

constexpr double kClearance = 10; // free space kept between a wire and a block
constexpr double kStub = 20;      // straight run out of a port (and into one) before a corner

// Whether the segment a-b (horizontal or vertical) passes through the inside of rect.
bool segmentCrosses(QPointF a, QPointF b, const QRectF &rect);
// Proper crossings between two orthogonal polylines (collinear overlaps do not count).
int crossings(const QList<QPointF> &a, const QList<QPointF> &b);

} // namespace swb::wirerouting
