#include "ui/export/costreportlayout.h"

#include "ui/export/diagramexport.h"
#include "ui/export/reporttable.h"

#include <QFontMetricsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

namespace swb {

namespace {

constexpr double kMargin = 42;       // points, left/right/top
constexpr double kBottomMargin = 54; // room for the footer
constexpr double kGap = 6;
constexpr double kBodySize = 9;
constexpr double kTableSize = 8;

QFont font(double pointSize, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(pointSize);
    f.setBold(bold);
    // No ligatures: "traffic" must stay six letters for text extraction and search in the PDF.
    f.setStyleStrategy(QFont::PreferNoShaping);
    return f;
}

} // namespace

// One rendering of the blocks: counting (writer == nullptr: nothing drawn) or painting.
class ReportLayout::Pass
{
public:
    Pass(QPainter &painter, QPdfWriter *writer, const QString &title, int pages)
        : painter(painter)
        , m_writer(writer)
        , m_title(title)
        , m_pages(pages)
    {
        const QSizeF size = QPageSize(QPageSize::A4).size(QPageSize::Point);
        content = QRectF(kMargin, kMargin, size.width() - 2 * kMargin,
                         size.height() - kMargin - kBottomMargin);
        y = content.top();
    }

    bool painting() const { return m_writer != nullptr; }
    double remaining() const { return content.bottom() - y; }
    int page() const { return m_page; }

    // Starts a new page unless h fits in what is left (or the page is still empty).
    void need(double h)
    {
        if (h > remaining() && y > content.top())
            newPage();
    }
    void newPage()
    {
        footer();
        if (m_writer)
            m_writer->newPage();
        ++m_page;
        y = content.top();
        if (onNewPage)
            onNewPage();
    }
    void finish() { footer(); }
    // Draws text wrapped to the content width at y (when painting) and moves y below it.
    void wrappedText(const QFont &f, const QString &text, double height)
    {
        if (painting()) {
            painter.setFont(f);
            painter.setPen(Qt::black);
            painter.drawText(QRectF(content.left(), y, content.width(), height), Qt::TextWordWrap,
                             text);
        }
        y += height + 2;
    }

    QPainter &painter;
    QRectF content;
    double y = 0;
    std::function<void()> onNewPage; // e.g. repeat a table's header

private:
    void footer()
    {
        if (!painting())
            return;
        painter.save();
        painter.setFont(font(7));
        painter.setPen(QColor(90, 90, 90));
        const QRectF band(content.left(), content.bottom() + 18, content.width(), 12);
        painter.drawText(band, Qt::AlignLeft | Qt::AlignVCenter,
                         QStringLiteral("Serverless Workbench cost report: %1").arg(m_title));
        painter.drawText(band, Qt::AlignRight | Qt::AlignVCenter,
                         QStringLiteral("page %1 of %2").arg(m_page).arg(m_pages));
        painter.restore();
    }

