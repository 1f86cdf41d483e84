#pragma once
// The simulation kernel: the event list and clock, the metric bins, the pool of in-flight
// messages with the conservation ledger, and the tables that hand a unit or an event to the
// service module that owns a component. A service module (one per AWS service) keeps its own
// state and event handlers and reaches the rest of the run only through this interface:
//   schedule an event          schedule(), scheduleIn() with eventTag(kind, code) (service.h)
//   deliver to a component     deliver(), deadLetter(), failureNotice()
//   count a metric             addSeries() at set-up, then metrics().add/gauge/peak
//   record the ledger          newMessage(), finish(), succeed(), drop(), transfer() ...
// and calls another service directly only through that service's narrow typed interface
// (service<T>()), e.g. a synchronous Lambda invoke (services/lambda/lambdaservice.h).
// Not part of the public API (simulation.h); white-box tests may inspect it.

#include "core/eventqueue.h"
#include "core/latencyhistogram.h"
#include "core/ledger.h"
#include "core/metricdecl.h"
#include "core/metricstore.h"
#include "core/rng.h"
#include "core/scenario.h"
#include "core/service.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace swb::core {

class FrameSink;
class Simulation;

inline constexpr std::uint32_t kNone = UINT32_MAX;

// One unit of work in flight (a request, a message, a fan-out copy). The kernel owns the pool;
// the service holding a message owns the meaning of ctx and aux while it holds it.
struct Message {
    Ticks created = 0; // entered the system (end-to-end latency origin)
    Ticks since = 0;   // entered its current holder (SQS send time, async queue entry...)
    std::uint32_t bytes = 0;
    std::uint32_t key = 0; // random draw: partition key, message group
    std::uint32_t gen = 0; // bumped on free: events naming a freed message are stale
    std::uint32_t ctx = 0; // holder-specific (function, subscription edge, task index)
    std::uint32_t aux = 0; // holder-specific (SQS queue, API index)
    std::uint16_t path = 0;
    // 32 bits: SNS's AWS-managed policy makes 100,016 attempts (16 bits wrapped at 65,535 and
    // restarted the schedule). The struct keeps its size.
    std::uint32_t attempts = 0;
    std::uint16_t receiveCount = 0;
    std::uint16_t backoff = 0;
    std::uint8_t attr = 0;
    std::uint8_t poison = 0;
    // Failed its current processing attempt (a poller's batch: LambdaService::recordFails).
    std::uint8_t failing = 0;
    // 1 = the target's admit() has seen this request: it was throttled (or is being taken now)
    // and the producer's SDK sends it again. The target counts it offered once, and a Kinesis
    // stream keeps the partition key it drew in `key` (the same shard on every attempt). Cleared
    // when a service takes the unit.
    std::uint8_t quotaSeen = 0;
};
static_assert(sizeof(Message) == 56); // the pool's footprint per unit in flight

// Requests billed for a payload metered in `chunk`-byte increments, at least one (SNS and SQS
// 64 KB, HTTP API 512 KB, Kinesis 25 KB PUT units). Integer arithmetic: the same count as
// max(1, ceil(bytes / chunk)) without the double conversion on the hot path.
constexpr double billedChunks(std::uint64_t bytes, std::uint32_t chunk)
{
    return bytes <= chunk ? 1.0 : static_cast<double>((bytes + chunk - 1) / chunk);
}

class Kernel
{
public:
    explicit Kernel(const Scenario &sc);
    ~Kernel();
    Kernel(const Kernel &) = delete;
    Kernel &operator=(const Kernel &) = delete;

    // ---- run loop (kernel.cpp)
    bool step();
    // Returns false when maxEvents events were processed before `until` was reached (the clock
    // then stays at the last event; a later call carries on exactly where this one stopped).
    bool runUntil(Ticks until, std::uint64_t maxEvents = UINT64_MAX);
    bool finished() const { return m_binsClosed >= m_binTotal; }
    void setFrameSink(FrameSink *sink, const Simulation *owner);
    std::uint64_t eventsProcessed() const { return m_events; }

    // ---- clock and events
    Ticks now() const { return m_q.now(); }
    Ticks end() const { return m_end; }
    // `tag` = eventTag(service kind, service event code); entity, gen and aux are the service's.
    void schedule(Ticks at, std::uint16_t tag, std::uint32_t entity, std::uint32_t gen = 0,
                  std::uint32_t aux = 0)
    {
        m_q.schedule(at, tag, entity, gen, aux);
    }
    void scheduleIn(Ticks delay, std::uint16_t tag, std::uint32_t entity, std::uint32_t gen = 0,
                    std::uint32_t aux = 0)
    {
        m_q.scheduleIn(delay, tag, entity, gen, aux);
    }

