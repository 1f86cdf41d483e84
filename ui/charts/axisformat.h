#pragma once
// Human numbers for chart axes, legends and read-outs: "15k", "1.2 M", "250 ms", "1.5 s",
// "2 min", clock times "1:05:00", and round tick positions for them. A duration axis picks the
// unit that fits its range (latency in ms up to 2 s, then s; ages in s, min or h) so no axis reads
// "500000".

#include "model/humanformat.h"

#include <QList>
#include <QString>

namespace swb {

// What a chart's values measure; decides the tick steps and the labels.
enum class ValueKind {
    Count,        // messages, environments, events: "950", "15k", "1.2 M"
    Seconds,      // durations in seconds: "250 ms", "1.5 s", "2 min", "1.5 h"
    Milliseconds, // durations in milliseconds (latency series)
    Usd,          // dollars: "$0.25", "$1.2k"
};

// Seconds of simulated time as a clock: "0:45", "12:05", "1:00:00".
QString formatClockTime(double seconds);
// A value of the kind, for legends and tool tips.
QString formatValue(ValueKind kind, double value);

struct AxisTicks {
    double top = 1;       // the axis maximum (the last tick)
    QList<double> values; // tick positions from 0 to top, in the values' own unit
    QStringList labels;   // one per tick
    QString unit;         // "ms", "s", "min", "h" for durations, "k"/"M" hint for counts, "$"
};

// Round ticks from 0 to at least `maxValue` (about `targetTicks` of them).
AxisTicks valueTicks(ValueKind kind, double maxValue, int targetTicks = 4);
// Round time ticks within [from, to] simulated seconds, labelled as clock times.
AxisTicks timeTicks(double from, double to, int targetTicks = 6);

} // namespace swb
