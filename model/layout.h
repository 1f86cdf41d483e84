#pragma once

#include "model/design.h"

#include <QHash>
#include <QList>
#include <QPointF>
#include <QSizeF>

namespace swb {

// Geometry shared by the auto-layout and the editor, in scene units. The editor draws every block
// with kBlockSize, so laid-out blocks never overlap.
constexpr QSizeF kBlockSize{160, 80};
// Free space between two layers (columns): room for the vertical legs of the wires and for a
// label ("subscription", "on failure") on the leg that enters the next column.
constexpr qreal kLayerGap = 120;
// Free space between two blocks of one layer (rows): room for a wire to pass between them.
constexpr qreal kRowGap = 60;
// Free space between two independent flows stacked one above the other.
constexpr qreal kFlowGap = 100;
// Blocks snap to this grid in the editor; laid-out positions are multiples of it.
constexpr qreal kLayoutGrid = 10;
// Top-left of the first block of the first layer.
constexpr QPointF kLayoutOrigin{0, 0};
// Distance from one column (row) start to the next in the column layout.
constexpr qreal kColumnPitch = kBlockSize.width() + kLayerGap;
constexpr qreal kRowPitch = kBlockSize.height() + kRowGap;

// Positions (top-left, scene units) for every block, laid out left to right by Graphviz's `dot`
// (layered: ranks by the flow of work, crossing minimisation, long wires given their own lane):
// - each independent flow (weakly connected part of the design) is laid out on its own, and
//   the flows are stacked top to bottom in the order of their first traffic source (then of
//   their lowest block id), left-aligned at kLayoutOrigin;
// - work wires leave a block on its right and enter the next on its left; failure wires
//   (on-failure destination, redrive) leave from the bottom, so a DLQ sits after and below its
//   source; work wires weigh more than failure wires, so the main flow is kept straight;
// - positions are multiples of kLayoutGrid; the result is deterministic.
// If Graphviz cannot lay the design out (its layout plug-in missing), the column layout below
// is used and error (if given) says why.
QHash<ComponentId, QPointF> autoLayout(const Design &design, QString *error = nullptr);

// Lays out only the given blocks (and the wires between them) with autoLayout's rules, and
// places the result where the selection was: its top-left at the selection's old top-left,
// moved down (then right) to the nearest spot where it overlaps no other block. Blocks outside
// the selection keep their place.
QHash<ComponentId, QPointF> layoutSelection(const Design &design, const QList<ComponentId> &ids,
                                            QString *error = nullptr);

// The built-in layout (no Graphviz): columns by longest path from the traffic sources, rows by
// the barycentre of the predecessors (a down, an up and a down sweep), failure targets after
// and below their source; blocks top-aligned at multiples of kRowPitch. Used when Graphviz
// fails, and by the tests as the baseline Graphviz's layout must not do worse than.
QHash<ComponentId, QPointF> columnLayout(const Design &design);

} // namespace swb
