#pragma once

#include "model/kinds.h"
#include "model/parameter.h"

#include <QList>

namespace swb {

// The knobs of every block kind, every wire kind and the project (account) settings, with AWS's
// defaults and limits from resources/help/aws-behaviour.md. This is the single source the
// inspector, the validators, the file formats and the simulator read.
namespace catalogue {

const QList<ParamSpec> &componentParams(ComponentKind kind);
// Wire knobs depend on the wire kind and, for event source mappings, on what is read (SQS batch
// size defaults to 10, Kinesis to 100).
const QList<ParamSpec> &connectionParams(ConnectionKind kind, ComponentKind sourceKind);
// Account- and run-level settings: concurrency pool, API Gateway account throttle, free tier,
// simulation duration and seed.
const QList<ParamSpec> &projectParams();

const ParamSpec *findComponentParam(ComponentKind kind, const QString &key);
const ParamSpec *findConnectionParam(ConnectionKind kind, ComponentKind sourceKind,
                                     const QString &key);
const ParamSpec *findProjectParam(const QString &key);

// Defaults for a new block / wire / project: every key of the catalogue with its AWS default.
QVariantMap defaultComponentParams(ComponentKind kind);
QVariantMap defaultConnectionParams(ConnectionKind kind, ComponentKind sourceKind);
QVariantMap defaultProjectParams();

} // namespace catalogue
} // namespace swb
