#pragma once

#include <QtGlobal>

// Geometry of the canvas in scene units, in one place. (model/layout.h may later define the block
// size for the auto-layout; these must then agree with it.)
namespace swb::canvas {

constexpr qreal kGridSize = 10;    // moves and drops snap to this grid
constexpr qreal kBlockWidth = 160; // a block's rounded rectangle
constexpr qreal kBlockHeight = 80;
constexpr qreal kPortRadius = 6;     // painted radius of a port
constexpr qreal kPortHitRadius = 11; // generous hit area so ports are easy to grab
constexpr qreal kPasteStep = 30;     // offset of successive pastes / duplicates

} // namespace swb::canvas
