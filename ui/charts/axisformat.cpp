#include "ui/charts/axisformat.h"

#include <algorithm>
#include <cmath>

namespace swb {

namespace {

// 1, 2, 2.5, 5 x 10^k: the smallest not below raw.
double niceStep(double raw)
{
    if (!(raw > 0))
        return 1;
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0}) {
        if (raw <= m * p * (1 + 1e-9))
            return m * p;
    }
    return 10 * p;
}

// Steps that read well on a duration axis, in seconds.
double niceDurationStep(double raw)
{
    static const double steps[] = {0.001, 0.002, 0.005, 0.01, 0.02,  0.05,  0.1,   0.2,  0.25, 0.5,
                                   1,     2,     5,     10,   15,    30,    60,    120,  300,  600,
                                   900,   1800,  3600,  7200, 10800, 21600, 43200, 86400};
    for (double s : steps) {
        if (raw <= s * (1 + 1e-9))
            return s;
    }
    return std::ceil(raw / 86400) * 86400;
}

} // namespace

QString formatClockTime(double seconds)
{
    const qint64 s = std::isfinite(seconds) ? qint64(std::llround(std::max(0.0, seconds))) : 0;
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(s / 3600)
            .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString formatValue(ValueKind kind, double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("-");
    switch (kind) {
    case ValueKind::Count:
        return formatCount(value);
    case ValueKind::Seconds:
        return formatDuration(value);
    case ValueKind::Milliseconds:
        return formatDuration(value / 1000.0);
    case ValueKind::Usd:
        return value < 0 ? QStringLiteral("-$") + formatCount(-value)
                         : QLatin1Char('$') + formatCount(value);
    }
    return QString();
}

AxisTicks valueTicks(ValueKind kind, double maxValue, int targetTicks)
{
    AxisTicks t;
    targetTicks = std::max(1, targetTicks);
    const double top = maxValue > 0 && std::isfinite(maxValue) ? maxValue : 1;
    double scale = 1; // value units per second (durations)
    if (kind == ValueKind::Milliseconds)
        scale = 1000;
    double step;
    DurationUnit unit{1, ""};
    if (kind == ValueKind::Seconds || kind == ValueKind::Milliseconds) {
        const double seconds = top / scale;
        step = niceDurationStep(seconds / targetTicks) * scale;
        unit = durationUnit(std::ceil(seconds / (step / scale) - 1e-9) * step / scale);
        t.unit = QLatin1String(unit.name);
    } else {
        step = niceStep(top / targetTicks);
        t.unit = kind == ValueKind::Usd ? QStringLiteral("$") : QString();
    }
    const int n = std::max(1, int(std::ceil(top / step - 1e-9)));
    t.top = n * step;
    for (int i = 0; i <= n; ++i) {
        const double v = i * step;
        t.values.append(v);
        switch (kind) {
        case ValueKind::Count:
        case ValueKind::Usd:
            t.labels.append(formatValue(kind, v));
            break;
        case ValueKind::Seconds:
        case ValueKind::Milliseconds:
            t.labels.append(v == 0 ? QStringLiteral("0")
                                   : QStringLiteral("%1 %2").arg(
                                       shortNumber(v / scale / unit.seconds), t.unit));
            break;
        }
    }
    return t;
}

AxisTicks timeTicks(double from, double to, int targetTicks)
{
    AxisTicks t;
    if (!(to > from))
        to = from + 1;
    const double step = niceDurationStep((to - from) / std::max(1, targetTicks));
    t.top = to;
    t.unit = to >= 3600 ? QStringLiteral("h:mm:ss") : QStringLiteral("m:ss");
    for (double v = std::ceil(from / step - 1e-9) * step; v <= to * (1 + 1e-12); v += step) {
        t.values.append(v);
        t.labels.append(step < 1 ? QString::number(v, 'f', 1) + QStringLiteral(" s")
                                 : formatClockTime(v));
    }
    return t;
}

} // namespace swb
