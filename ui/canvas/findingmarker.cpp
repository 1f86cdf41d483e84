#include "ui/canvas/findingmarker.h"

#include <QPainter>

namespace swb {

void paintFindingMarker(QPainter *painter, const QRectF &rect, FindingMarker::Severity severity,
                        const QColor &rim)
{
    const bool error = severity == FindingMarker::Severity::Error;
    painter->setPen(QPen(rim, 2));
    painter->setBrush(error ? QColor(0xD3, 0x2F, 0x2F) : QColor(0xF0, 0xA2, 0x02));
    painter->drawEllipse(rect);
    QFont font = painter->font();
    font.setPixelSize(qRound(rect.height() * 2 / 3));
    font.setBold(true);
    painter->setFont(font);
    painter->setPen(error ? QColor(Qt::white) : QColor(Qt::black));
    painter->drawText(rect, Qt::AlignCenter, QStringLiteral("!"));
}

QString findingMarkerToolTip(const FindingMarker &marker)
{
    if (marker.isEmpty())
        return {};
    QString text = QStringLiteral("<hr>");
    for (const QString &message : marker.messages)
        text += QStringLiteral("\u2022 %1<br>").arg(message.toHtmlEscaped());
    return text + QStringLiteral("<i>Click the marker to show it in Findings.</i>");
}

} // namespace swb
