// EventBridge custom event buses (aws-behaviour.md §9), the service behind the settings and metrics
// of eventbus.h. PutEvents: the account's PutEvents quota per Region throttles calls above it
// (ThrottlingException; the producer is refused, nothing is queued on the bus), each accepted entry
// is billed per 64 KB chunk. Rules: each matches independently and sends a matching event to all of
// its targets. Targets: Lambda (async), SQS, SNS, Step Functions, another bus, through
// Kernel::deliver. A hand-off that fails (the target unavailable: an Outage fault on it) or is
// throttled by the account's invocations quota (excess invocations are delayed, not dropped) is
// retried with exponential backoff and jitter until the target's MaximumRetryAttempts or
// MaximumEventAgeInSeconds is reached; the event then goes to the target's DLQ, or is dropped.
//
// While a delivery is pending, Message::ctx is its target (index into m_targets), Message::aux
// its bus, Message::since the time the bus accepted the event (the event's age).

#include "core/kernel.h"
#include "core/services/eventbridge/eventbus.h"
#include "core/tokenbucket.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

namespace swb::core {

namespace {

class EventBusService
{
public:
    static constexpr ComponentKind kKind = ComponentKind::EventBus;

    explicit EventBusService(Kernel &k)
        : m_k(k)
    {}

    // ---- kernel hooks (core/service.h)
    void setup();
    bool wire(std::uint32_t edge); // Subscription (a rule target)
    void finishWiring();           // targets from the buses' rules; the account's quotas
    void onEvent(const Event &e);
    bool accept(std::uint32_t bus, std::uint32_t msg); // PutEvents

private:
    enum Ev : std::uint8_t { EvRetry }; // entity = message, gen: a delivery retry is due

    struct Target {
        ComponentRef to, deadLetter;
        Ticks maxAge = 0;
        std::uint32_t maxRetries = 0;
    };
    struct Rule {
        std::uint64_t mask = 0;
        double probability = 1;
        std::vector<std::uint32_t> targets; // into m_targets
    };
    struct Bus {
        std::vector<Rule> rules;
        double callShare = 1; // PutEvents tokens per entry (1 / entries per call)
        Rng rng;
        std::uint32_t m = 0;
    };

    void attempt(std::uint32_t msg);
    void onRetry(std::uint32_t msg, std::uint32_t gen);

    Kernel &m_k;
    std::vector<Bus> m_buses;
    std::vector<Target> m_targets;
    std::vector<std::uint32_t> m_matched; // scratch: targets of the rules a put matches
    TokenBucket m_puts, m_invocations;    // the account's quotas in the Region
};

} // namespace

ServiceSlot makeEventBusService(Kernel &k)
{
    return ServiceSlot::of(std::make_unique<EventBusService>(k));
}

double eventBusRetryDelaySeconds(std::uint32_t retry, double u)
{
    const double nominal = std::ldexp(1.0, int(std::min<std::uint32_t>(retry, 10)) - 1); // 1..512
    return nominal * (0.5 + u);
}

void EventBusService::setup()
{
    const Scenario &sc = m_k.scenario();
    m_buses.resize(sc.eventBuses.size());
    for (std::uint32_t i = 0; i < m_buses.size(); ++i) {
        m_buses[i].rng.reseed(m_k.rngSeed({kKind, i}));
        m_buses[i].m = m_k.addSeries(kKind, {kKind, i}, kEventBusMetrics);
        m_buses[i].callShare =
            1.0 / std::clamp<std::uint32_t>(sc.eventBuses[i].entriesPerCall, 1, 10);
    }
}

// The kinds a rule may target (aws-behaviour.md §9 "Targets"): Lambda (async), SQS, SNS, Step
// Functions and other buses. The rules themselves name their edges (EventBus::rules).
constexpr std::array kTargetKinds{ComponentKind::Lambda, ComponentKind::SqsQueue,
                                  ComponentKind::SnsTopic, ComponentKind::StepFunctions,
                                  ComponentKind::EventBus};

bool EventBusService::wire(std::uint32_t e)
{
    const Edge &E = m_k.scenario().edges[e];
    return E.kind == EdgeKind::Subscription
           && std::find(kTargetKinds.begin(), kTargetKinds.end(), E.to.kind) != kTargetKinds.end();
}

void EventBusService::finishWiring()
{
    const Scenario &sc = m_k.scenario();
    for (std::uint32_t b = 0; b < m_buses.size(); ++b) {
        for (const EventBusRule &rule : sc.eventBuses[b].rules) {
            Rule r;
            r.mask = rule.matchMask;
            r.probability = rule.matchProbability;
            for (const EventBusTarget &t : rule.targets) {
                const bool ok = t.edge < sc.edges.size()
                                && sc.edges[t.edge].kind == EdgeKind::Subscription
                                && sc.edges[t.edge].from == ComponentRef{kKind, b};
                if (!ok) {
                    m_k.warn(sc.eventBuses[b].name + ": a rule target names edge "
                             + std::to_string(t.edge) + ", not one of its own; ignored");
                    continue;
                }
                Target T;
                T.to = sc.edges[t.edge].to;
                T.maxAge = secondsToTicks(std::clamp(t.maximumEventAgeSeconds, 60.0, 86400.0));
                T.maxRetries = std::min<std::uint32_t>(t.maximumRetryAttempts, 185);
                T.deadLetter = {static_cast<ComponentKind>(t.deadLetterKind), t.deadLetterIndex};
                r.targets.push_back(std::uint32_t(m_targets.size()));
                m_targets.push_back(T);
            }
            m_buses[b].rules.push_back(std::move(r));
        }
    }
    // One account, one Region: every bus draws on the same two buckets, holding one second's
    // worth (the burst AWS allows above the rate is not documented).
    if (!sc.eventBuses.empty()) {
        const EventBus &first = sc.eventBuses.front();
        m_puts.init(first.putEventsPerSecond, first.putEventsPerSecond);
        m_invocations.init(first.invocationsPerSecond, first.invocationsPerSecond);
    }
}

void EventBusService::onEvent(const Event &e)
{
    onRetry(e.entity, e.gen);
}

bool EventBusService::accept(std::uint32_t bus, std::uint32_t msg)
{
    Bus &B = m_buses[bus];
    const Ticks now = m_k.now();
    // Above the account's PutEvents quota the call fails with ThrottlingException and nothing is
    // queued: the producer is refused (aws-behaviour.md §9 "PutEvents").
    if (!m_puts.take(now, B.callShare)) {
        m_k.metrics().add(B.m + EbPutThrottles, 1);
        m_k.finish(msg, &Ledger::rejected);
        return false;
    }
    const std::uint8_t attr = m_k.msg(msg).attr;
    m_k.metrics().add(B.m + EbEvents, 1);
    // Each 64 KB chunk of an entry is billed as one event (aws-behaviour.md §9 "Pricing").
    m_k.metrics().add(B.m + EbBilledEvents, billedChunks(m_k.msg(msg).bytes, 65536));
    m_matched.clear();
    for (const Rule &r : B.rules) {
        const bool match = r.mask ? ((r.mask >> attr) & 1u) != 0 : B.rng.bernoulli(r.probability);
        if (match)
            m_matched.insert(m_matched.end(), r.targets.begin(), r.targets.end());
    }
    if (m_matched.empty()) {
        m_k.metrics().add(B.m + EbUnmatched, 1);
        m_k.drop(msg, DropReason::FilteredOut);
        return true; // the put itself succeeded
    }
    // One unit per target of every matching rule: copies for all but the last.
    const std::size_t n = m_matched.size();
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t id = i + 1 < n ? m_k.copyMessage(msg) : msg;
        Message &c = m_k.msg(id);
        c.ctx = m_matched[i];
        c.aux = bus;
        c.since = now; // the event's age counts from here
        c.attempts = 0;
        attempt(id);
    }
    return true;
}

