#pragma once

#include "model/services/servicelist.h"

#include <QList>
#include <QString>

namespace swb {

// The blocks a design is made of, one per service module. The order is the palette order; each
// kind's facts live in its service module (model/services/<service>/), listed once in
// model/services/servicelist.h.
#define SWB_KIND_ENUMERATOR(Kind, ns) Kind,
enum class ComponentKind { SWB_SERVICES(SWB_KIND_ENUMERATOR) };
#undef SWB_KIND_ENUMERATOR

// How two blocks are wired. Which (source kind, target kind, connection kind) triples are legal is
// decided by wiringrules.h.
enum class ConnectionKind {
    Traffic,            // a traffic source sends its load into an entry block
    SyncInvoke,         // request/response: API Gateway proxy, Lambda calling a dependency
    AsyncInvoke,        // Lambda's async (event) invocation: SNS, or any async caller
    EventSourceMapping, // Lambda's pollers read SQS or Kinesis in batches
    Subscription,       // SNS pushes to a subscriber
    ServiceIntegration, // API Gateway direct integration, Step Functions Task
    OnFailure,          // async on-failure destination / DLQ, ESM on-failure destination
    Redrive,            // SQS redrive policy (or SNS subscription DLQ) to a dead-letter queue
};

const QList<ComponentKind> &allComponentKinds();
const QList<ConnectionKind> &allConnectionKinds();

// Stable identifiers used in files and on the command line ("lambda", "event-source-mapping").
QString componentKindId(ComponentKind kind);
QString connectionKindId(ConnectionKind kind);
bool componentKindFromId(const QString &id, ComponentKind *kind);
bool connectionKindFromId(const QString &id, ConnectionKind *kind);

// Names shown to people ("Lambda function", "event source mapping").
QString componentKindName(ComponentKind kind);
QString connectionKindName(ConnectionKind kind);

} // namespace swb
