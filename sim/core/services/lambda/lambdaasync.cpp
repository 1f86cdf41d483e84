// Lambda's asynchronous (Event) invocations (aws-behaviour.md §1 "Async queue"): the internal event
// queue, the retries after function errors and throttles, the maximum event age, and the on-failure
// destination / DLQ.
#include "core/services/lambda/lambdaservice.h"

#include <algorithm>

namespace swb::core {

namespace {
constexpr Ticks kAsyncThrottleMaxBackoff =
    300 * kTicksPerSecond; // aws-behaviour.md §1: backoff 1 s .. 5 min
}

bool LambdaService::accept(std::uint32_t fn, std::uint32_t msg)
{
    Function &F = m_fns[fn];
    Message &m = m_k.msg(msg);
    m.ctx = fn;
    m.since = m_k.now(); // event age counts from acceptance into the async queue
    m.attempts = 0;
    m.backoff = 0;
    if (F.cfg->isKillSwitch()) {
        // Kill switch: async events go straight to the DLQ / on-failure destination with no
        // retries (aws-behaviour.md §1 "Reserved = 0", invocation-async-retain-records).
        m_k.metrics().add(F.m + LmThrottles, 1);
        asyncFinalFailure(fn, msg, false);
        return true;
    }
    asyncTry(fn, msg);
    return true;
}

void LambdaService::asyncDone(const Invocation &I)
{
    const std::uint32_t msg = I.ctx;
    Message &m = m_k.msg(msg);
    if (m.gen != I.ctxGen)
        return;
    if (!I.error) {
        succeeded(I.fn, msg);
        return;
    }
    if (I.serviceError) { // 5xx: back to the queue like a throttle (aws-behaviour.md §1)
        asyncRequeue(I.fn, msg);
        return;
    }
    // Function error: up to MaximumRetryAttempts (0-2) retries, ~1 min before the 2nd attempt
    // and ~2 min before the 3rd (aws-behaviour.md §1 "Async function-error retries").
    Function &F = m_fns[I.fn];
    ++m.attempts;
    if (m.attempts <= F.cfg->async.maxRetryAttempts) {
        m_k.metrics().add(F.m + LmRetries, 1);
        const Ticks delay = (m.attempts == 1 ? 60 : 120) * kTicksPerSecond;
        const Ticks deadline = m.since + secondsToTicks(F.cfg->async.maxEventAgeSeconds);
        ++F.asyncWaiting;
        m_k.metrics().gauge(F.m + LmAsyncQueue, F.asyncWaiting);
        m_k.schedule(std::min(m_k.now() + delay, deadline), eventTag(kKind, EvAsyncRetry), msg,
                     m.gen);
    } else {
        asyncFinalFailure(I.fn, msg, false);
    }
}

void LambdaService::asyncTry(std::uint32_t fn, std::uint32_t msg)
{
    Message &m = m_k.msg(msg);
    if (invoke(fn, 0, msg, m.gen, m.poison != 0) == kNone)
        asyncRequeue(fn, msg);
}

void LambdaService::asyncRequeue(std::uint32_t fn, std::uint32_t msg)
{
    Function &F = m_fns[fn];
    Message &m = m_k.msg(msg);
    // Throttled or refused with a 5xx: back to the internal queue, retried with backoff from 1 s
    // doubling to 5 min, until the maximum event age (aws-behaviour.md §1 "Async queue").
    const Ticks backoff =
        std::min<Ticks>(kTicksPerSecond << std::min<int>(m.backoff, 20), kAsyncThrottleMaxBackoff);
    ++m.backoff;
    const Ticks deadline = m.since + secondsToTicks(F.cfg->async.maxEventAgeSeconds);
    ++F.asyncWaiting;
    m_k.metrics().gauge(F.m + LmAsyncQueue, F.asyncWaiting);
    m_k.schedule(std::min(m_k.now() + backoff, deadline), eventTag(kKind, EvAsyncRetry), msg,
                 m.gen);
}

void LambdaService::onAsyncRetry(std::uint32_t msg, std::uint32_t gen)
{
    Message &m = m_k.msg(msg);
    if (m.gen != gen)
        return;
    const std::uint32_t fn = m.ctx;
    Function &F = m_fns[fn];
    --F.asyncWaiting;
    m_k.metrics().gauge(F.m + LmAsyncQueue, F.asyncWaiting);
    if (m_k.now() - m.since >= secondsToTicks(F.cfg->async.maxEventAgeSeconds)) {
        asyncFinalFailure(fn, msg, true); // MaximumEventAgeInSeconds exceeded
        return;
    }
    asyncTry(fn, msg);
}

// Exhausted retries or expired: on-failure destination, else DLQ, else discarded (aws-behaviour.md
// §1 "Destinations / DLQ").
void LambdaService::asyncFinalFailure(std::uint32_t fn, std::uint32_t msg, bool expired)
{
    Function &F = m_fns[fn];
    if (F.onFailure.valid() || F.dlq.valid()) {
        m_k.metrics().add(F.m + LmDlq, 1);
        m_k.deadLetter(F.onFailure.valid() ? F.onFailure : F.dlq, msg);
    } else if (expired) {
        m_k.finish(msg, &Ledger::expired);
    } else {
        m_k.drop(msg, DropReason::AsyncDiscarded);
    }
}

} // namespace swb::core
