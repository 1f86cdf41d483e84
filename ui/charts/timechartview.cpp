#include "ui/charts/timechartview.h"

#include "model/atomicfile.h"

#include <QBuffer>

#include <QContextMenuEvent>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QGraphicsScene>
#include <QSvgGenerator>
#include <QValueAxis>

namespace swb {

namespace {

QValueAxis *axisOn(QChart *chart, Qt::Alignment side)
{
    for (QAbstractAxis *a : chart->axes()) {
        if (a->alignment() == side)
            return qobject_cast<QValueAxis *>(a);
    }
    return nullptr;
}

} // namespace

TimeChartView::TimeChartView(QChart *chart, QWidget *parent)
    : QChartView(chart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    // The foreground (cursor, bands) depends on the plot area, which the scene cache would miss.
    setCacheMode(QGraphicsView::CacheNone);
    // Every refresh replaces every line and moves the grid, so nearly every item of the chart's
    // scene changes each time: repainting the whole plot is cheaper than working out the dirty
    // region item by item, and keeping a BSP index of items that always move costs more than it
    // saves (bench_playback: the scene's update pass and the paint took 6-7 ms each on a
    // 20-block design; together about 1 ms after this).
    scene()->setItemIndexMethod(QGraphicsScene::NoIndex);
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    setMouseTracking(true);
    connect(chart, &QChart::plotAreaChanged, this, [this] { viewport()->update(); });
}

void TimeChartView::setCursorSeconds(double seconds)
{
    if (seconds == m_cursor || (std::isnan(seconds) && std::isnan(m_cursor)))
        return;
    m_cursor = seconds;
    viewport()->update();
}

void TimeChartView::setHoverSeconds(double seconds)
{
    if (seconds == m_hover || (std::isnan(seconds) && std::isnan(m_hover)))
        return;
    m_hover = seconds;
    viewport()->update();
}

void TimeChartView::setBands(const QList<Band> &bands)
{
    m_bands = bands;
    viewport()->update();
}

void TimeChartView::setPlotMargins(const QMargins &margins)
{
    m_fixedPlot = true;
    m_plotMargins = margins;
    applyPlotMargins();
}

void TimeChartView::applyPlotMargins()
{
    if (!m_fixedPlot)
        return;
    const QRectF all(QPointF(0, 0), QSizeF(viewport()->size()));
    const QRectF plot = all.marginsRemoved(m_plotMargins.toMarginsF());
    if (plot.width() > 10 && plot.height() > 10 && chart()->plotArea() != plot)
        chart()->setPlotArea(plot);
}

void TimeChartView::setHeading(const QString &heading)
{
    m_heading = heading;
    viewport()->update();
}

void TimeChartView::setAxisText(Qt::Alignment side, const AxisText &text)
{
    for (auto &entry : m_axisTexts) {
        if (entry.first == side) {
            if (entry.second.values == text.values && entry.second.labels == text.labels
                && entry.second.title == text.title)
                return;
            entry.second = text;
            viewport()->update();
            return;
        }
    }
    m_axisTexts.append({side, text});
    viewport()->update();
}

TimeChartView::AxisText TimeChartView::axisText(Qt::Alignment side) const
{
    for (const auto &entry : m_axisTexts) {
        if (entry.first == side)
            return entry.second;
    }
    return {};
}

void TimeChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    applyPlotMargins();
}

double TimeChartView::secondsAt(double viewportX) const
{
    QValueAxis *axis = axisOn(chart(), Qt::AlignBottom);
    const QRectF plot = chart()->plotArea();
    if (!axis || plot.width() <= 0 || viewportX < plot.left() || viewportX > plot.right())
        return std::nan("");
    return axis->min() + (viewportX - plot.left()) / plot.width() * (axis->max() - axis->min());
}

double TimeChartView::xOfSeconds(double seconds) const
{
    QValueAxis *axis = axisOn(chart(), Qt::AlignBottom);
    const QRectF plot = chart()->plotArea();
    if (!axis || axis->max() <= axis->min())
        return plot.left();
    const double f = (seconds - axis->min()) / (axis->max() - axis->min());
    return plot.left() + f * plot.width();
}

