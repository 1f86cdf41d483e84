// Step Functions (ref §6): Standard vs Express, a chain of Task states invoking Lambda
// synchronously, Retry (interval x backoff^(n-1), MaxDelaySeconds, FULL jitter, MaxAttempts) then
// Catch, and state transitions counted for cost (every attempt is a billed transition).
#include "core/engine.h"
#include "core/metricids.h"

#include <algorithm>
#include <cmath>

namespace swb::core {

bool Engine::sfnStart(std::uint32_t sm, std::uint32_t msg)
{
    SfnState &S = m_sfns[sm];
    // StartExecution is throttled by a token bucket (ref §6 table).
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
    m.ctx = 0; // current task
    m.attempts = 0;
    m.since = m_q.now();
    if (S.cfg->tasks.empty()) {
        sfnEnd(msg);
        succeed(msg);
        return true;
    }
    sfnRunTask(msg);
    return true;
}

void Engine::sfnRunTask(std::uint32_t msg)
{
    const Message &m = m_msgs[msg];
    SfnState &S = m_sfns[m.aux];
    const SfnTask &task = S.cfg->tasks[m.ctx];
    m_metrics.add(S.m + FmTransitions, 1); // entering the Task state (each attempt counts)
    if (task.lambdaIndex >= m_lambdas.size()) {
        sfnHandleError(msg);
        return;
    }
    if (lambdaStart(task.lambdaIndex, InvokeKind::SfnTask, msg, m.gen, m.poison != 0) == kNone)
        sfnHandleError(msg); // Lambda.TooManyRequestsException is a retriable task error
}

void Engine::sfnTaskDone(const Invocation &inv)
{
    const std::uint32_t msg = inv.ctx;
    if (m_msgs[msg].gen != inv.ctxGen)
        return;
    if (inv.error) {
        sfnHandleError(msg);
        return;
    }
    Message &m = m_msgs[msg];
    const SfnState &S = m_sfns[m.aux];
    ++m.ctx;
    m.attempts = 0;
    if (m.ctx >= S.cfg->tasks.size()) {
        m_metrics.add(S.m + FmSucceeded, 1);
        sfnEnd(msg);
        succeed(msg);
        return;
    }
    sfnRunTask(msg);
}

void Engine::sfnHandleError(std::uint32_t msg)
{
    Message &m = m_msgs[msg];
    SfnState &S = m_sfns[m.aux];
    const SfnTask &task = S.cfg->tasks[m.ctx];
    const SfnRetry &r = task.retry;
    ++m.attempts;
    if (m.attempts <= r.maxAttempts) {
        // Delay before retry n: min(IntervalSeconds x BackoffRate^(n-1), MaxDelaySeconds); FULL
        // jitter draws uniformly between 0 and that delay (ref §6 "Retry / Catch").
        double delay = r.intervalSeconds * std::pow(r.backoffRate, m.attempts - 1.0);
        if (r.maxDelaySeconds > 0)
            delay = std::min(delay, r.maxDelaySeconds);
        if (r.jitter == JitterStrategy::Full)
            delay = S.rng.uniform() * delay;
        m_metrics.add(S.m + FmRetries, 1);
        m_q.scheduleIn(secondsToTicks(delay), EvSfnRetry, msg, m.gen);
        return;
    }
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

// Express workflows bill duration rounded up to 100 ms at 64 MB memory chunks (ref §6).
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
    if (m_msgs[msg].gen == gen)
        sfnRunTask(msg);
}

} // namespace swb::core
