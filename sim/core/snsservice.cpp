// SNS (ref §3): fan-out of every publish to each subscription whose filter policy matches, the
// delivery retry policy of the endpoint kind, and the subscription DLQ.
#include "core/engine.h"
#include "core/metricids.h"

#include <algorithm>
#include <cmath>

namespace swb::core {

namespace {

// Delay before retry number `retry` (1-based), or -1 when the policy is exhausted
// (sns-message-delivery-retries.html, ref §3 table). SNS adds jitter; this model does not.
double retryDelaySeconds(DeliveryPolicy p, std::uint32_t retry)
{
    switch (p) {
    case DeliveryPolicy::Auto:
    case DeliveryPolicy::AwsManaged:
        // 3 immediate, 2 one second apart, 10 exponential 1 -> 20 s, 100,000 twenty seconds
        // apart: 100,015 retries over about 23 days.
        if (retry <= 3)
            return 0;
        if (retry <= 5)
            return 1;
        if (retry <= 15)
            return std::pow(20.0, (retry - 6) / 9.0);
        if (retry <= 100015)
            return 20;
        return -1;
    case DeliveryPolicy::Http:
        // Default HTTP/S policy: 3 retries 20 s apart (4 attempts).
        return retry <= 3 ? 20 : -1;
    case DeliveryPolicy::CustomerManaged:
        // 2 retries 10 s apart, 10 exponential 10 -> 600 s, 38 at 600 s: 50 over ~6 h.
        if (retry <= 2)
            return 10;
        if (retry <= 12)
            return 10 * std::pow(60.0, (retry - 3) / 9.0);
        if (retry <= 50)
            return 600;
        return -1;
    }
    return -1;
}

} // namespace

bool Engine::snsPublish(std::uint32_t topic, std::uint32_t msg)
{
    TopicState &T = m_topics[topic];
    Message &m = m_msgs[msg];
    m_metrics.add(T.m + SmPublishes, 1);
    // Each 64 KB chunk of a publish is billed as one request (ref §3 "Pricing").
    m_metrics.add(T.m + SmBilledPublishes, std::max(1.0, std::ceil(m.bytes / 65536.0)));
    m_scratch.clear();
    for (std::uint32_t e : T.subs) {
        const SubscriptionConfig &sub = m_sc.edges[e].sub;
        // Filter policy: messages that do not match are not delivered nor billed (ref §3).
        const bool match = sub.filterValueMask ? ((sub.filterValueMask >> m.attr) & 1u) != 0
                                               : T.rng.bernoulli(sub.filterMatchProbability);
        if (match)
            m_scratch.push_back(e);
        else
            m_metrics.add(T.m + SmFiltered, 1);
    }
    if (m_scratch.empty()) {
        drop(msg, DropReason::FilteredOut);
        return true; // the publish itself succeeded
    }
    // One unit per matching subscription: copies for all but the last, which takes the original.
    const std::size_t n = m_scratch.size();
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t id = i + 1 < n ? copyMessage(msg) : msg;
        Message &c = m_msgs[id];
        c.ctx = m_scratch[i];
        c.aux = topic;
        c.attempts = 0;
        snsAttempt(id);
    }
    return true;
}

void Engine::snsAttempt(std::uint32_t msg)
{
    Message &m = m_msgs[msg];
    const Edge &E = m_sc.edges[m.ctx];
    TopicState &T = m_topics[m.aux];
    ++m.attempts;
    DeliveryPolicy policy = E.sub.policy;
    if (policy == DeliveryPolicy::Auto)
        policy = E.to.kind == ComponentKind::Downstream ? DeliveryPolicy::Http
                                                        : DeliveryPolicy::AwsManaged;
    bool ok = true;
    double latency = 0;
    if (const Fault *f = activeFault(FaultKind::DownstreamOutage, E.to))
        ok = !T.rng.bernoulli(f->errorRate); // endpoint unavailable
    if (ok && E.to.kind == ComponentKind::Downstream)
        ok = downstreamCall(E.to.index, latency);
    if (ok) {
        m_metrics.add(T.m + SmDeliveries, 1);
        switch (E.to.kind) {
        case ComponentKind::SqsQueue:
            sqsSend(E.to.index, msg);
            break;
        case ComponentKind::Lambda:
            lambdaAsync(E.to.index, msg);
            break;
        case ComponentKind::Downstream:
            m_metrics.add(T.m + SmBilledHttp, 1); // HTTP/S deliveries are billed (ref §3)
            succeed(msg);
            break;
        default:
            drop(msg, DropReason::NoRoute);
            break;
        }
        return;
    }
    m_metrics.add(T.m + SmFailures, 1);
    const double delay = retryDelaySeconds(policy, m.attempts);
    if (delay < 0) {
        // Policy exhausted: the subscription DLQ if configured, else discarded (ref §3).
        if (E.sub.deadLetter.valid()) {
            m_metrics.add(T.m + SmDlq, 1);
            deadLetter(E.sub.deadLetter, msg);
        } else {
            drop(msg, DropReason::SnsExhausted);
        }
        return;
    }
    m_metrics.add(T.m + SmRetries, 1);
    m_q.scheduleIn(secondsToTicks(delay), EvSnsRetry, msg, m.gen);
}

void Engine::onSnsRetry(std::uint32_t msg, std::uint32_t gen)
{
    if (m_msgs[msg].gen == gen)
        snsAttempt(msg);
}

} // namespace swb::core
