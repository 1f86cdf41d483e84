// Step Functions executions (sfnservice.h).
#include "core/services/stepfunctions/sfnservice.h"

#include "core/services/lambda/lambdaservice.h"

#include <algorithm>
#include <cmath>

namespace swb::core {

ServiceSlot makeStepFunctionsService(Kernel &k)
{
    return ServiceSlot::of(std::make_unique<SfnService>(k));
}

void SfnService::setup()
{
    m_lambda = &m_k.service<LambdaService>();
    m_invoker = m_lambda->addInvoker<SfnService, &SfnService::taskDone>(this);
    const Scenario &sc = m_k.scenario();
    m_machines.resize(sc.stateMachines.size());
    for (std::uint32_t i = 0; i < sc.stateMachines.size(); ++i) {
        Machine &S = m_machines[i];
        S.cfg = &sc.stateMachines[i];
        S.rng.reseed(m_k.rngSeed({kKind, i}));
        // StartExecution token bucket (aws-behaviour.md §6): Standard per Region from the scenario
        // (us-east-1 1,300 / 300 per s), Express 6,000 / 6,000 per s; Standard state transitions
        // likewise (us-east-1 5,000 / 1,500 per s), Express transitions are not throttled.
        if (S.cfg->type == WorkflowType::Standard) {
            S.starts.init(S.cfg->startBurst, S.cfg->startRate);
            S.transitions.init(S.cfg->transitionBurst, S.cfg->transitionRate);
        } else {
            S.starts.init(6000, 6000);
        }
        S.m = m_k.addSeries(kKind, {kKind, i}, kSfnMetrics);
        for (const SfnTask &t : S.cfg->tasks)
            if (t.lambdaIndex >= sc.lambdas.size())
                m_k.warn(S.cfg->name + ": task names an unknown Lambda");
    }
}

void SfnService::onEvent(const Event &e)
{
    onRetry(e.entity, e.gen);
}

// StartExecution is throttled by a token bucket (aws-behaviour.md §6 table; a Throttle fault
// lowers it): the caller gets ThrottlingException. A producer's SDK retries it (§10 "SDK
// retries": standard mode retries throttling codes), then gives up; an API Gateway direct
// integration does not retry and answers 5xx (Kernel::deliver settles the request as rejected).
bool SfnService::admit(std::uint32_t sm, std::uint32_t msg)
{
    Machine &S = m_machines[sm];
    Message &m = m_k.msg(msg);
    if (!m.quotaSeen) { // its first call (Message::quotaSeen)
        m.quotaSeen = 1;
        m_k.metrics().add(S.m + FmOfferedStarts, 1);
    }
    if (S.starts.takeLimited(m_k.now(), m_k.limitFactor({kKind, sm})))
        return true;
    m_k.metrics().add(S.m + FmStartThrottles, 1); // every throttled call
    return false;
}

// A started execution (admit() took its StartExecution token: Kernel::deliver, Kernel::passes).
bool SfnService::accept(std::uint32_t sm, std::uint32_t msg)
{
    Machine &S = m_machines[sm];
    m_k.metrics().add(S.m + FmExecutions, 1);
    if (S.cfg->type == WorkflowType::Express)
        m_k.metrics().add(S.m + FmBilledExpressRequests, 1);
    Message &m = m_k.msg(msg);
    m.quotaSeen = 0;
    m.aux = sm;
    m.ctx = 0;     // current task
    m.backoff = 0; // 1 = the next wake-up starts a transition already admitted by the bucket
    m.since = m_k.now();
    if (S.cfg->tasks.empty()) {
        end(msg);
        m_k.succeed(msg);
        return true;
    }
    runTask(msg);
    return true;
}

// Entering the Task state (first attempt or a retry) is a state transition.
void SfnService::runTask(std::uint32_t msg)
{
    Message &m = m_k.msg(msg);
    Machine &S = m_machines[m.aux];
    if (S.cfg->type == WorkflowType::Standard) {
        TokenBucket &b = S.transitions;
        const Ticks now = m_k.now();
        b.refill(now);
        b.tokens -= 1;
        if (b.tokens < 0 && b.ratePerSecond > 0) {
            const double wait = -b.tokens / b.ratePerSecond;
            m_k.metrics().add(S.m + FmThrottledTransitions, 1);
            m_k.metrics().peak(S.m + FmTransitionDelayMax, wait);
            m.backoff = 1;
            m_k.schedule(now + std::max<Ticks>(1, secondsToTicks(wait)), eventTag(kKind, EvRetry),
                         msg, m.gen);
            return;
        }
    }
    attemptTask(msg);
}

void SfnService::attemptTask(std::uint32_t msg)
{
    const Message &m = m_k.msg(msg);
    Machine &S = m_machines[m.aux];
    const SfnTask &task = S.cfg->tasks[m.ctx];
    m_k.metrics().add(S.m + FmTransitions, 1); // each attempt counts
    if (task.lambdaIndex >= m_k.scenario().lambdas.size()) {
        handleError(msg, SfnErrFunction);
        return;
    }
    // Each attempt of the Task draws the input's outcome afresh, so a retrier may outlast a
    // transient failure and never a poison input (aws-behaviour.md §6 "Retry / Catch").
    const bool fails = m_lambda->recordFails(task.lambdaIndex, m.path, m.poison != 0);
    if (m_lambda->invoke(task.lambdaIndex, m_invoker, msg, m.gen, fails) == kNone)
        handleError(msg, SfnErrThrottled); // Lambda.TooManyRequestsException
}

void SfnService::taskDone(const Invocation &inv)
{
    const std::uint32_t msg = inv.ctx;
    if (m_k.msg(msg).gen != inv.ctxGen)
        return;
    if (inv.serviceError) {
        handleError(msg, SfnErrService); // Lambda.ServiceException
        return;
    }
    if (inv.error) {
        // A function that ran into its timeout reports Lambda.Unknown (unhandled error).
        const bool timedOut =
            inv.end - inv.start >= secondsToTicks(m_k.scenario().lambdas[inv.fn].timeoutSeconds);
        handleError(msg, timedOut ? SfnErrUnknown : SfnErrFunction);
        return;
    }
    Message &m = m_k.msg(msg);
    const Machine &S = m_machines[m.aux];
    clearAttempts(msg);
    ++m.ctx;
    if (m.ctx >= S.cfg->tasks.size()) {
        m_k.metrics().add(S.m + FmSucceeded, 1);
        end(msg);
        m_k.succeed(msg);
        return;
    }
    runTask(msg);
}

void SfnService::handleError(std::uint32_t msg, std::uint8_t error)
{
    Message &m = m_k.msg(msg);
    Machine &S = m_machines[m.aux];
    const SfnTask &task = S.cfg->tasks[m.ctx];
    const SfnRetry *rs = task.retriers.empty() ? &task.retry : task.retriers.data();
    const std::size_t count = task.retriers.empty() ? 1 : task.retriers.size();
    if (m_slotOf.size() <= msg)
        m_slotOf.resize(m_k.messageSlots(), 0);
    if (m_slotOf[msg] == 0) {
        if (m_free.empty()) {
            m_free.push_back(static_cast<std::uint32_t>(m_attempts.size()));
            m_attempts.emplace_back();
        }
        m_slotOf[msg] = m_free.back() + 1;
        m_free.pop_back();
        m_attempts[m_slotOf[msg] - 1] = SfnAttempts{};
    }
    const SfnRetryDecision d = sfnNextRetry(rs, count, m_attempts[m_slotOf[msg] - 1], error);
    if (d.retrier >= 0) {
        double delay = d.delaySeconds;
        if (rs[d.retrier].jitter == JitterStrategy::Full)
            delay = S.rng.uniform() * delay; // FULL: uniform in [0, delay] (aws-behaviour.md §6)
        m_k.metrics().add(S.m + FmRetries, 1);
        m_k.scheduleIn(secondsToTicks(delay), eventTag(kKind, EvRetry), msg, m.gen);
        return;
    }
    clearAttempts(msg);
    if (task.catchAll) {
        // Retriers exhausted, Catch States.ALL: transition to the fallback state.
        m_k.metrics().add(S.m + FmCaught, 1);
        m_k.metrics().add(S.m + FmTransitions, 1);
        end(msg);
        m_k.drop(msg, DropReason::SfnCaught);
        return;
    }
    m_k.metrics().add(S.m + FmFailures, 1);
    end(msg);
    m_k.drop(msg, DropReason::SfnFailed);
}

void SfnService::clearAttempts(std::uint32_t msg)
{
    if (msg < m_slotOf.size() && m_slotOf[msg] != 0) {
        m_free.push_back(m_slotOf[msg] - 1);
        m_slotOf[msg] = 0;
    }
}

// Express workflows bill duration rounded up to 100 ms at 64 MB memory chunks (aws-behaviour.md
// §6).
void SfnService::end(std::uint32_t msg)
{
    const Message &m = m_k.msg(msg);
    const Machine &S = m_machines[m.aux];
    if (S.cfg->type != WorkflowType::Express)
        return;
    const double sec = std::ceil(ticksToSeconds(m_k.now() - m.since) * 10.0) / 10.0;
    m_k.metrics().add(S.m + FmBilledExpressGbS, sec * 64.0 / 1024.0);
}

void SfnService::onRetry(std::uint32_t msg, std::uint32_t gen)
{
    Message &m = m_k.msg(msg);
    if (m.gen != gen)
        return;
    if (m.backoff == 1) { // the transition was admitted when it was delayed
        m.backoff = 0;
        attemptTask(msg);
    } else {
        runTask(msg); // a retry enters the state again: a new transition
    }
}

} // namespace swb::core