    QPdfWriter *m_writer;
    QString m_title;
    int m_pages;
    int m_page = 1;
};

ReportLayout::ReportLayout(const QString &title)
    : m_title(title)
{}

void ReportLayout::heading(const QString &text, double pointSize, double keepWithNext)
{
    m_blocks.append([text, pointSize, keepWithNext](Pass &pass) {
        const QFont f = font(pointSize, true);
        const QFontMetricsF fm(f, pass.painter.device());
        // Keep a heading with what follows (by default three lines of it).
        const QFontMetricsF body(font(kBodySize), pass.painter.device());
        pass.need(fm.height() + kGap + std::max(keepWithNext, 3 * body.height()));
        if (pass.y > pass.content.top())
            pass.y += kGap;
        const QRectF box =
            fm.boundingRect(QRectF(0, 0, pass.content.width(), 1e6), Qt::TextWordWrap, text);
        pass.wrappedText(f, text, box.height());
    });
}

void ReportLayout::paragraph(const QString &text)
{
    m_blocks.append([text](Pass &pass) {
        const QFont f = font(kBodySize);
        const QFontMetricsF fm(f, pass.painter.device());
        const QRectF box = fm.boundingRect(
            QRectF(pass.content.left(), 0, pass.content.width(), 1e6), Qt::TextWordWrap, text);
        pass.need(box.height());
        pass.wrappedText(f, text, box.height());
    });
}

void ReportLayout::keyValues(const QList<QPair<QString, QString>> &pairs)
{
    m_blocks.append([pairs](Pass &pass) {
        const QFont keyFont = font(kBodySize, true);
        const QFont valueFont = font(kBodySize);
        const QFontMetricsF km(keyFont, pass.painter.device());
        const QFontMetricsF vm(valueFont, pass.painter.device());
        double keyWidth = 0;
        for (const auto &p : pairs)
            keyWidth = std::max(keyWidth, km.horizontalAdvance(p.first));
        keyWidth = std::min(keyWidth + 8, pass.content.width() * 0.35);
        const double valueWidth = pass.content.width() - keyWidth;
        for (const auto &p : pairs) {
            const QRectF box =
                vm.boundingRect(QRectF(0, 0, valueWidth, 1e6), Qt::TextWordWrap, p.second);
            const double h = std::max(km.height(), box.height());
            pass.need(h);
            if (pass.painting()) {
                pass.painter.setPen(Qt::black);
                pass.painter.setFont(keyFont);
                pass.painter.drawText(QRectF(pass.content.left(), pass.y, keyWidth, h),
                                      Qt::AlignLeft | Qt::AlignTop,
                                      km.elidedText(p.first, Qt::ElideRight, keyWidth - 4));
                pass.painter.setFont(valueFont);
                pass.painter.drawText(QRectF(pass.content.left() + keyWidth, pass.y, valueWidth, h),
                                      Qt::TextWordWrap, p.second);
            }
            pass.y += h + 1;
        }
    });
}

void ReportLayout::table(const QStringList &headers, const QList<QStringList> &rows,
                         const QStringList &totalRow)
{
    m_blocks.append([headers, rows, totalRow](Pass &pass) {
        constexpr int kColumns = 5;
        const QFont body = font(kTableSize);
        const QFont bold = font(kTableSize, true);
        QPaintDevice *device = pass.painter.device();
        const QFontMetricsF fm(body, device);
        const double lineHeight = fm.height();
        const QList<double> widths =
            tableColumnWidths(headers, rows, body, bold, pass.content.width(), device);
        double edge[kColumns + 1] = {pass.content.left()};
        for (int c = 0; c < kColumns; ++c)
            edge[c + 1] = edge[c] + widths.value(c);
        auto paintRow = [&](const QStringList &cells, bool isBold, bool shade) {
            const QFont &f = isBold ? bold : body;
            // Each cell's extent: a cell followed by empty ones spans them (the total's label).
            struct Placed {
                int column;
                double left, width;
                TableCell cell;
            };
            QList<Placed> placed;
            int lines = 1;
            for (int c = 0; c < cells.size() && c < kColumns; ++c) {
                int end = c + 1;
                while (end < kColumns - 1 && end < cells.size() && cells.at(end).isEmpty()
                       && !cells.at(c).isEmpty())
                    ++end;
                const double w = edge[end] - edge[c] - kCellPadding;
                placed.append({c, edge[c] + 2, w, layoutTableCell(cells.at(c), f, w, device)});
                lines = std::max(lines, int(placed.last().cell.lines.size()));
                c = end - 1;
            }
            const double rowHeight = lines * lineHeight + 3;
            pass.need(rowHeight);
            if (pass.painting()) {
                QPainter &p = pass.painter;
                if (shade)
                    p.fillRect(QRectF(pass.content.left(), pass.y, pass.content.width(), rowHeight),
                               QColor(238, 242, 247));
                p.setFont(f);
                p.setPen(Qt::black);
                for (const Placed &cell : placed) {
                    const bool right = cell.column == 2 || cell.column == 4;
                    paintTableCell(p, cell.cell,
                                   QRectF(cell.left, pass.y + 1.5, cell.width, lineHeight), right);
                }
            }
            pass.y += rowHeight;
        };
        auto header = [&]() {
            paintRow(headers, true, true);
            if (pass.painting())
                pass.painter.drawLine(QPointF(pass.content.left(), pass.y),
                                      QPointF(pass.content.right(), pass.y));
        };
        pass.need(3 * (lineHeight + 3));
        header();
        pass.onNewPage = header;
        for (qsizetype i = 0; i < rows.size(); ++i)
            paintRow(rows.at(i), false, i % 2 == 1);
        pass.onNewPage = nullptr;
        pass.need(lineHeight + 3);
        if (pass.painting())
            pass.painter.drawLine(QPointF(pass.content.left(), pass.y),
                                  QPointF(pass.content.right(), pass.y));
        QStringList total = {totalRow.value(0), QString(), QString(), QString(), totalRow.value(1)};
        paintRow(total, true, false);
    });
}

void ReportLayout::chart(const ReportChart &chart, double durationSeconds, double height)
{
    m_blocks.append([chart, durationSeconds, height](Pass &pass) {
        pass.need(height + kGap);
        if (pass.painting())
            paintReportChart(
                pass.painter,
                QRectF(pass.content.left(), pass.y + kGap, pass.content.width(), height), chart,
                durationSeconds);
        pass.y += height + kGap;
    });
}

void ReportLayout::diagram(DiagramScene *scene, double maxHeight)
{
    m_blocks.append([scene, maxHeight](Pass &pass) {
        DiagramExportOptions options;
        options.titleBlock = false;
        const QSizeF size = diagramSize(*scene, options);
        if (size.isEmpty())
            return;
        const double scale =
            std::min(pass.content.width() / size.width(), maxHeight / size.height());
        const double h = size.height() * scale;
        pass.need(h + kGap);
        if (pass.painting()) {
            const QRectF target(pass.content.left(), pass.y + kGap, pass.content.width(), h);
            paintDiagram(pass.painter, target, *scene, options);
        }
        pass.y += h + 2 * kGap;
    });
}

bool ReportLayout::render(QPdfWriter &writer)
{
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF()));
    writer.setResolution(72);
    QPainter painter;
    if (!painter.begin(&writer))
        return false;
    int pages = 0;
    for (bool paint : {false, true}) {
        Pass pass(painter, paint ? &writer : nullptr, m_title, pages);
        for (const Block &block : m_blocks)
            block(pass);
        pass.finish();
        pages = pass.page();
    }
    return painter.end();
}

} // namespace swb
