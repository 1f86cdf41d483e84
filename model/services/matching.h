#pragma once
// Matched shares of fan-out wires for the estimate: the share of a block's messages that an SNS
// subscription's filter policy or an event bus rule's event pattern lets through
// (ServiceModule::matchRule). Shared by every service that fans out by matching, so they match
// alike (aws-behaviour.md §3 "Filtering", §9 "Rules and event patterns").

#include "model/services/flowrule.h"

namespace swb::flow {

// The wire's policy matched against the message attributes of the traffic sources upstream of
// `source`, weighted by their rates; the wire's share when it has no policy (or a malformed one,
// with a warning).
double matchedShare(Propagator &pr, const Component &source, const Connection &wire);

} // namespace swb::flow
