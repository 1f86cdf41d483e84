// Lambda (aws-behaviour.md §1): account concurrency pool, reserved concurrency as guarantee and
// cap, provisioned concurrency, scale-up rate, cold starts with idle expiry, sync throttling, the
// async internal queue with its retry rules, destinations/DLQ, timeouts, GB-s billing.
#include "core/engine.h"
#include "core/metricids.h"

#include <algorithm>
#include <cmath>

namespace swb::core {

namespace {
constexpr Ticks kAsyncThrottleMaxBackoff =
    300 * kTicksPerSecond; // aws-behaviour.md §1: backoff 1 s .. 5 min
}

// Can an invocation of `fn` start now without a throttle?
bool Engine::lambdaCanStart(std::uint32_t fn)
{
    LambdaState &L = m_lambdas[fn];
    // Account request rate: at most 10 x the concurrency limit per second (aws-behaviour.md §1 "RPS
    // cap").
    if (m_lambdaRps.available(m_q.now()) < 1.0)
        return false;
    if (L.pcBusy < L.pc)
        return true;
    // Reserved concurrency caps the function; unreserved functions share what the reservations
    // leave of the account limit (aws-behaviour.md §1 "Reserved concurrency", "Account
    // concurrency").
    const bool room = L.onDemandCap != kNone ? L.onDemandBusy < L.onDemandCap
                                             : m_unreservedBusy < m_unreservedCap;
    if (!room)
        return false;
    const Ticks now = m_q.now();
    const Ticks expiry = secondsToTicks(L.cfg->idleExpirySeconds);
    while (!L.idle.empty() && L.idle.front() + expiry <= now)
        L.idle.popFront(); // environment reclaimed after idling (cold start next time)
    if (!L.idle.empty())
        return true;
    // A new environment needs scaling headroom (aws-behaviour.md §1 "Scaling rate").
    return m_sc.account.scaling == ScalingMode::Current ? L.scaling.available(now) >= 1.0
                                                        : m_legacyScaling.available(now) >= 1.0;
}

std::uint32_t Engine::lambdaStart(std::uint32_t fn, InvokeKind kind, std::uint32_t ctx,
                                  std::uint32_t ctxGen, bool batchPoison, std::uint32_t aux)
{
    LambdaState &L = m_lambdas[fn];
    const LambdaFunction &cfg = *L.cfg;
    const Ticks now = m_q.now();
    if (!lambdaCanStart(fn)) {
        m_metrics.add(L.m + LmThrottles, 1); // 429 TooManyRequestsException (aws-behaviour.md §1)
        return kNone;
    }
    m_lambdaRps.take(now);
    bool cold = false, provisioned = false;
    if (L.pcBusy < L.pc) {
        provisioned =
            true; // pre-initialised: never a cold start (aws-behaviour.md §1 "Provisioned")
        ++L.pcBusy;
    } else {
        if (!L.idle.empty()) {
            L.idle.popBack(); // most recently used warm environment
        } else {
            cold = true;
            if (m_sc.account.scaling == ScalingMode::Current)
                L.scaling.take(now);
            else
                m_legacyScaling.take(now);
        }
        ++L.onDemandBusy;
        if (L.onDemandCap == kNone)
            ++m_unreservedBusy;
    }
    ++m_accountBusy;
    m_metrics.add(L.m + LmInvocations, 1);
    m_metrics.add(L.m + LmBilledRequests, 1);
    m_metrics.gauge(L.m + LmConcurrency, L.pcBusy + L.onDemandBusy);
    m_metrics.gauge(m_accountSeries + AcConcurrency, m_accountBusy);
    m_metrics.gauge(m_accountSeries + AcUnreserved, m_unreservedBusy);

    // Duration and outcome; a BadDeploy fault replaces the error rate and scales the duration.
    double meanMs = cfg.durationMeanMs, errRate = cfg.errorRate;
    if (const Fault *f = activeFault(FaultKind::BadDeploy, {ComponentKind::Lambda, fn})) {
        meanMs *= f->durationMultiplier;
        if (f->errorRate >= 0)
            errRate = f->errorRate;
    }
    double ms =
        cfg.durationDistribution == Distribution::LogNormal && cfg.durationCv > 0
            ? L.rng.logNormalShaped(meanMs, L.logSigma, L.logMuOffset)
            : L.rng.draw(static_cast<int>(cfg.durationDistribution), meanMs, cfg.durationCv);
    bool error = L.rng.bernoulli(errRate) || batchPoison;
    if (L.downstream != kNone) {
        double latencyMs = 0;
        if (!downstreamCall(L.downstream, latencyMs))
            error = true; // overload/outage errors flow back as function errors
        ms += latencyMs;
    }
    // Timeout: default 3 s, max 900 s (aws-behaviour.md §1); the invocation fails and bills the
    // full timeout.
    const double timeoutMs = cfg.timeoutSeconds * 1000.0;
    if (ms > timeoutMs) {
        ms = timeoutMs;
        error = true;
        m_metrics.add(L.m + LmTimeouts, 1);
    }
    if (cold)
        m_metrics.add(L.m + LmColdStarts, 1);
    // Billing: duration rounded up to 1 ms (aws-behaviour.md §1 "Billing granularity").
    // Provisioned environments bill duration at the provisioned-concurrency rate (aws-behaviour.md
    // §1 pricing); the provisioned capacity itself is priced from the scenario by the sim layer.
    m_metrics.add(L.m + (provisioned ? LmBilledPcGbS : LmBilledGbS),
                  std::ceil(ms) / 1000.0 * cfg.memoryMb / 1024.0);
    m_metrics.add(L.m + LmDurationSum, ms);
    m_metrics.peak(L.m + LmDurationMax, ms);

    std::uint32_t id;
    if (!m_freeInvs.empty()) {
        id = m_freeInvs.back();
        m_freeInvs.pop_back();
    } else {
        id = static_cast<std::uint32_t>(m_invs.size());
        m_invs.emplace_back();
    }
    Invocation &I = m_invs[id];
    I.start = now;
    I.end = now + (cold ? msToTicks(cfg.coldStartMs) : 0) + std::max<Ticks>(1, msToTicks(ms));
    I.fn = fn;
    I.ctx = ctx;
    I.ctxGen = ctxGen;
    I.aux = aux;
    I.kind = kind;
    I.error = error;
    I.provisioned = provisioned;
    m_q.schedule(I.end, EvLambdaDone, id, I.gen);
    return id;
}

void Engine::onLambdaDone(std::uint32_t id, std::uint32_t gen)
{
    if (m_invs[id].gen != gen)
        return;
    const Invocation I = m_invs[id];
    ++m_invs[id].gen;
    m_freeInvs.push_back(id);
    LambdaState &L = m_lambdas[I.fn];
    if (I.provisioned) {
        --L.pcBusy;
    } else {
        --L.onDemandBusy;
        if (L.onDemandCap == kNone)
            --m_unreservedBusy;
        L.idle.pushBack(m_q.now()); // stays warm until idle expiry
    }
    --m_accountBusy;
    m_metrics.gauge(L.m + LmConcurrency, L.pcBusy + L.onDemandBusy);
    m_metrics.gauge(m_accountSeries + AcConcurrency, m_accountBusy);
    m_metrics.gauge(m_accountSeries + AcUnreserved, m_unreservedBusy);
    if (I.error)
        m_metrics.add(L.m + LmErrors, 1);

    switch (I.kind) {
    case InvokeKind::ApiSync:
        apiLambdaDone(I);
        break;
    case InvokeKind::SfnTask:
        sfnTaskDone(I);
        break;
    case InvokeKind::SqsBatch:
        sqsBatchDone(I);
        break;
    case InvokeKind::KinesisBatch:
        kinesisBatchDone(I);
        break;
    case InvokeKind::Async: {
        const std::uint32_t msg = I.ctx;
        if (m_msgs[msg].gen != I.ctxGen)
            break;
        if (!I.error) {
            lambdaSucceeded(I.fn, msg);
            break;
        }
        // Function error: up to MaximumRetryAttempts (0-2) retries, ~1 min before the 2nd
        // attempt and ~2 min before the 3rd (aws-behaviour.md §1 "Async function-error retries").
        Message &m = m_msgs[msg];
        ++m.attempts;
        if (m.attempts <= L.cfg->async.maxRetryAttempts) {
            m_metrics.add(L.m + LmRetries, 1);
            const Ticks delay = (m.attempts == 1 ? 60 : 120) * kTicksPerSecond;
            const Ticks deadline = m.since + secondsToTicks(L.cfg->async.maxEventAgeSeconds);
            ++L.asyncWaiting;
            m_metrics.gauge(L.m + LmAsyncQueue, L.asyncWaiting);
            m_q.schedule(std::min(m_q.now() + delay, deadline), EvAsyncRetry, msg, m.gen);
        } else {
            asyncFinalFailure(I.fn, msg, false);
        }
        break;
    }
    }
}

void Engine::lambdaAsync(std::uint32_t fn, std::uint32_t msg)
{
    LambdaState &L = m_lambdas[fn];
    Message &m = m_msgs[msg];
    m.ctx = fn;
    m.since = m_q.now(); // event age counts from acceptance into the async queue
    m.attempts = 0;
    m.backoff = 0;
    if (L.cfg->reservedConcurrency == 0) {
        // Kill switch: async events go straight to the DLQ / on-failure destination with no
        // retries (aws-behaviour.md §1 "Reserved = 0", invocation-async-retain-records).
        m_metrics.add(L.m + LmThrottles, 1);
        asyncFinalFailure(fn, msg, false);
        return;
    }
    asyncTry(fn, msg);
}

void Engine::asyncTry(std::uint32_t fn, std::uint32_t msg)
{
    LambdaState &L = m_lambdas[fn];
    Message &m = m_msgs[msg];
    if (lambdaStart(fn, InvokeKind::Async, msg, m.gen, m.poison != 0) != kNone)
        return;
    // Throttled: back to the internal queue, retried with backoff from 1 s doubling to 5 min,
    // until the maximum event age (aws-behaviour.md §1 "Async queue").
    const Ticks backoff =
        std::min<Ticks>(kTicksPerSecond << std::min<int>(m.backoff, 20), kAsyncThrottleMaxBackoff);
    ++m.backoff;
    const Ticks deadline = m.since + secondsToTicks(L.cfg->async.maxEventAgeSeconds);
    ++L.asyncWaiting;
    m_metrics.gauge(L.m + LmAsyncQueue, L.asyncWaiting);
    m_q.schedule(std::min(m_q.now() + backoff, deadline), EvAsyncRetry, msg, m.gen);
}

void Engine::onAsyncRetry(std::uint32_t msg, std::uint32_t gen)
{
    Message &m = m_msgs[msg];
    if (m.gen != gen)
        return;
    const std::uint32_t fn = m.ctx;
    LambdaState &L = m_lambdas[fn];
    --L.asyncWaiting;
    m_metrics.gauge(L.m + LmAsyncQueue, L.asyncWaiting);
    if (m_q.now() - m.since >= secondsToTicks(L.cfg->async.maxEventAgeSeconds)) {
        asyncFinalFailure(fn, msg, true); // MaximumEventAgeInSeconds exceeded
        return;
    }
    asyncTry(fn, msg);
}

// Exhausted retries or expired: on-failure destination, else DLQ, else discarded (aws-behaviour.md
// §1 "Destinations / DLQ").
void Engine::asyncFinalFailure(std::uint32_t fn, std::uint32_t msg, bool expired)
{
    LambdaState &L = m_lambdas[fn];
    if (L.onFailure.valid() || L.dlq.valid()) {
        m_metrics.add(L.m + LmDlq, 1);
        deadLetter(L.onFailure.valid() ? L.onFailure : L.dlq, msg);
    } else if (expired) {
        finish(msg, &Ledger::expired);
    } else {
        drop(msg, DropReason::AsyncDiscarded);
    }
}

// A processed message either ends here (end-to-end latency recorded) or continues to the
// function's outputs (one message each).
void Engine::lambdaSucceeded(std::uint32_t fn, std::uint32_t msg)
{
    const LambdaState &L = m_lambdas[fn];
    if (L.outputs.empty()) {
        succeed(msg);
        return;
    }
    for (std::size_t i = 1; i < L.outputs.size(); ++i)
        deliver(L.outputs[i], copyMessage(msg));
    deliver(L.outputs[0], msg);
}

void Engine::sampleLambdas()
{
    for (LambdaState &L : m_lambdas)
        m_metrics.gauge(L.m + LmConcurrency, L.pcBusy + L.onDemandBusy);
}

} // namespace swb::core
