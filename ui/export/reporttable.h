#pragma once
// Cells of the PDF cost report's table, never cut: columns sized to their widest cell where the
// page allows, and a cell too long for its column drawn narrower on one line (a name stays whole,
// searchable) or, failing that, wrapped onto more lines. Nothing is elided.

#include <QFont>
#include <QList>
#include <QString>
#include <QStringList>

class QPainter;
class QPaintDevice;
class QRectF;

namespace swb {

// Horizontal room a column keeps around its text (2 points left, 4 right).
inline constexpr double kCellPadding = 6;
// The narrowest a line may be squeezed to stay whole before it wraps (a condensed face's width).
inline constexpr double kMinSqueeze = 0.8;

struct TableCell {
    QStringList lines;  // one, or the wrapped lines
    double squeeze = 1; // horizontal scale of a single line (kMinSqueeze..1)
};

// Column widths summing to `width`: every column its widest cell (headers in `bold`) plus
// padding when that fits, the spare room shared by the text columns; otherwise the numeric
// columns (2 and 4: quantity, USD) keep theirs and the text columns share the rest, the
// narrower ones whole first, so only the longest texts need more than one line.
QList<double> tableColumnWidths(const QStringList &headers, const QList<QStringList> &rows,
                                const QFont &body, const QFont &bold, double width,
                                QPaintDevice *device);

// The lines of `text` in a column `width` points wide: one line, squeezed if that keeps it
// whole, or wrapped at word boundaries (inside a word only when the word alone is too wide).
TableCell layoutTableCell(const QString &text, const QFont &font, double width,
                          QPaintDevice *device);

// Paints the cell's lines from `firstLine` (one line's box) downwards, left or right aligned.
void paintTableCell(QPainter &painter, const TableCell &cell, const QRectF &firstLine,
                    bool alignRight);

} // namespace swb
