#pragma once

#include "model/design.h"

#include <QList>
#include <QString>

namespace swb {

// Error: AWS refuses the configuration (or it cannot work as drawn). Warning: AWS accepts it but
// it loses or blocks messages, or fights its own limits. Info: facts worth seeing (the paths).
enum class Severity { Error, Warning, Info };

QString severityId(Severity severity); // "error", "warning", "info"

// One result of the design analysis. code is a stable identifier for scripts and tests
// ("visibility-timeout-short"); message names the blocks by name and says what AWS does.
struct Finding {
    Severity severity = Severity::Info;
    QString code;
    QString message;
    QList<ComponentId> components;
    QList<ConnectionId> connections;
};

// Stable codes of every rule analyze() applies (see analysis.cpp for each rule and its source).
namespace findingcode {
inline constexpr char IllegalWire[] = "illegal-wire";
inline constexpr char Cycle[] = "cycle";
inline constexpr char Unreachable[] = "unreachable";
inline constexpr char NoTrafficSource[] = "no-traffic-source";
inline constexpr char TrafficSourceUnwired[] = "traffic-source-unwired";
inline constexpr char AsyncNoFailureDestination[] = "async-no-failure-destination";
inline constexpr char QueueNoDlq[] = "queue-no-dlq";
inline constexpr char StreamPoisonBlocks[] = "stream-poison-blocks";
inline constexpr char StreamNoFailureDestination[] = "stream-no-failure-destination";
inline constexpr char StreamTooManyFanOut[] = "stream-too-many-enhanced-fan-out";
inline constexpr char SfnBadRetriers[] = "sfn-bad-retriers";
inline constexpr char VisibilityTimeoutShort[] = "visibility-timeout-short";
inline constexpr char VisibilityBelowFunctionTimeout[] = "visibility-below-function-timeout";
inline constexpr char ReservedAbovePool[] = "reserved-above-pool";
inline constexpr char UnreservedBelowMinimum[] = "unreserved-below-minimum";
inline constexpr char HttpApiTimeout[] = "http-api-timeout";
inline constexpr char RestApiTimeout[] = "rest-api-timeout";
inline constexpr char SqsBatchWindow[] = "sqs-batch-window";
inline constexpr char FifoEsmBatch[] = "fifo-esm-batch";
inline constexpr char ProvisionedAboveReserved[] = "provisioned-above-reserved";
inline constexpr char EsmConcurrencyAboveReserved[] = "esm-concurrency-above-reserved";
inline constexpr char StateMachineNoTask[] = "state-machine-no-task";
inline constexpr char Path[] = "path";
} // namespace findingcode

// Checks the whole design: graph rules (cycles, reachability, failure handling, paths) and the
// cross-field rules the per-parameter catalogue cannot express. Findings are ordered by severity
// (errors first), then in the order the rules run, each rule walking blocks or wires in id
// order, so the output is stable. Never throws; a damaged design (dangling wire ends) is
// analysed as far as it goes.
QList<Finding> analyze(const Design &design);

// At most this many entry-to-sink paths are listed (a dense fan-out has exponentially many).
constexpr int kMaxListedPaths = 50;

bool hasErrors(const QList<Finding> &findings);

} // namespace swb
