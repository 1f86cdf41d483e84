// Kinesis streams: set-up, writes (PutRecord) and sampling (kinesisservice.h).
#include "core/services/kinesis/kinesisservice.h"

#include "core/services/lambda/lambdaservice.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace swb::core {

namespace {
constexpr double kMiB = 1024.0 * 1024.0;
constexpr std::uint32_t kMaxShardSeries = kMaxKeyedSeries;

std::uint64_t mixKey(std::uint64_t k, std::uint64_t salt)
{
    std::uint64_t s = k * 0x9E3779B97F4A7C15ull + salt;
    return splitmix64(s);
}
} // namespace

ServiceSlot makeKinesisStreamService(Kernel &k)
{
    return ServiceSlot::of(std::make_unique<KinesisService>(k));
}

void KinesisService::setup()
{
    m_lambda = &m_k.service<LambdaService>();
    m_invoker = m_lambda->addInvoker<KinesisService, &KinesisService::batchDone>(this);
    m_streams.resize(m_k.scenario().streams.size());
    for (std::uint32_t i = 0; i < m_streams.size(); ++i)
        initStream(i);
}

void KinesisService::initStream(std::uint32_t i)
{
    Stream &S = m_streams[i];
    S.cfg = &m_k.scenario().streams[i];
    // Bounds keep memory proportional to what a run can use: AWS's default shard quota is 20,000
    // (aws-behaviour.md §5); a million distinct keys already spreads evenly over any shard count.
    const std::uint32_t shards = std::clamp<std::uint32_t>(S.cfg->shards, 1, 20000);
    if (shards != S.cfg->shards)
        m_k.warn(S.cfg->name + ": shard count clamped to 1-20,000");
    S.rng.reseed(streamSeed(m_k.scenario().seed,
                            (static_cast<std::uint64_t>(ComponentKind::KinesisStream) << 32) | i));
    S.writeRecords.resize(shards);
    S.writeBytes.resize(shards);
    S.readBytes.resize(shards);
    S.readRecords.resize(shards);
    S.getRecords.resize(shards);
    S.orphan.resize(shards);
    S.nextSeq.assign(shards, 0);
    S.reordered.assign(shards, 0);
    S.logBase.assign(shards, 0);
    S.log.resize(shards);
    for (std::uint32_t s = 0; s < shards; ++s) {
        S.writeRecords[s].init(1000, 1000); // aws-behaviour.md §5 "Shard write": 1,000 records/s
        S.writeBytes[s].init(kMiB, kMiB);   // ... or 1 MB/s
        // aws-behaviour.md §5 "Shard read (shared)": 2 MB/s or 2,000 records/s and 5 GetRecords
        // calls/s per shard, shared by every standard consumer; each bucket holds one second's
        // worth.
        S.readBytes[s].init(2 * kMiB, 2 * kMiB);
        S.readRecords[s].init(2000, 2000);
        S.getRecords[s].init(5, 5);
    }
    // Partition keys map to shards through a hash (MD5 hash-key ranges in AWS): one key always
    // lands on one shard, so a hot key is capped at one shard's limits (aws-behaviour.md §5).
    const std::uint32_t keys = std::clamp<std::uint32_t>(S.cfg->partitionKeyCount, 1, 1'000'000);
    S.keyShard.resize(keys);
    S.keyLane.resize(keys);
    for (std::uint32_t k = 0; k < keys; ++k) {
        S.keyShard[k] = static_cast<std::uint32_t>(mixKey(k, 1) % shards);
        S.keyLane[k] = static_cast<std::uint32_t>(mixKey(k, 2) >> 32);
    }
    if (S.cfg->skew == KeySkew::Zipf) {
        S.keyCdf.resize(keys);
        double acc = 0;
        for (std::uint32_t k = 0; k < keys; ++k)
            S.keyCdf[k] = acc += 1.0 / std::pow(k + 1.0, S.cfg->zipfExponent);
        for (double &c : S.keyCdf)
            c /= acc;
    }
    const ComponentRef me{kKind, i};
    S.m = m_k.addSeries(kKind, me, kKinesisMetrics);
    S.shardSeries = static_cast<std::uint32_t>(m_k.metrics().seriesCount());
    for (std::uint32_t s = 0; s < std::min(shards, kMaxShardSeries); ++s)
        m_k.addShardSeries(kKind, me, kKinesisMetrics[KmShardIteratorAge], KmShardIteratorAge, s);
    S.shardOrderSeries = static_cast<std::uint32_t>(m_k.metrics().seriesCount());
    for (std::uint32_t s = 0; s < std::min(shards, kMaxShardSeries); ++s)
        m_k.addShardSeries(kKind, me, kKinesisMetrics[KmShardOutOfOrder], KmShardOutOfOrder, s);
}

