#include "sim/livefigures.h"

#include "model/humanformat.h"

#include <QCoreApplication>

namespace swb {

QString liveText(const char *text)
{
    return QCoreApplication::translate("swb::LiveOverlay", text);
}

void LiveFigures::tip(const QString &label, double value, const QString &unit)
{
    tips << QStringLiteral("%1: %2%3")
                .arg(label, compactNumber(value),
                     unit.isEmpty() ? QString() : QLatin1Char(' ') + unit);
}

void LiveFigures::durationTip(const QString &label, double seconds)
{
    tips << QStringLiteral("%1: %2").arg(label, formatDuration(seconds));
}

QString LiveFigures::toolTip() const
{
    QStringList lines = tips;
    if (!trouble.isEmpty())
        lines.prepend(QStringLiteral("<b>%1</b>").arg(trouble.join(QStringLiteral(", "))));
    return lines.join(QStringLiteral("<br>"));
}

double BlockFrame::at(const MetricFrame &f, const char *name) const
{
    const int i = m_byName->value(QLatin1String(name), -1);
    return i >= 0 && i < f.values.size() ? f.values.at(i) : 0.0;
}

} // namespace swb
