#include "ui/export/costreportcharts.h"

#include "model/costmodel.h"
#include "model/pricing.h"
#include "sim/runresults.h"
#include "ui/charts/chartline.h"
#include "sim/seriesname.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QRectF>

#include <algorithm>
#include <cmath>

namespace swb {

namespace {

constexpr int kMaxLinesPerChart = 8; // beyond that a chart is unreadable on paper
constexpr int kDecimationBuckets = 300;

// Points of series s over the run (time = start of the bin, as the results CSV).
QList<QPointF> seriesPoints(const RunResults &run, int s)
{
    QList<QPointF> points;
    points.reserve(run.binCount());
    for (qint64 b = 0; b < run.binCount(); ++b) {
        const double v = run.value(b, s);
        points.append(QPointF(double(b) * run.metadata.binWidthSeconds, std::isfinite(v) ? v : 0));
    }
    return points;
}

// One line per series named `name` (per block), labelled with the block and `what`.
void addPerBlock(ReportChart *chart, const RunResults &run, const QString &name,
                 const QString &what = QString())
{
    for (int s = 0; s < run.catalog.series.size(); ++s) {
        const SeriesEntry &e = run.catalog.series.at(s);
        if (e.name == name && chart->lines.size() < kMaxLinesPerChart)
            chart->lines.append({what.isEmpty()
                                     ? e.componentName
                                     : QStringLiteral("%1 %2").arg(e.componentName, what),
                                 seriesPoints(run, s)});
    }
}

// One line: the per-bin sum of every series whose name is in `names`, across blocks.
void addSummed(ReportChart *chart, const RunResults &run, const QStringList &names,
               const QString &label)
{
    QList<int> matched;
    for (int s = 0; s < run.catalog.series.size(); ++s) {
        if (names.contains(run.catalog.series.at(s).name))
            matched.append(s);
    }
    if (matched.isEmpty())
        return;
    QList<QPointF> points = seriesPoints(run, matched.first());
    for (qsizetype i = 1; i < matched.size(); ++i) {
        for (qint64 b = 0; b < run.binCount(); ++b) {
            const double v = run.value(b, matched.at(i));
            points[b].ry() += std::isfinite(v) ? v : 0;
        }
    }
    chart->lines.append({label, points});
}

// Accrued dollars at up to 60 points: the usage so far priced for a month (measuredCostReport on
// one bin holding the totals so far, as the cost panel prices a partial run), times the share of
// the month elapsed.
ReportChartLine costAccrual(const Design &design, const RunResults &run,
                            const PricingCatalogue &catalogue, const CostOptions &options)
{
    ReportChartLine line{QStringLiteral("accrued (pro rata of the projected month)"), {}};
    const qint64 bins = run.binCount();
    const int n = int(run.catalog.series.size());
    if (bins == 0 || n == 0)
        return line;
    const qint64 samples = std::min<qint64>(60, bins);
    QList<double> totals(n, 0.0);
    qint64 next = 0;
    line.points.append(QPointF(0, 0));
    for (qint64 k = 1; k <= samples; ++k) {
        const qint64 lastBin = (k * bins + samples - 1) / samples - 1;
        for (; next <= lastBin; ++next) {
            for (int s = 0; s < n; ++s) {
                const double v = run.value(next, s);
                totals[s] += std::isfinite(v) ? v : 0;
            }
        }
        RunResults sofar;
        sofar.ok = true;
        sofar.catalog = run.catalog;
        sofar.metadata.durationSeconds = double(lastBin + 1) * run.metadata.binWidthSeconds;
        sofar.values.assign(totals.cbegin(), totals.cend());
        const double seconds = sofar.metadata.durationSeconds;
        const CostReport report = measuredCostReport(design, sofar, catalogue, &options);
        line.points.append(
            QPointF(seconds, report.totalUsd * seconds / (report.hoursPerMonth * 3600.0)));
    }
    return line;
}

double niceStep(double range, int ticks)
{
    const double raw = range / ticks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0}) {
        if (raw <= m * magnitude)
            return m * magnitude;
    }
    return 10 * magnitude;
}

QString tickText(double v)
{
    return std::abs(v) >= 1000 ? QString::number(v, 'f', 0) : QString::number(v, 'g', 4);
}

