#pragma once
// What the charts dock plots (names and meanings of the series: sim/core/simulation.h) and how:
// per chart its title, value kind (axis ticks and read-outs, ui/charts/axisformat.h), the axis
// titles, and per series its label and dash. A block keeps one colour on every chart
// (blockColor); its several series on one chart differ by dash.

#include "ui/charts/axisformat.h"

#include <QColor>
#include <QPen>
#include <QList>

namespace swb {

struct ChartSeriesSpec {
    const char *name;       // series name in the catalog
    const char *label;      // after the block's name in the legend
    Qt::PenStyle style;     // dash that tells this series from the block's others
    bool secondary = false; // drawn against the right axis
};

struct ChartSpec {
    const char *title;
    ValueKind kind;
    const char *yTitle;         // quantity of the left axis ("%1" = the bin width, if any)
    ValueKind secondaryKind;    // right axis, when any series is secondary
    const char *secondaryTitle; // nullptr = no right axis
    QList<ChartSeriesSpec> series;
};

// In ChartsPanel::Chart order: concurrency, backlog, age, failures, latency, cost.
const QList<ChartSpec> &chartSpecs();

// The colour of the n-th charted block: 20 distinct hues (light and dark pairs after ten).
QColor blockColor(int index);
// The account-wide series (concurrency pool).
QColor accountColor();
// The pen of a chart line: one device pixel wide (cosmetic), which the raster engine draws
// several times faster than a wider line; colour and dash tell the series apart.
QPen chartPen(const QColor &color, Qt::PenStyle style = Qt::SolidLine);

} // namespace swb
