#pragma once
// After a run: what hurt (diagnoses over the run's series, each naming its blocks, time window,
// figure and the AWS rule behind it) and what to change (fixes sized from queueing theory and the
// AWS limits). A fix is offered only once re-simulated with the same seed, traffic and duration
// and shown to help; "all" composes the offered fixes one at a time, each diagnosed and sized
// again on the run of the design with the fixes before it, and verifies them together.

#include "sim/runresults.h"
#include "sim/sweep.h"

#include "model/design.h"

#include <QList>
#include <QString>
#include <QVariant>

#include <functional>

namespace swb {

struct AdviceOptions {
    RunOptions run;          // seed, duration, prices: every verification run uses the same
    double targetP99Ms = -1; // diagnose an entry path whose p99 is above this (ms); -1 = none
    double budgetUsd = -1;   // a fix that takes the monthly bill above this is not offered
    // Erlang B blocking the concurrency sizing aims at: ten times below the 0.1 % at which a
    // run is diagnosed, so a sized fix clears the diagnosis despite cold starts and bursts.
    double throttleTarget = 0.0001;
};

struct Diagnosis {
    QString rule;  // stable id: "lambda-throttling", "sqs-backlog", ...
    QString title; // "job-worker is throttled"
    QStringList blocks;
    double fromSeconds = 0; // simulated time where the figure shows
    double toSeconds = 0;
    QString figure;  // "1,234 throttles (4.1 % of invocation attempts)"
    QString awsRule; // the documented behaviour behind it, with its reference section
};

// One change a fix makes: a parameter on a block, on the wire between two blocks or on the
// project; or a structural one: a new block (NewBlock: `block` is its name, `key` its kind id,
// `target` the block it is placed beside, `to` its parameters as a map), a new wire (NewWire:
// from `block` to `target`, `key` its kind id, `to` its parameters as a map) or a wire removed
// (RemoveWire: the wire of kind `key` from `block` to `target`).
struct ParamChange {
    enum class On { Block, Wire, Project, NewBlock, NewWire, RemoveWire };
    On on = On::Block;
    QString block;  // the block (Block), or the wire's source (Wire)
    QString target; // the wire's target block (Wire)
    QString key;
    QVariant from;
    QVariant to;

    // "job-worker.reservedConcurrency 10 -> 48", "jobs-queue->job-worker.batchSize 10 -> 5",
    // "add SQS queue 'jobs-dlq' beside jobs-queue", "add redrive wire jobs-queue -> jobs-dlq".
    QString text() const;
    // "block", "wire", "project", "new-block", "new-wire", "remove-wire" (files and JSON).
    static QString onId(On on);
    // Adds or removes a block or a wire (not only a parameter).
    bool isStructural() const
    {
        return on == On::NewBlock || on == On::NewWire || on == On::RemoveWire;
    }
};

class Document;

// Applies the changes through the document (validated as edits in the inspector, one undo
// command each: wrap them in a macro for one step); returns the first problem, or "".
QString applyChanges(Document *document, const QList<ParamChange> &changes);
// The same on a plain design.
QString applyChanges(Design *design, const QList<ParamChange> &changes);

struct Fix {
    QString rule;   // the diagnosis it answers
    QString title;  // "Reserve 48 concurrent executions for job-worker"
    QString sizing; // how the numbers were found (formula, inputs)
    QList<ParamChange> changes;
    Headline before;
    Headline after;
    // Its purpose is to set failing units aside (a dead-letter queue, bisecting a batch): more
    // dead letters are what it is for, so "helps" counts lost units, not dead letters.
    bool setsAside = false;
    // It trades latency for money (a batching window): offered when the bill falls and the p99
    // rises by at most this many ms (and stays under the p99 target, when one is given).
    double latencyTradeMs = 0;
    bool verified = false; // re-simulated, and it helps
    QString verdict;       // why it is offered, or why not
};

struct Advice {
    Headline before;
    QList<Diagnosis> diagnoses;
    QList<Fix> fixes; // every proposal, verified or not (verdict says)
    // Every verified fix at once, each re-sized on top of the ones before it and re-verified
    // (verdict: which were re-sized, not needed or left out); empty changes when none.
    Fix combined;
    bool ok = true; // false: a verification run failed to build (error says)
    QString error;
};

// Diagnoses `run` (a finished run of `design` with options.run) and proposes and verifies fixes.
// `progress` (may be empty) is told each verification as it starts: (done, total).
Advice advise(const Design &design, const RunResults &run, const AdviceOptions &options,
              const std::function<void(int, int)> &progress = {});

// The diagnoses alone (no re-simulation): what the rules find in a run.
QList<Diagnosis> diagnose(const Design &design, const RunResults &run,
                          const AdviceOptions &options);

} // namespace swb
