#pragma once
// Wiring rules as data: which wires AWS supports between blocks, with AWS's reason when it does
// not. Each service module declares the rules for wires leaving its blocks (and, for a service
// that others integrate with, wires arriving at them); model/wiringrules.cpp evaluates them.

#include "model/kinds.h"

#include <QList>

namespace swb {

struct Component;

// A rule about wires of one connection kind. It applies when the block at the other end is of a
// kind in `others` (empty: any kind) and `when` holds (nullptr: always). The first rule that
// applies decides: the wire is allowed when `refusal` is nullptr, refused otherwise with that
// reason ("%1" stands for the source's kind name, "%2" for the target's).
struct WireRule {
    ConnectionKind kind;
    QList<ComponentKind> others;
    bool (*when)(const Component &source, const Component &target) = nullptr;
    const char *refusal = nullptr;
};

} // namespace swb
