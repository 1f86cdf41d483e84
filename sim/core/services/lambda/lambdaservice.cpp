// Lambda set-up, synchronous invocations and the concurrency pool (aws-behaviour.md §1). The async
// event queue is in lambdaasync.cpp, what a function does with its result in lambdaoutputs.cpp.
#include "core/services/lambda/lambdaservice.h"

#include "core/sdkretry.h"
#include "core/services/downstream/downstreamservice.h"

#include <algorithm>
#include <cmath>

namespace swb::core {

namespace {
constexpr std::uint64_t kRecordFailureStream = 0x7EC; // sub-stream of Function::recordRng
}

ServiceSlot makeLambdaService(Kernel &k)
{
    return ServiceSlot::of(std::make_unique<LambdaService>(k));
}

LambdaService::LambdaService(Kernel &k)
    : m_k(k)
{
    m_invokers.push_back({this, nullptr}); // 0: the async event queue, handled in place
}

std::uint8_t LambdaService::addInvoker(void *invoker, InvocationDone done)
{
    m_invokers.push_back({invoker, done});
    return static_cast<std::uint8_t>(m_invokers.size() - 1);
}

void LambdaService::declareAccountSeries()
{
    m_account = m_k.addSeries(kKind, {}, kLambdaMetrics, MetricScope::Account);
}

void LambdaService::setup()
{
    m_downstream = &m_k.service<DownstreamService>();
    const Scenario &sc = m_k.scenario();
    // Account pool (aws-behaviour.md §1): reservations must leave >= unreservedMinimum unreserved;
    // provisioned concurrency of an unreserved function comes out of the unreserved pool.
    const Account &acct = sc.account;
    std::uint64_t reservedSum = 0, unreservedPc = 0;
    m_fns.resize(sc.lambdas.size());
    for (std::uint32_t i = 0; i < sc.lambdas.size(); ++i) {
        const LambdaFunction &f = sc.lambdas[i];
        Function &F = m_fns[i];
        F.cfg = &f;
        F.idleExpiry = secondsToTicks(f.idleExpirySeconds);
        F.rng.reseed(m_k.rngSeed({kKind, i}));
        F.sdkRng.reseed(streamSeed(m_k.rngSeed({kKind, i}), kSdkRetryStream));
        F.recordRng.reseed(streamSeed(m_k.rngSeed({kKind, i}), kRecordFailureStream));
        const double s2 = std::log1p(f.durationCv * f.durationCv);
        F.logSigma = std::sqrt(s2);
        F.logMuOffset = -0.5 * s2;
        F.scaling.init(
            1000, 100); // +1,000 environments per 10 s, continuous refill (aws-behaviour.md §1)
        if (f.isReserved()) {
            const std::uint32_t r = f.reservation();
            reservedSum += r;
            if (f.provisionedConcurrency > r)
                m_k.warn(f.name + ": provisioned concurrency above reserved; capped");
            F.pc = std::min(r, f.provisionedConcurrency);
            F.onDemandCap = r - F.pc;
        } else {
            F.onDemandCap = kNone;
            F.pc = f.provisionedConcurrency;
            unreservedPc += f.provisionedConcurrency;
        }
        F.m = m_k.addSeries(kKind, {kKind, i}, kLambdaMetrics);
    }
    if (reservedSum + acct.unreservedMinimum > acct.concurrencyLimit)
        m_k.warn("reserved concurrency leaves fewer than the unreserved minimum "
                 "(AWS rejects PutFunctionConcurrency)");
    const std::int64_t unres = static_cast<std::int64_t>(acct.concurrencyLimit)
                               - static_cast<std::int64_t>(reservedSum + unreservedPc);
    m_unreservedCap = static_cast<std::uint32_t>(std::max<std::int64_t>(0, unres));
    m_legacyScaling.init(acct.legacyBurst, acct.legacyRampPerMinute / 60.0);
    m_rps.init(10.0 * acct.concurrencyLimit, 10.0 * acct.concurrencyLimit);
    m_currentScaling = acct.scaling == ScalingMode::Current;
    // Without any transient failure rate above 0, recordFails() draws nothing: it need not look.
    for (const TrafficSource &src : sc.sources)
        m_transientFailures = m_transientFailures || src.transientFailureRate > 0;
}

// A function's outgoing wires: its one downstream call per invocation, the services it sends a
// message to on success, and the async on-failure destination and DLQ (aws-behaviour.md §1).
bool LambdaService::wire(std::uint32_t e)
{
    const Edge &E = m_k.scenario().edges[e];
    Function &F = m_fns[E.from.index];
    switch (E.kind) {
    case EdgeKind::Traffic:
    case EdgeKind::AsyncInvoke:
    case EdgeKind::SyncInvoke:
    case EdgeKind::ServiceIntegration:
        if (E.to.kind == ComponentKind::Downstream)
            F.downstream = E.to.index;
        else
            F.outputs.push_back(E.to);
        return true;
    case EdgeKind::OnFailure:
    case EdgeKind::DeadLetter:
        if (m_k.isFifo(E.to))
            m_k.warn("edge " + std::to_string(e)
                     + ": FIFO queues and topics cannot be Lambda destinations/DLQs");
        (E.kind == EdgeKind::OnFailure ? F.onFailure : F.dlq) = E.to;
        return true;
    case EdgeKind::EventSourceMapping:
    case EdgeKind::Subscription:
    case EdgeKind::Redrive:
        break;
    }
    return false;
}

// A record that is not poison fails with its source's transient failure rate (no draw at rate 0).
bool LambdaService::transientFailure(std::uint32_t fn, std::uint16_t path)
{
    const auto &sources = m_k.scenario().sources;
    return path < sources.size()
           && m_fns[fn].recordRng.bernoulli(sources[path].transientFailureRate);
}

bool LambdaService::canStart(std::uint32_t fn)
{
    Function &F = m_fns[fn];
    const Ticks now = m_k.now();
    // Account request rate: at most 10 x the concurrency limit per second (aws-behaviour.md §1 "RPS
    // cap").
    if (m_rps.available(now) < 1.0)
        return false;
    if (!m_k.scenario().faults.empty()) {
        // A Throttle fault lowers the function's concurrency limit (its reservation, else the
        // account's) by its factor for a while.
        const double factor = m_k.limitFactor({kKind, fn});
        if (factor < 1.0) {
            const std::uint32_t limit = F.cfg->isReserved()
                                            ? F.cfg->reservation()
                                            : m_k.scenario().account.concurrencyLimit;
            if (F.pcBusy + F.onDemandBusy >= static_cast<std::uint32_t>(factor * limit))
                return false;
        }
    }
    if (F.pcBusy < F.pc)
        return true;
    // Reserved concurrency caps the function; unreserved functions share what the reservations
    // leave of the account limit (aws-behaviour.md §1 "Reserved concurrency", "Account
    // concurrency").
    const bool room = F.onDemandCap != kNone ? F.onDemandBusy < F.onDemandCap
                                             : m_unreservedBusy < m_unreservedCap;
    if (!room)
        return false;
    advance(F, now); // environments reclaimed after idling (cold start next time)
    if (!F.idle.empty())
        return true;
    // A new environment needs scaling headroom (aws-behaviour.md §1 "Scaling rate").
    return m_currentScaling ? F.scaling.available(now) >= 1.0
                            : m_legacyScaling.available(now) >= 1.0;
}

void LambdaService::integrate(Function &F, Ticks t)
{
    if (t <= F.since)
        return;
    const double dt = static_cast<double>(t - F.since);
    F.busyArea += dt * (F.pcBusy + F.onDemandBusy);
    F.warmArea += dt * F.warm();
    F.pcArea += dt * F.pcBusy;
    F.since = t;
}

void LambdaService::advance(Function &F, Ticks now)
{
    while (!F.idle.empty() && F.idle.front() + F.idleExpiry <= now) {
        integrate(F, F.idle.front() + F.idleExpiry); // warm until its own expiry time
        F.idle.popFront();
    }
    integrate(F, now);
}

void LambdaService::gaugeConcurrency(const Function &F)
{
    MetricStore &ms = m_k.metrics();
    ms.gauge(F.m + LmConcurrency, F.pcBusy + F.onDemandBusy);
    ms.gauge(m_account + LmAccountConcurrency, m_accountBusy);
    ms.gauge(m_account + LmAccountUnreserved, m_unreservedBusy);
}

std::uint32_t LambdaService::invoke(std::uint32_t fn, std::uint8_t invoker, std::uint32_t ctx,
                                    std::uint32_t ctxGen, bool poison, std::uint32_t aux)
{
    Function &F = m_fns[fn];
    const LambdaFunction &cfg = *F.cfg;
    MetricStore &ms = m_k.metrics();
    const Ticks now = m_k.now();
    if (m_k.refuses({kKind, fn}))
        return refuseInvoke(fn, invoker, ctx, ctxGen, aux);
    if (!canStart(fn)) {
        ms.add(F.m + LmThrottles, 1); // 429 TooManyRequestsException (aws-behaviour.md §1)
        return kNone;
    }
    m_rps.take(now);
    advance(F, now); // canStart may have left it behind (a provisioned environment was free)
    bool cold = false, provisioned = false;
    if (F.pcBusy < F.pc) {
        provisioned =
            true; // pre-initialised: never a cold start (aws-behaviour.md §1 "Provisioned")
        ++F.pcBusy;
    } else {
        if (!F.idle.empty()) {
            F.idle.popBack(); // most recently used warm environment
        } else {
            cold = true;
            (m_currentScaling ? F.scaling : m_legacyScaling).take(now);
        }
        ++F.onDemandBusy;
        if (F.onDemandCap == kNone)
            ++m_unreservedBusy;
        ms.gauge(F.m + LmWarmEnvironments, F.warm()); // +1 on a cold start, else unchanged
    }
    ++m_accountBusy;
    ms.add(F.m + LmInvocations, 1);
    ms.add(F.m + LmBilledRequests, 1);
    gaugeConcurrency(F);

    // Duration and outcome; a BadDeploy fault replaces the error rate and scales the duration.
    double meanMs = cfg.durationMeanMs, errRate = cfg.errorRate;
    if (const Fault *f = m_k.activeFault(FaultKind::BadDeploy, {kKind, fn})) {
        meanMs *= f->durationMultiplier;
        if (f->errorRate >= 0)
            errRate = f->errorRate;
    }
    double ms_ =
        cfg.durationDistribution == Distribution::LogNormal && cfg.durationCv > 0
            ? F.rng.logNormalShaped(meanMs, F.logSigma, F.logMuOffset)
            : F.rng.draw(static_cast<int>(cfg.durationDistribution), meanMs, cfg.durationCv);
    bool error = F.rng.bernoulli(errRate) || poison;
    if (F.downstream != kNone) {
        double latencyMs = 0;
        if (!m_downstream->call(F.downstream, latencyMs))
            error = true; // overload/outage errors flow back as function errors
        ms_ += latencyMs;
    }
    // Timeout: default 3 s, max 900 s (aws-behaviour.md §1); the invocation fails and bills the
    // full timeout.
    const double timeoutMs = cfg.timeoutSeconds * 1000.0;
    if (ms_ > timeoutMs) {
        ms_ = timeoutMs;
        error = true;
        ms.add(F.m + LmTimeouts, 1);
    }
    if (cold)
        ms.add(F.m + LmColdStarts, 1);
    // Billing: duration rounded up to 1 ms (aws-behaviour.md §1 "Billing granularity"). Provisioned
    // environments bill duration at the provisioned-concurrency rate (aws-behaviour.md §1 pricing);
    // the provisioned capacity itself is priced from the scenario by the sim layer.
    ms.add(F.m + (provisioned ? LmBilledPcGbS : LmBilledGbS),
           std::ceil(ms_) / 1000.0 * cfg.memoryMb / 1024.0);
    ms.add(F.m + LmDurationSum, ms_);
    ms.peak(F.m + LmDurationMax, ms_);

    return launch(
        {.start = now,
         .end = now + (cold ? msToTicks(cfg.coldStartMs) : 0) + std::max<Ticks>(1, msToTicks(ms_)),
         .fn = fn,
         .ctx = ctx,
         .ctxGen = ctxGen,
         .aux = aux,
         .invoker = invoker,
         .error = error,
         .provisioned = provisioned});
}

// Takes a free slot (its generation kept, for stale events), fills it and schedules the end.
std::uint32_t LambdaService::launch(Invocation inv)
{
    std::uint32_t id;
    if (!m_freeInvs.empty()) {
        id = m_freeInvs.back();
        m_freeInvs.pop_back();
    } else {
        id = static_cast<std::uint32_t>(m_invs.size());
        m_invs.emplace_back();
    }
    inv.gen = m_invs[id].gen;
    m_invs[id] = inv;
    m_k.schedule(inv.end, eventTag(kKind, EvDone), id, inv.gen);
    return id;
}

// An Outage fault: the Invoke API answers 5xx (Lambda.ServiceException). The function does not
// run: no environment, no Invocations count, no bill (CloudWatch counts an invocation only when
// the code runs, aws-behaviour.md §1 "Service errors"). The invoker gets the error one tick later,
// through its completion function like any invocation: a sync caller sees it, an event source
// mapping retries the batch by its rules, the async queue retries as for a throttle.
std::uint32_t LambdaService::refuseInvoke(std::uint32_t fn, std::uint8_t invoker, std::uint32_t ctx,
                                          std::uint32_t ctxGen, std::uint32_t aux)
{
    m_k.metrics().add(m_fns[fn].m + LmServiceErrors, 1);
    return launch({.start = m_k.now(),
                   .end = m_k.now() + 1,
                   .fn = fn,
                   .ctx = ctx,
                   .ctxGen = ctxGen,
                   .aux = aux,
                   .invoker = invoker,
                   .error = true,
                   .serviceError = true});
}

void LambdaService::onEvent(const Event &e)
{
    switch (eventCode(e.type)) {
    case EvDone:
        onDone(e.entity, e.gen);
        break;
    case EvAsyncRetry:
        onAsyncRetry(e.entity, e.gen);
        break;
    case EvSdkRetry:
        if (m_k.msg(e.entity).gen == e.gen)
            retryOutput(e.entity);
        break;
    case EvAsyncCohort:
        onAsyncCohort(e.entity, e.aux);
        break;
    }
}

void LambdaService::onDone(std::uint32_t id, std::uint32_t gen)
{
    if (m_invs[id].gen != gen)
        return;
    const Invocation I = m_invs[id];
    ++m_invs[id].gen;
    m_freeInvs.push_back(id);
    Function &F = m_fns[I.fn];
    if (I.serviceError) { // never ran: no environment to release, not a function error
        if (I.invoker == 0)
            asyncDone(I);
        else
            m_invokers[I.invoker].done(m_invokers[I.invoker].self, I);
        return;
    }
    advance(F, m_k.now());
    if (I.provisioned) {
        --F.pcBusy;
    } else {
        --F.onDemandBusy;
        if (F.onDemandCap == kNone)
            --m_unreservedBusy;
        F.idle.pushBack(m_k.now()); // stays warm until idle expiry
    }
    --m_accountBusy;
    gaugeConcurrency(F);
    if (I.error)
        m_k.metrics().add(F.m + LmErrors, 1);
    if (I.invoker == 0) {
        asyncDone(I);
        return;
    }
    const Invoker &who = m_invokers[I.invoker];
    who.done(who.self, I);
}

void LambdaService::sampleBin()
{
    MetricStore &ms = m_k.metrics();
    const Ticks now = m_k.now(); // the bin's end
    for (Function &F : m_fns) {
        ms.gauge(F.m + LmConcurrency, F.pcBusy + F.onDemandBusy);
        advance(F, now);
        ms.gauge(F.m + LmWarmEnvironments, F.warm()); // after expiries: carried into next bin
        const double len = static_cast<double>(now - F.binStart);
        if (len > 0) {
            ms.setLast(F.m + LmConcurrencyMean, F.busyArea / len);
            ms.setLast(F.m + LmWarmEnvironmentsMean, F.warmArea / len);
            ms.setLast(F.m + LmProvisionedUtilization, F.pc ? F.pcArea / (len * F.pc) : 0.0);
        }
        F.busyArea = F.warmArea = F.pcArea = 0;
        F.binStart = now;
    }
}

} // namespace swb::core
