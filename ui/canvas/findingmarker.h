#pragma once

#include <QString>
#include <QStringList>

class QColor;
class QPainter;
class QRectF;

namespace swb {

// What the design analysis (the Findings dock) says about one block or wire: its worst
// severity and the messages, shown as a marker on the item and in its tool tip. Blocks wear it
// on their top-left corner, wires at the start of their label.
struct FindingMarker {
    enum class Severity { None, Warning, Error };

    Severity severity = Severity::None;
    QStringList messages;

    bool isEmpty() const { return severity == Severity::None; }
    bool operator==(const FindingMarker &) const = default;
};

// A disc in the severity's colour (red error, amber warning) with "!", rimmed in the canvas
// colour so it stands out on a border or a wire.
void paintFindingMarker(QPainter *painter, const QRectF &rect, FindingMarker::Severity severity,
                        const QColor &rim);
// The messages as tool tip lines ("<hr>" first), and how to reach them; empty without any.
QString findingMarkerToolTip(const FindingMarker &marker);

} // namespace swb
