#include "ui/cost/money.h"

#include "model/costmodel.h"

#include <cmath>

namespace swb {

namespace {

// "1234567" -> "1,234,567" (locale-independent, as the CLI and the sheets print amounts).
QString grouped(qint64 whole)
{
    QString digits = QString::number(whole);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, QLatin1Char(','));
    return digits;
}

} // namespace

QString formatUsd(double usd)
{
    if (!std::isfinite(usd))
        return QStringLiteral("-");
    const qint64 cents = toCents(usd);
    if (cents == 0 && usd != 0)
        return usd < 0 ? QStringLiteral("-<$0.01") : QStringLiteral("<$0.01");
    const qint64 a = std::abs(cents);
    return QStringLiteral("%1$%2.%3")
        .arg(cents < 0 ? QStringLiteral("-") : QString(), grouped(a / 100))
        .arg(a % 100, 2, 10, QLatin1Char('0'));
}

QString formatQuantity(double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("-");
    const double a = std::fabs(value);
    if (a >= 1000 || a == std::floor(a))
        return (value < 0 ? QStringLiteral("-") : QString()) + grouped(std::llround(a));
    QString s = QString::number(value, 'f', a >= 10 ? 1 : a >= 1 ? 2 : 3);
    while (s.endsWith(QLatin1Char('0')))
        s.chop(1);
    if (s.endsWith(QLatin1Char('.')))
        s.chop(1);
    return s;
}

} // namespace swb
