#pragma once
// Kinesis Data Streams (aws-behaviour.md §5): per-shard write limits (1 MB/s or 1,000 records/s,
// excess throttled), partition-key skew and hot shards, retention, and the Lambda event source
// mapping: batch size, batching window, parallelization factor (in order per key range), a failing
// batch blocks its lane until success / MaximumRetryAttempts / MaximumRecordAgeInSeconds /
// retention, bisect on error, on-failure destination, iterator age. Lanes batch only records their
// consumer has read; the reads (shared GetRecords limits, enhanced fan-out) are in
// kinesisreads.cpp.
//
// A record leaves the kernel's message pool when it is written (Kernel::transfer) and is held in
// the lanes of every consumer (one unit per consumer) until its outcome (Kernel::settleHeld).
// A lane (and a shard nobody consumes) keeps its oldest records one by one and the rest as
// cohorts (recordbacklog.h), so a backlog behind a slow consumer costs memory per cohort of
// backlog (a few thousand per doubling of its span), not per record.

#include "core/deliveryorder.h"
#include "core/kernel.h"
#include "core/ringdeque.h"
#include "core/services/kinesis/kinesisstream.h"
#include "core/services/kinesis/recordbacklog.h"
#include "core/tokenbucket.h"

#include <cstdint>
#include <vector>

namespace swb::core {

class LambdaService;
struct Invocation;

class KinesisService
{
public:
    static constexpr ComponentKind kKind = ComponentKind::KinesisStream;

    explicit KinesisService(Kernel &k)
        : m_k(k)
    {}

    // ---- kernel hooks (core/service.h)
    void setup();
    bool wire(std::uint32_t edge); // EventSourceMapping -> Lambda
    void finishWiring();
    void onEvent(const Event &e);
    bool admit(std::uint32_t stream, std::uint32_t msg);  // PutRecord's shard write limits
    bool accept(std::uint32_t stream, std::uint32_t msg); // PutRecord, once admitted
    void sampleBin();

    // Records a lane (or an unconsumed shard) keeps one by one before later ones wait as cohorts
    // (white-box tests; at least the mapping's batch size is kept whatever this says).
    void setExactHead(std::size_t records) { m_exactHead = records; }
    // 16,384 records (512 KB) per lane one by one: deeper than any bundled pattern's lane at its
    // normal load, and more than the largest batch (10,000 records, aws-behaviour.md §5). The
    // run estimate projects memory from it (sim/runestimate.h).
    static constexpr std::size_t kExactHead = std::size_t(1) << 14;
    // Records waiting in every lane and unconsumed shard, and the cohorts among them (white-box
    // tests).
    struct Waiting {
        std::uint64_t records = 0;
        std::size_t cohorts = 0;
    };
    Waiting waiting() const;

private:
    enum Ev : std::uint8_t { EvWake }; // entity = mapping, aux = lane or read slot

    using Record = KinesisRecord;
    // What one consumer has read of one shard (kinesisreads.cpp). Records with seq < fetched have
    // been read (GetRecords or an enhanced fan-out push); lanes only batch those.
    struct ShardReader {
        std::uint32_t fetched = 0;
        Ticks phase = 0; // shared consumers: offset of the ~1 per second poll (aws-behaviour.md §5)
        Ticks lastRead = kNever; // last read attempt (GetRecords call or push)
        Ticks nextRead = kNever; // the pending read; wake-ups at other times are stale
        TokenBucket
            efo; // enhanced fan-out: this consumer's own 2 MB/s per shard (aws-behaviour.md §5)
    };
    struct ShardLogEntry { // one written record, for the read limits
        Ticks arrival = 0;
        std::uint64_t cumBytes = 0; // running byte total of the log through this record
        std::uint32_t bytes = 0;
    };
    struct Lane { // one shard x parallelization-factor slot: in order, one batch at a time
        RecordBacklog recs;
        std::uint32_t batchN = 0, attempts = 0, bisectLimit = 0;
        bool busy = false, armed = false, failing = false;
        // Sequence numbers of the records processed, in processing order. A run writes at most
        // 1,000 records/s x 604,800 s per shard, so the 32-bit sequence number never wraps.
        DeliveryOrder order;
    };
    struct Mapping { // a Lambda event source mapping of one stream
        EsmConfig cfg;
        std::uint32_t fn = 0, stream = 0, pf = 1;
        std::vector<Lane> lanes; // shard * pf + lane, then one read slot per shard (wake-ups)
        std::vector<ShardReader> readers; // per shard
    };
    struct Stream {
        const KinesisStream *cfg = nullptr;
        std::vector<TokenBucket> writeRecords, writeBytes;
        // Shared read limits per shard, all standard consumers together (aws-behaviour.md §5 "Shard
        // read"): 2 MB/s, 2,000 records/s, 5 GetRecords calls/s.
        std::vector<TokenBucket> readBytes, readRecords, getRecords;
        std::vector<RecordBacklog> orphan; // records nobody consumes (until retention)
        std::vector<std::uint32_t> keyShard, keyLane;
        std::vector<double> keyCdf;                  // Zipf
        std::vector<std::uint32_t> nextSeq, logBase; // per shard: next seq, log[0]'s seq
        std::vector<RingDeque<ShardLogEntry>> log;   // per shard: records not read by everyone
        std::vector<std::uint32_t> mappings;
        std::vector<std::uint8_t> reordered; // per shard: an out-of-order delivery happened
        std::uint32_t reorderedShards = 0;
        Rng rng;
        std::uint32_t m = 0, shardSeries = 0, shardOrderSeries = 0; // keyed: + shard number
    };
    // Once per record, on the hot path: inlined into admit() (bench_kinesis: -0.5 % instructions).
    [[gnu::always_inline]] inline std::uint32_t drawKey(Stream &S);
    // `m` carries a partition key chosen for this stream (a throttled PutRecord's retry).
    static bool keyedFor(const Stream &S, const Message &m)
    {
        return m.quotaSeen && m.key < S.keyShard.size();
    }

    void initStream(std::uint32_t stream);
    void addMapping(std::uint32_t edge);
    // lanes and batches (kinesismapping.cpp)
    void laneTry(std::uint32_t x, std::uint32_t lane);
    void batchDone(const Invocation &inv);
    void settle(const Record &r, std::uint64_t Ledger::*outcome)
    {
        m_k.settleHeld(r.path, r.created, outcome);
    }
    // reads (kinesisreads.cpp)
    Ticks armRead(std::uint32_t x, std::uint32_t shard, Ticks at, bool eager = false);
    void read(std::uint32_t x, std::uint32_t shard);
    std::size_t readable(const Mapping &X, const Lane &L, std::uint32_t shard) const;

    Kernel &m_k;
    LambdaService *m_lambda = nullptr;
    std::uint8_t m_invoker = 0;
    std::vector<Stream> m_streams;
    std::vector<Mapping> m_maps;
    std::size_t m_exactHead = kExactHead;
};

} // namespace swb::core
