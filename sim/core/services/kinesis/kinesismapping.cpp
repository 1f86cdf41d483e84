// Kinesis event source mapping lanes (aws-behaviour.md §5 "Lambda event source mapping"): batching,
// the invoke, and what a failed batch does to its lane (retry in order, bisect, give up to the
// on-failure destination). See kinesisservice.h.
#include "core/services/kinesis/kinesisservice.h"

#include "core/services/lambda/lambdaservice.h"

#include <algorithm>

namespace swb::core {

void KinesisService::laneTry(std::uint32_t x, std::uint32_t li)
{
    Mapping &X = m_maps[x];
    const auto shards = static_cast<std::uint32_t>(X.readers.size());
    if (li >= shards * X.pf) { // a poll slot: this consumer reads the shard
        read(x, li - shards * X.pf);
        return;
    }
    Lane &L = X.lanes[li];
    Stream &S = m_streams[X.stream];
    const std::uint32_t shard = li / X.pf;
    const Ticks now = m_k.now();
    if (L.busy)
        return;
    const Ticks retention = secondsToTicks(S.cfg->retentionHours * 3600.0);
    while (!L.recs.empty() && now - L.recs.front().arrival >= retention) {
        settle(L.recs.front(), &Ledger::expired); // trimmed by retention (aws-behaviour.md §5)
        m_k.metrics().add(S.m + KmExpired, 1);
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
            m_k.schedule(at, eventTag(kKind, EvWake), x, 0, li);
        }
    };
    std::size_t n;
    if (L.failing && L.batchN) {
        n = std::min<std::size_t>(L.batchN, L.recs.size()); // retry the same batch, in order
    } else {
        // Only records this consumer has read; the next read (poll or push) wakes the lane. If
        // more are written than read, read first unless this consumer has just tried.
        n = readable(X, L, shard);
        const std::size_t wanted =
            std::min<std::size_t>(L.recs.size(), std::min(L.bisectLimit, X.cfg.batchSize));
        if (n < wanted && X.readers[shard].lastRead != now && armRead(x, shard, now, true) == now)
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
    bool fails = false; // some record fails this attempt (poison, or transient: drawn afresh)
    std::size_t take = 0;
    for (; take < n; ++take) {
        Record &r = L.recs[take];
        if (take > 0 && bytes + r.bytes > kSyncPayloadLimitBytes) // 6 MB sync payload cap
            break;
        bytes += r.bytes;
        r.failing = m_lambda->recordFails(X.fn, r.path, r.poison != 0) ? 1 : 0;
        fails = fails || r.failing;
    }
    L.batchN = static_cast<std::uint32_t>(take);
    L.busy = true;
    m_lambda->invoke(X.fn, m_invoker, x, 0, fails, li);
}

void KinesisService::batchDone(const Invocation &inv)
{
    const std::uint32_t x = inv.ctx, li = inv.aux;
    Mapping &X = m_maps[x];
    Stream &S = m_streams[X.stream];
    Lane &L = X.lanes[li];
    L.busy = false;
    std::uint32_t n = std::min<std::uint32_t>(L.batchN, static_cast<std::uint32_t>(L.recs.size()));
    const std::uint32_t shard = li / X.pf;
    auto complete = [&](std::uint32_t count) {
        for (std::uint32_t i = 0; i < count; ++i) {
            const Record r = L.recs.front();
            L.recs.popFront();
            if (L.order.deliver(r.seq)) {
                m_k.metrics().add(S.m + KmOutOfOrder, 1);
                if (shard < kMaxKeyedSeries)
                    m_k.metrics().add(S.shardOrderSeries + shard, 1);
                if (!S.reordered[shard]) {
                    S.reordered[shard] = 1;
                    m_k.metrics().gauge(S.m + KmReorderedShards, ++S.reorderedShards);
                }
            }
            if (!m_lambda->hasOutputs(X.fn)) {
                settle(r, &Ledger::succeeded);
            } else {
                // The record is processed; the function's output continues as a new message.
                settle(r, &Ledger::succeeded);
                const std::uint32_t id = m_k.newMessage(r.created, r.path);
                m_k.msg(id).bytes = r.bytes;
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
        laneTry(x, li);
        return;
    }
    if (X.cfg.reportBatchItemFailures) {
        // Partial batch response: records before the first failure are checkpointed.
        std::uint32_t ok = 0;
        while (ok < n && !L.recs[ok].failing)
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
        laneTry(x, li);
        return;
    }
    ++L.attempts;
    const Ticks age = m_k.now() - L.recs.front().arrival;
    const bool retriesOut = X.cfg.maxRetryAttempts >= 0
                            && L.attempts > static_cast<std::uint32_t>(X.cfg.maxRetryAttempts);
    const bool tooOld =
        X.cfg.maxRecordAgeSeconds >= 0 && age >= secondsToTicks(X.cfg.maxRecordAgeSeconds);
    if (retriesOut || tooOld) {
        // Give up: batch metadata to the on-failure destination (else skipped) and move on.
        const ComponentRef dest = X.cfg.onFailure;
        for (std::uint32_t i = 0; i < n; ++i) {
            const Record &r = L.recs.front();
            if (dest.valid())
                settle(r, &Ledger::deadLettered);
            else
                m_k.dropHeld(r.path, r.created, DropReason::StreamDiscarded);
            L.recs.popFront();
        }
        m_k.metrics().add(S.m + KmOnFailure, n);
        m_k.failureNotice(dest, n);
        L.attempts = 0;
        L.failing = false;
        L.batchN = 0;
        L.bisectLimit = X.cfg.batchSize;
    } else {
        m_lambda->countRetry(X.fn);
    }
    laneTry(x, li); // retried at once, in order: the lane stays blocked meanwhile
}

} // namespace swb::core
