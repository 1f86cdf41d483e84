// Kinesis Data Streams (aws-behaviour.md §5): per-shard write limits (1 MB/s or 1,000 records/s,
// excess throttled), partition-key skew and hot shards, retention, and the Lambda event source
// mapping: batch size, batching window, parallelization factor (in order per key range), a failing
// batch blocks its lane until success / MaximumRetryAttempts / MaximumRecordAgeInSeconds /
// retention, bisect on error, on-failure destination, iterator age. Lanes batch only records their
// consumer has read; the reads (shared GetRecords limits, enhanced fan-out) are in
// kinesisreads.cpp.
#include "core/engine.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace swb::core {

namespace {
constexpr double kMiB = 1024.0 * 1024.0;
constexpr double kSixMb = 6.0 * kMiB;
constexpr std::uint32_t kMaxShardSeries = 64;

std::uint64_t mixKey(std::uint64_t k, std::uint64_t salt)
{
    std::uint64_t s = k * 0x9E3779B97F4A7C15ull + salt;
    return splitmix64(s);
}
} // namespace

void Engine::initStream(std::uint32_t i)
{
    StreamState &S = m_streams[i];
    S.cfg = &m_sc.streams[i];
    // Bounds keep memory proportional to what a run can use: AWS's default shard quota is 20,000
    // (aws-behaviour.md §5); a million distinct keys already spreads evenly over any shard count.
    const std::uint32_t shards = std::clamp<std::uint32_t>(S.cfg->shards, 1, 20000);
    if (shards != S.cfg->shards)
        m_k.warn(S.cfg->name + ": shard count clamped to 1-20,000");
    S.rng.reseed(streamSeed(m_sc.seed,
                            (static_cast<std::uint64_t>(ComponentKind::KinesisStream) << 32) | i));
    S.writeRecords.resize(shards);
    S.writeBytes.resize(shards);
    S.readBytes.resize(shards);
    S.readRecords.resize(shards);
    S.getRecords.resize(shards);
    S.orphan.resize(shards);
    S.nextSeq.assign(shards, 0);
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
    const ComponentRef me{ComponentKind::KinesisStream, i};
    S.m = m_k.addSeries(ComponentKind::KinesisStream, me, kKinesisMetrics);
    S.shardSeries = static_cast<std::uint32_t>(m_metrics.seriesCount());
    for (std::uint32_t s = 0; s < std::min(shards, kMaxShardSeries); ++s)
        m_k.addShardSeries(ComponentKind::KinesisStream, me, kKinesisMetrics[KmShardIteratorAge],
                           KmShardIteratorAge, s);
}

void Engine::addKinesisEsm(std::uint32_t e)
{
    const Edge &E = m_sc.edges[e];
    KinesisEsm X;
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
    const auto me = static_cast<std::uint64_t>(m_kinEsms.size());
    for (std::uint32_t s = 0; s < shards; ++s) {
        ShardReader &R = X.readers[s];
        // Each consumer polls each shard on its own one-second phase, so shared consumers
        // interleave instead of all hitting the GetRecords limit at the same instant.
        R.phase =
            static_cast<Ticks>(mixKey((me << 32) | s, m_sc.seed + X.stream) % kTicksPerSecond);
        R.efo.init(2 * kMiB, 2 * kMiB); // enhanced fan-out: 2 MB/s per consumer per shard
    }
    m_kinEsms.push_back(std::move(X));
}

