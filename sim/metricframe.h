#pragma once
// The value types the worker thread hands to the GUI (and to headless runs): one MetricFrame per
// closed metric bin. Frames are small and implicitly shared (QList), so the playback GUI can keep
// every frame of a run for scrubbing: a 1-hour run at the automatic 1 s bins is 3,600 frames.

#include "core/ledger.h"

#include <QList>
#include <QMetaType>

namespace swb {

// The conservation ledger at a bin boundary (DESIGN.md "Simulation core rules").
struct LedgerSnapshot {
    quint64 produced = 0;
    quint64 inFlight = 0;
    quint64 succeeded = 0;
    quint64 deadLettered = 0;
    quint64 expired = 0;
    quint64 rejected = 0;
    quint64 dropped = 0;

    // produced = in flight + succeeded + dead-lettered + expired + rejected + dropped
    bool balanced() const {
        return produced == inFlight + succeeded + deadLettered + expired + rejected + dropped;
    }
    static LedgerSnapshot from(const core::Ledger &l) {
        return {l.produced, l.inFlight, l.succeeded, l.deadLettered,
                l.expired,  l.rejected, l.dropped};
    }
    bool operator==(const LedgerSnapshot &) const = default;
};

struct MetricFrame {
    qint64 bin = 0;        // 0-based bin index
    double simSeconds = 0; // simulated time at the end of the bin
    QList<double> values;  // one value per series, in SeriesCatalog order
    LedgerSnapshot ledger; // at the end of the bin
};

using MetricFrames = QList<MetricFrame>;

} // namespace swb

Q_DECLARE_METATYPE(swb::LedgerSnapshot)
Q_DECLARE_METATYPE(swb::MetricFrame)