QColor lineColor(int i)
{
    static const QColor colors[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28),
                                    QColor(0x2c, 0xa0, 0x2c), QColor(0xff, 0x7f, 0x0e),
                                    QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                    QColor(0xe3, 0x77, 0xc2), QColor(0x17, 0xbe, 0xcf)};
    return colors[i % 8];
}

} // namespace

bool ReportChart::isEmpty() const
{
    return lines.isEmpty();
}

QList<ReportChart> reportCharts(const Design &design, const RunResults &run,
                                const PricingCatalogue &catalogue, const CostOptions &options)
{
    ReportChart concurrency{
        QStringLiteral("Concurrency (peak per bin)"), QStringLiteral("environments"), {}};
    addPerBlock(&concurrency, run, QLatin1String(seriesName(core::LmConcurrency)));
    addPerBlock(&concurrency, run, QLatin1String(seriesName(core::LmAccountConcurrency)));
    // A queue's backlog and age are the charts dock's and the badges' quantities: visible, in
    // flight (received, not yet deleted) and the oldest non-deleted message.
    ReportChart backlog{QStringLiteral("Backlog (peak per bin)"), QStringLiteral("messages"), {}};
    addPerBlock(&backlog, run, QLatin1String(seriesName(core::QmVisible)),
                QStringLiteral("visible"));
    addPerBlock(&backlog, run, QLatin1String(seriesName(core::QmInFlight)),
                QStringLiteral("in flight"));
    addPerBlock(&backlog, run, QLatin1String(seriesName(core::LmAsyncQueue)),
                QStringLiteral("async queue"));
    ReportChart age{QStringLiteral("Oldest message age / iterator age (peak per bin)"),
                    QStringLiteral("seconds"),
                    {}};
    addPerBlock(&age, run, QLatin1String(seriesName(core::QmOldestAge)),
                QStringLiteral("oldest message"));
    addPerBlock(&age, run, QLatin1String(seriesName(core::KmIteratorAge)),
                QStringLiteral("iterator age"));
    ReportChart failures{QStringLiteral("Throttles and errors (all blocks, per bin)"),
                         QStringLiteral("per bin"),
                         {}};
    addSummed(&failures, run,
              {QLatin1String(seriesName(core::LmThrottles)), QLatin1String(seriesName(core::Am429)),
               QLatin1String(seriesName(core::KmThrottles)),
               QLatin1String(seriesName(core::FmStartThrottles)),
               QLatin1String(seriesName(core::DmRejections))},
              QStringLiteral("throttles"));
    addSummed(&failures, run,
              {QLatin1String(seriesName(core::LmErrors)),
               QLatin1String(seriesName(core::LmTimeouts)), QLatin1String(seriesName(core::Am5xx)),
               QLatin1String(seriesName(core::Am504)), QLatin1String(seriesName(core::FmFailures))},
              QStringLiteral("errors"));
    ReportChart cost{QStringLiteral("Cost accrual"), QStringLiteral("USD"), {}};
    const ReportChartLine accrued = costAccrual(design, run, catalogue, options);
    if (!accrued.points.isEmpty())
        cost.lines.append(accrued);

    QList<ReportChart> charts;
    for (ReportChart *c : {&concurrency, &backlog, &age, &failures, &cost}) {
        for (ReportChartLine &l : c->lines)
            l.points = minMaxDecimate(l.points, kDecimationBuckets);
        if (!c->isEmpty())
            charts.append(*c);
    }
    return charts;
}

