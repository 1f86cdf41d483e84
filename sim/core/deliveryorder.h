#pragma once
// Order counters: whether units of one ordering key were processed in the order they arrived.
// AWS keeps order per Kinesis shard (per partition key with a parallelization factor above 1;
// aws-behaviour.md §5) and per SQS FIFO message group (aws-behaviour.md §4 "FIFO: in order per
// message group"). A delivery is out of order when a unit that arrived later was processed
// before it. Retries of a unit and records skipped after their retries are not deliveries. The
// results' kinesis.out_of_order and sqs.out_of_order series read 0 while the engine keeps the
// documented order; the counter is what shows it.

#include <cstdint>
#include <limits>

namespace swb::core {

class DeliveryOrder
{
public:
    // `stamp` is the unit's position in its key's arrival order (a Kinesis sequence number, an
    // SQS send time). True when a unit with a later stamp was processed before this one.
    bool deliver(std::int64_t stamp)
    {
        if (stamp < m_last) {
            m_reordered = true;
            return true;
        }
        m_last = stamp;
        return false;
    }
    // Any delivery of this key came out of order.
    bool reordered() const { return m_reordered; }

private:
    std::int64_t m_last = std::numeric_limits<std::int64_t>::min();
    bool m_reordered = false;
};

} // namespace swb::core
