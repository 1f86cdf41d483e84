// API Gateway (aws-behaviour.md §2): stage and account token buckets (rate + burst) -> 429,
// integration timeout -> 504, Lambda proxy (sync) and direct service integrations.
#include "core/engine.h"

#include <algorithm>
#include <cmath>

namespace swb::core {

bool Engine::apiRequest(std::uint32_t api, std::uint32_t msg)
{
    ApiState &A = m_apis[api];
    const Ticks now = m_q.now();
    m_metrics.add(A.m + AmRequests, 1);
    // Billing: REST per request; HTTP APIs are metered in 512 KB increments (aws-behaviour.md §2).
    const double units = A.cfg->flavour == ApiFlavour::Http
                             ? std::max(1.0, std::ceil(m_msgs[msg].bytes / 524288.0))
                             : 1.0;
    m_metrics.add(A.m + AmBilledRequests, units);
    // Stage/method limits can only be lower than the account bucket (10,000 RPS / 5,000 burst),
    // which all APIs of the account share; excess requests get 429 (aws-behaviour.md §2 "Account
    // throttle").
    if (!A.bucket.take(now) || !m_apiAccount.take(now)) {
        m_metrics.add(A.m + Am429, 1);
        finish(msg, &Ledger::rejected);
        return false;
    }
    if (A.integration == kNone) {
        m_metrics.add(A.m + Am5xx, 1);
        drop(msg, DropReason::NoRoute);
        return false;
    }
    const Edge &E = m_sc.edges[A.integration];
    const double overhead = A.cfg->overheadMs;
    if (E.to.kind == ComponentKind::Lambda && E.kind != EdgeKind::AsyncInvoke) {
        // Lambda proxy integration: synchronous invoke, the response waits for the function.
        const std::uint32_t inv = m_lambda->invoke(E.to.index, m_invApi, msg, m_msgs[msg].gen,
                                                   m_msgs[msg].poison != 0, api);
        if (inv == kNone) {
            // The function throttled (429 from Lambda); API Gateway answers with a 5xx and the
            // caller decides whether to retry (aws-behaviour.md §1 "Sync throttle").
            m_metrics.add(A.m + Am5xx, 1);
            apiLatency(A, overhead);
            finish(msg, &Ledger::rejected);
            return false;
        }
        // Integration timeout (REST 29 s default, HTTP 30 s max): the client gets 504 at the
        // timeout while the function keeps running and is billed to its end (aws-behaviour.md §2).
        const Ticks timeout = msToTicks(A.cfg->integrationTimeoutMs - overhead);
        const Invocation &I = m_lambda->invocation(inv);
        if (I.end - I.start > timeout)
            m_q.scheduleIn(timeout, EvApiTimeout, msg, m_msgs[msg].gen, api);
        return true;
    }
    // Direct integration (SQS SendMessage, SNS Publish, Kinesis PutRecord, StartExecution) or
    // an async Lambda invoke: the response returns once the service accepted the message.
    apiLatency(A, overhead);
    const bool ok = deliver(E.to, msg);
    if (!ok)
        m_metrics.add(A.m + Am5xx, 1);
    return ok;
}

void Engine::apiLambdaDone(const Invocation &inv)
{
    const std::uint32_t msg = inv.ctx;
    if (m_msgs[msg].gen != inv.ctxGen)
        return;
    ApiState &A = m_apis[inv.aux];
    const double ms = ticksToSeconds(inv.end - inv.start) * 1000.0 + A.cfg->overheadMs;
    apiLatency(A, ms);
    if (inv.error) {
        m_metrics.add(A.m + Am5xx, 1); // function error -> 502 to the caller
        drop(msg, DropReason::SyncError);
        return;
    }
    m_lambda->succeeded(inv.fn, msg);
}

void Engine::apiLatency(ApiState &A, double ms)
{
    m_metrics.add(A.m + AmLatencySum, ms);
    m_metrics.peak(A.m + AmLatencyMax, ms);
    A.binHist.record(msToTicks(ms));
}

void Engine::onApiTimeout(std::uint32_t msg, std::uint32_t gen, std::uint32_t api)
{
    if (m_msgs[msg].gen != gen)
        return;
    ApiState &A = m_apis[api];
    m_metrics.add(A.m + Am504, 1);
    apiLatency(A, A.cfg->integrationTimeoutMs);
    drop(msg, DropReason::IntegrationTimeout); // the late function result is ignored
}

} // namespace swb::core
