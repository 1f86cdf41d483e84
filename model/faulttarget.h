#pragma once
// Whether a fault kind applies to one block, beyond its kind (design.h faultAppliesTo): a
// Throttle needs a limit to lower, and of SQS queues only FIFO queues have one (300 API calls/s
// per action; a standard queue's are nearly unlimited, aws-behaviour.md §4). The fault dock
// offers a kind on the blocks this accepts; validateFault() refuses the others with the reason.

#include "model/design.h"

namespace swb {

bool faultAppliesTo(FaultKind kind, const Component &target);

} // namespace swb
