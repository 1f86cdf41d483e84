#pragma once
// Internal state of a run (not part of the public API; tests may inspect it). One Engine holds the
// event queue, a pool of in-flight messages, the per-service state, the metric store and the
// ledger. Each service's behaviour lives in its own .cpp file (lambdaservice.cpp, sqsservice.cpp,
// ...) as Engine member functions, so cross-service hand-offs are plain calls dispatched by a
// switch on the event type: no virtual call, no std::function, no allocation per event.

#include "core/eventqueue.h"
#include "core/latencyhistogram.h"
#include "core/ledger.h"
#include "core/messagegroups.h"
#include "core/metricstore.h"
#include "core/ringdeque.h"
#include "core/rng.h"
#include "core/scenario.h"
#include "core/sfnretry.h"
#include "core/tokenbucket.h"

#include <string>
#include <vector>

namespace swb::core {

class FrameSink;
class Simulation;

inline constexpr std::uint32_t kNone = UINT32_MAX;

enum EventType : std::uint16_t {
    EvArrival,           // entity = source
    EvLambdaDone,        // entity = invocation slot, gen
    EvAsyncRetry,        // entity = message, gen (function in Message::ctx)
    EvSqsDelayed,        // entity = message, gen: DelaySeconds elapsed
    EvSqsReturn,         // entity = batch, gen: visibility timeout of failed messages elapsed
    EvEsmTick,           // entity = SQS ESM: 1 s poller scaling tick
    EvEsmWake,           // entity = SQS ESM: batching window / throttle back-off ended
    EvKinesisWake,       // entity = Kinesis ESM, aux = lane: poll tick for an idle lane
    EvSnsRetry,          // entity = message, gen (subscription edge in Message::ctx)
    EvSfnRetry,          // entity = message, gen (execution; task in Message::ctx)
    EvDownstreamRelease, // entity = downstream: a connection is returned
    EvApiTimeout,        // entity = message, gen, aux = API: integration timeout reached
};

struct Message {
    Ticks created = 0; // entered the system (end-to-end latency origin)
    Ticks since = 0;   // entered its current holder (SQS send time, async queue entry...)
    std::uint32_t bytes = 0;
    std::uint32_t key = 0; // random draw: partition key, message group
    std::uint32_t gen = 0; // bumped on free: events naming a freed message are stale
    std::uint32_t ctx = 0; // holder-specific (function, subscription edge, task index)
    std::uint32_t aux = 0; // holder-specific (SQS queue, API index)
    std::uint16_t path = 0;
    std::uint16_t attempts = 0;
    std::uint16_t receiveCount = 0;
    std::uint16_t backoff = 0;
    std::uint8_t attr = 0;
    std::uint8_t poison = 0;
};

enum class InvokeKind : std::uint8_t { ApiSync, SfnTask, Async, SqsBatch, KinesisBatch };

struct Invocation {
    Ticks start = 0;
    Ticks end = 0;
    std::uint32_t fn = 0;
    std::uint32_t ctx = 0; // message or batch
    std::uint32_t ctxGen = 0;
    std::uint32_t gen = 0;
    std::uint32_t aux = 0; // API index for ApiSync
    InvokeKind kind = InvokeKind::Async;
    bool error = false;
    bool provisioned = false;
};

struct LambdaState {
    const LambdaFunction *cfg = nullptr;
    std::uint32_t onDemandBusy = 0;
    std::uint32_t pcBusy = 0;
    std::uint32_t pc = 0;          // effective provisioned concurrency
    std::uint32_t onDemandCap = 0; // reserved - provisioned, or kNone = shares the unreserved pool
    RingDeque<Ticks> idle;         // warm on-demand environments by release time (front = oldest)
    TokenBucket scaling;           // current rule: +1,000 environments per 10 s per function
    Rng rng;
    double logSigma = 0, logMuOffset = 0; // lognormal shape from durationCv, precomputed
    std::uint32_t downstream = kNone;
    ComponentRef onFailure, dlq;
    std::vector<ComponentRef> outputs; // sends one message to each on success
    std::uint32_t asyncWaiting = 0;
    std::uint32_t m = 0; // metric base
};

struct QueueState {
    const SqsQueue *cfg = nullptr;
    bool fifo = false;
    RingDeque<std::uint32_t> visible; // standard queue
    MessageGroups groups;             // FIFO: per message group, in order; busy = batch out
    RingDeque<std::uint32_t> readyGroups;
    std::uint64_t visibleCount = 0, inFlight = 0, delayed = 0, dlqHeld = 0;
    std::uint32_t redrive = kNone;
    std::vector<std::uint32_t> esms;
    std::uint32_t m = 0;
};

struct SqsEsm {
    EsmConfig cfg;
    std::uint32_t fn = 0, queue = 0;
    double limit = 5;  // concurrent batches allowed now (poller scale-up)
    double cap = 1250; // 1,250 (current) / 1,000 (2018) or MaximumConcurrency
    double rampPerSecond = 5;
    std::uint32_t inFlight = 0;
    Ticks wakeAt = kNever;
    Ticks lastReceive = 0; // last ReceiveMessage that returned messages (idle detection)
};

struct SqsBatch {
    std::vector<std::uint32_t> msgs; // capacity reused: no allocation once warmed up
    std::vector<std::uint8_t> failed;
    Ticks receivedAt = 0;
    Ticks oldestSince = 0; // earliest send time among msgs (the queue's oldest-age gauge)
    std::uint32_t esm = 0, gen = 0, group = kNone;
};

struct Record {
    Ticks created = 0; // end-to-end origin
    Ticks arrival = 0; // written to the stream (iterator age, retention)
    std::uint32_t bytes = 0;
    std::uint32_t seq = 0; // per-shard sequence number (wraps; compared as a difference)
    std::uint16_t path = 0;
    std::uint8_t poison = 0;
};

// What one consumer has read of one shard (kinesisreads.cpp). Records with seq < fetched have been
// read (GetRecords or an enhanced fan-out push); lanes only batch those.
struct ShardReader {
    std::uint32_t fetched = 0;
    Ticks phase = 0; // shared consumers: offset of the ~1 per second poll (aws-behaviour.md §5)
    Ticks lastRead = kNever;   // last read attempt (GetRecords call or push)
    Ticks nextRead = kNever;   // the pending read; wake-ups at other times are stale
    TokenBucket efo; // enhanced fan-out: this consumer's own 2 MB/s per shard (aws-behaviour.md §5)
};

struct ShardLogEntry { // one written record, for the read limits
    Ticks arrival = 0;
    std::uint64_t cumBytes = 0; // running byte total of the log through this record
    std::uint32_t bytes = 0;
};

struct Lane { // one shard x parallelization-factor slot: in order, one batch at a time
    RingDeque<Record> recs;
    std::uint32_t batchN = 0, attempts = 0, bisectLimit = 0;
    bool busy = false, armed = false, failing = false;
};

struct KinesisEsm {
    EsmConfig cfg;
    std::uint32_t fn = 0, stream = 0, pf = 1;
    std::vector<Lane> lanes; // shard * pf + lane, then one read slot per shard (wake-ups only)
    std::vector<ShardReader> readers; // per shard
};

struct StreamState {
    const KinesisStream *cfg = nullptr;
    std::vector<TokenBucket> writeRecords, writeBytes;
    // Shared read limits per shard, all standard consumers together (aws-behaviour.md §5 "Shard
    // read"): 2 MB/s, 2,000 records/s, 5 GetRecords calls/s.
    std::vector<TokenBucket> readBytes, readRecords, getRecords;
    std::vector<RingDeque<Record>> orphan; // records of a stream nobody consumes (until retention)
    std::vector<std::uint32_t> keyShard, keyLane;
    std::vector<double> keyCdf; // Zipf
    std::vector<std::uint32_t> nextSeq, logBase; // per shard: next sequence number, log[0]'s seq
    std::vector<RingDeque<ShardLogEntry>> log;   // per shard: records some consumer has not read
    std::vector<std::uint32_t> esms;
    Rng rng;
    std::uint32_t m = 0, shardSeries = 0;
};

struct TopicState {
    bool fifo = false;
    std::vector<std::uint32_t> subs;      // edge indices
    std::vector<MessageGroups> subGroups; // FIFO: per subscription (as subs), deliveries held
                                          // behind their group's head while it is retried
    TokenBucket fifoRate, fifoBytes; // FIFO publish throughput per topic (aws-behaviour.md §3)
    Rng rng;
    std::uint32_t m = 0;
};

struct ApiState {
    const ApiGateway *cfg = nullptr;
    TokenBucket bucket;
    LatencyHistogram binHist;          // response latency of this bin's answered requests
    std::uint32_t integration = kNone; // edge index
    std::uint32_t m = 0;
};

struct SfnState {
    const StepFunctions *cfg = nullptr;
    TokenBucket starts; // StartExecution bucket (Standard: 1,300 / 300 per s, aws-behaviour.md §6)
    TokenBucket
        transitions; // Standard StateTransition bucket (5,000 / 1,500 per s, aws-behaviour.md §6)
    Rng rng;
    std::uint32_t m = 0;
};

struct DownstreamState {
    const Downstream *cfg = nullptr;
    TokenBucket tps;
    std::uint32_t connections = 0;
    Rng rng;
    std::uint32_t m = 0;
};

struct SourceState {
    const TrafficSource *cfg = nullptr;
    ComponentRef target;
    Rng rng;
    LatencyHistogram binHist, totalHist;
    std::uint32_t m = 0;
};

class Engine
{
public:
    explicit Engine(const Scenario &sc);

