#pragma once

#include "model/layout.h"

#include <QtGlobal>

// Geometry of the canvas in scene units, in one place. The block size is the auto-layout's
// (model/layout.h), so laid-out blocks never overlap on the canvas.
namespace swb::canvas {

constexpr qreal kGridSize = 10; // moves and drops snap to this grid
constexpr qreal kBlockWidth = kBlockSize.width();
constexpr qreal kBlockHeight = kBlockSize.height();
constexpr qreal kBlockRadius = 8;    // corner radius of a block
constexpr qreal kPortRadius = 6;     // painted radius of a port
constexpr qreal kPortHitRadius = 11; // generous hit area so ports are easy to grab
constexpr qreal kPasteStep = 30;     // offset of successive pastes / duplicates
// Below this level of detail (scale) blocks paint as plain coloured shapes (minimap, far zoom).
constexpr qreal kSimplifiedLod = 0.4;

} // namespace swb::canvas
