#include "ui/export/reporttable.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QTextLayout>

#include <algorithm>
#include <numeric>

namespace swb {

namespace {

bool isNumericColumn(qsizetype c)
{
    return c == 2 || c == 4;
}

} // namespace

QList<double> tableColumnWidths(const QStringList &headers, const QList<QStringList> &rows,
                                const QFont &body, const QFont &bold, double width,
                                QPaintDevice *device)
{
    const QFontMetricsF bodyMetrics(body, device);
    const QFontMetricsF boldMetrics(bold, device);
    const qsizetype columns = headers.size();
    QList<double> natural(columns, 0);
    for (qsizetype c = 0; c < columns; ++c) {
        natural[c] = boldMetrics.horizontalAdvance(headers.at(c));
        for (const QStringList &row : rows)
            natural[c] = std::max(natural[c], bodyMetrics.horizontalAdvance(row.value(c)));
        natural[c] += kCellPadding;
    }
    QList<double> widths = natural;
    const double needed = std::accumulate(natural.begin(), natural.end(), 0.0);
    double textNatural = 0;
    for (qsizetype c = 0; c < columns; ++c)
        textNatural += isNumericColumn(c) ? 0 : natural.at(c);
    if (needed <= width) {
        // Spare room goes to the text columns in proportion, so the table spans the page.
        for (qsizetype c = 0; c < columns; ++c) {
            if (!isNumericColumn(c) && textNatural > 0)
                widths[c] += (width - needed) * natural.at(c) / textNatural;
        }
        return widths;
    }
    // Too wide: the numbers keep their width; the text columns share what is left, narrowest
    // first, each at most its natural width and at most an equal share of what remains.
    double rest = width;
    QList<qsizetype> text;
    for (qsizetype c = 0; c < columns; ++c) {
        if (isNumericColumn(c))
            rest -= natural.at(c);
        else
            text.append(c);
    }
    std::sort(text.begin(), text.end(),
              [&](qsizetype a, qsizetype b) { return natural.at(a) < natural.at(b); });
    for (qsizetype i = 0; i < text.size(); ++i) {
        const double share = std::max(rest, 0.0) / double(text.size() - i);
        widths[text.at(i)] = std::max(std::min(natural.at(text.at(i)), share), 2 * kCellPadding);
        rest -= widths.at(text.at(i));
    }
    return widths;
}

TableCell layoutTableCell(const QString &text, const QFont &font, double width,
                          QPaintDevice *device)
{
    const double advance = QFontMetricsF(font, device).horizontalAdvance(text);
    if (advance <= width)
        return {{text}, 1};
    if (advance * kMinSqueeze <= width)
        return {{text}, width / advance};
    QTextLayout layout(text, font, device);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    TableCell cell;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        cell.lines.append(text.mid(line.textStart(), line.textLength()).trimmed());
    }
    layout.endLayout();
    return cell;
}

void paintTableCell(QPainter &painter, const TableCell &cell, const QRectF &firstLine,
                    bool alignRight)
{
    const Qt::Alignment align = (alignRight ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter;
    QRectF box = firstLine;
    for (const QString &line : cell.lines) {
        if (cell.squeeze < 1) {
            // Narrower glyphs, same height: drawn in a box widened by 1/squeeze, scaled back.
            painter.save();
            painter.translate(box.left(), box.top());
            painter.scale(cell.squeeze, 1);
            painter.drawText(QRectF(0, 0, box.width() / cell.squeeze, box.height()), align, line);
            painter.restore();
        } else {
            painter.drawText(box, align, line);
        }
        box.translate(0, box.height());
    }
}

} // namespace swb