// One hand-off to the target in Message::ctx; a failure is retried per the target's policy
// (aws-behaviour.md §9 "Retry policy per target").
void EventBusService::attempt(std::uint32_t msg)
{
    Message &m = m_k.msg(msg);
    const Target &T = m_targets[m.ctx];
    Bus &B = m_buses[m.aux];
    ++m.attempts;
    const Ticks now = m_k.now();
    // A target under an Outage fault is unavailable: retried by the policy below.
    bool ok = !m_k.refuses(T.to);
    if (ok && !m_invocations.take(now)) {
        // Over the account's invocations quota: the invocation is throttled, i.e. delayed and
        // retried (aws-behaviour.md §9 "Quotas").
        m_k.metrics().add(B.m + EbInvocationThrottles, 1);
        ok = false;
    }
    // A target over its own request quota (an SQS FIFO queue, an SNS topic: Kernel::admits)
    // throttles the invocation: retried by the policy below, as any failed invocation.
    if (ok)
        ok = m_k.admits(T.to, msg);
    if (ok) {
        m_k.metrics().add(B.m + EbInvocations, 1);
        m_k.deliverAdmitted(T.to, msg);
        return;
    }
    const std::uint32_t retries = m.attempts - 1u;
    const double delay = eventBusRetryDelaySeconds(m.attempts, B.rng.uniform());
    const bool ageExhausted = now + secondsToTicks(delay) - m.since > T.maxAge;
    if (retries < T.maxRetries && !ageExhausted) {
        m_k.metrics().add(B.m + EbRetries, 1);
        m_k.scheduleIn(secondsToTicks(delay), eventTag(kKind, EvRetry), msg, m.gen);
        return;
    }
    // Exhausted (MaximumRetryAttempts, or the next try would come after MaximumEventAgeInSeconds):
    // the target's DLQ, else the event is dropped (aws-behaviour.md §9 "Dead-letter queue").
    m_k.metrics().add(B.m + EbFailedInvocations, 1);
    if (T.deadLetter.valid()) {
        m_k.metrics().add(B.m + EbDlq, 1);
        m_k.deadLetter(T.deadLetter, msg);
    } else if (retries < T.maxRetries) {
        m_k.finish(msg, &Ledger::expired); // maximum event age
    } else {
        m_k.drop(msg, DropReason::AsyncDiscarded); // an async hand-off with its retries spent
    }
}

void EventBusService::onRetry(std::uint32_t msg, std::uint32_t gen)
{
    if (m_k.msg(msg).gen == gen)
        attempt(msg);
}

} // namespace swb::core
