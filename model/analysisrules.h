#pragma once

#include "model/analysis.h"
#include "model/services/registry.h"

// Internal to the analysis (analysis*.cpp): the rule groups analyze() runs, and small helpers
// they share. Not part of the model's public API.
namespace swb::analysis {

// Cycles, reachability, unwired traffic sources and entry-to-sink paths (Boost.Graph).
void checkGraph(const Design &design, QList<Finding> *findings);
// Failure handling on async, queue and stream paths.
void checkFailureHandling(const Design &design, QList<Finding> *findings);
// Wires the AWS rules refuse (a file may hold them: the reader does not enforce wiringrules.h).
void checkWiring(const Design &design, QList<Finding> *findings);
// Cross-field settings: timeouts, batching, concurrency.
void checkSettings(const Design &design, QList<Finding> *findings);

// A block or wire parameter, falling back to the catalogue default when a file lacks it.
QVariant param(const Component &component, const QString &key);
QVariant param(const Connection &connection, const Design &design, const QString &key);
QString quoted(const QString &name);

} // namespace swb::analysis
