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
    // Each attempt draws the event's outcome afresh: a transient failure may pass on a retry
    // (aws-behaviour.md §1 "Async function-error retries").
    if (invoke(fn, 0, msg, m.gen, recordFails(fn, m.path, m.poison != 0)) == kNone)
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
    const Ticks due = std::min(m_k.now() + backoff, deadline);
    if (F.asyncWaiting > m_exactAsync) {
        joinCohort(fn, msg, due, due == deadline);
        return;
    }
    m_k.schedule(due, eventTag(kKind, EvAsyncRetry), msg, m.gen);
}

// Beyond m_exactAsync waiting events a throttled event leaves the pool and waits in a cohort queue
// (core/cohortqueue.h) by the time its retry is due: events throttled the same number of times
// share a queue, so their event age is the same lag behind that time (the backoff schedule is the
// same for all), and those whose maximum event age comes first wait in queue 0 by that time. Each
// queue keeps one timer, at its oldest event; every event still retries (or expires) at its own
// time, give or take the spread within its cohort (under 1 s, or 1/4,096 of what the queue spans:
// under 6 s within the 6 h maximum event age), through the same asyncRetry() as the per-event
// model.
void LambdaService::joinCohort(std::uint32_t fn, std::uint32_t msg, Ticks due, bool expires)
{
    Function &F = m_fns[fn];
    const Message &m = m_k.msg(msg);
    const std::size_t q = expires ? 0 : std::size_t(m.backoff);
    if (F.waiting.size() <= q) {
        F.waiting.resize(q + 1);
        F.waitingArmed.resize(q + 1, kNever);
    }
    F.waiting[q].push(CohortQueue::unitOf(m, due));
    m_k.transfer(msg);
    armCohort(fn, q);
}

void LambdaService::armCohort(std::uint32_t fn, std::size_t q)
{
    Function &F = m_fns[fn];
    if (F.waiting[q].empty())
        return;
    const Ticks at = std::max(F.waiting[q].frontAt(), m_k.now());
    if (at < F.waitingArmed[q]) {
        F.waitingArmed[q] = at;
        m_k.schedule(at, eventTag(kKind, EvAsyncCohort), fn, 0, static_cast<std::uint32_t>(q));
    }
}

// The events of queue q due now come back into the pool and retry, as EvAsyncRetry does for one.
// A retry may throttle and join a queue again (growing F.waiting): index, never hold a reference.
void LambdaService::onAsyncCohort(std::uint32_t fn, std::size_t q)
{
    Function &F = m_fns[fn];
    const Ticks now = m_k.now();
    if (F.waitingArmed[q] != now)
        return; // superseded by an earlier timer
    F.waitingArmed[q] = kNever;
    while (!F.waiting[q].empty() && F.waiting[q].frontAt() <= now) {
        const CohortQueue::Unit u = F.waiting[q].pop();
        const std::uint32_t msg = m_k.restore(u.created, u.path);
        Message &m = m_k.msg(msg);
        CohortQueue::restoreInto(u, &m);
        m.ctx = fn;
        m.backoff = static_cast<std::uint16_t>(q);
        asyncRetry(msg);
    }
    armCohort(fn, q);
}

void LambdaService::onAsyncRetry(std::uint32_t msg, std::uint32_t gen)
{
    if (m_k.msg(msg).gen == gen)
        asyncRetry(msg);
}

void LambdaService::asyncRetry(std::uint32_t msg)
{
    const Message &m = m_k.msg(msg);
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
