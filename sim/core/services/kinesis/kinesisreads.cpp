// Kinesis reads (aws-behaviour.md §5): how each Lambda event source mapping gets records out of a
// shard before its lanes may batch them.
//
// Standard (shared-throughput) consumers: Lambda polls each shard about once per second
// (aws-behaviour.md §5 "Lambda event source mapping"); every GetRecords call takes one of the
// shard's 5 calls/s and the records it returns take from the shard's 2 MB/s and 2,000 records/s,
// all shared by every standard consumer of the stream (aws-behaviour.md §5 "Shard read (shared)";
// §7 "capped by the read limits and by 5 GetRecords/s per shard"). A call above a limit fails
// (ReadProvisionedThroughputExceeded, counted as kinesis.read_throttles) and is retried when the
// bucket has refilled; records not yet read wait in the stream, so the iterator age grows when
// consumers together want more than the shard can serve. One call returns at most 10,000 records
// (aws-behaviour.md §5).
//
// Enhanced fan-out consumers (EsmConfig::enhancedFanOut): records are pushed over SubscribeToShard,
// with no GetRecords limit, into the consumer's own 2 MB/s per shard (aws-behaviour.md §5 "Enhanced
// fan-out"). Propagation is ~70 ms after the write instead of the shared poll (aws-behaviour.md §5:
// ~70 ms vs ~200 ms for shared reads, a ⚠ secondary-source figure). Pushes are grouped at most
// every 10 ms so a busy shard costs at most 100 events per second per consumer.
#include "core/services/kinesis/kinesisservice.h"

#include <algorithm>
#include <cmath>

