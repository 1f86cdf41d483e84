// Step Functions (aws-behaviour.md §6): Standard vs Express, a chain of Task states invoking Lambda
// synchronously, Retry (several retriers per Task, see core/sfnretry.h: interval x
// backoff^(n-1), MaxDelaySeconds, FULL jitter, MaxAttempts per error name) then Catch, state
// transitions counted for cost (every attempt is a billed transition), and the throttling token
// buckets: StartExecution (refused calls are rejected and the caller sees the error) and, for
// Standard workflows, StateTransition.
//
// A throttled state transition is delayed, not lost: AWS throttles the transition and the
// execution continues once the bucket allows it (aws-behaviour.md §6 table; "StateTransition" is a
// bucket with refill, not a refusal the caller sees). The engine reserves the token in arrival
// order (the bucket may go into debt) and starts the Task when the debt is paid, so a run above the
// refill rate shows a growing transition delay at exactly the documented rate, with one event per
// delay.
#include "core/engine.h"

#include <algorithm>
#include <cmath>

namespace swb::core {

SfnRetryDecision sfnNextRetry(const SfnRetry *retriers, std::size_t count, SfnAttempts &st,
                              std::uint8_t error)
{
    SfnRetryDecision d;
    const std::uint32_t bit = error < 32 ? (1u << error) : 0u;
    count = std::min(count, kSfnMaxRetriers);
    for (std::size_t i = 0; i < count; ++i) {
        const SfnRetry &r = retriers[i];
        if (!(r.errors & bit))
            continue;
        // The first matching retrier decides; used up for this error name -> no retry.
        std::uint32_t &tries = st.perError[std::min<std::size_t>(error, kSfnMaxErrorCodes - 1)];
        if (tries >= r.maxAttempts)
            return d;
        ++tries;
        const std::uint32_t visit = ++st.visits[i];
        double delay = r.intervalSeconds * std::pow(r.backoffRate, visit - 1.0);
        if (r.maxDelaySeconds > 0)
            delay = std::min(delay, r.maxDelaySeconds);
        d.retrier = static_cast<int>(i);
        d.delaySeconds = delay;
        return d;
    }
    return d;
}

bool Engine::sfnStart(std::uint32_t sm, std::uint32_t msg)
{
    SfnState &S = m_sfns[sm];
    // StartExecution is throttled by a token bucket (aws-behaviour.md §6 table): the call is
    // refused and the caller (API Gateway direct integration: a 5xx; a Lambda function: its SDK
    // call fails) sees the error; the request is counted as rejected.
    if (!S.starts.take(m_q.now())) {
        m_metrics.add(S.m + FmStartThrottles, 1);
        finish(msg, &Ledger::rejected);
        return false;
    }
    m_metrics.add(S.m + FmExecutions, 1);
    if (S.cfg->type == WorkflowType::Express)
        m_metrics.add(S.m + FmBilledExpressRequests, 1);
    Message &m = m_msgs[msg];
    m.aux = sm;
    m.ctx = 0;     // current task
    m.backoff = 0; // 1 = the next wake-up starts a transition already admitted by the bucket
    m.since = m_q.now();
    if (S.cfg->tasks.empty()) {
        sfnEnd(msg);
        succeed(msg);
        return true;
    }
    sfnRunTask(msg);
    return true;
}

// Entering the Task state (first attempt or a retry) is a state transition.
void Engine::sfnRunTask(std::uint32_t msg)
{
    Message &m = m_msgs[msg];
    SfnState &S = m_sfns[m.aux];
    if (S.cfg->type == WorkflowType::Standard) {
        TokenBucket &b = S.transitions;
        const Ticks now = m_q.now();
        b.refill(now);
        b.tokens -= 1;
        if (b.tokens < 0 && b.ratePerSecond > 0) {
            const double wait = -b.tokens / b.ratePerSecond;
            m_metrics.add(S.m + FmThrottledTransitions, 1);
            m_metrics.peak(S.m + FmTransitionDelayMax, wait);
            m.backoff = 1;
            m_q.schedule(now + std::max<Ticks>(1, secondsToTicks(wait)), EvSfnRetry, msg, m.gen);
            return;
        }
    }
    sfnAttemptTask(msg);
}

void Engine::sfnAttemptTask(std::uint32_t msg)
{
    const Message &m = m_msgs[msg];
    SfnState &S = m_sfns[m.aux];
    const SfnTask &task = S.cfg->tasks[m.ctx];
    m_metrics.add(S.m + FmTransitions, 1); // each attempt counts
    if (task.lambdaIndex >= m_sc.lambdas.size()) {
        sfnHandleError(msg, SfnErrFunction);
        return;
    }
    if (m_lambda->invoke(task.lambdaIndex, m_invSfn, msg, m.gen, m.poison != 0) == kNone)
        sfnHandleError(msg, SfnErrThrottled); // Lambda.TooManyRequestsException
}

void Engine::sfnTaskDone(const Invocation &inv)
{
    const std::uint32_t msg = inv.ctx;
    if (m_msgs[msg].gen != inv.ctxGen)
        return;
    if (inv.error) {
        // A function that ran into its timeout reports Lambda.Unknown (unhandled error).
        const bool timedOut =
            inv.end - inv.start >= secondsToTicks(m_sc.lambdas[inv.fn].timeoutSeconds);
        sfnHandleError(msg, timedOut ? SfnErrUnknown : SfnErrFunction);
        return;
    }
    Message &m = m_msgs[msg];
    const SfnState &S = m_sfns[m.aux];
    sfnClearAttempts(msg);
    ++m.ctx;
    if (m.ctx >= S.cfg->tasks.size()) {
        m_metrics.add(S.m + FmSucceeded, 1);
        sfnEnd(msg);
        succeed(msg);
        return;
    }
    sfnRunTask(msg);
}

void Engine::sfnHandleError(std::uint32_t msg, std::uint8_t error)
{
    Message &m = m_msgs[msg];
    SfnState &S = m_sfns[m.aux];
    const SfnTask &task = S.cfg->tasks[m.ctx];
    const SfnRetry *rs = task.retriers.empty() ? &task.retry : task.retriers.data();
    const std::size_t count = task.retriers.empty() ? 1 : task.retriers.size();
    if (m_sfnSlot.size() <= msg)
        m_sfnSlot.resize(m_msgs.size(), 0);
    if (m_sfnSlot[msg] == 0) {
        if (m_sfnFree.empty()) {
            m_sfnFree.push_back(static_cast<std::uint32_t>(m_sfnAttempts.size()));
            m_sfnAttempts.emplace_back();
        }
        m_sfnSlot[msg] = m_sfnFree.back() + 1;
        m_sfnFree.pop_back();
        m_sfnAttempts[m_sfnSlot[msg] - 1] = SfnAttempts{};
    }
    const SfnRetryDecision d = sfnNextRetry(rs, count, m_sfnAttempts[m_sfnSlot[msg] - 1], error);
    if (d.retrier >= 0) {
        double delay = d.delaySeconds;
        if (rs[d.retrier].jitter == JitterStrategy::Full)
            delay = S.rng.uniform() * delay; // FULL: uniform in [0, delay] (aws-behaviour.md §6)
        m_metrics.add(S.m + FmRetries, 1);
        m_q.scheduleIn(secondsToTicks(delay), EvSfnRetry, msg, m.gen);
        return;
    }
    sfnClearAttempts(msg);
    if (task.catchAll) {
        // Retriers exhausted, Catch States.ALL: transition to the fallback state.
        m_metrics.add(S.m + FmCaught, 1);
        m_metrics.add(S.m + FmTransitions, 1);
        sfnEnd(msg);
        drop(msg, DropReason::SfnCaught);
        return;
    }
    m_metrics.add(S.m + FmFailures, 1);
    sfnEnd(msg);
    drop(msg, DropReason::SfnFailed);
}

void Engine::sfnClearAttempts(std::uint32_t msg)
{
    if (msg < m_sfnSlot.size() && m_sfnSlot[msg] != 0) {
        m_sfnFree.push_back(m_sfnSlot[msg] - 1);
        m_sfnSlot[msg] = 0;
    }
}

// Express workflows bill duration rounded up to 100 ms at 64 MB memory chunks (aws-behaviour.md
// §6).
void Engine::sfnEnd(std::uint32_t msg)
{
    const Message &m = m_msgs[msg];
    const SfnState &S = m_sfns[m.aux];
    if (S.cfg->type != WorkflowType::Express)
        return;
    const double sec = std::ceil(ticksToSeconds(m_q.now() - m.since) * 10.0) / 10.0;
    m_metrics.add(S.m + FmBilledExpressGbS, sec * 64.0 / 1024.0);
}

void Engine::onSfnRetry(std::uint32_t msg, std::uint32_t gen)
{
    Message &m = m_msgs[msg];
    if (m.gen != gen)
        return;
    if (m.backoff == 1) { // the transition was admitted when it was delayed
        m.backoff = 0;
        sfnAttemptTask(msg);
    } else {
        sfnRunTask(msg); // a retry enters the state again: a new transition
    }
}

} // namespace swb::core
