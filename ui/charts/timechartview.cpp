#include "ui/charts/timechartview.h"

#include <QContextMenuEvent>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QSvgGenerator>
#include <QValueAxis>

namespace swb {

TimeChartView::TimeChartView(QChart *chart, QWidget *parent)
    : QChartView(chart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    // The foreground (cursor, bands) depends on the plot area, which the scene cache would miss.
    setCacheMode(QGraphicsView::CacheNone);
    connect(chart, &QChart::plotAreaChanged, this, [this] { viewport()->update(); });
}

void TimeChartView::setCursorSeconds(double seconds)
{
    if (seconds == m_cursor || (std::isnan(seconds) && std::isnan(m_cursor)))
        return;
    m_cursor = seconds;
    viewport()->update();
}

void TimeChartView::setBands(const QList<Band> &bands)
{
    m_bands = bands;
    viewport()->update();
}

void TimeChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    QChart *c = chart();
    const auto axes = c->axes(Qt::Horizontal);
    auto *axis = axes.isEmpty() ? nullptr : qobject_cast<QValueAxis *>(axes.first());
    if (!axis || axis->max() <= axis->min())
        return;
    const QRectF plot = c->plotArea();
    auto toX = [&](double s) {
        const double f = (s - axis->min()) / (axis->max() - axis->min());
        return plot.left() + std::clamp(f, 0.0, 1.0) * plot.width();
    };
    painter->save();
    for (const Band &b : m_bands) {
        const QRectF r(QPointF(toX(b.start), plot.top()), QPointF(toX(b.end), plot.bottom()));
        painter->fillRect(r, QColor(230, 120, 0, 45));
        painter->setPen(QColor(170, 80, 0));
        QFont f = painter->font();
        f.setPointSizeF(f.pointSizeF() * 0.85);
        painter->setFont(f);
        painter->drawText(r.adjusted(3, 2, 0, 0), Qt::AlignLeft | Qt::AlignTop, b.label);
    }
    if (!std::isnan(m_cursor)) {
        QPen pen(QColor(40, 40, 40, 200), 1.5);
        painter->setPen(pen);
        const double x = toX(m_cursor);
        painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    }
    painter->restore();
}

bool TimeChartView::exportPng(const QString &path, QString *error)
{
    const QPixmap pixmap = grab();
    if (pixmap.save(path, "PNG"))
        return true;
    if (error)
        *error = tr("Cannot write the PNG file %1").arg(path);
    return false;
}

bool TimeChartView::exportSvg(const QString &path, QString *error)
{
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(size());
    svg.setViewBox(rect());
    svg.setTitle(chart()->title());
    QPainter painter;
    if (!painter.begin(&svg)) {
        if (error)
            *error = tr("Cannot write the SVG file %1").arg(path);
        return false;
    }
    render(&painter);
    painter.end();
    return true;
}

void TimeChartView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    QAction *png = menu.addAction(tr("Export as PNG..."));
    QAction *svg = menu.addAction(tr("Export as SVG..."));
    QAction *chosen = menu.exec(event->globalPos());
    if (!chosen)
        return;
    const bool isPng = chosen == png;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export chart"), QString(),
                                     isPng ? tr("PNG image (*.png)") : tr("SVG image (*.svg)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!(isPng ? exportPng(path, &error) : exportSvg(path, &error)))
        QMessageBox::warning(this, tr("Export chart"), error);
    (void)svg;
}

} // namespace swb
