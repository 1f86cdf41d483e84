#pragma once
// The services not yet moved into their own modules (core/services/): one object registered in
// their kinds' slots of the kernel's service table (registry.cpp). Its members name the kernel's
// state by reference, so the service code reads as before while it moves, one service at a time.

#include "core/kernel.h"
#include "core/latencyhistogram.h"
#include "core/messagegroups.h"
#include "core/ringdeque.h"
#include "core/services/downstream/downstreamservice.h"
#include "core/services/lambda/lambdaservice.h"
#include "core/sfnretry.h"
#include "core/tokenbucket.h"

#include <string>
#include <vector>

namespace swb::core {

enum EventType : std::uint16_t {
    EvArrival = eventTag(ComponentKind::TrafficSource, 0), // entity = source
    EvSqsDelayed = eventTag(ComponentKind::SqsQueue, 0),   // entity = message, gen: delay elapsed
    EvSqsReturn = eventTag(ComponentKind::SqsQueue, 1), // entity = batch, gen: visibility timeout
    EvEsmTick = eventTag(ComponentKind::SqsQueue, 2),   // entity = SQS ESM: 1 s poller tick
    EvEsmWake = eventTag(ComponentKind::SqsQueue, 3),   // entity = SQS ESM: window/back-off ended
    EvKinesisWake = eventTag(ComponentKind::KinesisStream, 0), // entity = ESM, aux = lane
    EvSnsRetry = eventTag(ComponentKind::SnsTopic, 0),      // entity = message, gen (edge in ctx)
    EvSfnRetry = eventTag(ComponentKind::StepFunctions, 0), // entity = message, gen
    EvApiTimeout = eventTag(ComponentKind::ApiGateway, 0),  // entity = message, gen, aux = API
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
    Ticks lastRead = kNever; // last read attempt (GetRecords call or push)
    Ticks nextRead = kNever; // the pending read; wake-ups at other times are stale
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
    std::vector<double> keyCdf;                  // Zipf
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

struct SourceState {
    const TrafficSource *cfg = nullptr;
    ComponentRef target;
    Rng rng;
    std::uint32_t m = 0;
};

class Engine
{
public:
    explicit Engine(Kernel &k);

    Kernel &m_k;
    const Scenario &m_sc;
    EventQueue &m_q;
    MetricStore &m_metrics;
    Ledger &m_ledger;
    std::vector<Message> &m_msgs;
    Ticks m_end = 0;
    std::vector<std::uint32_t> m_scratch;

    std::vector<SqsBatch> m_batches;
    std::vector<std::uint32_t> m_freeBatches;

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
    LambdaService *m_lambda = nullptr;
    DownstreamService *m_down = nullptr;
    std::uint8_t m_invApi = 0, m_invSqs = 0, m_invKinesis = 0, m_invSfn = 0; // Lambda invokers

    TokenBucket m_apiAccount; // API Gateway account bucket (aws-behaviour.md §2)

    // --- kernel services, as the moved code calls them
    std::uint32_t newMessage(Ticks created, std::uint16_t path)
    {
        return m_k.newMessage(created, path);
    }
    std::uint32_t copyMessage(std::uint32_t id) { return m_k.copyMessage(id); }
    void finish(std::uint32_t id, std::uint64_t Ledger::*outcome) { m_k.finish(id, outcome); }
    void transfer(std::uint32_t id) { m_k.transfer(id); }
    void drop(std::uint32_t id, DropReason why) { m_k.drop(id, why); }
    void succeed(std::uint32_t id) { m_k.succeed(id); }
    bool deliver(ComponentRef to, std::uint32_t msg) { return m_k.deliver(to, msg); }
    void deadLetter(ComponentRef to, std::uint32_t msg) { m_k.deadLetter(to, msg); }
    const Fault *activeFault(FaultKind k, ComponentRef c) const { return m_k.activeFault(k, c); }

    // --- set-up and run hooks (enginesetup.cpp, engine.cpp)
    void setup();
    bool wire(std::uint32_t edge);
    void finishWiring();
    void start();
    void startTraffic();
    void dispatch(const Event &e);
    void sampleBin();
    bool sqsDeadLetter(std::uint32_t queue, bool mayConsume);
    void sqsFailureNotice(std::uint32_t queue, std::uint32_t units);
    bool snsDeadLetter(std::uint32_t topic, bool mayConsume);
    bool isFifo(ComponentRef c) const;

    // --- traffic (trafficsource.cpp)
    void scheduleNextArrival(std::uint32_t s);
    void onArrival(std::uint32_t s);
    double rateAt(const SourceState &s, Ticks t) const;
    Ticks nextRateChange(const SourceState &s, Ticks t) const;

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

private:
    void initStream(std::uint32_t stream);
    void addSqsEsm(std::uint32_t edge);
    void addKinesisEsm(std::uint32_t edge);
};

} // namespace swb::core
