#pragma once

#include "model/design.h"

#include <QHash>
#include <QPointF>
#include <QSizeF>

namespace swb {

// Geometry shared by the auto-layout and the editor, in scene units. The editor draws every block
// with kBlockSize, so laid-out blocks never overlap.
constexpr QSizeF kBlockSize{160, 80};
// Free space between two layers (columns): room for the wire and its label.
constexpr qreal kLayerGap = 100;
// Free space between two blocks of one layer (rows).
constexpr qreal kRowGap = 60;
// Top-left of the first block of the first layer.
constexpr QPointF kLayoutOrigin{0, 0};
// Distance from one column (row) start to the next.
constexpr qreal kColumnPitch = kBlockSize.width() + kLayerGap;
constexpr qreal kRowPitch = kBlockSize.height() + kRowGap;

// Positions (top-left, scene units) for every block, left to right in graph order:
// - layers by longest path from the traffic sources (blocks without incoming wires start at
//   layer 0); the walk follows work-carrying wires before failure wires, and loops are broken
//   at their back edge;
// - a failure target (DLQ, on-failure destination) goes to the layer after its source, below the
//   blocks that carry work in that layer (a failure wire counts as one layer, like any wire);
// - within a layer blocks are ordered by the barycentre of their predecessors' rows (fewer
//   crossings; a down, an up and a down sweep), ties kept in their previous order (initially
//   the order the graph was walked), so the result is deterministic.
// Blocks are top-aligned in each column at multiples of kRowPitch.
QHash<ComponentId, QPointF> autoLayout(const Design &design);

} // namespace swb