void paintReportChart(QPainter &painter, const QRectF &rect, const ReportChart &chart,
                      double durationSeconds)
{
    painter.save();
    QFont base = painter.font();
    base.setStyleStrategy(QFont::PreferNoShaping); // no ligatures: the text stays searchable
    QFont titleFont = base;
    titleFont.setPointSizeF(10);
    titleFont.setBold(true);
    QFont small = base;
    small.setPointSizeF(7);
    small.setBold(false);
    painter.setFont(titleFont);
    const QFontMetricsF tm(titleFont, painter.device());
    painter.setPen(Qt::black);
    painter.drawText(QPointF(rect.left(), rect.top() + tm.ascent()), chart.title);
    double y = rect.top() + tm.height() + 2;

    // Legend: swatch + label, wrapped to the width.
    painter.setFont(small);
    const QFontMetricsF sm(small, painter.device());
    double x = rect.left();
    for (int i = 0; i < chart.lines.size(); ++i) {
        const QString &label = chart.lines.at(i).label;
        const double w = 14 + sm.horizontalAdvance(label) + 10;
        if (x + w > rect.right() && x > rect.left()) {
            x = rect.left();
            y += sm.height();
        }
        painter.setPen(QPen(lineColor(i), 2));
        painter.drawLine(QPointF(x, y + sm.height() / 2), QPointF(x + 10, y + sm.height() / 2));
        painter.setPen(Qt::black);
        painter.drawText(QPointF(x + 14, y + sm.ascent()), label);
        x += w;
    }
    y += sm.height() + 4;

    // Axes: y from 0 to a round top, x over the run in seconds or minutes.
    double top = 0;
    for (const ReportChartLine &l : chart.lines) {
        for (const QPointF &p : l.points)
            top = std::max(top, p.y());
    }
    const double yStep = top > 0 ? niceStep(top, 4) : 1;
    const double yTop = top > 0 ? std::ceil(top / yStep - 1e-9) * yStep : 1;
    const bool minutes = durationSeconds >= 600;
    const double xScale = minutes ? 60 : 1;
    const double span = std::max(durationSeconds, 1e-9);
    const double xStep = niceStep(span / xScale, 6);
    double labelWidth = 0;
    for (double v = 0; v <= yTop + yStep / 2; v += yStep)
        labelWidth = std::max(labelWidth, sm.horizontalAdvance(tickText(v)));
    const QRectF plot(rect.left() + labelWidth + 6, y, rect.width() - labelWidth - 8,
                      rect.bottom() - y - 2 * sm.height() - 2);
    auto toPoint = [&](const QPointF &p) {
        return QPointF(plot.left() + p.x() / span * plot.width(),
                       plot.bottom() - p.y() / yTop * plot.height());
    };
    painter.setPen(QPen(QColor(220, 220, 220), 0.5));
    for (double v = 0; v <= yTop + yStep / 2; v += yStep) {
        const double py = plot.bottom() - v / yTop * plot.height();
        painter.drawLine(QPointF(plot.left(), py), QPointF(plot.right(), py));
    }
    painter.setPen(Qt::black);
    for (double v = 0; v <= yTop + yStep / 2; v += yStep) {
        const double py = plot.bottom() - v / yTop * plot.height();
        painter.drawText(QRectF(rect.left(), py - sm.height() / 2, labelWidth, sm.height()),
                         Qt::AlignRight | Qt::AlignVCenter, tickText(v));
    }
    for (double v = 0; v * xScale <= span * (1 + 1e-9); v += xStep) {
        const double px = plot.left() + v * xScale / span * plot.width();
        painter.drawLine(QPointF(px, plot.bottom()), QPointF(px, plot.bottom() + 3));
        const QString t = tickText(v);
        const double w = sm.horizontalAdvance(t);
        painter.drawText(
            QPointF(std::min(px - w / 2, plot.right() - w), plot.bottom() + 3 + sm.ascent()), t);
    }
    const QString xTitle =
        minutes ? QStringLiteral("simulated minutes") : QStringLiteral("simulated seconds");
    painter.drawText(QPointF(plot.center().x() - sm.horizontalAdvance(xTitle) / 2,
                             plot.bottom() + 3 + sm.height() + sm.ascent()),
                     xTitle);
    painter.drawText(QPointF(rect.left(), plot.bottom() + 3 + sm.height() + sm.ascent()),
                     chart.unit);
    painter.setPen(QPen(Qt::black, 0.6));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.drawLine(plot.bottomLeft(), plot.topLeft());

    painter.setClipRect(plot.adjusted(-1, -1, 1, 1));
    painter.setRenderHint(QPainter::Antialiasing);
    for (int i = 0; i < chart.lines.size(); ++i) {
        const QList<QPointF> &pts = chart.lines.at(i).points;
        if (pts.isEmpty())
            continue;
        QPainterPath path(toPoint(pts.first()));
        for (qsizetype k = 1; k < pts.size(); ++k)
            path.lineTo(toPoint(pts.at(k)));
        painter.setPen(QPen(lineColor(i), 1.0));
        painter.drawPath(path);
    }
    painter.restore();
}

} // namespace swb
