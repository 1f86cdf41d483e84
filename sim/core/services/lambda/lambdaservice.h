#pragma once
// Lambda (aws-behaviour.md §1): the account concurrency pool, reserved concurrency as guarantee and
// cap, provisioned concurrency, the scale-up rate, cold starts with idle expiry, sync throttling,
// the async internal queue with its retry rules, destinations/DLQ, timeouts, GB-s billing.
//
// Typed interface for synchronous invokers (API Gateway proxy, SQS and Kinesis event source
// mappings, Step Functions tasks): an invoker registers once at set-up (addInvoker) and gets the
// Invocation back through its own completion function when the function ends. Nothing outside
// this module touches the invocation pool or the concurrency state. Units reach a function
// asynchronously through Kernel::deliver (accept()).

#include "core/cohortqueue.h"
#include "core/kernel.h"
#include "core/ringdeque.h"
#include "core/services/lambda/lambdafunction.h"
#include "core/tokenbucket.h"

#include <cstdint>
#include <vector>

namespace swb::core {

enum class SdkSend : std::uint8_t; // core/sdkretry.h

// A synchronous invoke carries at most 6 MB of payload (aws-behaviour.md §1): it bounds the batch
// an event source mapping hands a function (§4 SQS, §5 Kinesis).
inline constexpr double kSyncPayloadLimitBytes = 6.0 * 1024 * 1024;

class DownstreamService;

struct Invocation {
    Ticks start = 0;
    Ticks end = 0; // when the function returns (cold start included)
    std::uint32_t fn = 0;
    std::uint32_t ctx = 0;    // the invoker's: message or batch
    std::uint32_t ctxGen = 0; // the invoker's generation of ctx, for staleness checks
    std::uint32_t aux = 0;    // the invoker's
    std::uint32_t gen = 0;
    std::uint8_t invoker = 0; // LambdaService::addInvoker id; 0 = the async event queue
    bool error = false;
    bool provisioned = false;
    // The Invoke request was refused with a 5xx (Lambda.ServiceException; an Outage fault): the
    // function never ran, no environment was used, nothing is billed (error is also set).
    bool serviceError = false;
};

// Completion of a synchronous invocation, called on the invoker registered for it.
using InvocationDone = void (*)(void *invoker, const Invocation &inv);

class LambdaService
{
public:
    static constexpr ComponentKind kKind = ComponentKind::Lambda;

    explicit LambdaService(Kernel &k);

    // ---- typed interface for synchronous invokers
    // Registers an invoker (at set-up); completions of its invocations go to `done`.
    std::uint8_t addInvoker(void *invoker, InvocationDone done);
    template<class T, void (T::*Done)(const Invocation &)>
    std::uint8_t addInvoker(T *invoker)
    {
        return addInvoker(
            invoker, [](void *p, const Invocation &inv) { (static_cast<T *>(p)->*Done)(inv); });
    }
    // Could an invocation of `fn` start now without a throttle?
    bool canStart(std::uint32_t fn);
    // Starts `fn` for `invoker`; ctx/ctxGen/aux come back in the Invocation. `poison` = the
    // payload always fails. Returns the invocation id, or kNone when throttled (429, counted).
    // Under an Outage fault the invocation ends at once with serviceError set.
    std::uint32_t invoke(std::uint32_t fn, std::uint8_t invoker, std::uint32_t ctx,
                         std::uint32_t ctxGen, bool poison, std::uint32_t aux = 0);
    const Invocation &invocation(std::uint32_t id) const { return m_invs[id]; }
    // Does `fn`'s attempt at one record of entry path `path` fail? A poison record always does;
    // any other with its source's transient failure rate, drawn per attempt from the function's
    // own stream (no draw at rate 0, and durations never shift). Callers decide per record, so a
    // partial batch response can report exactly the records that failed.
    // Inline: pollers ask once per record, and most designs have no transient failures.
    bool recordFails(std::uint32_t fn, std::uint16_t path, bool poison)
    {
        return poison || (m_transientFailures && transientFailure(fn, path));
    }
    // A poller's invoke was throttled (an event source mapping backs off): one throttle counted.
    void countThrottle(std::uint32_t fn) { m_k.metrics().add(m_fns[fn].m + LmThrottles, 1); }
    // A stream mapping retries a failed batch (the retry is the function's: lambda.retries).
    void countRetry(std::uint32_t fn) { m_k.metrics().add(m_fns[fn].m + LmRetries, 1); }
    // The function processed `msg`: on to each of its outputs (one message each), or done.
    void succeeded(std::uint32_t fn, std::uint32_t msg);
    bool hasOutputs(std::uint32_t fn) const { return !m_fns[fn].outputs.empty(); }
    // Idle on-demand environments not yet reclaimed at the last bookkeeping time (the last start,
    // end or bin close of the function).
    std::size_t idleEnvironments(std::uint32_t fn) const { return m_fns[fn].idle.size(); }

    // ---- kernel hooks (core/service.h)
    void declareAccountSeries();
    void setup();
    bool wire(std::uint32_t edge);
    void onEvent(const Event &e);
    bool accept(std::uint32_t fn, std::uint32_t msg); // async invoke (Event invocation type)
    bool deadLetter(std::uint32_t, bool mayConsume) const { return mayConsume; } // a function runs
    void sampleBin();

