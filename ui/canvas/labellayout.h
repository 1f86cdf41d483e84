#pragma once

#include <QList>
#include <QRectF>

namespace swb {

class WireItem;

// What a wire's label rect overlaps: blocks, labels of other wires, other wires (their drawn
// route and arrow). A label lies on its own wire, so that one does not count.
struct LabelClashes {
    int blocks = 0;
    int labels = 0;
    int wires = 0;

    bool isClear() const { return blocks == 0 && labels == 0 && wires == 0; }
};

// Counts what rect (a label of wire `own`) overlaps among the blocks, the given labels and the
// wires. Used by the layout below and by the tests that check it.
LabelClashes labelClashes(const QRectF &rect, const WireItem *own, const QList<QRectF> &blocks,
                          const QList<QRectF> &labels, const QList<const WireItem *> &wires);

// Places every wire's label, in the order given (the scene passes them by id, so the result is
// deterministic): each takes the first of its WireItem::labelCandidates() that is clear of the
// blocks, of the labels placed before it and of the other wires; when no spot is clear, the one
// that overlaps least (a block counts most, then a label, then a wire).
void layoutWireLabels(const QList<WireItem *> &wires, const QList<QRectF> &blocks);

} // namespace swb