namespace swb::core {

namespace {
constexpr Ticks kEfoPropagation = kTicksPerSecond * 70 / 1000; // ⚠ ~70 ms (aws-behaviour.md §5)
constexpr Ticks kEfoPushSpacing = kTicksPerSecond / 100;       // model granularity, not AWS's
constexpr std::uint32_t kMaxRecordsPerCall = 10000; // GetRecords limit (aws-behaviour.md §5)
// A shared consumer that is behind reads again as soon as a lane needs records, but at most every
// 200 ms x the number of shared consumers of the stream: alone it can use the shard's 5 calls/s
// (and its propagation delay matches the ~200 ms the reference gives for shared reads,
// aws-behaviour.md §5 ⚠); several share the 5 calls/s evenly (a modelling choice: AWS does not say
// how Lambda's pollers divide the budget). A refused call is retried when the bucket has a call
// again; whoever comes first then gets it, so with more than 5 consumers the refusals rotate among
// them.
constexpr Ticks kSharedReadSpacing = kTicksPerSecond / 5;

bool seqBefore(std::uint32_t a, std::uint32_t b)
{
    return static_cast<std::int32_t>(a - b) < 0; // sequence numbers wrap
}
Ticks nextPollTick(Ticks phase, Ticks t)
{
    if (t <= phase)
        return phase;
    const Ticks k = (t - phase + kTicksPerSecond - 1) / kTicksPerSecond;
    return phase + k * kTicksPerSecond;
}
} // namespace

// Schedules this consumer's next read of the shard at `at` at the earliest and returns when it
// will happen. Shared consumers read on their one-second poll when idle; `eager` (a lane has
// finished and wants records that are written but not read) reads at once, as Lambda keeps reading
// while it is behind, so only the shard's shared limits hold it back. Enhanced fan-out pushes
// ~70 ms after the write. One read is pending at a time; the earliest request wins.
Ticks KinesisService::armRead(std::uint32_t x, std::uint32_t shard, Ticks at, bool eager)
{
    Mapping &X = m_maps[x];
    ShardReader &R = X.readers[shard];
    const Stream &S = m_streams[X.stream];
    if (X.cfg.enhancedFanOut) {
        if (R.lastRead != kNever)
            at = std::max(at, R.lastRead + kEfoPushSpacing);
        if (R.fetched != S.nextSeq[shard])
            at = std::max(at, S.log[shard][R.fetched - S.logBase[shard]].arrival + kEfoPropagation);
    } else if (!eager) {
        at = nextPollTick(R.phase, at);
    } else if (R.lastRead != kNever) {
        std::uint32_t shared = 0;
        for (const std::uint32_t other : S.mappings)
            shared += m_maps[other].cfg.enhancedFanOut ? 0 : 1;
        at = std::max(at, R.lastRead + kSharedReadSpacing * shared);
    }
    at = std::max(at, m_k.now());
    if (R.nextRead <= at)
        return R.nextRead;
    R.nextRead = at;
    const auto slot = static_cast<std::uint32_t>(X.readers.size() * X.pf + shard);
    m_k.schedule(at, eventTag(kKind, EvWake), x, 0, slot);
    return at;
}

// Number of records at the front of the lane that the consumer has read, capped at the batch
// (and bisect) size. Sequence numbers grow along a lane, so a binary search finds the boundary.
std::size_t KinesisService::readable(const Mapping &X, const Lane &L, std::uint32_t shard) const
{
    const std::uint32_t fetched = X.readers[shard].fetched;
    std::size_t lo = 0;
    std::size_t hi = std::min<std::size_t>(L.recs.size(), std::min(L.bisectLimit, X.cfg.batchSize));
    if (hi == 0 || seqBefore(L.recs[hi - 1].seq, fetched))
        return hi; // the common case: everything up to the batch size has been read
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (seqBefore(L.recs[mid].seq, fetched))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void KinesisService::read(std::uint32_t x, std::uint32_t shard)
{
    Mapping &X = m_maps[x];
    Stream &S = m_streams[X.stream];
    ShardReader &R = X.readers[shard];
    RingDeque<ShardLogEntry> &log = S.log[shard];
    const Ticks now = m_k.now();
    const bool efo = X.cfg.enhancedFanOut;
    auto entry = [&](std::uint32_t seq) -> const ShardLogEntry & {
        return log[seq - S.logBase[shard]];
    };
    if (R.nextRead != now)
        return; // superseded by an earlier read
    R.nextRead = kNever;
    R.lastRead = now;
    std::uint32_t end = S.nextSeq[shard];
    if (efo) { // pushed once they have propagated
        std::uint32_t lo = R.fetched, hi = end;
        while (lo != hi) {
            const std::uint32_t mid = lo + (hi - lo) / 2;
            if (entry(mid).arrival + kEfoPropagation <= now)
                lo = mid + 1;
            else
                hi = mid;
        }
        end = lo;
    }
    if (end == R.fetched) {
        if (R.fetched != S.nextSeq[shard])
            armRead(x, shard, entry(R.fetched).arrival + kEfoPropagation);
        return;
    }
    std::uint32_t n = end - R.fetched;
    TokenBucket &bytesBucket = efo ? R.efo : S.readBytes[shard];
    double recordBudget = kMaxRecordsPerCall;
    if (!efo) {
        if (!S.getRecords[shard].take(now)) { // 5 GetRecords calls/s per shard, shared
            m_k.metrics().add(S.m + KmReadThrottles, 1);
            R.nextRead = std::max(now + 1, S.getRecords[shard].readyAt(now, 1));
            m_k.schedule(R.nextRead, eventTag(kKind, EvWake), x, 0,
                         static_cast<std::uint32_t>(X.readers.size() * X.pf + shard));
            return;
        }
        recordBudget = std::min(recordBudget, std::floor(S.readRecords[shard].available(now)));
    }
    n = std::min<std::uint32_t>(n, static_cast<std::uint32_t>(recordBudget));
    // Largest k <= n whose bytes fit the byte budget; bytes of [fetched, fetched + k) come from
    // the log's running total.
    const ShardLogEntry &first = entry(R.fetched);
    const std::uint64_t start = first.cumBytes - first.bytes;
    const double byteBudget = bytesBucket.available(now);
    std::uint32_t lo = 0, hi = n;
    while (lo < hi) {
        const std::uint32_t mid = lo + (hi - lo + 1) / 2;
        if (static_cast<double>(entry(R.fetched + mid - 1).cumBytes - start) <= byteBudget + 1e-9)
            lo = mid;
        else
            hi = mid - 1;
    }
    const std::uint32_t k = lo;
    if (k == 0) { // over the byte or record limit: ReadProvisionedThroughputExceeded
        if (!efo)
            m_k.metrics().add(S.m + KmReadThrottles, 1);
        Ticks ready = std::max(now + 1, bytesBucket.readyAt(now, first.bytes));
        if (!efo)
            ready = std::max(ready, S.readRecords[shard].readyAt(now, 1));
        armRead(x, shard, ready);
        return;
    }
    const double bytes = static_cast<double>(entry(R.fetched + k - 1).cumBytes - start);
    bytesBucket.take(now, bytes);
    if (!efo) {
        S.readRecords[shard].take(now, k);
        m_k.metrics().add(S.m + KmReadCalls, 1);
    }
    R.fetched += k;
    // Forget what every consumer has read.
    std::uint32_t oldest = R.fetched;
    for (const std::uint32_t other : S.mappings)
        if (seqBefore(m_maps[other].readers[shard].fetched, oldest))
            oldest = m_maps[other].readers[shard].fetched;
    const std::uint32_t drop = oldest - S.logBase[shard];
    log.popFrontN(drop);
    S.logBase[shard] = oldest;
    for (std::uint32_t l = 0; l < X.pf; ++l)
        if (!X.lanes[shard * X.pf + l].busy)
            laneTry(x, shard * X.pf + l);
    if (R.fetched != S.nextSeq[shard]) // more to read: next poll (base rate) or next push
        armRead(x, shard, efo ? entry(R.fetched).arrival + kEfoPropagation : now + kTicksPerSecond);
}

} // namespace swb::core
