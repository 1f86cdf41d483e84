#pragma once
// The results reference: every series a run writes into a results file (swb simulate --out,
// File > Export > Results), read from the simulation core's metric registry (core::metricDecl:
// name, unit, aggregation, scope) with a sentence on what it counts. `swb metrics` prints it, the
// package ships it (/usr/share/doc/serverless-workbench/results-reference.md) and the README's
// table is tested against it, so the documentation follows the registry.

#include "model/texttable.h"

#include <QList>
#include <QString>

namespace swb {

struct ResultsSeriesInfo {
    QString name;        // "lambda.concurrency"; "kinesis.shard#.iterator_age_s": # = shard number
    QString scope;       // "block", "account", "ledger", "shard"
    QString unit;        // as in the results file's "unit"
    QString aggregation; // "sum", "max" or "last", as in the results file
    QString meaning;     // empty only if the registry gained a series this file does not describe
};

// In registry order: the ledger, then each service's series.
QList<ResultsSeriesInfo> resultsReference();

// Meanings written for a series the registry no longer has (a stale entry); empty when none.
QStringList staleResultsMeanings();

// Columns: series, scope, unit, aggregation, meaning.
TextTable resultsReferenceTable();

} // namespace swb
