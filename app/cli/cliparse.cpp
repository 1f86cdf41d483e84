#include "cliparse.h"

#include <QRegularExpression>

#include <cmath>

namespace swb::cli {

double parseDuration(const QString &text)
{
    bool plain = false;
    const double seconds = text.toDouble(&plain);
    if (plain)
        return seconds > 0 && std::isfinite(seconds) ? seconds : 0;
    static const QRegularExpression whole(QStringLiteral("^(?:\\d+(?:\\.\\d+)?[dhms])+$"));
    static const QRegularExpression part(QStringLiteral("(\\d+(?:\\.\\d+)?)([dhms])"));
    if (!whole.match(text).hasMatch())
        return 0;
    double total = 0;
    for (auto it = part.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QChar unit = m.captured(2).at(0);
        const double factor = unit == QLatin1Char('d')   ? 86400
                              : unit == QLatin1Char('h') ? 3600
                              : unit == QLatin1Char('m') ? 60
                                                         : 1;
        total += m.captured(1).toDouble() * factor;
    }
    return total;
}

double parseMilliseconds(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s)?\\s*$"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return -1;
    const double value = m.captured(1).toDouble();
    return m.captured(2) == QLatin1String("s") ? value * 1000 : value;
}

double parseMonthlyUsd(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^\\s*\\$?\\s*([\\d,]+(?:\\.\\d+)?)\\s*(?:/\\s*(?:month|mo))?\\s*$"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return -1;
    QString number = m.captured(1);
    number.remove(QLatin1Char(','));
    bool ok = false;
    const double value = number.toDouble(&ok);
    return ok ? value : -1;
}

} // namespace swb::cli