bool KinesisService::wire(std::uint32_t e)
{
    const Edge &E = m_k.scenario().edges[e];
    if (E.kind != EdgeKind::EventSourceMapping || E.to.kind != ComponentKind::Lambda)
        return false;
    addMapping(e);
    return true;
}

void KinesisService::addMapping(std::uint32_t e)
{
    const Edge &E = m_k.scenario().edges[e];
    Mapping X;
    X.cfg = E.esm;
    X.cfg.batchSize = std::max<std::uint32_t>(1, X.cfg.batchSize);
    X.fn = E.to.index;
    X.stream = E.from.index;
    X.pf = std::clamp<std::uint32_t>(X.cfg.parallelizationFactor, 1, 10);
    const auto shards = static_cast<std::uint32_t>(m_streams[X.stream].writeRecords.size());
    X.lanes.resize(static_cast<std::size_t>(shards) * (X.pf + 1)); // + one poll slot per shard
    for (Lane &l : X.lanes)
        l.bisectLimit = X.cfg.batchSize;
    X.readers.resize(shards);
    const auto me = static_cast<std::uint64_t>(m_maps.size());
    for (std::uint32_t s = 0; s < shards; ++s) {
        ShardReader &R = X.readers[s];
        // Each consumer polls each shard on its own one-second phase, so shared consumers
        // interleave instead of all hitting the GetRecords limit at the same instant.
        R.phase = static_cast<Ticks>(mixKey((me << 32) | s, m_k.scenario().seed + X.stream)
                                     % kTicksPerSecond);
        R.efo.init(2 * kMiB, 2 * kMiB); // enhanced fan-out: 2 MB/s per consumer per shard
    }
    m_maps.push_back(std::move(X));
}

// Every consumer of a stream reads every record (finishWiring: the mappings are known).
void KinesisService::finishWiring()
{
    for (std::uint32_t i = 0; i < m_maps.size(); ++i)
        m_streams[m_maps[i].stream].mappings.push_back(i);
}

void KinesisService::onEvent(const Event &e)
{
    m_maps[e.entity].lanes[e.aux].armed = false;
    laneTry(e.entity, e.aux);
}

// A record's partition key, drawn by the stream's key distribution.
inline std::uint32_t KinesisService::drawKey(Stream &S)
{
    const auto keys = static_cast<std::uint32_t>(S.keyShard.size());
    switch (S.cfg->skew) {
    case KeySkew::Uniform:
        return S.rng.below(keys);
    case KeySkew::Zipf:
        return std::min(keys - 1,
                        static_cast<std::uint32_t>(
                            std::lower_bound(S.keyCdf.begin(), S.keyCdf.end(), S.rng.uniform())
                            - S.keyCdf.begin()));
    case KeySkew::HotKey:
        return (keys == 1 || S.rng.bernoulli(S.cfg->hotKeyFraction)) ? 0
                                                                     : 1 + S.rng.below(keys - 1);
    }
    return 0;
}

// PutRecord against its shard's write limits: ProvisionedThroughputExceededException above 1,000
// records/s or 1 MB/s (aws-behaviour.md §5 "Shard write"; lowered by a Throttle fault). The
// producer's SDK retries a throttled record (§10 "SDK retries": standard mode retries throttling
// codes) with the same partition key, so it goes to the same shard: the key is drawn on the first
// attempt and kept in the message (Message::quotaSeen). The stream counts each record offered once.
bool KinesisService::admit(std::uint32_t si, std::uint32_t msg)
{
    Stream &S = m_streams[si];
    Message &m = m_k.msg(msg);
    if (!keyedFor(S, m)) {
        m.key = drawKey(S);
        m.quotaSeen = 1;
        m_k.metrics().add(S.m + KmOffered, 1);
    }
    const std::uint32_t shard = S.keyShard[m.key];
    const Ticks now = m_k.now();
    const double limit = m_k.limitFactor({kKind, si});
    if (!S.writeRecords[shard].takeLimited(now, limit, 1)
        || !S.writeBytes[shard].takeLimited(now, limit, m.bytes)) {
        m_k.metrics().add(S.m + KmThrottles, 1); // every throttled attempt, as CloudWatch counts
        return false;
    }
    return true;
}

