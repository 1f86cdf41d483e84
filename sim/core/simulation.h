#pragma once
// Public face of the simulation core. Build a Scenario, construct a Simulation, run it in slices
// (runUntil) or to the end (run), and read metric bins, the ledger and the fingerprint.
//
// Metric series (per component unless noted; aggregation S = Sum per bin, M = Max, L = Last,
// A = time-average over the bin):
//   lambda.*      concurrency M, invocations S, throttles S, errors S, timeouts S, retries S,
//                 cold_starts S, duration_ms_sum S, duration_ms_max M, async_queue M,
//                 dlq S (events sent to DLQ/on-failure), billed_requests S, billed_gb_s S,
//                 billed_pc_gb_s S (duration on provisioned environments), concurrency_mean A,
//                 warm_environments M and warm_environments_mean A (provisioned + busy + idle
//                 environments; an idle one counts until its idle expiry time),
//                 provisioned_utilization A (busy provisioned / provisioned, 0 without any),
//                 service_errors S (invokes refused in an outage), sdk_retries S, sdk_lost S
//   account.*     concurrency M, unreserved_concurrency M                       (kind None)
//   apigw.*       requests S, throttled_429 S, errors_5xx S, timeouts_504 S, latency_ms_sum S,
//                 latency_ms_max M, billed_requests S, latency_p50_ms / _p95_ / _p99_ L
//   sns.*         publishes S, deliveries S, delivery_failures S, delivery_retries S, dlq S,
//                 filtered S, billed_publishes S (64 KB chunks), billed_http_deliveries S,
//                 publish_throttles S (FIFO throughput), fifo_payload_bytes S (FIFO billing)
//   sqs.*         visible M, in_flight M, oldest_age_s M, sent S, receives S, deletes S,
//                 to_dlq S, dlq_received S, expired S, pollers M, billed_requests S,
//                 throttled S (FIFO API calls over the quota)
//   kinesis.*     incoming_records S, incoming_bytes S, write_throttles S, iterator_age_s M,
//                 shard<i>.iterator_age_s M (first 64 shards), blocked_shards M,
//                 on_failure S, expired S, billed_put_units S (25 KB), read_throttles S,
//                 read_calls S (GetRecords calls that returned records), offered_records S
//                 (records the producers sent, each once: SDK retries not counted again)
//   sfn.*         executions S, start_throttles S, transitions S, retries S, failures S,
//                 caught S, succeeded S, billed_express_requests S, billed_express_gb_s S,
//                 throttled_transitions S, transition_delay_s M, offered_starts S (each
//                 requested execution once)
//   downstream.*  calls S, rejections S, connections M
//   source.*      generated S, e2e_p50_ms L, e2e_p95_ms L, e2e_p99_ms L, e2e_count S,
//                 sdk_retries S, sdk_lost S (sends refused in an outage or throttled over a
//                 target's quota, core/sdkretry.h)
//                 (end-to-end latency from creation to final success, per entry path = source)
//   ledger.*      produced, in_flight, succeeded, dead_lettered, expired, rejected, dropped  L

// Modelling notes (what is simplified; see the service .cpp files for the rule each code path
// implements and its source):
//   - A DLQ or on-failure destination with consumers (a mapping on the queue, subscriptions on the
//     topic, a function) delivers like any other; one nobody consumes is a sink: its units count
//     as dead-lettered, in the target's dlq_received and (for SQS) its visible depth.
//   - Kinesis: one lane per (shard, key hash mod ParallelizationFactor), in order; a failing batch
//     is retried at once; bisect halves the batch without spending retries; standard consumers
//     share 2 MB/s, 2,000 records/s and 5 GetRecords calls/s per shard, enhanced fan-out ones
//     get their own 2 MB/s (kinesisreads.cpp); on-demand streams behave as provisioned streams
//     with the given shard count; iterator age is the slowest consumer's.
//   - SQS: retention is checked at each receive/return and swept when a bin closes (a message
//     nobody receives expires within one bin of its deadline); FIFO batches
//     hold one message group; FIFO queues throttle SendMessage and ReceiveMessage above 300
//     calls/s each (high-throughput mode: 300 per message group, at most 70,000; producers send
//     one message per call, DeleteMessage is not limited); in-flight quotas are not modelled.
//   - SNS: no retry jitter; a standard topic throttles above its Publish quota (the account's,
//     applied per topic). FIFO topics keep
//     order per message group on each subscription and throttle above 3,000 msg/s or 20 MB/s;
//     deduplication is not modelled (the traffic has no duplicates); high-throughput mode is not.
//   - SQS event source mappings: pollers grow while messages wait and every poller is busy and
//     drop back once no message was received for a 20 s long poll; idle pollers' long polls then
//     come back empty (one billed request each per 20 s).
//   - Lambda: the legacy (2018) scaling mode is an account bucket of new environments (burst,
//     then +500/min); idle expiry is a fixed idle time; billed duration excludes the init phase.
//   - Step Functions: a Retry array per task (core/sfnretry.h) and an optional Catch
//     States.ALL; a Task raises one of three errors (function error, Lambda.Unknown on timeout,
//     Lambda.TooManyRequestsException); Standard state transitions above the bucket are delayed
//     (not refused), StartExecution above its bucket is refused; the Catch transition itself
//     is counted but not throttled.
//   - A TrafficSource wired straight to a Lambda invokes it asynchronously.
//   - Results are bit-identical for a given binary and libm: the distributions are hand-written
//     (no std::*_distribution) but use libm's exp, log, pow and cos.

#include "core/ledger.h"
#include "core/metricstore.h"
#include "core/scenario.h"

#include <memory>
#include <string>
#include <vector>

namespace swb::core {

class Simulation;
class Kernel;

// Observer called once per closed bin, on the thread that runs the simulation. Implementations
// should copy what they need (e.g. store.copyRow(bin, ...)) and return quickly.
class FrameSink
{
public:
    virtual ~FrameSink() = default;
    virtual void onBinClosed(const Simulation &sim, std::size_t bin) = 0;
};

class Simulation
{
public:
    explicit Simulation(const Scenario &scenario);
    ~Simulation();
    Simulation(const Simulation &) = delete;
    Simulation &operator=(const Simulation &) = delete;

    // Problems found while compiling the scenario (unknown indices, unsupported wiring); the run
    // still proceeds and ignores the offending edge.
    const std::vector<std::string> &warnings() const;

    // Processes one event (closing any bins it passes). False once the run is finished.
    bool step();
    // Processes every event before `seconds` and closes every bin ending at or before it.
    void runUntil(double seconds);
    // The same, processing at most maxEvents events: false when it stopped before `seconds` (a
    // caller bounding its work per call, e.g. to check for Pause often). Splitting a run into such
    // calls processes the same events in the same order, so the results are those of one call.
    bool runUntil(double seconds, std::uint64_t maxEvents);
    void run() { runUntil(durationSeconds()); }
    bool finished() const;
    double now() const; // seconds
    double durationSeconds() const;

    void setFrameSink(FrameSink *sink); // not owned; nullptr to detach
    const MetricStore &metrics() const;
    const Ledger &ledger() const;
    std::uint64_t fingerprint() const { return metrics().fingerprint(); }
    std::uint64_t eventsProcessed() const;
    // Whole-run end-to-end latency quantile (ms) for the entry path of a traffic source.
    double latencyQuantileMs(std::uint32_t sourceIndex, double q) const;

    Kernel &kernel(); // internal state, for white-box tests only

private:
    std::unique_ptr<Kernel> m_kernel;
};

} // namespace swb::core
