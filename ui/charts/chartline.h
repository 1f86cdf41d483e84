#pragma once
// One line of a chart of the charts dock and its decimation. A line holds no data of its own:
// each refresh reads the bins of the visible time window from the FrameStore and hands the series
// one bulk QXYSeries::replace(), thinned to the plot's pixel columns: per column the minimum and
// the maximum (in time order), so a spike one bin wide never disappears and a 24-hour run draws
// no more points than a 5-minute one.

#include "model/ids.h"

#include <QList>
#include <QPointF>
#include <QString>

#include <cmath>

class QLineSeries;

namespace swb {

class FrameStore;

// Old cap of the compare window's and the report's lines (they decimate whole runs).
inline constexpr int kMaxChartPoints = 2000;

// At most 2 x buckets points: per bucket of consecutive points its minimum and maximum (by y), in
// x order. Returns the input when it already has no more than 2 x buckets points.
QList<QPointF> minMaxDecimate(const QList<QPointF> &points, int buckets);

// Points (x = simulated seconds at the end of the bin, y = value) of series `series` of the store
// over bins [first, last], NaN bins left out; when there are more than 2 x columns, per pixel
// column of [x0, x1] only its minimum and maximum. *peak receives the largest value (0 if none).
// Runs of equal values keep only their first and last point (the same line, drawn cheaply).
QList<QPointF> windowPoints(const FrameStore &store, int series, qint64 first, qint64 last,
                            double x0, double x1, int columns, double *peak);
// The same without dropping flat runs: one point per bin when the bins fit the columns.
QList<QPointF> windowPointsAll(const FrameStore &store, int series, qint64 first, qint64 last,
                               double x0, double x1, int columns, double *peak);

struct ChartLine {
    int chart = 0;
    int catalogIndex = -1;             // series of the run (or of the ghost run), -1 otherwise
    ComponentId component = InvalidId; // InvalidId: account-wide or per service (cost)
    QString name;                      // series name ("lambda.concurrency", "limit", "cost...")
    QString title;                     // legend text
    bool ghost = false;                // previous run (what-if), dashed and faint
    bool secondaryAxis = false;        // drawn against the chart's right axis
    double constant = std::nan("");    // limit lines: a level across the window
    QList<QPointF> samples;            // cost lines: points computed from running totals
    QLineSeries *series = nullptr;
};

} // namespace swb
