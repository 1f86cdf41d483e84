// Engine set-up: compiles the Scenario into run state (metric series, per-component state and RNG
// streams, wiring from the edge list) and validates what AWS would refuse, as warnings.
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
    // Metric memory is bins x series: refuse more than 100,000 bins by widening them.
    if (sc.durationSeconds / bw > 100000) {
        bw = std::ceil(sc.durationSeconds / 100000);
        m_warnings.push_back("metric bin width widened to " + std::to_string(bw)
                             + " s (at most 100,000 bins per run)");
    }
    m_binWidth = std::max<Ticks>(1, secondsToTicks(bw));
    m_end = secondsToTicks(std::max(0.0, sc.durationSeconds));
    m_binTotal = static_cast<std::size_t>((m_end + m_binWidth - 1) / m_binWidth);
    m_binEnd = std::min(m_binWidth, m_end);

    m_accountSeries = addSeries(m_metrics, {}, kAccountMetrics);
    m_ledgerSeries = addSeries(m_metrics, {}, kLedgerMetrics);

    // Lambda account pool (aws-behaviour.md §1): reservations must leave >= unreservedMinimum
    // unreserved; provisioned concurrency of an unreserved function comes out of the unreserved
    // pool.
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
        L.scaling.init(
            1000, 100); // +1,000 environments per 10 s, continuous refill (aws-behaviour.md §1)
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
        if (Q.fifo)
            Q.groups.init(Q.cfg->messageGroupCount);
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
        // StartExecution token bucket (aws-behaviour.md §6): Standard per Region from the scenario
        // (us-east-1 1,300 / 300 per s), Express 6,000 / 6,000 per s; Standard state transitions
        // likewise (us-east-1 5,000 / 1,500 per s), Express transitions are not throttled.
        if (S.cfg->type == WorkflowType::Standard) {
            S.starts.init(S.cfg->startBurst, S.cfg->startRate);
            S.transitions.init(S.cfg->transitionBurst, S.cfg->transitionRate);
        } else {
            S.starts.init(6000, 6000);
        }
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
    initTopics(); // FIFO topics need their subscriptions (snsservice.cpp)
    for (std::size_t i = 0; i < m_kinEsms.size(); ++i)
        m_streams[m_kinEsms[i].stream].esms.push_back(static_cast<std::uint32_t>(i));

    m_metrics.start(ticksToSeconds(m_binWidth), m_binTotal);
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
        else if (f == ComponentKind::ApiGateway) {
            m_apis[E.from.index].integration = e;
            if (t == ComponentKind::SnsTopic && m_sc.apis[E.from.index].flavour == ApiFlavour::Http)
                m_warnings.push_back(
                    "edge " + std::to_string(e)
                    + ": HTTP APIs have no SNS integration (REST only, aws-behaviour.md §2)");
        } else if (f == ComponentKind::Lambda && t == ComponentKind::Downstream)
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
        if (isFifo(E.to))
            m_warnings.push_back("edge " + std::to_string(e)
                                 + ": FIFO queues and topics cannot be Lambda destinations/DLQs");
        if (f == ComponentKind::Lambda)
            (E.kind == EdgeKind::OnFailure ? m_lambdas[E.from.index].onFailure
                                           : m_lambdas[E.from.index].dlq) = E.to;
        else
            bad();
        break;
    case EdgeKind::Redrive:
        if (f == ComponentKind::SqsQueue && t == ComponentKind::SqsQueue) {
            m_queues[E.from.index].redrive = E.to.index;
            if (isFifo(E.from) != isFifo(E.to))
                m_warnings.push_back(
                    "edge " + std::to_string(e)
                    + ": a DLQ must be the same type as its queue (aws-behaviour.md §4)");
            if (m_sc.queues[E.from.index].maxReceiveCount == 0)
                m_warnings.push_back("edge " + std::to_string(e)
                                     + ": redrive without maxReceiveCount never moves messages");
        } else {
            bad();
        }
        break;
    }
}

bool Engine::isFifo(ComponentRef c) const
{
    if (c.kind == ComponentKind::SqsQueue)
        return m_sc.queues[c.index].type == QueueType::Fifo;
    if (c.kind == ComponentKind::SnsTopic)
        return m_sc.topics[c.index].type == TopicType::Fifo;
    return false;
}

} // namespace swb::core
