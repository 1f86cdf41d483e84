#pragma once

#include <QString>

namespace swb {

// Live state painted over a block by the playback (badges, trouble highlight). An empty overlay
// paints nothing, so the editor looks the same before any run.
struct BlockOverlay {
    enum class Severity { None, Ok, Warning, Error };

    QString topBadge;                   // top-right badge, e.g. "87 conc"
    QString bottomBadge;                // bottom-left badge, e.g. "backlog 1.2k"
    QString toolTip;                    // extra tool-tip lines (why the block is in trouble)
    Severity severity = Severity::None; // outline colour; None = no highlight

    bool isEmpty() const
    {
        return topBadge.isEmpty() && bottomBadge.isEmpty() && severity == Severity::None;
    }
    bool operator==(const BlockOverlay &) const = default;
};

} // namespace swb
