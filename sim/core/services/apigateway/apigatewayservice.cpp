// API Gateway (apigatewayservice.h).
#include "core/services/apigateway/apigatewayservice.h"

#include "core/services/lambda/lambdaservice.h"

#include <algorithm>
#include <cmath>

namespace swb::core {

ServiceSlot makeApiGatewayService(Kernel &k)
{
    return ServiceSlot::of(std::make_unique<ApiGatewayService>(k));
}

void ApiGatewayService::setup()
{
    m_lambda = &m_k.service<LambdaService>();
    m_invoker = m_lambda->addInvoker<ApiGatewayService, &ApiGatewayService::lambdaDone>(this);
    const Scenario &sc = m_k.scenario();
    m_account.init(sc.account.apiBurstLimit, sc.account.apiRateLimit);
    m_apis.resize(sc.apis.size());
    for (std::uint32_t i = 0; i < sc.apis.size(); ++i) {
        m_apis[i].cfg = &sc.apis[i];
        m_apis[i].bucket.init(sc.apis[i].burstLimit, sc.apis[i].rateLimit);
        m_apis[i].m = m_k.addSeries(kKind, {kKind, i}, kApiMetrics);
    }
}

// One integration per API (the last wire wins).
bool ApiGatewayService::wire(std::uint32_t e)
{
    const Edge &E = m_k.scenario().edges[e];
    if (!forwardsRequests(E.kind))
        return false;
    m_apis[E.from.index].integration = e;
    if (E.to.kind == ComponentKind::SnsTopic
        && m_apis[E.from.index].cfg->flavour == ApiFlavour::Http)
        m_k.warn("edge " + std::to_string(e)
                 + ": HTTP APIs have no SNS integration (REST only, aws-behaviour.md §2)");
    return true;
}

void ApiGatewayService::onEvent(const Event &e)
{
    onTimeout(e.entity, e.gen, e.aux);
}

bool ApiGatewayService::accept(std::uint32_t api, std::uint32_t msg)
{
    Api &A = m_apis[api];
    const Ticks now = m_k.now();
    m_k.metrics().add(A.m + AmRequests, 1);
    // Billing: REST per request; HTTP APIs are metered in 512 KB increments (aws-behaviour.md §2).
    const double units =
        A.cfg->flavour == ApiFlavour::Http ? billedChunks(m_k.msg(msg).bytes, 524288) : 1.0;
    m_k.metrics().add(A.m + AmBilledRequests, units);
    // Stage/method limits can only be lower than the account bucket (10,000 RPS / 5,000 burst),
    // which all APIs of the account share; excess requests get 429 (aws-behaviour.md §2 "Account
    // throttle").
    if (!A.bucket.takeLimited(now, m_k.limitFactor({kKind, api})) || !m_account.take(now)) {
        m_k.metrics().add(A.m + Am429, 1);
        m_k.finish(msg, &Ledger::rejected);
        return false;
    }
    if (A.integration == kNone) {
        m_k.metrics().add(A.m + Am5xx, 1);
        m_k.drop(msg, DropReason::NoRoute);
        return false;
    }
    const Edge &E = m_k.scenario().edges[A.integration];
    const double overhead = A.cfg->overheadMs;
    if (E.to.kind == ComponentKind::Lambda && E.kind != EdgeKind::AsyncInvoke) {
        // Lambda proxy integration: synchronous invoke, the response waits for the function.
        const Message &m = m_k.msg(msg);
        const bool fails = m_lambda->recordFails(E.to.index, m.path, m.poison != 0);
        const std::uint32_t inv = m_lambda->invoke(E.to.index, m_invoker, msg, m.gen, fails, api);
        if (inv == kNone) {
            // The function throttled (429 from Lambda); API Gateway answers with a 5xx and the
            // caller decides whether to retry (aws-behaviour.md §1 "Sync throttle").
            m_k.metrics().add(A.m + Am5xx, 1);
            latency(A, overhead);
            m_k.finish(msg, &Ledger::rejected);
            return false;
        }
        // Integration timeout (REST 29 s default, HTTP 30 s max): the client gets 504 at the
        // timeout while the function keeps running and is billed to its end (aws-behaviour.md §2).
        const Ticks timeout = msToTicks(A.cfg->integrationTimeoutMs - overhead);
        const Invocation &I = m_lambda->invocation(inv);
        if (I.end - I.start > timeout)
            m_k.scheduleIn(timeout, eventTag(kKind, EvTimeout), msg, m_k.msg(msg).gen, api);
        return true;
    }
    // Direct integration (SQS SendMessage, SNS Publish, Kinesis PutRecord, StartExecution) or
    // an async Lambda invoke: the response returns once the service accepted the message.
    latency(A, overhead);
    const bool ok = m_k.deliver(E.to, msg);
    if (!ok)
        m_k.metrics().add(A.m + Am5xx, 1);
    return ok;
}

void ApiGatewayService::lambdaDone(const Invocation &inv)
{
    const std::uint32_t msg = inv.ctx;
    if (m_k.msg(msg).gen != inv.ctxGen)
        return;
    Api &A = m_apis[inv.aux];
    const double ms = ticksToSeconds(inv.end - inv.start) * 1000.0 + A.cfg->overheadMs;
    latency(A, ms);
    if (inv.error) {
        m_k.metrics().add(A.m + Am5xx, 1); // function error -> 502 to the caller
        m_k.drop(msg, DropReason::SyncError);
        return;
    }
    m_lambda->succeeded(inv.fn, msg);
}

void ApiGatewayService::latency(Api &A, double ms)
{
    m_k.metrics().add(A.m + AmLatencySum, ms);
    m_k.metrics().peak(A.m + AmLatencyMax, ms);
    A.binHist.record(msToTicks(ms));
}

void ApiGatewayService::onTimeout(std::uint32_t msg, std::uint32_t gen, std::uint32_t api)
{
    if (m_k.msg(msg).gen != gen)
        return;
    Api &A = m_apis[api];
    m_k.metrics().add(A.m + Am504, 1);
    latency(A, A.cfg->integrationTimeoutMs);
    m_k.drop(msg, DropReason::IntegrationTimeout); // the late function result is ignored
}

void ApiGatewayService::sampleBin()
{
    MetricStore &ms = m_k.metrics();
    for (Api &A : m_apis) {
        ms.setLast(A.m + AmP50, A.binHist.quantile(0.50) / 1000.0);
        ms.setLast(A.m + AmP95, A.binHist.quantile(0.95) / 1000.0);
        ms.setLast(A.m + AmP99, A.binHist.quantile(0.99) / 1000.0);
        if (A.binHist.count())
            A.binHist.clear();
    }
}

} // namespace swb::core
