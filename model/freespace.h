#pragma once

#include <QList>
#include <QPointF>
#include <QRectF>

namespace swb {

// Which way a group may be moved to find room.
enum class FreeDirection {
    Any,       // the nearest free spot in any direction (a new block near the view's centre)
    DownRight, // only down and to the right (a laid-out selection near where it was)
};

// The shortest offset (a multiple of kLayoutGrid, model/layout.h) that moves every rect of group
// clear of every rect of taken by at least margin. The zero offset when the group is already
// clear. When nothing within a few thousand units is free, the group goes below everything.
QPointF nearestFreeOffset(const QList<QRectF> &taken, const QList<QRectF> &group, qreal margin,
                          FreeDirection direction = FreeDirection::Any);

} // namespace swb
