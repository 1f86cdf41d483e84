#include "ui/charts/chartline.h"

#include <QLineSeries>

#include <cmath>

namespace swb {

QList<QPointF> minMaxDecimate(const QList<QPointF> &points, int buckets)
{
    if (buckets <= 0 || points.size() <= 2 * buckets)
        return points;
    QList<QPointF> out;
    out.reserve(2 * buckets);
    const double per = double(points.size()) / buckets;
    for (int b = 0; b < buckets; ++b) {
        const qsizetype from = qsizetype(b * per);
        const qsizetype to = std::min(points.size(), qsizetype((b + 1) * per));
        if (from >= to)
            continue;
        qsizetype lo = from, hi = from;
        for (qsizetype i = from; i < to; ++i) {
            if (points.at(i).y() < points.at(lo).y())
                lo = i;
            if (points.at(i).y() > points.at(hi).y())
                hi = i;
        }
        out.append(points.at(std::min(lo, hi)));
        if (lo != hi)
            out.append(points.at(std::max(lo, hi)));
    }
    return out;
}

double ChartLine::append(const QList<QPointF> &points)
{
    double maxY = 0;
    QList<QPointF> out;
    out.reserve(points.size());
    for (const QPointF &p : points) {
        if (std::isnan(p.y()))
            continue; // a figure with no value in this bin (no latency sample) draws no point
        maxY = std::max(maxY, p.y());
        if (stride == 1) {
            out.append(p);
            continue;
        }
        if (pending == 0 || p.y() < lo.y())
            lo = p;
        if (pending == 0 || p.y() > hi.y())
            hi = p;
        if (++pending == stride) {
            out.append(lo.x() <= hi.x() ? lo : hi);
            if (lo != hi)
                out.append(lo.x() <= hi.x() ? hi : lo);
            pending = 0;
        }
    }
    if (series->count() + out.size() > kMaxChartPoints) {
        const QList<QPointF> all = series->points() + out;
        series->replace(minMaxDecimate(all, kMaxChartPoints / 4));
        stride *= 4;
    } else if (!out.isEmpty()) {
        series->append(out);
    }
    return maxY;
}

} // namespace swb