    // ---- scenario and diagnostics
    const Scenario &scenario() const { return m_sc; }
    void warn(std::string text) { m_warnings.push_back(std::move(text)); }
    const std::vector<std::string> &warnings() const { return m_warnings; }
    // Seed of the component's own RNG stream: traffic to one component never shifts another's.
    std::uint64_t rngSeed(ComponentRef c) const
    {
        return streamSeed(m_sc.seed, (static_cast<std::uint64_t>(c.kind) << 32) | c.index);
    }
    // The fault of kind `k` on `c` active now, if any (Scenario::faults).
    const Fault *activeFault(FaultKind k, ComponentRef c) const;
    // The fault of kind `k` on edge `e` (an SNS subscription's endpoint) active now, if any.
    const Fault *activeEdgeFault(FaultKind k, std::uint32_t e) const;
    // `c` refuses requests now: an Outage fault is active on it (its API answers 5xx).
    bool refuses(ComponentRef c) const
    {
        return !m_sc.faults.empty() && activeFault(FaultKind::Outage, c) != nullptr;
    }
    // The factor a Throttle fault applies to `c`'s limit now (1 = none).
    double limitFactor(ComponentRef c) const
    {
        if (m_sc.faults.empty())
            return 1.0;
        const Fault *f = activeFault(FaultKind::Throttle, c);
        return f ? f->rateMultiplier : 1.0;
    }

    // ---- units: the message pool and the ledger (kernelunits.cpp; DESIGN.md "Conservation")
    Message &msg(std::uint32_t id) { return m_msgs[id]; }
    const Message &msg(std::uint32_t id) const { return m_msgs[id]; }
    std::size_t messageSlots() const { return m_msgs.size(); } // ids are below this
    std::uint32_t newMessage(Ticks created, std::uint16_t path);
    std::uint32_t copyMessage(std::uint32_t id); // a fan-out copy: a new unit in the ledger
    void finish(std::uint32_t id, std::uint64_t Ledger::*outcome)
    {
        ++(m_ledger.*outcome);
        ++m_msgs[id].gen;
        m_freeMsgs.push_back(id);
        --m_liveMsgs;
    }
    void drop(std::uint32_t id, DropReason why)
    {
        ++m_ledger.droppedBy[static_cast<int>(why)];
        finish(id, &Ledger::dropped);
    }
    void succeed(std::uint32_t id) // processed for good: records end-to-end latency
    {
        recordE2e(m_msgs[id].path, m_msgs[id].created);
        finish(id, &Ledger::succeeded);
    }
    // The unit leaves the pool but lives on, held by the caller outside it (a stream record);
    // the caller settles it with settleHeld() or dropHeld().
    void transfer(std::uint32_t id);
    // A held unit comes back into the pool (taken out of a cohort, core/cohortqueue.h): a new
    // id, not a new unit in the ledger.
    std::uint32_t restore(Ticks created, std::uint16_t path);
    void produceHeld(); // a new unit that starts outside the pool (a copy per extra consumer)
    void settleHeld(std::uint16_t path, Ticks created, std::uint64_t Ledger::*outcome);
    void dropHeld(std::uint16_t path, Ticks created, DropReason why);
    const Ledger &ledger(); // with inFlight counted from the pool and the held units

    // ---- end-to-end latency per entry path (Message::path = the traffic source's index)
    std::uint16_t addPath(std::uint32_t e2eCountSeries); // the series counting its successes
    void recordE2e(std::uint16_t path, Ticks created)
    {
        if (path < m_paths.size()) {
            m_paths[path].bin.record(m_q.now() - created);
            m_metrics.add(m_paths[path].countSeries, 1);
        }
    }
    const LatencyHistogram &pathBinLatency(std::uint16_t path) const { return m_paths[path].bin; }
    LatencyHistogram pathLatency(std::uint16_t path) const; // whole run so far

