#pragma once
// SNS (aws-behaviour.md §3): fan-out of every publish to each subscription whose filter policy
// matches, the delivery retry policy of the endpoint kind, and the subscription DLQ. FIFO topics
// add the per-topic publish throughput limit, SQS-only subscriptions and strict order per
// MessageGroupId on every subscription (a delivery being retried holds back the later messages of
// its group). FIFO deduplication (5-minute window) is not modelled: the simulated traffic never
// carries a duplicate message (no MessageDeduplicationId repeats), so it would never remove
// anything.
//
// Subscribers: SQS queues and Lambda functions (through Kernel::deliver) and HTTP/S endpoints (a
// Downstream, called synchronously). While a delivery is pending, Message::ctx is its
// subscription edge and Message::aux its topic.

#include "core/kernel.h"
#include "core/messagegroups.h"
#include "core/services/sns/snstopic.h"
#include "core/tokenbucket.h"

#include <cstdint>
#include <vector>

namespace swb::core {

class DownstreamService;

class SnsService
{
public:
    static constexpr ComponentKind kKind = ComponentKind::SnsTopic;

    explicit SnsService(Kernel &k)
        : m_k(k)
    {}

    // ---- kernel hooks (core/service.h)
    void setup();
    bool wire(std::uint32_t edge); // Subscription -> SQS, Lambda, HTTP/S (Downstream)
    void finishWiring();           // FIFO topics: SQS-only subscriptions, group order
    void onEvent(const Event &e);
    bool admit(std::uint32_t topic, std::uint32_t msg);  // the topic's publish limits
    bool accept(std::uint32_t topic, std::uint32_t msg); // Publish
    bool deadLetter(std::uint32_t topic, bool mayConsume);
    bool isFifo(std::uint32_t topic) const
    {
        return m_k.scenario().topics[topic].type == TopicType::Fifo;
    }

private:
    enum Ev : std::uint8_t { EvRetry }; // entity = message, gen: a delivery retry is due

    struct Topic {
        bool fifo = false;
        std::vector<std::uint32_t> subs;      // edge indices
        std::vector<MessageGroups> subGroups; // FIFO: per subscription (as subs), deliveries held
                                              // behind their group's head while it is retried
        TokenBucket fifoRate, fifoBytes; // FIFO publish throughput per topic (aws-behaviour.md §3)
        TokenBucket publishes; // standard topics: the Publish quota (aws-behaviour.md §3)
        Rng rng;
        std::uint32_t m = 0;
    };

    void attempt(std::uint32_t msg);
    bool tryDeliver(std::uint32_t msg);
    void onRetry(std::uint32_t msg, std::uint32_t gen);

    Kernel &m_k;
    DownstreamService *m_down = nullptr;
    std::vector<Topic> m_topics;
    std::vector<std::uint32_t> m_matched; // scratch: matching subscription slots of a publish
};

} // namespace swb::core
