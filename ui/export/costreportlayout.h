#pragma once
// A small flowing page layout for the PDF cost report: blocks (headings, paragraphs, key/value
// lists, a table whose header repeats on every page, charts, the diagram) are collected first,
// then rendered twice onto A4 pages in points: once to count the pages, once to paint them with
// "page n of N" footers. A block that does not fit in what is left of a page starts the next one.

#include "ui/export/costreportcharts.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <functional>

class QPainter;
class QPdfWriter;

namespace swb {

class DiagramScene;

class ReportLayout
{
public:
    explicit ReportLayout(const QString &title);

    QString title() const { return m_title; }

    // keepWithNext: the height of what must follow on the same page (0: three lines of text).
    void heading(const QString &text, double pointSize, double keepWithNext = 0);
    void paragraph(const QString &text);
    void keyValues(const QList<QPair<QString, QString>> &pairs);
    // Columns: the first two left-aligned, the others right-aligned except the fourth (text).
    // totalRow: label and amount, printed bold under the last column.
    // Columns follow their widest cell; no cell is cut (a long one is condensed or wraps,
    // reporttable.h).
    void table(const QStringList &headers, const QList<QStringList> &rows,
               const QStringList &totalRow);
    void chart(const ReportChart &chart, double durationSeconds, double height);
    void diagram(DiagramScene *scene, double maxHeight);

    // Sets A4 portrait, 72 dpi (one unit = one point) and paints every page. False when the
    // painter cannot start on the writer.
    bool render(QPdfWriter &writer);

private:
    class Pass;
    using Block = std::function<void(Pass &)>;

    QString m_title;
    QList<Block> m_blocks;
};

} // namespace swb