bool KinesisService::accept(std::uint32_t si, std::uint32_t msg)
{
    // Every write passes admit() first (Kernel::deliver, Kernel::passes); a stream is never a
    // dead-letter target, the one hand-off that skips it. Should one come, it is admitted here.
    Stream &S = m_streams[si];
    if (!keyedFor(S, m_k.msg(msg)) && !admit(si, msg)) {
        m_k.finish(msg, &Ledger::rejected);
        return false;
    }
    const Ticks now = m_k.now();
    const Message m = m_k.msg(msg);
    const std::uint32_t key = m.key, shard = S.keyShard[key];
    m_k.metrics().add(S.m + KmRecords, 1);
    m_k.metrics().add(S.m + KmBytes, m.bytes);
    // PUT payload units: each 25 KB chunk of a record (aws-behaviour.md §5 "Pricing").
    m_k.metrics().add(S.m + KmBilledPutUnits, billedChunks(m.bytes, 25600));
    const Record r{m.created, now, m.bytes, S.nextSeq[shard]++, m.path, m.poison};
    m_k.transfer(msg); // the unit continues as a stream record (held by the first consumer)
    if (S.mappings.empty()) {
        S.orphan[shard].pushBack(r, m_exactHead);
        return true;
    }
    const std::uint64_t cum = (S.log[shard].empty() ? 0 : S.log[shard].back().cumBytes) + m.bytes;
    S.log[shard].pushBack(ShardLogEntry{now, cum, m.bytes});
    // Every consumer reads every record: one unit per extra consumer.
    for (std::size_t i = 0; i < S.mappings.size(); ++i) {
        Mapping &X = m_maps[S.mappings[i]];
        if (i > 0)
            m_k.produceHeld();
        const std::uint32_t lane = shard * X.pf + S.keyLane[key] % X.pf;
        X.lanes[lane].recs.pushBack(r, std::max<std::size_t>(m_exactHead, X.cfg.batchSize));
        if (X.readers[shard].nextRead == kNever) // else a read is already on its way
            armRead(S.mappings[i], shard, now);
    }
    return true;
}

KinesisService::Waiting KinesisService::waiting() const
{
    Waiting w;
    auto add = [&w](const RecordBacklog &b) {
        w.records += b.total();
        w.cohorts += b.cohorts();
    };
    for (const Stream &S : m_streams)
        for (const RecordBacklog &o : S.orphan)
            add(o);
    for (const Mapping &X : m_maps)
        for (const Lane &L : X.lanes)
            add(L.recs);
    return w;
}

void KinesisService::sampleBin()
{
    const Ticks now = m_k.now();
    for (std::uint32_t si = 0; si < m_streams.size(); ++si) {
        Stream &S = m_streams[si];
        const auto shards = static_cast<std::uint32_t>(S.orphan.size());
        const Ticks retention = secondsToTicks(S.cfg->retentionHours * 3600.0);
        double maxAge = 0, blocked = 0;
        for (std::uint32_t sh = 0; sh < shards; ++sh) {
            Ticks oldest = now;
            auto &o = S.orphan[sh];
            while (!o.empty() && now - o.front().arrival >= retention) {
                settle(o.front(), &Ledger::expired);
                m_k.metrics().add(S.m + KmExpired, 1);
                o.popFront();
            }
            if (!o.empty())
                oldest = o.front().arrival;
            bool isBlocked = false;
            for (const std::uint32_t x : S.mappings) { // the slowest consumer sets the iterator age
                const Mapping &X = m_maps[x];
                for (std::uint32_t l = 0; l < X.pf; ++l) {
                    const Lane &L = X.lanes[sh * X.pf + l];
                    if (!L.recs.empty())
                        oldest = std::min(oldest, L.recs.front().arrival);
                    isBlocked = isBlocked || L.failing;
                }
            }
            const double age = ticksToSeconds(now - oldest);
            maxAge = std::max(maxAge, age);
            blocked += isBlocked ? 1 : 0;
            if (sh < kMaxShardSeries)
                m_k.metrics().gauge(S.shardSeries + sh, age);
        }
        m_k.metrics().gauge(S.m + KmIteratorAge, maxAge);
        m_k.metrics().gauge(S.m + KmBlockedShards, blocked);
    }
}

} // namespace swb::core
