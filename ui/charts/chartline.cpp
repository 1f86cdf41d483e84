#include "ui/charts/chartline.h"

#include "ui/playback/framestore.h"

#include <algorithm>

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

namespace {

// Drops the inner points of every run of equal values: a polyline through them draws the same
// horizontal segment (a quiet series, a flat level), so the chart lays out two points, not
// hundreds.
void dropFlatRuns(QList<QPointF> *points)
{
    if (points->size() < 3)
        return;
    qsizetype out = 1;
    for (qsizetype i = 1; i + 1 < points->size(); ++i) {
        const double y = points->at(i).y();
        if (y == (*points)[out - 1].y() && y == points->at(i + 1).y())
            continue;
        (*points)[out++] = points->at(i);
    }
    (*points)[out++] = points->last();
    points->resize(out);
}

} // namespace

QList<QPointF> windowPoints(const FrameStore &store, int series, qint64 first, qint64 last,
                            double x0, double x1, int columns, double *peak)
{
    QList<QPointF> out = windowPointsAll(store, series, first, last, x0, x1, columns, peak);
    dropFlatRuns(&out);
    return out;
}

QList<QPointF> windowPointsAll(const FrameStore &store, int series, qint64 first, qint64 last,
                               double x0, double x1, int columns, double *peak)
{
    QList<QPointF> out;
    *peak = 0;
    first = std::max<qint64>(0, first);
    last = std::min(last, store.frameCount() - 1);
    if (series < 0 || last < first)
        return out;
    const qint64 bins = last - first + 1;
    columns = std::max(1, columns);
    if (bins <= 2 * qint64(columns)) {
        out.reserve(bins);
        for (qint64 b = first; b <= last; ++b) {
            const MetricFrame &f = store.frame(b);
            const double v = series < f.values.size() ? f.values.at(series) : std::nan("");
            if (std::isnan(v))
                continue; // no value in this bin (no latency sample): no point
            *peak = std::max(*peak, v);
            out.append(QPointF(f.simSeconds, v));
        }
        return out;
    }
    out.reserve(2 * columns + 2);
    const double span = x1 > x0 ? x1 - x0 : 1;
    int column = -1;
    QPointF lo, hi;
    bool any = false;
    auto emitColumn = [&] {
        if (!any)
            return;
        const QPointF &a = lo.x() <= hi.x() ? lo : hi;
        const QPointF &b = lo.x() <= hi.x() ? hi : lo;
        out.append(a);
        if (a != b)
            out.append(b);
        any = false;
    };
    for (qint64 b = first; b <= last; ++b) {
        const MetricFrame &f = store.frame(b);
        const double v = series < f.values.size() ? f.values.at(series) : std::nan("");
        if (std::isnan(v))
            continue;
        *peak = std::max(*peak, v);
        const int c = std::clamp(int((f.simSeconds - x0) / span * columns), -1, columns);
        if (c != column) {
            emitColumn();
            column = c;
        }
        const QPointF p(f.simSeconds, v);
        if (!any || v < lo.y())
            lo = p;
        if (!any || v > hi.y())
            hi = p;
        any = true;
    }
    emitColumn();
    return out;
}

} // namespace swb