void TimeChartView::paintAxisTexts(QPainter *painter, const QRectF &plot)
{
    QFont font = painter->font();
    font.setPointSizeF(8);
    painter->setFont(font);
    const QFontMetricsF fm(font);
    const QColor text = palette().color(QPalette::WindowText);
    for (const auto &[side, axisText] : std::as_const(m_axisTexts)) {
        QValueAxis *axis = axisOn(chart(), side);
        if (!axis || axis->max() <= axis->min())
            continue;
        painter->setPen(text);
        const double span = axis->max() - axis->min();
        for (qsizetype i = 0; i < axisText.values.size() && i < axisText.labels.size(); ++i) {
            const double f = (axisText.values.at(i) - axis->min()) / span;
            if (f < -1e-9 || f > 1 + 1e-9)
                continue;
            const QString &label = axisText.labels.at(i);
            const double w = fm.horizontalAdvance(label);
            if (side == Qt::AlignBottom) {
                const double x = plot.left() + f * plot.width();
                const double left = std::clamp(x - w / 2, plot.left() - 20, plot.right() - w + 20);
                painter->drawText(QPointF(left, plot.bottom() + 4 + fm.ascent()), label);
            } else {
                const double y = plot.bottom() - f * plot.height();
                const double x = side == Qt::AlignLeft ? plot.left() - 5 - w : plot.right() + 5;
                painter->drawText(QPointF(x, y + fm.ascent() / 2 - 1), label);
            }
        }
        if (axisText.title.isEmpty())
            continue;
        painter->setPen(palette().color(QPalette::PlaceholderText));
        if (side == Qt::AlignBottom) {
            painter->drawText(
                QRectF(plot.left(), plot.bottom() + 4 + fm.height(), plot.width(), fm.height()),
                Qt::AlignHCenter | Qt::AlignTop, axisText.title);
            continue;
        }
        // Vertical titles read bottom to top on the left, top to bottom on the right.
        painter->save();
        const double x = side == Qt::AlignLeft ? 2 : viewport()->width() - 2;
        painter->translate(x, plot.center().y());
        painter->rotate(side == Qt::AlignLeft ? -90 : 90);
        const QString title = fm.elidedText(axisText.title, Qt::ElideRight, plot.height() + 30);
        painter->drawText(QRectF(-plot.height() / 2 - 15, 0, plot.height() + 30, fm.height()),
                          Qt::AlignHCenter | Qt::AlignTop, title);
        painter->restore();
    }
}

void TimeChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    QChart *c = chart();
    QValueAxis *axis = axisOn(c, Qt::AlignBottom);
    if (!axis || axis->max() <= axis->min())
        return;
    const QRectF plot = c->plotArea();
    auto toX = [&](double s) {
        const double f = (s - axis->min()) / (axis->max() - axis->min());
        return plot.left() + std::clamp(f, 0.0, 1.0) * plot.width();
    };
    painter->save();
    paintAxisTexts(painter, plot);
    if (!m_heading.isEmpty()) {
        QFont f = painter->font();
        f.setPointSizeF(9);
        f.setBold(true);
        painter->save();
        painter->setFont(f);
        painter->setPen(palette().color(QPalette::WindowText));
        painter->drawText(QRectF(plot.left(), 0, plot.width(), plot.top()),
                          Qt::AlignLeft | Qt::AlignVCenter, m_heading);
        painter->restore();
    }
    for (const Band &b : m_bands) {
        if (b.end <= axis->min() || b.start >= axis->max())
            continue;
        const QRectF r(QPointF(toX(b.start), plot.top()), QPointF(toX(b.end), plot.bottom()));
        painter->fillRect(r, QColor(230, 120, 0, 45));
        painter->setPen(QColor(170, 80, 0));
        QFont f = painter->font();
        f.setPointSizeF(7.5);
        f.setBold(false);
        painter->setFont(f);
        painter->drawText(r.adjusted(3, 2, 0, 0), Qt::AlignLeft | Qt::AlignTop, b.label);
    }
    if (!std::isnan(m_cursor) && m_cursor >= axis->min() && m_cursor <= axis->max()) {
        painter->setPen(QPen(QColor(40, 40, 40, 200), 1.5));
        const double x = toX(m_cursor);
        painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    }
    if (!std::isnan(m_hover) && m_hover >= axis->min() && m_hover <= axis->max()) {
        painter->setPen(QPen(QColor(30, 90, 200, 220), 1, Qt::DashLine));
        const double x = toX(m_hover);
        painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    }
    painter->restore();
}