bool Engine::kinesisPut(std::uint32_t si, std::uint32_t msg)
{
    StreamState &S = m_streams[si];
    const Ticks now = m_q.now();
    const auto keys = static_cast<std::uint32_t>(S.keyShard.size());
    std::uint32_t key = 0;
    switch (S.cfg->skew) {
    case KeySkew::Uniform:
        key = S.rng.below(keys);
        break;
    case KeySkew::Zipf:
        key = static_cast<std::uint32_t>(
            std::lower_bound(S.keyCdf.begin(), S.keyCdf.end(), S.rng.uniform()) - S.keyCdf.begin());
        key = std::min(key, keys - 1);
        break;
    case KeySkew::HotKey:
        key = (keys == 1 || S.rng.bernoulli(S.cfg->hotKeyFraction)) ? 0 : 1 + S.rng.below(keys - 1);
        break;
    }
    const std::uint32_t shard = S.keyShard[key];
    const Message m = m_msgs[msg];
    // Shard write limit: ProvisionedThroughputExceeded above 1,000 records/s or 1 MB/s.
    if (!S.writeRecords[shard].take(now, 1) || !S.writeBytes[shard].take(now, m.bytes)) {
        m_metrics.add(S.m + KmThrottles, 1);
        finish(msg, &Ledger::rejected);
        return false;
    }
    m_metrics.add(S.m + KmRecords, 1);
    m_metrics.add(S.m + KmBytes, m.bytes);
    // PUT payload units: each 25 KB chunk of a record (aws-behaviour.md §5 "Pricing").
    m_metrics.add(S.m + KmBilledPutUnits, std::max(1.0, std::ceil(m.bytes / 25600.0)));
    const Record r{m.created, now, m.bytes, S.nextSeq[shard]++, m.path, m.poison};
    transfer(msg); // the unit continues as a stream record (held by the first consumer)
    if (S.esms.empty()) {
        S.orphan[shard].pushBack(r);
        return true;
    }
    const std::uint64_t cum = (S.log[shard].empty() ? 0 : S.log[shard].back().cumBytes) + m.bytes;
    S.log[shard].pushBack(ShardLogEntry{now, cum, m.bytes});
    // Every consumer reads every record: one unit per extra consumer.
    for (std::size_t i = 0; i < S.esms.size(); ++i) {
        KinesisEsm &X = m_kinEsms[S.esms[i]];
        if (i > 0)
            m_k.produceHeld();
        const std::uint32_t lane = shard * X.pf + S.keyLane[key] % X.pf;
        X.lanes[lane].recs.pushBack(r);
        if (X.readers[shard].nextRead == kNever) // else a read is already on its way
            kinesisArmRead(S.esms[i], shard, now);
    }
    return true;
}

void Engine::recordOutcome(const Record &r, std::uint64_t Ledger::*outcome)
{
    m_k.settleHeld(r.path, r.created, outcome);
}

void Engine::laneTry(std::uint32_t x, std::uint32_t li, bool)
{
    KinesisEsm &X = m_kinEsms[x];
    const auto shards = static_cast<std::uint32_t>(X.readers.size());
    if (li >= shards * X.pf) { // a poll slot: this consumer reads the shard
        kinesisRead(x, li - shards * X.pf);
        return;
    }
    Lane &L = X.lanes[li];
    StreamState &S = m_streams[X.stream];
    const std::uint32_t shard = li / X.pf;
    const Ticks now = m_q.now();
    if (L.busy)
        return;
    const Ticks retention = secondsToTicks(S.cfg->retentionHours * 3600.0);
    while (!L.recs.empty() && now - L.recs.front().arrival >= retention) {
        recordOutcome(L.recs.front(),
                      &Ledger::expired); // trimmed by retention (aws-behaviour.md §5)
        m_metrics.add(S.m + KmExpired, 1);
        L.recs.popFront();
        if (L.batchN)
            --L.batchN;
    }
    if (L.recs.empty()) {
        L.failing = false;
        L.batchN = 0;
        return;
    }
    auto arm = [&](Ticks at) {
        if (!L.armed) {
            L.armed = true;
            m_q.schedule(at, EvKinesisWake, x, 0, li);
        }
    };
    std::size_t n;
    if (L.failing && L.batchN) {
        n = std::min<std::size_t>(L.batchN, L.recs.size()); // retry the same batch, in order
    } else {
        // Only records this consumer has read; the next read (poll or push) wakes the lane. If
        // more are written than read, read first unless this consumer has just tried.
        n = kinesisReadable(X, L, shard);
        const std::size_t wanted =
            std::min<std::size_t>(L.recs.size(), std::min(L.bisectLimit, X.cfg.batchSize));
        if (n < wanted && X.readers[shard].lastRead != now
            && kinesisArmRead(x, shard, now, true) == now)
            return; // read first: the read wakes this lane

        if (n == 0)
            return;
        const Ticks windowEnd =
            L.recs.front().arrival + secondsToTicks(X.cfg.batchingWindowSeconds);
        if (n < X.cfg.batchSize && windowEnd > now) {
            arm(windowEnd);
            return;
        }
    }
    if (!m_lambda->canStart(X.fn)) {
        m_lambda->countThrottle(X.fn); // throttled; retried a second later
        arm(now + kTicksPerSecond);
        return;
    }
    double bytes = 0;
    bool poison = false;
    std::size_t take = 0;
    for (; take < n; ++take) {
        const Record &r = L.recs[take];
        if (take > 0 && bytes + r.bytes > kSixMb) // 6 MB sync payload cap
            break;
        bytes += r.bytes;
        poison = poison || r.poison;
    }
    L.batchN = static_cast<std::uint32_t>(take);
    L.busy = true;
    m_lambda->invoke(X.fn, m_invKinesis, x, 0, poison, li);
}