    // Async events a function's queue keeps one by one while they wait out a throttle's backoff;
    // beyond, they wait as retry cohorts (lambdaasync.cpp). White-box tests compare merged runs
    // with the per-message model; set before the run.
    void setExactAsync(std::uint32_t events) { m_exactAsync = events; }
    // About 4 MB of pool and timers per function before throttled events wait as cohorts; more
    // than any bundled pattern holds at its normal load. The run estimate projects memory from
    // it (sim/runestimate.h).
    static constexpr std::uint32_t kExactAsync = 1u << 16;

private:
    enum Ev : std::uint8_t {
        EvDone,        // entity = invocation, gen
        EvAsyncRetry,  // entity = message, gen (function in Message::ctx)
        EvSdkRetry,    // entity = message, gen (function in Message::ctx, output in aux)
        EvAsyncCohort, // entity = function, aux = its waiting cohort queue (lambdaasync.cpp)
    };
    struct Function {
        const LambdaFunction *cfg = nullptr;
        std::uint32_t onDemandBusy = 0;
        std::uint32_t pcBusy = 0;
        std::uint32_t pc = 0;          // effective provisioned concurrency
        std::uint32_t onDemandCap = 0; // reserved - provisioned, or kNone = unreserved pool
        RingDeque<Ticks> idle;         // warm on-demand environments by release (front = oldest)
        Ticks idleExpiry = 0;          // cfg->idleExpirySeconds, converted once
        TokenBucket scaling;           // current rule: +1,000 environments per 10 s per function
        Rng rng;
        Rng sdkRng;    // retry jitter of the function's sends: a fault never shifts its durations
        Rng recordRng; // transient per-record failures (recordFails)
        double logSigma = 0, logMuOffset = 0; // lognormal shape from durationCv, precomputed
        std::uint32_t downstream = kNone;
        ComponentRef onFailure, dlq;
        std::vector<ComponentRef> outputs; // sends one message to each on success
        std::uint32_t asyncWaiting = 0;
        // Throttled async events beyond m_exactAsync, out of the pool (lambdaasync.cpp): [0]
        // those whose maximum event age comes before their next retry, [n] those throttled n
        // times, each queue by the time their retry (or expiry) is due.
        std::vector<CohortQueue> waiting;
        std::vector<Ticks> waitingArmed; // per queue: its pending EvAsyncCohort, or kNever
        std::uint32_t m = 0;             // metric base
        // Time integrals of the levels over the current bin (environment x ticks), for the
        // Mean series; `since` is the time they reach.
        Ticks since = 0, binStart = 0;
        double busyArea = 0, warmArea = 0, pcArea = 0;

        std::uint32_t warm() const
        {
            return pc + onDemandBusy + static_cast<std::uint32_t>(idle.size());
        }
    };
    struct Invoker {
        void *self = nullptr;
        InvocationDone done = nullptr;
    };

    void onDone(std::uint32_t inv, std::uint32_t gen);
    bool transientFailure(std::uint32_t fn, std::uint16_t path);
    std::uint32_t launch(Invocation inv);
    std::uint32_t refuseInvoke(std::uint32_t fn, std::uint8_t invoker, std::uint32_t ctx,
                               std::uint32_t ctxGen, std::uint32_t aux);
    // Sends msg to output `out` of `fn` as the function's SDK does (core/sdkretry.h).
    void sendOutput(std::uint32_t fn, std::uint32_t out, std::uint32_t msg);
    void retryOutput(std::uint32_t msg);
    void countSdk(std::uint32_t fn, SdkSend result); // its SDK retries and losses
    void gaugeConcurrency(const Function &F);
    // Brings F's time integrals to `now`, reclaiming each idle environment at its own expiry
    // time (an idle environment counts as warm until then, not until the next start notices).
    void advance(Function &F, Ticks now);
    void integrate(Function &F, Ticks t);
    // async invocations (lambdaasync.cpp)
    void asyncDone(const Invocation &inv);
    void asyncTry(std::uint32_t fn, std::uint32_t msg);
    void asyncRequeue(std::uint32_t fn, std::uint32_t msg);
    void onAsyncRetry(std::uint32_t msg, std::uint32_t gen);
    void asyncFinalFailure(std::uint32_t fn, std::uint32_t msg, bool expired);
    void asyncRetry(std::uint32_t msg);
    void joinCohort(std::uint32_t fn, std::uint32_t msg, Ticks due, bool expires);
    void armCohort(std::uint32_t fn, std::size_t queue);
    void onAsyncCohort(std::uint32_t fn, std::size_t queue);

    Kernel &m_k;
    DownstreamService *m_downstream = nullptr;
    std::vector<Function> m_fns;
    std::vector<Invocation> m_invs;
    std::vector<std::uint32_t> m_freeInvs;
    std::vector<Invoker> m_invokers; // [0] = the async event queue (this module)
    std::uint32_t m_exactAsync = kExactAsync;
    // Account-wide state (aws-behaviour.md §1).
    std::uint32_t m_unreservedCap = 0, m_unreservedBusy = 0, m_accountBusy = 0;
    TokenBucket m_legacyScaling; // 2018 rule: account burst then +500/min
    TokenBucket m_rps;           // invoke requests: 10 x the concurrency limit per second
    std::uint32_t m_account = 0; // account series base
    bool m_currentScaling = true;
    bool m_transientFailures = false; // some source has a transient failure rate above 0
};

} // namespace swb::core
