#pragma once
// EventBridge custom event buses (aws-behaviour.md §9). PutEvents: the account's PutEvents quota
// per Region throttles calls above it (ThrottlingException; the producer is refused, nothing is
// queued on the bus), each accepted entry is billed per 64 KB chunk. Rules: each matches
// independently and sends a matching event to all of its targets. Targets: Lambda (async), SQS,
// SNS, Step Functions, another bus, through Kernel::deliver. A hand-off that fails (the target
// unavailable: an Outage fault on it) or is throttled by the account's invocations
// quota (excess invocations are delayed, not dropped) is retried with exponential backoff and
// jitter until the target's MaximumRetryAttempts or MaximumEventAgeInSeconds is reached; the
// event then goes to the target's DLQ, or is dropped.
//
// While a delivery is pending, Message::ctx is its target (index into m_targets), Message::aux
// its bus, Message::since the time the bus accepted the event (the event's age).

#include "core/kernel.h"
#include "core/services/eventbridge/eventbus.h"
#include "core/tokenbucket.h"

#include <cstdint>
#include <vector>

namespace swb::core {

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

    // Delay before retry `retry` (1-based) with the jitter draw u in [0, 1): exponential from 1 s,
    // doubling, capped at 512 s, times 0.5 + u. AWS documents "exponential back off and jitter"
    // without its base or cap (aws-behaviour.md §9, ⚠ derived): this schedule spreads 185 retries
    // over about 24 h, the documented default age.
    static double retryDelaySeconds(std::uint32_t retry, double u);

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

} // namespace swb::core
