#pragma once
// One line of a chart of the charts dock and its thinning. Frames are appended in bulk (one
// QXYSeries::append(QList) per batch, never a rebuild per frame); when a line would exceed
// kMaxPoints the points held are min/max decimated to half that and later frames are folded into
// buckets of `stride` bins, each drawn as its minimum and maximum, so a spike never disappears
// and a 24-hour run draws no more points than a 30-minute one.

#include "model/ids.h"

#include <QList>
#include <QPointF>
#include <QString>

class QLineSeries;

namespace swb {

inline constexpr int kMaxChartPoints = 2000;

// At most 2 x buckets points: per bucket of consecutive points its minimum and maximum (by y), in
// x order. Returns the input when it already has no more than 2 x buckets points.
QList<QPointF> minMaxDecimate(const QList<QPointF> &points, int buckets);

struct ChartLine {
    int chart = 0;
    int catalogIndex = -1;             // series of the run, -1 for limits and cost lines
    ComponentId component = InvalidId; // InvalidId: account-wide
    QString name;                      // series name ("lambda.concurrency", "limit", "cost...")
    bool ghost = false;                // previous run (what-if), dashed and faint
    bool secondaryAxis = false;        // drawn against the chart's right axis
    QLineSeries *series = nullptr;
    int stride = 1; // bins per bucket after thinning
    int pending = 0;
    QPointF lo, hi; // extremes of the pending bucket

    // Appends the points (bin order) with thinning; returns the largest y appended.
    double append(const QList<QPointF> &points);
};

} // namespace swb