void TimeChartView::mouseMoveEvent(QMouseEvent *event)
{
    const double x = event->position().x();
    if (m_dragging) {
        const double now = secondsAt(x);
        if (!std::isnan(now) && !std::isnan(m_dragFrom) && now != m_dragFrom) {
            Q_EMIT panRequested(m_dragFrom - now);
            m_dragFrom = secondsAt(x); // the axis moved under the mouse
        }
        event->accept();
        return;
    }
    Q_EMIT hovered(secondsAt(x));
    QChartView::mouseMoveEvent(event);
}

void TimeChartView::mousePressEvent(QMouseEvent *event)
{
    if (m_navigation && event->button() == Qt::LeftButton) {
        m_dragFrom = secondsAt(event->position().x());
        m_dragging = !std::isnan(m_dragFrom);
        if (m_dragging) {
            setCursor(Qt::ClosedHandCursor);
            event->accept();
            return;
        }
    }
    QChartView::mousePressEvent(event);
}

void TimeChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_dragging && event->button() == Qt::LeftButton) {
        m_dragging = false;
        unsetCursor();
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void TimeChartView::leaveEvent(QEvent *event)
{
    Q_EMIT hovered(std::nan(""));
    QChartView::leaveEvent(event);
}

void TimeChartView::wheelEvent(QWheelEvent *event)
{
    const double at = secondsAt(event->position().x());
    if (!m_navigation || std::isnan(at) || event->angleDelta().y() == 0) {
        QChartView::wheelEvent(event);
        return;
    }
    // One notch (120) zooms by 1.25.
    Q_EMIT zoomRequested(std::pow(1.25, -event->angleDelta().y() / 120.0), at);
    event->accept();
}

// Rendered in memory, then replaced atomically (model/atomicfile.h): a full disk or a refused
// target leaves an existing file as it was.
bool TimeChartView::exportPng(const QString &path, QString *error, bool force)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (!grab().save(&buffer, "PNG")) {
        if (error)
            *error = tr("Cannot write the PNG file %1: rendering failed").arg(path);
        return false;
    }
    return writeFileAtomically(path, buffer.data(), OutputKind::Png, force, error);
}

bool TimeChartView::exportSvg(const QString &path, QString *error, bool force)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
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
    return writeFileAtomically(path, buffer.data(), OutputKind::Svg, force, error);
}

void TimeChartView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    QAction *png = menu.addAction(tr("Export as PNG..."));
    menu.addAction(tr("Export as SVG..."));
    QAction *chosen = menu.exec(event->globalPos());
    if (!chosen)
        return;
    const bool isPng = chosen == png;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export chart"), QString(),
                                     isPng ? tr("PNG image (*.png)") : tr("SVG image (*.svg)"));
    if (path.isEmpty())
        return;
    // A symbolic link or a file of another kind is replaced only when the user says so.
    const QString refusal = replaceRefusal(path, isPng ? OutputKind::Png : OutputKind::Svg);
    if (!refusal.isEmpty()
        && QMessageBox::question(this, tr("Export chart"), tr("%1. Replace it?").arg(refusal))
               != QMessageBox::Yes)
        return;
    const bool force = !refusal.isEmpty();
    QString error;
    if (!(isPng ? exportPng(path, &error, force) : exportSvg(path, &error, force)))
        QMessageBox::warning(this, tr("Export chart"), error);
}

} // namespace swb
