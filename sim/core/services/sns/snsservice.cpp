// SNS topics (snsservice.h).
#include "core/services/sns/snsservice.h"

#include "core/services/downstream/downstreamservice.h"

#include <algorithm>
#include <cmath>

namespace swb::core {

namespace {

// Delay before retry number `retry` (1-based), or -1 when the policy is exhausted
// (sns-message-delivery-retries.html, aws-behaviour.md §3 table). SNS adds jitter; this model does
// not.
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

ServiceSlot makeSnsTopicService(Kernel &k)
{
    return ServiceSlot::of(std::make_unique<SnsService>(k));
}

void SnsService::setup()
{
    m_down = &m_k.service<DownstreamService>();
    m_topics.resize(m_k.scenario().topics.size());
    for (std::uint32_t i = 0; i < m_topics.size(); ++i) {
        m_topics[i].rng.reseed(m_k.rngSeed({kKind, i}));
        m_topics[i].m = m_k.addSeries(kKind, {kKind, i}, kSnsMetrics);
    }
}

// Subscriptions (aws-behaviour.md §3 "Subscribers"): SQS queues, Lambda functions, HTTP/S
// endpoints.
bool SnsService::wire(std::uint32_t e)
{
    const Edge &E = m_k.scenario().edges[e];
    if (E.kind != EdgeKind::Subscription
        || (E.to.kind != ComponentKind::SqsQueue && E.to.kind != ComponentKind::Lambda
            && E.to.kind != ComponentKind::Downstream))
        return false;
    m_topics[E.from.index].subs.push_back(e);
    return true;
}

void SnsService::onEvent(const Event &e)
{
    onRetry(e.entity, e.gen);
}

// Dead letters (Kernel::deadLetter): a topic with subscriptions publishes them like any message;
// otherwise the publish is counted and the unit stays dead-lettered.
bool SnsService::deadLetter(std::uint32_t t, bool mayConsume)
{
    if (mayConsume && !m_topics[t].subs.empty())
        return true;
    m_k.metrics().add(m_topics[t].m + SmPublishes, 1);
    return false;
}

void SnsService::finishWiring()
{
    for (std::size_t t = 0; t < m_topics.size(); ++t) {
        Topic &T = m_topics[t];
        const SnsTopic &cfg = m_k.scenario().topics[t];
        T.fifo = cfg.type == TopicType::Fifo;
        if (!T.fifo) {
            // The Publish quota's burst is not documented: one second's worth.
            T.publishes.init(cfg.publishesPerSecond, cfg.publishesPerSecond);
            continue;
        }
        // The burst a FIFO topic absorbs is not documented: the buckets hold one second's worth.
        T.fifoRate.init(cfg.fifoPublishesPerSecond, cfg.fifoPublishesPerSecond);
        T.fifoBytes.init(cfg.fifoPublishBytesPerSecond, cfg.fifoPublishBytesPerSecond);
        // FIFO topics deliver to SQS queues only (aws-behaviour.md §3 "Topic types").
        std::vector<std::uint32_t> kept;
        for (std::uint32_t e : T.subs) {
            if (m_k.scenario().edges[e].to.kind == ComponentKind::SqsQueue)
                kept.push_back(e);
            else
                m_k.warn("edge " + std::to_string(e) + ": " + cfg.name
                         + " is a FIFO topic; it delivers only to SQS queues, ignored");
        }
        T.subs.swap(kept);
        // Each subscription keeps its queue's MessageGroupIds, so a group of the topic is the
        // same group in the FIFO queue it feeds (messagegroups.h).
        T.subGroups.resize(T.subs.size());
        for (std::size_t i = 0; i < T.subs.size(); ++i)
            T.subGroups[i].init(
                m_k.scenario().queues[m_k.scenario().edges[T.subs[i]].to.index].messageGroupCount);
    }
}

// Publish limits (aws-behaviour.md §3): a FIFO topic takes 3,000 msg/s and 20 MB/s ("FIFO
// throughput history"), a standard topic the account's Publish quota ("Publish quota"). Above
// them Publish fails with a throttling error and the publisher's SDK retries it (§10); a
// Throttle fault lowers the limits by its factor (rate and burst alike, TokenBucket).
bool SnsService::admit(std::uint32_t topic, std::uint32_t msg)
{
    Topic &T = m_topics[topic];
    const Ticks now = m_k.now();
    const double factor = m_k.limitFactor({kKind, topic});
    bool ok = factor > 0;
    if (ok && T.fifo) {
        const double bytes = m_k.msg(msg).bytes;
        ok = T.fifoRate.available(now) >= 1.0 / std::min(factor, 1.0)
             && T.fifoBytes.available(now) >= bytes / std::min(factor, 1.0);
        if (ok) {
            T.fifoRate.takeLimited(now, factor);
            T.fifoBytes.takeLimited(now, factor, bytes);
        }
    } else if (ok) {
        ok = T.publishes.takeLimited(now, factor);
    }
    if (!ok)
        m_k.metrics().add(T.m + SmThrottles, 1);
    return ok;
}

bool SnsService::accept(std::uint32_t topic, std::uint32_t msg)
{
    Topic &T = m_topics[topic];
    Message &m = m_k.msg(msg);
    if (T.fifo) // FIFO bills payload GB (aws-behaviour.md §3)
        m_k.metrics().add(T.m + SmPublishedBytes, m.bytes);
    m_k.metrics().add(T.m + SmPublishes, 1);
    // Each 64 KB chunk of a publish is billed as one request (aws-behaviour.md §3 "Pricing").
    m_k.metrics().add(T.m + SmBilledPublishes, billedChunks(m.bytes, 65536));
    m_matched.clear();
    for (std::uint32_t slot = 0; slot < T.subs.size(); ++slot) {
        const SubscriptionConfig &sub = m_k.scenario().edges[T.subs[slot]].sub;
        // Filter policy: messages that do not match are not delivered nor billed (aws-behaviour.md
        // §3).
        const bool match = sub.filterValueMask ? ((sub.filterValueMask >> m.attr) & 1u) != 0
                                               : T.rng.bernoulli(sub.filterMatchProbability);
        if (match)
            m_matched.push_back(slot);
        else
            m_k.metrics().add(T.m + SmFiltered, 1);
    }
    if (m_matched.empty()) {
        m_k.drop(msg, DropReason::FilteredOut);
        return true; // the publish itself succeeded
    }
    // One unit per matching subscription: copies for all but the last, which takes the original.
    const std::size_t n = m_matched.size();
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t slot = m_matched[i];
        const std::uint32_t id = i + 1 < n ? m_k.copyMessage(msg) : msg;
        Message &c = m_k.msg(id);
        c.ctx = T.subs[slot];
        c.aux = topic;
        c.attempts = 0;
        if (T.fifo) {
            MessageGroups &G = T.subGroups[slot];
            const std::uint32_t g = G.groupOf(c.key);
            if (G.busy[g]) {
                G.pending[g].pushBack(id); // waits for the group's head (strict order)
                continue;
            }
        }
        attempt(id);
    }
    return true;
}

// One delivery attempt (the first, or a retry) of the head of its group. On a FIFO topic a head
// that needs a retry locks its group on that subscription; once it is through (delivered,
// dead-lettered or discarded) the deliveries held behind it go, in order, until one fails.
void SnsService::attempt(std::uint32_t msg)
{
    const std::uint32_t edge = m_k.msg(msg).ctx, key = m_k.msg(msg).key;
    Topic &T = m_topics[m_k.msg(msg).aux];
    const bool done = tryDeliver(msg);
    if (!T.fifo)
        return;
    const auto slot =
        static_cast<std::size_t>(std::find(T.subs.begin(), T.subs.end(), edge) - T.subs.begin());
    MessageGroups &G = T.subGroups[slot];
    const std::uint32_t g = G.groupOf(key);
    G.busy[g] = done ? 0 : 1;
    while (!G.busy[g] && !G.pending[g].empty()) {
        const std::uint32_t next = G.pending[g].front();
        G.pending[g].popFront();
        G.busy[g] = tryDeliver(next) ? 0 : 1;
    }
}

// Delivers to the subscription in Message::ctx. False when a retry is scheduled; true when the
// message is through (delivered, or the policy is exhausted: DLQ or discarded).
bool SnsService::tryDeliver(std::uint32_t msg)
{
    Message &m = m_k.msg(msg);
    const Edge &E = m_k.scenario().edges[m.ctx];
    Topic &T = m_topics[m.aux];
    ++m.attempts;
    DeliveryPolicy policy = E.sub.policy;
    if (policy == DeliveryPolicy::Auto)
        policy = E.to.kind == ComponentKind::Downstream ? DeliveryPolicy::Http
                                                        : DeliveryPolicy::AwsManaged;
    bool ok = true;
    double latency = 0;
    // The endpoint is unavailable: an Outage on the endpoint's block, or on this subscription
    // alone (the topic's other subscriptions deliver as usual).
    const Fault *f =
        m_k.scenario().faults.empty() ? nullptr : m_k.activeFault(FaultKind::Outage, E.to);
    if (!f && !m_k.scenario().faults.empty())
        f = m_k.activeEdgeFault(FaultKind::Outage, m.ctx);
    if (f)
        ok = !T.rng.bernoulli(f->errorRate);
    if (ok && E.to.kind == ComponentKind::Downstream)
        ok = m_down->call(E.to.index, latency);
    else if (ok)
        ok = m_k.admits(E.to, msg); // a FIFO queue over its quota throttles (a failed delivery)
    if (ok) {
        m_k.metrics().add(T.m + SmDeliveries, 1);
        if (E.to.kind == ComponentKind::Downstream) {
            m_k.metrics().add(T.m + SmBilledHttp,
                              1); // HTTP/S deliveries are billed (aws-behaviour.md §3)
            m_k.succeed(msg);
        } else {
            m_k.deliverAdmitted(E.to, msg); // an SQS queue, or a Lambda function (async)
        }
        return true;
    }
    m_k.metrics().add(T.m + SmFailures, 1);
    const double delay = retryDelaySeconds(policy, m.attempts);
    if (delay < 0) {
        // Policy exhausted: the subscription DLQ if configured, else discarded (aws-behaviour.md
        // §3).
        if (E.sub.deadLetter.valid()) {
            m_k.metrics().add(T.m + SmDlq, 1);
            m_k.deadLetter(E.sub.deadLetter, msg);
        } else {
            m_k.drop(msg, DropReason::SnsExhausted);
        }
        return true;
    }
    m_k.metrics().add(T.m + SmRetries, 1);
    m_k.scheduleIn(secondsToTicks(delay), eventTag(kKind, EvRetry), msg, m.gen);
    return false;
}

void SnsService::onRetry(std::uint32_t msg, std::uint32_t gen)
{
    if (m_k.msg(msg).gen == gen)
        attempt(msg);
}

} // namespace swb::core
