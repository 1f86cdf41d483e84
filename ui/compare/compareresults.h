#pragma once
// The compare window's results: one table (the figures `swb compare` prints, sim/comparison.h)
// and three overlaid charts over simulated time, one line per design: throughput, worst
// entry-path p99 and account Lambda concurrency, with the injected fault's window shaded.
// Ctrl+C on the table copies it as CSV.

#include "sim/comparison.h"

#include <QList>
#include <QWidget>

class QAction;
class QChart;
class QTableWidget;
class QValueAxis;

namespace swb {

class TimeChartView;

class CompareResults : public QWidget
{
    Q_OBJECT

public:
    enum Chart { Throughput, Latency, Concurrency, ChartCount };

    explicit CompareResults(QWidget *parent = nullptr);

    void setResults(const QList<ComparisonRow> &rows, const ComparisonOptions &options);
    void clear();

    QTableWidget *table() const { return m_table; }
    TimeChartView *chartView(Chart chart) const { return m_views.at(chart); }
    // One legend for the three charts (theirs would elide the names at this width): a colour
    // swatch and the design's name per line drawn.
    QWidget *legend() const { return m_legend; }
    const QList<ComparisonRow> &rows() const { return m_rows; }
    // Puts comparisonCsv(rows()) on the clipboard (Ctrl+C on the table).
    void copyCsv();

private:
    void fillTable();
    void fillCharts(const ComparisonOptions &options);
    void fillLegend();

    QTableWidget *m_table;
    QAction *m_copy;
    QWidget *m_legend;
    QList<TimeChartView *> m_views;
    QList<QValueAxis *> m_xAxes, m_yAxes;
    QList<ComparisonRow> m_rows;
};

} // namespace swb
