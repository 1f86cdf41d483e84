#pragma once

#include <QFont>
#include <QString>
#include <QStringList>

namespace swb::canvas {

// The font of a block's texts at a pixel size, built once per size (resolving a QFont on every
// paint costs more than drawing the block). No ligatures: in an exported PDF "traffic" and
// "workflow" must stay plain letters for text extraction and search.
const QFont &blockFont(int pixelSize, bool bold = false);

// How a block's name is drawn in its text column: names are how users find blocks, so they are
// shown whole whenever they can be. One line at the normal size or down to 11 px; else two lines,
// broken after a separator (space, -, _, ., /, :) or between words of a camelCase name, at the
// largest size at which both lines fit; else broken anywhere at the smallest size. Only a name too
// long for even that is elided (elided = true; the block's tool tip has it whole).
struct BlockNameLayout {
    QStringList lines;
    int pixelSize = 0;
    bool elided = false;
};

constexpr int kNamePx = 13;       // a name on one line
constexpr int kOneLineMinPx = 11; // a name slightly too long shrinks to this, still one line
constexpr int kNameMinPx = 10;    // the smallest size a wrapped name shrinks to

BlockNameLayout layoutBlockName(const QString &name, qreal width);

} // namespace swb::canvas
