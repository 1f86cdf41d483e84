#pragma once
// The key charts of a run for the PDF cost report: concurrency, backlog, throttles and
// errors, and cost accrual, taken from the run's series (names: sim/core/simulation.h) and painted
// directly with QPainter, so they are vector graphics with selectable text and need no chart
// widget or window system.

#include <QColor>
#include <QList>
#include <QPointF>
#include <QString>

class QPainter;
class QRectF;

namespace swb {

class Design;
class PricingCatalogue;
struct CostOptions;
struct RunResults;

struct ReportChartLine {
    QString label;         // legend text ("order-worker", "account")
    QList<QPointF> points; // (simulated seconds, value), time order
};

struct ReportChart {
    QString title; // "Concurrency"
    QString unit;  // y axis: "environments"
    QList<ReportChartLine> lines;

    bool isEmpty() const;
};

// The report's charts of a run; charts with no line are left out.
//  - Concurrency: each function's lambda.concurrency and the account's (peak per bin).
//  - Backlog: each queue's visible and in-flight messages and each function's async event
//    queue (peak per bin).
//  - Oldest message age / iterator age: each queue's oldest non-deleted message and each
//    stream's iterator age, in seconds (peak per bin).
//  - Throttles and errors: all blocks' throttles / 429s / write and start throttles / rejections,
//    and all errors / timeouts / 5xx / failures, per bin.
//  - Cost accrual: the pro-rata share of the month accrued by t of the monthly cost projected
//    from the usage measured up to t (measuredCostReport with `options` on the bins so far), as
//    the charts dock accrues it.
QList<ReportChart> reportCharts(const Design &design, const RunResults &run,
                                const PricingCatalogue &catalogue, const CostOptions &options);

// Paints one chart into rect (points): title, legend, axes with round ticks, the lines.
void paintReportChart(QPainter &painter, const QRectF &rect, const ReportChart &chart,
                      double durationSeconds);

} // namespace swb
