#pragma once

#include "model/ids.h"

#include <QList>
#include <QPair>
#include <QRectF>

namespace swb::navigation {

using Block = QPair<ComponentId, QRectF>; // a block and its body on the canvas

// The blocks in reading order: rows top to bottom (blocks whose centres lie within half a block
// height of a row's first block share the row), each row left to right. Tab follows it.
QList<ComponentId> readingOrder(const QList<Block> &blocks);

// The block an arrow key leads to from `from`: the nearest one whose centre lies in that
// direction within 45 degrees of it (distance along the direction plus twice the distance
// across it), else the nearest anywhere on that side; InvalidId when there is none.
ComponentId nearestTowards(const QList<Block> &blocks, ComponentId from, int dx, int dy);

} // namespace swb::navigation
