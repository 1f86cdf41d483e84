#pragma once
// MessageGroupId ordering, shared by SQS FIFO queues and SNS FIFO topics. AWS: a FIFO queue hands
// out the messages of one group in order and, while a group's messages are in flight, no later
// message of that group (aws-behaviour.md §4 "FIFO: in order per message group; retries block later
// messages in the same group"); a FIFO topic delivers in strict order per MessageGroupId
// (aws-behaviour.md §3 "Topic types"), so a delivery being retried holds back the later messages of
// its group.
//
// The traffic's MessageGroupId is modelled as the message's random key modulo the number of
// distinct groups, so a FIFO topic and the FIFO queue it feeds put a message in the same group.

#include "core/ringdeque.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace swb::core {

// The most distinct groups a run keeps state for (SQS allows any number of MessageGroupIds; the
// design caps the "message groups" knob; memory is one small deque per group).
inline constexpr std::uint32_t kMaxMessageGroups = 100000;

struct MessageGroups {
    std::vector<RingDeque<std::uint32_t>> pending; // per group: waiting messages, in order
    std::vector<std::uint8_t> busy;                // per group: its head is being processed

    void init(std::uint32_t count)
    {
        const std::uint32_t n = std::clamp<std::uint32_t>(count, 1, kMaxMessageGroups);
        pending.resize(n);
        busy.assign(n, 0);
    }
    std::size_t size() const { return pending.size(); }
    std::uint32_t groupOf(std::uint32_t key) const
    {
        return key % static_cast<std::uint32_t>(pending.size());
    }
};

} // namespace swb::core