    // --- run loop (engine.cpp)
    bool step();
    void runUntil(Ticks t);
    bool finished() const { return m_binsClosed >= m_binTotal; }

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

    std::vector<Message> m_msgs;
    std::vector<std::uint32_t> m_freeMsgs;
    std::uint64_t m_liveMsgs = 0, m_liveRecords = 0;
    std::vector<Invocation> m_invs;
    std::vector<std::uint32_t> m_freeInvs;
    std::vector<SqsBatch> m_batches;
    std::vector<std::uint32_t> m_freeBatches;
    std::vector<std::uint32_t> m_scratch;

    std::vector<SourceState> m_sources;
    std::vector<ApiState> m_apis;
    std::vector<TopicState> m_topics;
    std::vector<QueueState> m_queues;
    std::vector<SqsEsm> m_sqsEsms;
    std::vector<StreamState> m_streams;
    std::vector<KinesisEsm> m_kinEsms;
    std::vector<SfnState> m_sfns;
    std::vector<SfnAttempts> m_sfnAttempts; // retry state of executions in a failing Task
    std::vector<std::uint32_t> m_sfnFree;   // free m_sfnAttempts slots
    std::vector<std::uint32_t> m_sfnSlot;   // by message id: slot + 1, 0 = none
    std::vector<LambdaState> m_lambdas;
    std::vector<DownstreamState> m_downs;