void Engine::kinesisBatchDone(const Invocation &inv)
{
    const std::uint32_t x = inv.ctx, li = inv.aux;
    KinesisEsm &X = m_kinEsms[x];
    StreamState &S = m_streams[X.stream];
    Lane &L = X.lanes[li];
    L.busy = false;
    std::uint32_t n = std::min<std::uint32_t>(L.batchN, static_cast<std::uint32_t>(L.recs.size()));
    auto complete = [&](std::uint32_t count) {
        for (std::uint32_t i = 0; i < count; ++i) {
            const Record r = L.recs.front();
            L.recs.popFront();
            if (!m_lambda->hasOutputs(X.fn)) {
                recordOutcome(r, &Ledger::succeeded);
            } else {
                // The record is processed; the function's output continues as a new message.
                recordOutcome(r, &Ledger::succeeded);
                const std::uint32_t id = newMessage(r.created, r.path);
                m_msgs[id].bytes = r.bytes;
                m_lambda->succeeded(X.fn, id);
            }
        }
    };
    if (!inv.error) {
        complete(n);
        L.attempts = 0;
        L.failing = false;
        L.batchN = 0;
        L.bisectLimit = X.cfg.batchSize;
        laneTry(x, li, false);
        return;
    }
    if (X.cfg.reportBatchItemFailures) {
        // Partial batch response: records before the first failure are checkpointed.
        std::uint32_t ok = 0;
        while (ok < n && !L.recs[ok].poison)
            ++ok;
        if (ok < n) {
            complete(ok);
            n -= ok;
            L.batchN = n;
        }
    }
    L.failing = true;
    if (X.cfg.bisectOnError && n > 1) {
        // BisectBatchOnFunctionError: split the failing batch and retry the first half; the
        // split itself is not counted as a retry attempt.
        L.bisectLimit = (n + 1) / 2;
        L.batchN = L.bisectLimit;
        laneTry(x, li, false);
        return;
    }
    ++L.attempts;
    const Ticks age = m_q.now() - L.recs.front().arrival;
    const bool retriesOut = X.cfg.maxRetryAttempts >= 0
                            && L.attempts > static_cast<std::uint32_t>(X.cfg.maxRetryAttempts);
    const bool tooOld =
        X.cfg.maxRecordAgeSeconds >= 0 && age >= secondsToTicks(X.cfg.maxRecordAgeSeconds);
    if (retriesOut || tooOld) {
        // Give up: batch metadata to the on-failure destination (else skipped) and move on.
        const ComponentRef dest = X.cfg.onFailure;
        for (std::uint32_t i = 0; i < n; ++i) {
            recordOutcome(L.recs.front(), dest.valid() ? &Ledger::deadLettered : &Ledger::dropped);
            if (!dest.valid())
                ++m_ledger.droppedBy[static_cast<int>(DropReason::StreamDiscarded)];
            L.recs.popFront();
        }
        m_metrics.add(S.m + KmOnFailure, n);
        m_k.failureNotice(dest, n);
        L.attempts = 0;
        L.failing = false;
        L.batchN = 0;
        L.bisectLimit = X.cfg.batchSize;
    } else {
        m_lambda->countRetry(X.fn);
    }
    laneTry(x, li, false); // retried at once, in order: the lane stays blocked meanwhile
}

void Engine::sampleStreams()
{
    const Ticks now = m_q.now();
    for (std::uint32_t si = 0; si < m_streams.size(); ++si) {
        StreamState &S = m_streams[si];
        const auto shards = static_cast<std::uint32_t>(S.orphan.size());
        const Ticks retention = secondsToTicks(S.cfg->retentionHours * 3600.0);
        double maxAge = 0, blocked = 0;
        for (std::uint32_t sh = 0; sh < shards; ++sh) {
            Ticks oldest = now;
            auto &o = S.orphan[sh];
            while (!o.empty() && now - o.front().arrival >= retention) {
                recordOutcome(o.front(), &Ledger::expired);
                m_metrics.add(S.m + KmExpired, 1);
                o.popFront();
            }
            if (!o.empty())
                oldest = o.front().arrival;
            bool isBlocked = false;
            for (const std::uint32_t x : S.esms) { // the slowest consumer sets the iterator age
                const KinesisEsm &X = m_kinEsms[x];
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
                m_metrics.gauge(S.shardSeries + sh, age);
        }
        m_metrics.gauge(S.m + KmIteratorAge, maxAge);
        m_metrics.gauge(S.m + KmBlockedShards, blocked);
    }
}

} // namespace swb::core
