#pragma once
// Conservation ledger (DESIGN.md "Simulation core rules"): every unit of work produced (a request,
// a message, a record, a fan-out copy) is at any time in exactly one state. `inFlight` is counted
// from the storage that actually holds units (message pool, stream lanes), not derived from the
// other counters, so balanced() catches a unit that was freed without an outcome or leaked.

#include "core/component.h"
#include "core/metricdecl.h"

#include <cstdint>

namespace swb::core {

// Documented reasons a unit leaves the system without success, DLQ, expiry or edge rejection.
enum class DropReason : std::uint8_t {
    SyncError, // sync caller got a function error / throttle inside the call chain: the
               // caller's problem (aws-behaviour.md §1 "Sync throttle", 2018 talk "Retries")
    IntegrationTimeout, // API Gateway returned 504 (aws-behaviour.md §2)
    FilteredOut,        // SNS publish matched no subscription (aws-behaviour.md §3 "Filtering")
    SnsExhausted, // delivery policy exhausted, no subscription DLQ: discarded (aws-behaviour.md §3)
    AsyncDiscarded,  // async Lambda: retries/age exhausted, no destination: discarded
                     // (aws-behaviour.md §1)
    StreamDiscarded, // Kinesis ESM gave up on a batch with no on-failure destination
                     // (aws-behaviour.md §5)
    SfnFailed,       // Step Functions execution failed (uncaught) (aws-behaviour.md §6)
    SfnCaught, // Step Functions error caught by Catch: execution ends in fallback (aws-behaviour.md
               // §6)
    NoRoute,   // component has no outgoing wire for the unit (scenario incomplete)
    Count
};

struct Ledger {
    std::uint64_t produced = 0;
    std::uint64_t succeeded = 0;    // delivered / processed successfully
    std::uint64_t deadLettered = 0; // in a DLQ or on-failure destination
    std::uint64_t expired = 0;      // retention / max event age / max record age
    std::uint64_t rejected = 0;     // throttled at the edge (429, write throttle)
    std::uint64_t dropped = 0;      // by a documented rule, see DropReason
    std::uint64_t droppedBy[static_cast<int>(DropReason::Count)] = {};
    std::uint64_t inFlight = 0; // counted from storage by the engine

    std::uint64_t terminal() const
    {
        return succeeded + deadLettered + expired + rejected + dropped;
    }
    bool balanced() const { return produced == inFlight + terminal(); }
};

// The ledger's series (component None), sampled when a bin closes.
enum LedgerMetric : std::uint32_t {
    LgProduced,
    LgInFlight,
    LgSucceeded,
    LgDeadLettered,
    LgExpired,
    LgRejected,
    LgDropped,
    LgCount
};
inline constexpr MetricDecl kLedgerMetrics[LgCount] = {
    {"ledger.produced", "units", Aggregation::Last},
    {"ledger.in_flight", "units", Aggregation::Last},
    {"ledger.succeeded", "units", Aggregation::Last},
    {"ledger.dead_lettered", "units", Aggregation::Last},
    {"ledger.expired", "units", Aggregation::Last},
    {"ledger.rejected", "units", Aggregation::Last},
    {"ledger.dropped", "units", Aggregation::Last},
};
constexpr MetricId metricId(LedgerMetric m)
{
    return {ComponentKind::None, static_cast<std::uint16_t>(m)};
}

} // namespace swb::core