    // ---- routing (kernelunits.cpp), through the service table
    // `to` admits the request now under its request-rate quota (an SQS FIFO queue's API calls,
    // an SNS topic's publishes, a Kinesis shard's writes, a state machine's StartExecution
    // bucket): the service takes its share; false = throttled, counted by the
    // service, the unit untouched (the caller retries or settles it). A kind without a quota
    // admits everything.
    bool admits(ComponentRef to, std::uint32_t msg)
    {
        const ServiceSlot &s = m_slots[kindIndex(to.kind)];
        return !s.admit || s.admit(s.self, to.index, msg);
    }
    // The request passes now: `to` neither refuses it (Outage) nor throttles it (admits()). A
    // producer that retries calls this, then deliverAdmitted() (core/sdkretry.h).
    bool passes(ComponentRef to, std::uint32_t msg) { return !refuses(to) && admits(to, msg); }
    // The unit enters `to`; false = rejected at that edge (the receiver settled it). A kind with
    // no receiver drops it (DropReason::NoRoute). A component under an Outage fault refuses the
    // request, one over its quota throttles it (rejected either way; a producer that retries
    // checks passes() first and calls deliverAdmitted(), core/sdkretry.h); a
    // dead-letter hand-off (deadLetter()) is the service's own and is neither refused nor
    // throttled.
    bool deliver(ComponentRef to, std::uint32_t msg)
    {
        if (m_dlqHops == 0 && !refuses(to) && !admits(to, msg)) {
            finish(msg, &Ledger::rejected);
            return false;
        }
        return deliverAdmitted(to, msg);
    }
    // deliver() for a request admits() already took (its quota share is not taken again).
    bool deliverAdmitted(ComponentRef to, std::uint32_t msg)
    {
        m_msgs[msg].since = m_q.now();
        if (m_dlqHops == 0 && refuses(to)) {
            finish(msg, &Ledger::rejected);
            return false;
        }
        const ServiceSlot &s = m_slots[kindIndex(to.kind)];
        if (s.accept)
            return s.accept(s.self, to.index, msg);
        drop(msg, DropReason::NoRoute);
        return false;
    }
    void deadLetter(ComponentRef to, std::uint32_t msg);
    void failureNotice(ComponentRef to, std::uint32_t units);
    bool isFifo(ComponentRef c) const;
    std::size_t componentCount(ComponentKind k) const;

    // ---- metrics
    MetricStore &metrics() { return m_metrics; }
    const MetricStore &metrics() const { return m_metrics; }
    // Registers every `scope` entry of `owner`'s table for component `c` (kind None for
    // account-wide series). Returns the base: base + m is the series of metric m (unsigned
    // arithmetic, also for a table whose `scope` entries do not start at 0).
    template<std::size_t N>
    std::uint32_t addSeries(ComponentKind owner, ComponentRef c, const MetricDecl (&table)[N],
                            MetricScope scope = MetricScope::Component)
    {
        return addSeries(owner, c, table, N, scope);
    }
    // One keyed series (MetricScope::Shard or Group) of `c` for key `shard`; returns its id.
    std::uint32_t addShardSeries(ComponentKind owner, ComponentRef c, const MetricDecl &decl,
                                 std::uint16_t metricIndex, std::uint32_t shard);

    // ---- services
    template<class S>
    S &service()
    {
        return *static_cast<S *>(m_slots[kindIndex(S::kKind)].self);
    }
    const ServiceSlot &slot(ComponentKind k) const { return m_slots[kindIndex(k)]; }

private:
    struct PathLatency {
        LatencyHistogram bin, total;
        std::uint32_t countSeries = 0;
    };

    std::uint32_t addSeries(ComponentKind owner, ComponentRef c, const MetricDecl *table,
                            std::size_t n, MetricScope scope);
    void compile();
    void compileEdge(std::uint32_t edge);
    void dispatch(const Event &e)
    {
        const ServiceSlot &s = m_slots[e.type >> 8];
        s.onEvent(s.self, e);
    }
    void closeBin();

    Scenario m_sc;
    std::vector<std::string> m_warnings;
    EventQueue m_q;
    MetricStore m_metrics;
    Ledger m_ledger;
    FrameSink *m_sink = nullptr;
    const Simulation *m_owner = nullptr;
    std::uint64_t m_events = 0;
    Ticks m_end = 0, m_binWidth = 0, m_binEnd = 0;
    std::size_t m_binsClosed = 0, m_binTotal = 0;

    std::uint32_t allocMessage(Ticks created, std::uint16_t path);

    std::vector<Message> m_msgs;
    std::vector<std::uint32_t> m_freeMsgs;
    std::uint64_t m_liveMsgs = 0, m_held = 0;
    std::vector<PathLatency> m_paths;
    std::uint32_t m_ledgerSeries = 0;
    std::uint32_t m_dlqHops = 0; // nesting of deadLetter() hand-offs to consumed destinations

    std::array<ServiceSlot, kKindSlots> m_slots{};
    std::vector<ComponentKind> m_order; // registry order: set-up, sampling
};

// Fills `slots` (indexed by kind) and `order` from the registry (registry.cpp).
void makeServiceSlots(Kernel &k, std::array<ServiceSlot, kKindSlots> &slots,
                      std::vector<ComponentKind> &order);

} // namespace swb::core