    // Account-wide Lambda state (aws-behaviour.md §1).
    std::uint32_t m_unreservedCap = 0, m_unreservedBusy = 0, m_accountBusy = 0;
    TokenBucket m_legacyScaling; // 2018 rule: account burst then +500/min
    TokenBucket m_apiAccount;    // API Gateway account bucket (aws-behaviour.md §2)
    TokenBucket m_lambdaRps;     // Lambda invoke requests: 10 x concurrency limit per second
    std::uint32_t m_accountSeries = 0, m_ledgerSeries = 0;
    std::uint32_t m_dlqHops = 0; // nesting of deadLetter() hand-offs to consumed destinations

    // --- messages and ledger (engine.cpp)
    std::uint32_t newMessage(Ticks created, std::uint16_t path);
    std::uint32_t copyMessage(std::uint32_t id);
    void finish(std::uint32_t id, std::uint64_t Ledger::*outcome);
    void transfer(std::uint32_t id); // the unit lives on outside the pool (a stream record)
    void drop(std::uint32_t id, DropReason why);
    void succeed(std::uint32_t id); // records end-to-end latency
    void recordE2e(std::uint16_t path, Ticks created);
    bool deliver(ComponentRef to, std::uint32_t msg); // false = rejected at that edge
    void deadLetter(ComponentRef to, std::uint32_t msg);
    const Fault *activeFault(FaultKind k, ComponentRef c) const;

