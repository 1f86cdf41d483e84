#include "ui/charts/axisformat.h"

#include <algorithm>
#include <cmath>

namespace swb {

namespace {

// Up to 3 significant digits, no trailing zeros: 1.5, 15, 150, 0.25.
QString shortNumber(double v)
{
    const double a = std::fabs(v);
    if (a == 0)
        return QStringLiteral("0");
    const int decimals = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
    QString s = QString::number(v, 'f', decimals);
    if (s.contains(QLatin1Char('.'))) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(QLatin1Char('.')))
            s.chop(1);
    }
    return s;
}

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

struct Unit {
    double seconds;
    const char *name;
};

Unit durationUnit(double seconds)
{
    const double a = std::fabs(seconds);
    if (a < 1)
        return {0.001, "ms"};
    if (a < 120)
        return {1, "s"};
    if (a < 7200)
        return {60, "min"};
    return {3600, "h"};
}

} // namespace

QString formatCount(double v)
{
    if (!std::isfinite(v))
        return QStringLiteral("-");
    const double a = std::fabs(v);
    if (a >= 1e9)
        return shortNumber(v / 1e9) + QStringLiteral(" G");
    if (a >= 1e6)
        return shortNumber(v / 1e6) + QStringLiteral(" M");
    if (a >= 1e3)
        return shortNumber(v / 1e3) + QLatin1Char('k');
    return shortNumber(v);
}

QString formatDuration(double seconds)
{
    if (!std::isfinite(seconds))
        return QStringLiteral("-");
    if (seconds == 0)
        return QStringLiteral("0 s");
    // One decimal at most: "1.5 s", "4 min", "250 ms".
    const Unit u = durationUnit(seconds);
    const double v = seconds / u.seconds;
    QString number = QString::number(v, 'f', std::fabs(v) >= 10 ? 0 : 1);
    if (number.endsWith(QLatin1String(".0")))
        number.chop(2);
    return QStringLiteral("%1 %2").arg(number, QLatin1String(u.name));
}

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
    Unit unit{1, ""};
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
