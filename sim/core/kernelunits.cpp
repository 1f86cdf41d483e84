// The kernel's units of work: the message pool, units held outside it, the ledger, end-to-end
// latency per entry path, and routing to dead-letter and on-failure destinations.
#include "core/kernel.h"

namespace swb::core {

std::uint32_t Kernel::newMessage(Ticks created, std::uint16_t path)
{
    ++m_ledger.produced;
    return allocMessage(created, path);
}

std::uint32_t Kernel::restore(Ticks created, std::uint16_t path)
{
    --m_held;
    return allocMessage(created, path);
}

std::uint32_t Kernel::allocMessage(Ticks created, std::uint16_t path)
{
    std::uint32_t id;
    if (!m_freeMsgs.empty()) {
        id = m_freeMsgs.back();
        m_freeMsgs.pop_back();
    } else {
        id = static_cast<std::uint32_t>(m_msgs.size());
        m_msgs.emplace_back();
    }
    Message &m = m_msgs[id];
    const std::uint32_t gen = m.gen;
    m = Message{};
    m.gen = gen;
    m.created = created;
    m.since = m_q.now();
    m.path = path;
    ++m_liveMsgs;
    return id;
}

std::uint32_t Kernel::copyMessage(std::uint32_t src)
{
    const Message copy = m_msgs[src];
    const std::uint32_t id = newMessage(copy.created, copy.path);
    Message &m = m_msgs[id];
    m.bytes = copy.bytes;
    m.key = copy.key;
    m.attr = copy.attr;
    m.poison = copy.poison;
    return id;
}

void Kernel::transfer(std::uint32_t id)
{
    ++m_msgs[id].gen;
    m_freeMsgs.push_back(id);
    --m_liveMsgs;
    ++m_held;
}

void Kernel::produceHeld()
{
    ++m_ledger.produced;
    ++m_held;
}

void Kernel::settleHeld(std::uint16_t path, Ticks created, std::uint64_t Ledger::*outcome)
{
    if (outcome == &Ledger::succeeded)
        recordE2e(path, created);
    ++(m_ledger.*outcome);
    --m_held;
}

void Kernel::dropHeld(std::uint16_t path, Ticks created, DropReason why)
{
    ++m_ledger.droppedBy[static_cast<int>(why)];
    settleHeld(path, created, &Ledger::dropped);
}

const Ledger &Kernel::ledger()
{
    m_ledger.inFlight = m_liveMsgs + m_held;
    return m_ledger;
}

std::uint16_t Kernel::addPath(std::uint32_t e2eCountSeries)
{
    m_paths.emplace_back();
    m_paths.back().countSeries = e2eCountSeries;
    return static_cast<std::uint16_t>(m_paths.size() - 1);
}

LatencyHistogram Kernel::pathLatency(std::uint16_t path) const
{
    if (path >= m_paths.size())
        return {};
    LatencyHistogram h = m_paths[path].total;
    h.merge(m_paths[path].bin);
    return h;
}

// A DLQ or on-failure destination is an ordinary queue, topic or function (aws-behaviour.md §4
// "Redrive", §3 "Subscription DLQ", §1 "Destinations / DLQ"): when the user wired consumers to it
// (an event source mapping on the queue, subscriptions on the topic; a function always runs), the
// unit is delivered there and lives on until that consumer's outcome. A destination nobody consumes
// is a sink: the unit counts as dead-lettered and shows in the target's depth/counters. A chain of
// kill-switched functions whose DLQs feed each other would re-deliver without end within one
// event: past kMaxDlqHops nested hand-offs the unit stays dead-lettered.
void Kernel::deadLetter(ComponentRef to, std::uint32_t msg)
{
    constexpr std::uint32_t kMaxDlqHops = 8;
    const ServiceSlot &s = m_slots[kindIndex(to.kind)];
    m_msgs[msg].quotaSeen = 0; // EventBridge gave up on a throttled target: a new request now
    if (s.deadLetter && s.deadLetter(s.self, to.index, m_dlqHops < kMaxDlqHops)) {
        ++m_dlqHops;
        deliver(to, msg);
        --m_dlqHops;
        return;
    }
    finish(msg, &Ledger::deadLettered);
}

void Kernel::failureNotice(ComponentRef to, std::uint32_t units)
{
    const ServiceSlot &s = m_slots[kindIndex(to.kind)];
    if (s.failureNotice)
        s.failureNotice(s.self, to.index, units);
}

bool Kernel::isFifo(ComponentRef c) const
{
    const ServiceSlot &s = m_slots[kindIndex(c.kind)];
    return s.isFifo && s.isFifo(s.self, c.index);
}

} // namespace swb::core
