// Engine set-up: compiles the Scenario into run state (metric series, per-component state and RNG
// streams, wiring from the edge list) and validates what AWS would refuse, as warnings.
#include "core/engine.h"

#include "core/simulation.h"

#include <algorithm>
#include <cmath>

namespace swb::core {

namespace {

template<std::size_t N>
std::uint32_t addSeries(Kernel &k, ComponentKind kind, std::size_t i, const MetricDecl (&table)[N])
{
    return k.addSeries(kind, {kind, static_cast<std::uint32_t>(i)}, table);
}

std::uint64_t rngId(ComponentKind k, std::uint32_t i)
{
    return (static_cast<std::uint64_t>(k) << 32) | i;
}

} // namespace

void Engine::setup()
{
    const Scenario &sc = m_sc;
    m_end = m_k.end();
    m_lambda = &m_k.service<LambdaService>();
    m_down = &m_k.service<DownstreamService>();
    m_invApi = m_lambda->addInvoker<Engine, &Engine::apiLambdaDone>(this);
    m_invSqs = m_lambda->addInvoker<Engine, &Engine::sqsBatchDone>(this);
    m_invKinesis = m_lambda->addInvoker<Engine, &Engine::kinesisBatchDone>(this);
    m_invSfn = m_lambda->addInvoker<Engine, &Engine::sfnTaskDone>(this);
    m_apiAccount.init(sc.account.apiBurstLimit, sc.account.apiRateLimit);

    m_sources.resize(sc.sources.size());
    for (std::size_t i = 0; i < sc.sources.size(); ++i) {
        m_sources[i].cfg = &sc.sources[i];
        m_sources[i].rng.reseed(streamSeed(sc.seed, rngId(ComponentKind::TrafficSource, i)));
        m_sources[i].m = addSeries(m_k, ComponentKind::TrafficSource, i, kSourceMetrics);
        m_k.addPath(m_sources[i].m + SrE2eCount);
    }
    m_apis.resize(sc.apis.size());
    for (std::size_t i = 0; i < sc.apis.size(); ++i) {
        m_apis[i].cfg = &sc.apis[i];
        m_apis[i].bucket.init(sc.apis[i].burstLimit, sc.apis[i].rateLimit);
        m_apis[i].m = addSeries(m_k, ComponentKind::ApiGateway, i, kApiMetrics);
    }
    m_topics.resize(sc.topics.size());
    for (std::size_t i = 0; i < sc.topics.size(); ++i) {
        m_topics[i].rng.reseed(streamSeed(sc.seed, rngId(ComponentKind::SnsTopic, i)));
        m_topics[i].m = addSeries(m_k, ComponentKind::SnsTopic, i, kSnsMetrics);
    }
    m_queues.resize(sc.queues.size());
    for (std::size_t i = 0; i < sc.queues.size(); ++i) {
        QueueState &Q = m_queues[i];
        Q.cfg = &sc.queues[i];
        Q.fifo = Q.cfg->type == QueueType::Fifo;
        if (Q.fifo)
            Q.groups.init(Q.cfg->messageGroupCount);
        Q.m = addSeries(m_k, ComponentKind::SqsQueue, i, kSqsMetrics);
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
        S.m = addSeries(m_k, ComponentKind::StepFunctions, i, kSfnMetrics);
        for (const SfnTask &t : S.cfg->tasks)
            if (t.lambdaIndex >= sc.lambdas.size())
                m_k.warn(S.cfg->name + ": task names an unknown Lambda");
    }
}

void Engine::finishWiring()
{
    initTopics(); // FIFO topics need their subscriptions (snsservice.cpp)
    for (std::size_t i = 0; i < m_kinEsms.size(); ++i)
        m_streams[m_kinEsms[i].stream].esms.push_back(static_cast<std::uint32_t>(i));
}

void Engine::start()
{
    for (std::uint32_t i = 0; i < m_sqsEsms.size(); ++i)
        m_q.schedule(kTicksPerSecond, EvEsmTick, i);
}

void Engine::startTraffic()
{
    for (std::uint32_t i = 0; i < m_sources.size(); ++i)
        if (m_sources[i].target.valid())
            scheduleNextArrival(i);
}

bool Engine::wire(std::uint32_t e)
{
    const Edge &E = m_sc.edges[e];
    const ComponentKind f = E.from.kind, t = E.to.kind;
    bool ok = true;
    auto bad = [&] { ok = false; };
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
                m_k.warn("edge " + std::to_string(e)
                         + ": HTTP APIs have no SNS integration (REST only, aws-behaviour.md §2)");
        } else
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
            m_k.warn("edge " + std::to_string(e)
                     + ": FIFO queues and topics cannot be Lambda destinations/DLQs");
        bad(); // only a function has destinations (services/lambda)
        break;
    case EdgeKind::Redrive:
        if (f == ComponentKind::SqsQueue && t == ComponentKind::SqsQueue) {
            m_queues[E.from.index].redrive = E.to.index;
            if (isFifo(E.from) != isFifo(E.to))
                m_k.warn("edge " + std::to_string(e)
                         + ": a DLQ must be the same type as its queue (aws-behaviour.md §4)");
            if (m_sc.queues[E.from.index].maxReceiveCount == 0)
                m_k.warn("edge " + std::to_string(e)
                         + ": redrive without maxReceiveCount never moves messages");
        } else {
            bad();
        }
        break;
    }
    return ok;
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
