#pragma once
// Result files of a run, written atomically (model/atomicfile.h: a failed write leaves an old
// file intact and nothing behind). The JSON is read back by sim/resultsreader.h (`swb export
// cost --from-results`): the billed usage per billing dimension is in the blocks' "*.billed_*" Sum
// series, and the metadata carries the duration and seed, so a run can be priced again without
// re-running it.
//
// JSON (results.json):
//   { "format": "swb-simulation-results", "version": 1,
//     "metadata": { "design", "seed", "durationSeconds", "binWidthSeconds", "bins",
//                   "catalogueDate" (prices used for the cost, "" if none), "events",
//                   "fingerprint" (hex; equal iff two runs are byte-identical),
//                   "wallSeconds" (only with ResultsTiming::Include, `swb simulate --timing`:
//                   the wall time differs between runs, and the default file must be
//                   byte-identical for one design and seed so that CI users can diff it) },
//     "ledger":   { "produced", "inFlight", "succeeded", "deadLettered", "expired", "rejected",
//                   "dropped" }                      (units of work at the end of the run)
//     "summary":  { "components": [ { "id", "name", "kind", "peakConcurrency", "throttles",
//                   "maxBacklog", "maxIteratorAgeS", "dlqCount", "latencyP99Ms", "errors",
//                   "retries", "coldStartProbability" (Lambda: cold starts / invocations),
//                   "monthlyCostUsd" } ],  (null = not applicable to the kind)
//                   "peakAccountConcurrency", "monthlyCostUsd", "costNotes", "warnings" },
//     "findings": [ { "severity", "code", "message" } ],
//     "series":   [ { "name", "component", "componentId" (0 = account/ledger), "unit",
//                     "aggregation", "values": [ one number per bin ] } ] }
//   Series names, units and aggregations are those of sim/core/simulation.h: "sum" = total in
//   the bin, "max" = peak during the bin, "last" = value at the end of the bin, "mean" =
//   time-average over the bin.
//
// CSV (results.csv): a header row, then one row per bin.
//   time_s                         start of the bin, simulated seconds (the row covers
//                                  [time_s, time_s + bin width))
//   "component/series [unit]"      one column per series, in the JSON's order, e.g.
//                                  "order-worker/lambda.concurrency [environments]",
//                                  "orders-queue/sqs.visible [messages]",
//                                  "account/account.concurrency [environments]",
//                                  "ledger/ledger.produced [units]"

#include "sim/runresults.h"

#include <QByteArray>
#include <QString>

namespace swb {

// The JSON results file's "format" tag and the newest "version" written (sim/resultsreader.h
// accepts 1..kResultsVersion).
inline constexpr char kResultsFormat[] = "swb-simulation-results";
inline constexpr int kResultsVersion = 1;
// The most bins a run has (the core widens its bins beyond that, sim/core/enginesetup.cpp).
inline constexpr qint64 kMaxResultBins = 100000;
// The largest JSON results file written or read back (the reader holds it in memory about ten
// times over); a larger run is refused on writing with the reader's message.
inline constexpr qint64 kMaxResultsBytes = 512LL * 1024 * 1024;
QString resultsSizeMessage(const QString &path, qint64 bytes);

// Omit leaves out "series" (swb simulate --format json: the run's figures without the bins).
enum class ResultsSeries { Include, Omit };
// Include adds "wallSeconds" to the metadata; without it the file depends only on the design,
// the seed and the duration.
enum class ResultsTiming { Omit, Include };
QByteArray resultsToJson(const RunResults &results, ResultsSeries series = ResultsSeries::Include,
                         ResultsTiming timing = ResultsTiming::Omit);
QByteArray resultsToCsv(const RunResults &results);

// The format is chosen by the suffix (.json or .csv). False with the reason (naming the path).
// force replaces a file of another kind or the file a symbolic link points to.
bool writeResults(const RunResults &results, const QString &path, QString *error,
                  ResultsTiming timing = ResultsTiming::Omit, bool force = false);

} // namespace swb
