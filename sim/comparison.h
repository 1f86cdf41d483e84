#pragma once
// Side-by-side comparison (issue 8): the same traffic profile and the same injected fault run
// through two or more designs with the same seed and duration, so the differences come from the
// architectures alone.

#include "sim/sweep.h"

#include "model/design.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace swb {

struct TrafficProfile {
    double rate = 100;                           // mean req/s of every traffic source
    QString pattern = QStringLiteral("poisson"); // a traffic source "pattern" choice
};

// The fault is placed on the first block of faultTargetKind(kind) in each design; a design
// without such a block runs without it (noted in ComparisonRow::notes).
struct ComparisonFault {
    FaultKind kind = FaultKind::BadDeploy;
    double start = 60;
    double duration = 60;
};

struct ComparisonOptions {
    TrafficProfile traffic;
    std::optional<ComparisonFault> fault;
    double durationSeconds = 600;
    quint64 seed = 1;
};

struct ComparisonRow {
    QString name;
    bool ok = false;
    QString error; // why the design could not be prepared or run
    Headline headline;
    double peakConcurrency = 0;
    QStringList notes;
    // Per-bin series for overlaid charts (empty when the run has no such series).
    std::vector<double> throughput; // succeeded units per second, per bin
    std::vector<double> p99Ms;      // worst traffic-source p99 per bin
    double binWidthSeconds = 1;
};

// The design with its traffic sources set to the profile and the fault added, through Document
// edits (validated). std::nullopt and a message on refusal.
std::optional<Design> applyComparison(const Design &design, const ComparisonOptions &options,
                                      QStringList *notes, QString *error);

// Runs every design in turn on the calling thread; progress(done, total) after each.
QList<ComparisonRow> compareDesigns(const QList<QPair<QString, Design>> &designs,
                                    const ComparisonOptions &options,
                                    const std::function<void(int, int)> &progress = {});

} // namespace swb
