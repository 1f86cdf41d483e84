#pragma once
// Side-by-side comparison: the same traffic profile and the same injected fault run
// through two or more designs with the same seed and duration, so the differences come from the
// architectures alone. The table figures are the ones `swb simulate` prints for each design run
// with the same options (comparisonCells), so the GUI and `swb compare` can be checked against it.

#include "sim/sweep.h"

#include "model/design.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <limits>
#include <optional>
#include <vector>

namespace swb {

class Document;

struct TrafficProfile {
    double rate = 100;                           // mean req/s of every traffic source
    QString pattern = QStringLiteral("poisson"); // a traffic source "pattern" choice
};

// A fault injected from outside the design: `swb simulate --fault`, `swb compare --fault` and the
// Compare window. It is placed by injectFault, the one code path they share: on the block named
// `target` (any block the kind applies to, as a fault the design itself holds), else on the
// first block (lowest id) of faultTargetKind(kind); a design without that block runs without it,
// with a note. The design's own faults run as well.
struct ComparisonFault {
    FaultKind kind = FaultKind::BadDeploy;
    double start = 60;
    double duration = 60;
    // A block's name, or an SNS subscription as "TOPIC->ENDPOINT" (wireByName); empty = the
    // first block of faultTargetKind(kind).
    QString target;
};

// Adds `fault` to the document as one validated edit (validateFault's message on refusal: "" is
// returned with a note when the design has no block to place it on). Returns the error or "".
QString injectFault(Document *doc, const ComparisonFault &fault, QStringList *notes);

// The fault kinds a comparison can inject, in menu order.
QList<FaultKind> comparisonFaultKinds();

struct ComparisonOptions {
    TrafficProfile traffic;
    std::optional<ComparisonFault> fault;
    double durationSeconds = 600;
    quint64 seed = 1;
    // Prices every run (the cost column) when set; owned by the caller.
    const PricingCatalogue *pricing = nullptr;
    // Folders besides each design's own that its replay CSV may be read from (--allow-dir).
    QStringList allowedDirectories;
    // Asked every 0.01 % of a run's simulated time; true abandons the comparison (Ctrl+C).
    std::function<bool()> cancelled;
};

// Checks the profile against the traffic source catalogue (rate range, pattern choices), the run
// length (1 s to 7 days, as `swb simulate`) and the fault window. Returns the problem or "".
QString validateComparisonOptions(const ComparisonOptions &options);

// One design to compare. baseDirectory resolves a replay CSV named relatively (the folder of the
// design's file, as `swb simulate` does); empty for designs that do not come from a file.
struct ComparisonInput {
    QString name;
    Design design;
    QString baseDirectory;
};

struct ComparisonRow {
    QString name;
    bool ok = false;
    QString error; // why the design could not be prepared or run
    Headline headline;
    bool latencyMeasured = false; // some unit succeeded end to end, so p99 has a value
    bool costPriced = false;      // the cost model priced the run (else the cost is unknown)
    double peakConcurrency = 0;   // account-wide Lambda concurrency, environments
    QStringList notes;
    // Per-bin series for the overlaid charts, one value per bin of binWidthSeconds. NaN where a
    // bin has no value (p99 of a bin in which nothing finished).
    std::vector<double> throughput;  // units that succeeded end to end in the bin, per second
    std::vector<double> p99Ms;       // worst entry-path (traffic source) p99 in the bin
    std::vector<double> concurrency; // account-wide Lambda concurrency, peak in the bin
    double binWidthSeconds = 1;
};

// The design with its traffic sources set to the profile and the fault added, through Document
// edits (validated). std::nullopt and a message on refusal.
std::optional<Design> applyComparison(const Design &design, const ComparisonOptions &options,
                                      QStringList *notes, QString *error);

// Called during compareDesigns with the designs done so far (fractional: 2.5 = two finished and
// half of the third) and the total. Returning false cancels: the run under way is abandoned
// within 1 % of its simulated time and compareDesigns returns the rows finished before it.
using ComparisonProgress = std::function<bool(double done, int total)>;

// Runs every design in turn on the calling thread; one row per design in input order (fewer when
// cancelled). A design that cannot be prepared or run gets a row with ok = false and its error.
QList<ComparisonRow> compareDesigns(const QList<ComparisonInput> &designs,
                                    const ComparisonOptions &options,
                                    const ComparisonProgress &progress = {});

// The results table shared by the compare window and `swb compare`: column titles and each row's
// cells, rounded as `swb simulate` prints the same figure (counts whole, p99 to 0.1 ms, cost to
// the cent; throughput = the ledger's succeeded / simulated seconds, to 0.01 per second).
QStringList comparisonColumns();
// What each column means, in comparisonColumns' order (tooltips).
QStringList comparisonColumnHelp();
QStringList comparisonCells(const ComparisonRow &row);
// Header and rows as CSV (RFC 4180 quoting), for the clipboard and scripts.
QString comparisonCsv(const QList<ComparisonRow> &rows);

} // namespace swb
