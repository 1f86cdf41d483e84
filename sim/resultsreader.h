#pragma once
// Reads back the JSON results file that `swb simulate --out results.json` writes
// (sim/resultswriter.h documents the format), so a finished run can be priced or reported again
// without re-running it: `swb export cost FILE OUT --from-results results.json`.
//
// What comes back: the metadata (design name, seed, duration, bin width, catalogue date), the
// series catalogue and every bin's values (null = not a number), the per-block summary and the
// ledger; findings are not read back. That is all measuredCostReport() needs: the billed usage per
// billing dimension is in the blocks' "*.billed_*" Sum series, and the design supplies the
// configured (static) charges.

#include "sim/runresults.h"

#include <QByteArray>
#include <QString>

namespace swb {

class Design;

// Parses results JSON. On failure returns ok = false and the reason in *error: what is wrong and
// where in the file ("series[3].values has 59 numbers, metadata.bins says 60"). `origin` (the path)
// prefixes every message.
RunResults readResultsJson(const QByteArray &json, const QString &origin, QString *error);
RunResults readResultsFile(const QString &path, QString *error);

// Checks that results belong to `design`: every block of the run's summary is in the design with
// the same id, name and kind, and every billed block of the design is in the run. Returns the
// first mismatch as a sentence naming the block, or "" when they match.
QString resultsDesignMismatch(const RunResults &results, const Design &design);

} // namespace swb
