#pragma once

#include <QString>
#include <QStringList>

namespace swb {

// What the design analysis (the Findings dock) says about one block or wire: its worst
// severity and the messages, shown as a marker on the item and in its tool tip.
struct FindingMarker {
    enum class Severity { None, Warning, Error };

    Severity severity = Severity::None;
    QStringList messages;

    bool isEmpty() const { return severity == Severity::None; }
    bool operator==(const FindingMarker &) const = default;
};

} // namespace swb
