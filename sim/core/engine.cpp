#include "core/engine.h"

#include "core/metricids.h"
#include "core/simulation.h"

#include <algorithm>
#include <cmath>

namespace swb::core {

namespace {

template<std::size_t N>
std::uint32_t addSeries(MetricStore &ms, ComponentRef c, const MetricName (&names)[N])
{
    std::uint32_t base = MetricStore::kNoSeries;
    for (const MetricName &n : names) {
        const std::uint32_t s = ms.addSeries(c, n.name, n.unit, n.agg);
        if (base == MetricStore::kNoSeries)
            base = s;
    }
    return base;
}

std::uint64_t rngId(ComponentKind k, std::uint32_t i)
{
    return (static_cast<std::uint64_t>(k) << 32) | i;
}

std::size_t countOf(const Scenario &sc, ComponentKind k)
{
    switch (k) {
    case ComponentKind::TrafficSource:
        return sc.sources.size();
    case ComponentKind::ApiGateway:
        return sc.apis.size();
    case ComponentKind::SnsTopic:
        return sc.topics.size();
    case ComponentKind::SqsQueue:
        return sc.queues.size();
    case ComponentKind::KinesisStream:
        return sc.streams.size();
    case ComponentKind::StepFunctions:
        return sc.stateMachines.size();
    case ComponentKind::Lambda:
        return sc.lambdas.size();
    case ComponentKind::Downstream:
        return sc.downstreams.size();
    case ComponentKind::None:
        break;
    }
    return 0;
}

} // namespace

Engine::Engine(const Scenario &sc)
    : m_sc(sc)
{
    compile();
}

void Engine::compile()
{
    const Scenario &sc = m_sc;
    double bw = sc.binWidthSeconds;
    if (bw <= 0)
        bw = std::max(1.0, std::ceil(sc.durationSeconds / 3600.0));
    m_binWidth = std::max<Ticks>(1, secondsToTicks(bw));
    m_end = secondsToTicks(std::max(0.0, sc.durationSeconds));
    m_binTotal = static_cast<std::size_t>((m_end + m_binWidth - 1) / m_binWidth);
    m_binEnd = std::min(m_binWidth, m_end);

    m_accountSeries = addSeries(m_metrics, {}, kAccountMetrics);
    m_ledgerSeries = addSeries(m_metrics, {}, kLedgerMetrics);

    // Lambda account pool (ref §1): reservations must leave >= unreservedMinimum unreserved;
    // provisioned concurrency of an unreserved function comes out of the unreserved pool.
    const Account &acct = sc.account;
    std::uint64_t reservedSum = 0, unreservedPc = 0;
    m_lambdas.resize(sc.lambdas.size());
    for (std::size_t i = 0; i < sc.lambdas.size(); ++i) {
        const LambdaFunction &f = sc.lambdas[i];
        LambdaState &L = m_lambdas[i];
        L.cfg = &f;
        L.rng.reseed(streamSeed(sc.seed, rngId(ComponentKind::Lambda, i)));
        const double s2 = std::log1p(f.durationCv * f.durationCv);
        L.logSigma = std::sqrt(s2);
        L.logMuOffset = -0.5 * s2;
        L.scaling.init(1000, 100); // +1,000 environments per 10 s, continuous refill (ref §1)
        if (f.reservedConcurrency >= 0) {
            reservedSum += static_cast<std::uint32_t>(f.reservedConcurrency);
            const auto r = static_cast<std::uint32_t>(f.reservedConcurrency);
            if (f.provisionedConcurrency > r)
                m_warnings.push_back(f.name + ": provisioned concurrency above reserved; capped");
            L.pc = std::min(r, f.provisionedConcurrency);
            L.onDemandCap = r - L.pc;
        } else {
            L.onDemandCap = kNone;
            L.pc = f.provisionedConcurrency;
            unreservedPc += f.provisionedConcurrency;
        }
        L.m = addSeries(m_metrics, {ComponentKind::Lambda, static_cast<std::uint32_t>(i)},
                        kLambdaMetrics);
    }
    if (reservedSum + acct.unreservedMinimum > acct.concurrencyLimit)
        m_warnings.push_back("reserved concurrency leaves fewer than the unreserved minimum "
                             "(AWS rejects PutFunctionConcurrency)");
    const std::int64_t unres = static_cast<std::int64_t>(acct.concurrencyLimit)
                               - static_cast<std::int64_t>(reservedSum + unreservedPc);
    m_unreservedCap = static_cast<std::uint32_t>(std::max<std::int64_t>(0, unres));
    m_legacyScaling.init(acct.legacyBurst, acct.legacyRampPerMinute / 60.0);
    m_apiAccount.init(acct.apiBurstLimit, acct.apiRateLimit);
    m_lambdaRps.init(10.0 * acct.concurrencyLimit, 10.0 * acct.concurrencyLimit);

    m_sources.resize(sc.sources.size());
    for (std::size_t i = 0; i < sc.sources.size(); ++i) {
        m_sources[i].cfg = &sc.sources[i];
        m_sources[i].rng.reseed(streamSeed(sc.seed, rngId(ComponentKind::TrafficSource, i)));
        m_sources[i].m =
            addSeries(m_metrics, {ComponentKind::TrafficSource, static_cast<std::uint32_t>(i)},
                      kSourceMetrics);
    }
    m_apis.resize(sc.apis.size());
    for (std::size_t i = 0; i < sc.apis.size(); ++i) {
        m_apis[i].cfg = &sc.apis[i];
        m_apis[i].bucket.init(sc.apis[i].burstLimit, sc.apis[i].rateLimit);
        m_apis[i].m = addSeries(
            m_metrics, {ComponentKind::ApiGateway, static_cast<std::uint32_t>(i)}, kApiMetrics);
    }
    m_topics.resize(sc.topics.size());
    for (std::size_t i = 0; i < sc.topics.size(); ++i) {
        m_topics[i].rng.reseed(streamSeed(sc.seed, rngId(ComponentKind::SnsTopic, i)));
        m_topics[i].m = addSeries(
            m_metrics, {ComponentKind::SnsTopic, static_cast<std::uint32_t>(i)}, kSnsMetrics);
    }
    m_queues.resize(sc.queues.size());
    for (std::size_t i = 0; i < sc.queues.size(); ++i) {
        QueueState &Q = m_queues[i];
        Q.cfg = &sc.queues[i];
        Q.fifo = Q.cfg->type == QueueType::Fifo;
        if (Q.fifo) {
            const std::uint32_t g = std::max<std::uint32_t>(1, Q.cfg->messageGroupCount);
            Q.groups.resize(g);
            Q.groupBusy.assign(g, 0);
        }
        Q.m = addSeries(m_metrics, {ComponentKind::SqsQueue, static_cast<std::uint32_t>(i)},
                        kSqsMetrics);
    }
    m_streams.resize(sc.streams.size());
    for (std::size_t i = 0; i < sc.streams.size(); ++i)
        initStream(static_cast<std::uint32_t>(i));
    m_sfns.resize(sc.stateMachines.size());
    for (std::size_t i = 0; i < sc.stateMachines.size(); ++i) {
        SfnState &S = m_sfns[i];
        S.cfg = &sc.stateMachines[i];
        S.rng.reseed(streamSeed(sc.seed, rngId(ComponentKind::StepFunctions, i)));
        // StartExecution token bucket (ref §6, us-east-1): Standard 1,300 / 300 per s,
        // Express 6,000 / 6,000 per s.
        if (S.cfg->type == WorkflowType::Standard)
            S.starts.init(1300, 300);
        else
            S.starts.init(6000, 6000);
        S.m = addSeries(m_metrics, {ComponentKind::StepFunctions, static_cast<std::uint32_t>(i)},
                        kSfnMetrics);
        for (const SfnTask &t : S.cfg->tasks)
            if (t.lambdaIndex >= sc.lambdas.size())
                m_warnings.push_back(S.cfg->name + ": task names an unknown Lambda");
    }
    m_downs.resize(sc.downstreams.size());
    for (std::size_t i = 0; i < sc.downstreams.size(); ++i) {
        DownstreamState &D = m_downs[i];
        D.cfg = &sc.downstreams[i];
        D.tps.init(D.cfg->capacityTps, D.cfg->capacityTps);
        D.rng.reseed(streamSeed(sc.seed, rngId(ComponentKind::Downstream, i)));
        D.m = addSeries(m_metrics, {ComponentKind::Downstream, static_cast<std::uint32_t>(i)},
                        kDownstreamMetrics);
    }

    for (std::uint32_t e = 0; e < sc.edges.size(); ++e)
        compileEdge(e);
    for (std::size_t i = 0; i < m_kinEsms.size(); ++i)
        m_streams[m_kinEsms[i].stream].esms.push_back(static_cast<std::uint32_t>(i));

    m_metrics.start(ticksToSeconds(m_binWidth));
    for (std::uint32_t i = 0; i < m_sqsEsms.size(); ++i)
        m_q.schedule(kTicksPerSecond, EvEsmTick, i);
    for (std::uint32_t i = 0; i < m_sources.size(); ++i)
        if (m_sources[i].target.valid())
            scheduleNextArrival(i);
}

void Engine::compileEdge(std::uint32_t e)
{
    const Edge &E = m_sc.edges[e];
    auto ok = [&](ComponentRef r) { return r.valid() && r.index < countOf(m_sc, r.kind); };
    if (!ok(E.from) || !ok(E.to)) {
        m_warnings.push_back("edge " + std::to_string(e) + ": unknown component");
        return;
    }
    const ComponentKind f = E.from.kind, t = E.to.kind;
    auto bad = [&] {
        m_warnings.push_back("edge " + std::to_string(e) + ": unsupported wiring, ignored");
    };
    switch (E.kind) {
    case EdgeKind::Traffic:
    case EdgeKind::AsyncInvoke:
    case EdgeKind::SyncInvoke:
    case EdgeKind::ServiceIntegration:
        if (f == ComponentKind::TrafficSource)
            m_sources[E.from.index].target = E.to;
        else if (f == ComponentKind::ApiGateway)
            m_apis[E.from.index].integration = e;
        else if (f == ComponentKind::Lambda && t == ComponentKind::Downstream)
            m_lambdas[E.from.index].downstream = E.to.index;
        else if (f == ComponentKind::Lambda)
            m_lambdas[E.from.index].outputs.push_back(E.to);
        else
            bad();
        break;
    case EdgeKind::EventSourceMapping:
        if (t != ComponentKind::Lambda)
            bad();
        else if (f == ComponentKind::SqsQueue)
            addSqsEsm(e);
        else if (f == ComponentKind::KinesisStream)
            addKinesisEsm(e);
        else
            bad();
        break;
    case EdgeKind::Subscription:
        if (f == ComponentKind::SnsTopic)
            m_topics[E.from.index].subs.push_back(e);
        else
            bad();
        break;
    case EdgeKind::OnFailure:
    case EdgeKind::DeadLetter:
        if (f == ComponentKind::Lambda)
            (E.kind == EdgeKind::OnFailure ? m_lambdas[E.from.index].onFailure
                                           : m_lambdas[E.from.index].dlq) = E.to;
        else
            bad();
        break;
    case EdgeKind::Redrive:
        if (f == ComponentKind::SqsQueue && t == ComponentKind::SqsQueue)
            m_queues[E.from.index].redrive = E.to.index;
        else
            bad();
        break;
    }
}

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

// DLQs and on-failure destinations are sinks: the unit is counted as dead-lettered and shows in
// the destination's depth/counters, but is not consumed further (see simulation.h).
void Engine::deadLetter(ComponentRef to, std::uint32_t msg)
{
    switch (to.kind) {
    case ComponentKind::SqsQueue:
        ++m_queues[to.index].dlqHeld;
        m_metrics.add(m_queues[to.index].m + QmDlqReceived, 1);
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
