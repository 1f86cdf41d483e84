#include "core/engine.h"

#include "core/metricids.h"
#include "core/simulation.h"

#include <algorithm>
#include <cmath>

namespace swb::core {

// ---- run loop -------------------------------------------------------------------------------

bool Engine::step()
{
    while (!finished() && m_q.nextTime() >= m_binEnd) {
        m_q.advanceTo(m_binEnd);
        closeBin();
    }
    if (finished())
        return false;
    Event e;
    m_q.pop(e);
    ++m_events;
    dispatch(e);
    return true;
}

void Engine::runUntil(Ticks until)
{
    until = std::min(until, m_end);
    Event e;
    while (!finished()) {
        const Ticks t = m_q.nextTime();
        if (t >= m_binEnd && m_binEnd <= until) {
            m_q.advanceTo(m_binEnd);
            closeBin();
            continue;
        }
        if (t >= until) {
            m_q.advanceTo(until);
            return;
        }
        m_q.pop(e);
        ++m_events;
        dispatch(e);
    }
}

void Engine::dispatch(const Event &e)
{
    switch (e.type) {
    case EvArrival:
        onArrival(e.entity);
        break;
    case EvLambdaDone:
        onLambdaDone(e.entity, e.gen);
        break;
    case EvAsyncRetry:
        onAsyncRetry(e.entity, e.gen);
        break;
    case EvSqsDelayed:
        onSqsDelayed(e.entity, e.gen);
        break;
    case EvSqsReturn:
        onSqsReturn(e.entity, e.gen);
        break;
    case EvEsmTick:
        onEsmTick(e.entity);
        break;
    case EvEsmWake:
        if (m_sqsEsms[e.entity].wakeAt == m_q.now()) {
            m_sqsEsms[e.entity].wakeAt = kNever;
            esmDispatch(e.entity);
        }
        break;
    case EvKinesisWake:
        m_kinEsms[e.entity].lanes[e.aux].armed = false;
        laneTry(e.entity, e.aux, false);
        break;
    case EvSnsRetry:
        onSnsRetry(e.entity, e.gen);
        break;
    case EvSfnRetry:
        onSfnRetry(e.entity, e.gen);
        break;
    case EvApiTimeout:
        onApiTimeout(e.entity, e.gen, e.aux);
        break;
    case EvDownstreamRelease:
        --m_downs[e.entity].connections;
        m_metrics.gauge(m_downs[e.entity].m + DmConnections, m_downs[e.entity].connections);
        break;
    }
}

void Engine::closeBin()
{
    sampleLambdas();
    sampleQueues();
    sampleStreams();
    m_ledger.inFlight = m_liveMsgs + m_liveRecords;
    const std::uint64_t vals[LgCount] = {
        m_ledger.produced, m_ledger.inFlight, m_ledger.succeeded, m_ledger.deadLettered,
        m_ledger.expired,  m_ledger.rejected, m_ledger.dropped};
    for (std::uint32_t i = 0; i < LgCount; ++i)
        m_metrics.setLast(m_ledgerSeries + i, static_cast<double>(vals[i]));
    for (ApiState &A : m_apis) {
        m_metrics.setLast(A.m + AmP50, A.binHist.quantile(0.50) / 1000.0);
        m_metrics.setLast(A.m + AmP95, A.binHist.quantile(0.95) / 1000.0);
        m_metrics.setLast(A.m + AmP99, A.binHist.quantile(0.99) / 1000.0);
        if (A.binHist.count())
            A.binHist.clear();
    }
    for (SourceState &S : m_sources) {
        m_metrics.setLast(S.m + SrP50, S.binHist.quantile(0.50) / 1000.0);
        m_metrics.setLast(S.m + SrP95, S.binHist.quantile(0.95) / 1000.0);
        m_metrics.setLast(S.m + SrP99, S.binHist.quantile(0.99) / 1000.0);
        if (S.binHist.count()) {
            S.totalHist.merge(S.binHist);
            S.binHist.clear();
        }
    }
    m_metrics.closeBin();
    ++m_binsClosed;
    m_binEnd = std::min(static_cast<Ticks>(m_binsClosed + 1) * m_binWidth, m_end);
    if (m_sink && m_owner)
        m_sink->onBinClosed(*m_owner, m_binsClosed - 1);
}

// ---- messages, ledger, routing --------------------------------------------------------------

std::uint32_t Engine::newMessage(Ticks created, std::uint16_t path)
{
    std::uint32_t id;
    if (!m_freeMsgs.empty()) {
        id = m_freeMsgs.back();
        m_freeMsgs.pop_back();
    } else {
        id = static_cast<std::uint32_t>(m_msgs.size());
        m_msgs.emplace_back();
    }
    Message &m = m_msgs[id];
    const std::uint32_t gen = m.gen;
    m = Message{};
    m.gen = gen;
    m.created = created;
    m.since = m_q.now();
    m.path = path;
    ++m_ledger.produced;
    ++m_liveMsgs;
    return id;
}

std::uint32_t Engine::copyMessage(std::uint32_t src)
{
    const Message copy = m_msgs[src];
    const std::uint32_t id = newMessage(copy.created, copy.path);
    Message &m = m_msgs[id];
    m.bytes = copy.bytes;
    m.key = copy.key;
    m.attr = copy.attr;
    m.poison = copy.poison;
    return id;
}

void Engine::finish(std::uint32_t id, std::uint64_t Ledger::*outcome)
{
    ++(m_ledger.*outcome);
    ++m_msgs[id].gen;
    m_freeMsgs.push_back(id);
    --m_liveMsgs;
}

void Engine::transfer(std::uint32_t id)
{
    ++m_msgs[id].gen;
    m_freeMsgs.push_back(id);
    --m_liveMsgs;
}

void Engine::drop(std::uint32_t id, DropReason why)
{
    ++m_ledger.droppedBy[static_cast<int>(why)];
    finish(id, &Ledger::dropped);
}

void Engine::recordE2e(std::uint16_t path, Ticks created)
{
    if (path < m_sources.size()) {
        m_sources[path].binHist.record(m_q.now() - created);
        m_metrics.add(m_sources[path].m + SrE2eCount, 1);
    }
}

void Engine::succeed(std::uint32_t id)
{
    recordE2e(m_msgs[id].path, m_msgs[id].created);
    finish(id, &Ledger::succeeded);
}

bool Engine::deliver(ComponentRef to, std::uint32_t msg)
{
    m_msgs[msg].since = m_q.now();
    switch (to.kind) {
    case ComponentKind::ApiGateway:
        return apiRequest(to.index, msg);
    case ComponentKind::SnsTopic:
        return snsPublish(to.index, msg);
    case ComponentKind::SqsQueue:
        return sqsSend(to.index, msg);
    case ComponentKind::KinesisStream:
        return kinesisPut(to.index, msg);
    case ComponentKind::StepFunctions:
        return sfnStart(to.index, msg);
    case ComponentKind::Lambda:
        lambdaAsync(to.index, msg);
        return true;
    case ComponentKind::Downstream: {
        double latency = 0;
        if (downstreamCall(to.index, latency)) {
            succeed(msg);
            return true;
        }
        finish(msg, &Ledger::rejected);
        return false;
    }
    case ComponentKind::TrafficSource:
    case ComponentKind::None:
        break;
    }
    drop(msg, DropReason::NoRoute);
    return false;
}

// A DLQ or on-failure destination is an ordinary queue, topic or function (aws-behaviour.md §4
// "Redrive", §3 "Subscription DLQ", §1 "Destinations / DLQ"): when the user wired consumers to it
// (an event source mapping on the queue, subscriptions on the topic; a function always runs), the
// unit is delivered there and lives on until that consumer's outcome. A destination nobody consumes
// is a sink: the unit counts as dead-lettered and shows in the target's depth/counters. A chain of
// kill-switched functions whose DLQs feed each other would re-deliver without end within one
// event: past kMaxDlqHops nested hand-offs the unit stays dead-lettered.
void Engine::deadLetter(ComponentRef to, std::uint32_t msg)
{
    constexpr std::uint32_t kMaxDlqHops = 8;
    const bool consumed =
        m_dlqHops < kMaxDlqHops
        && ((to.kind == ComponentKind::SqsQueue && !m_queues[to.index].esms.empty())
            || (to.kind == ComponentKind::SnsTopic && !m_topics[to.index].subs.empty())
            || to.kind == ComponentKind::Lambda);
    if (to.kind == ComponentKind::SqsQueue)
        m_metrics.add(m_queues[to.index].m + QmDlqReceived, 1);
    if (consumed) {
        ++m_dlqHops;
        deliver(to, msg);
        --m_dlqHops;
        return;
    }
    switch (to.kind) {
    case ComponentKind::SqsQueue:
        ++m_queues[to.index].dlqHeld;
        break;
    case ComponentKind::SnsTopic:
        m_metrics.add(m_topics[to.index].m + SmPublishes, 1);
        break;
    default:
        break;
    }
    finish(msg, &Ledger::deadLettered);
}

const Fault *Engine::activeFault(FaultKind k, ComponentRef c) const
{
    const Ticks now = m_q.now();
    for (const Fault &f : m_sc.faults)
        if (f.kind == k && f.target == c && now >= secondsToTicks(f.startSeconds)
            && now < secondsToTicks(f.startSeconds + f.durationSeconds))
            return &f;
    return nullptr;
}

} // namespace swb::core