    // --- traffic (trafficsource.cpp)
    void scheduleNextArrival(std::uint32_t s);
    void onArrival(std::uint32_t s);
    double rateAt(const SourceState &s, Ticks t) const;
    Ticks nextRateChange(const SourceState &s, Ticks t) const;

    // --- Lambda (lambdaservice.cpp)
    bool lambdaCanStart(std::uint32_t fn);
    std::uint32_t lambdaStart(std::uint32_t fn, InvokeKind kind, std::uint32_t ctx,
                              std::uint32_t ctxGen, bool batchPoison, std::uint32_t aux = 0);
    void onLambdaDone(std::uint32_t inv, std::uint32_t gen);
    void lambdaAsync(std::uint32_t fn, std::uint32_t msg);
    void onAsyncRetry(std::uint32_t msg, std::uint32_t gen);
    void asyncTry(std::uint32_t fn, std::uint32_t msg);
    void asyncFinalFailure(std::uint32_t fn, std::uint32_t msg, bool expired);
    void lambdaSucceeded(std::uint32_t fn, std::uint32_t msg);
    void sampleLambdas();

    // --- API Gateway (apigateway.cpp)
    bool apiRequest(std::uint32_t api, std::uint32_t msg);
    void apiLambdaDone(const Invocation &inv);
    void onApiTimeout(std::uint32_t msg, std::uint32_t gen, std::uint32_t api);
    void apiLatency(ApiState &A, double ms);

    // --- SNS (snsservice.cpp)
    void initTopics();
    bool snsPublish(std::uint32_t topic, std::uint32_t msg);
    void snsAttempt(std::uint32_t msg);
    bool snsTry(std::uint32_t msg);
    void onSnsRetry(std::uint32_t msg, std::uint32_t gen);

    // --- SQS (sqsservice.cpp)
    bool sqsSend(std::uint32_t queue, std::uint32_t msg);
    void sqsMakeVisible(std::uint32_t queue, std::uint32_t msg, bool front);
    void onSqsDelayed(std::uint32_t msg, std::uint32_t gen);
    void esmDispatch(std::uint32_t esm);
    void onEsmTick(std::uint32_t esm);
    void sqsBatchDone(const Invocation &inv);
    void onSqsReturn(std::uint32_t batch, std::uint32_t gen);
    std::uint32_t allocBatch();
    void freeBatch(std::uint32_t b);
    void expireFront(QueueState &Q, RingDeque<std::uint32_t> &dq);
    void sampleQueues();

    // --- Kinesis (kinesisservice.cpp)
    bool kinesisPut(std::uint32_t stream, std::uint32_t msg);
    void laneTry(std::uint32_t esm, std::uint32_t lane, bool fromPut);
    Ticks nextPollTick(Ticks phase, Ticks t) const;
    Ticks kinesisArmRead(std::uint32_t esm, std::uint32_t shard, Ticks at, bool eager = false);
    void kinesisRead(std::uint32_t esm, std::uint32_t shard);
    std::size_t kinesisReadable(const KinesisEsm &x, const Lane &l, std::uint32_t shard) const;
    void recordOutcome(const Record &r, std::uint64_t Ledger::*outcome);
    void kinesisBatchDone(const Invocation &inv);
    void sampleStreams();

    // --- Step Functions (stepfunctions.cpp)
    bool sfnStart(std::uint32_t sm, std::uint32_t msg);
    void sfnRunTask(std::uint32_t msg);
    void sfnAttemptTask(std::uint32_t msg);
    void sfnClearAttempts(std::uint32_t msg);
    void sfnTaskDone(const Invocation &inv);
    void sfnHandleError(std::uint32_t msg, std::uint8_t error);
    void sfnEnd(std::uint32_t msg);
    void onSfnRetry(std::uint32_t msg, std::uint32_t gen);

    // --- downstream (downstream.cpp)
    bool downstreamCall(std::uint32_t d, double &latencyMs);

private:
    void compile();
    void compileEdge(std::uint32_t edge);
    bool isFifo(ComponentRef c) const;
    void initStream(std::uint32_t stream);
    void addSqsEsm(std::uint32_t edge);
    void addKinesisEsm(std::uint32_t edge);
    void dispatch(const Event &e);
    void closeBin();
};

} // namespace swb::core
