#include "model/humanformat.h"

#include <QtGlobal>

#include <cmath>

namespace swb {

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

DurationUnit durationUnit(double seconds)
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
    const DurationUnit u = durationUnit(seconds);
    const double v = seconds / u.seconds;
    QString number = QString::number(v, 'f', std::fabs(v) >= 10 ? 0 : 1);
    if (number.endsWith(QLatin1String(".0")))
        number.chop(2);
    return QStringLiteral("%1 %2").arg(number, QLatin1String(u.name));
}

QString compactNumber(double v)
{
    if (!std::isfinite(v))
        return QStringLiteral("-");
    const double a = std::fabs(v);
    if (a >= 1e6)
        return QString::number(v / 1e6, 'f', a >= 1e7 ? 0 : 1) + QLatin1Char('M');
    if (a >= 1e3)
        return QString::number(v / 1e3, 'f', a >= 1e4 ? 0 : 1) + QLatin1Char('k');
    if (a >= 10 || v == std::floor(v))
        return QString::number(qRound64(v));
    return QString::number(v, 'f', a >= 1 ? 1 : 2);
}

} // namespace swb
