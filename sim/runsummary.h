#pragma once
// The figures a user checks first after a run, per block: peak concurrency,
// throttles, max backlog, max iterator age, DLQ count, end-to-end latency p99 per entry path,
// errors, retries and the projected monthly cost. NaN = the figure does not apply to the kind.

#include "sim/metricframe.h"

#include "model/kinds.h"
#include "model/ids.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <limits>

namespace swb::core {
class Simulation;
}

namespace swb {

struct BuildResult;

inline constexpr double kNotApplicable = std::numeric_limits<double>::quiet_NaN();

struct ComponentSummary {
    ComponentId id = InvalidId;
    QString name;
    ComponentKind kind = ComponentKind::Lambda;
    // Lambda: concurrent environments; SQS: concurrent poller batches; downstream: connections.
    double peakConcurrency = kNotApplicable;
    // Lambda throttles, API Gateway 429s, Kinesis write throttles, Step Functions start
    // throttles, downstream rejections.
    double throttles = kNotApplicable;
    double maxBacklog = kNotApplicable;      // SQS visible messages; Lambda async queue (events)
    double maxIteratorAgeS = kNotApplicable; // Kinesis, s
    // Units sent to a DLQ / on-failure destination from this block: Lambda async failures,
    // SQS redrives, SNS subscription DLQ, Kinesis on-failure records.
    double dlqCount = kNotApplicable;
    double latencyP99Ms = kNotApplicable; // traffic sources: end-to-end p99 of their entry path
    double errors = kNotApplicable;       // function errors + timeouts, 5xx/504, failures
    double retries = kNotApplicable;
    // Lambda: cold starts / invocations over the run (NaN without invocations).
    double coldStartProbability = kNotApplicable;
    double monthlyCostUsd = kNotApplicable; // measured usage scaled to 730 h
};

struct RunSummary {
    QList<ComponentSummary> components; // in component id order
    LedgerSnapshot ledger;
    double peakAccountConcurrency = 0;
    double simSeconds = 0;
    double wallSeconds = 0;
    quint64 events = 0;
    quint64 fingerprint = 0;
    bool completed = false;                 // ran to the end (not cancelled)
    double monthlyCostUsd = kNotApplicable; // total; NaN when no cost model is available
    QStringList costNotes;                  // how usage was priced, or why it was not
    QStringList warnings;                   // the core's warnings about the scenario
};

// Reads the per-block figures from a (finished or partial) run.
RunSummary summarizeRun(const BuildResult &build, const core::Simulation &sim);

} // namespace swb

Q_DECLARE_METATYPE(swb::RunSummary)
