#pragma once

#include "model/design.h"

namespace swb {

struct WiringVerdict {
    bool allowed = false;
    QString reason; // why AWS refuses it (empty when allowed)
};

// The rules table: which (source kind, target kind, connection kind) AWS supports, with the AWS
// reason when it does not (variants matter: an HTTP API has no SNS integration, a FIFO queue
// cannot be an async on-failure destination). Also refuses self-wires and duplicates.
WiringVerdict checkWire(const Design &design, ComponentId source, ComponentId target,
                        ConnectionKind kind);

// The legal kinds between two blocks, most natural first (the editor picks the first
// automatically, or offers a menu when there are several).
QList<ConnectionKind> legalConnectionKinds(const Design &design, ComponentId source,
                                           ComponentId target);

// The most specific reason why no wire of any kind is legal between the two blocks.
QString whyNoWire(const Design &design, ComponentId source, ComponentId target);

// Failure wires leave a block from its failure/DLQ port.
bool isFailureKind(ConnectionKind kind);

} // namespace swb
