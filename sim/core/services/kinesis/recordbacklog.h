#pragma once
// The records waiting in one Kinesis lane (or in an unconsumed shard), oldest first. The oldest
// ones are kept one by one (the head); once the head is full, later records wait behind it as
// cohorts (core/cohortqueue.h: written within 1 s of each other, or within 1/4,096 of the
// backlog's span once it spans more than 4,096 s, of any entry paths) and come back into the
// head, one for each that leaves it. A slow consumer behind an overloaded stream then costs a
// 120-byte cohort per second of backlog per lane for the first 4,096 s, and about 4,096 more per
// doubling of the backlog's span, instead of 32 bytes per record (a day at 2,000 records/s was
// 1 GB; it is 16,600 cohorts, 2 MB, per lane). A lane whose backlog never fills the head runs
// exactly as the per-record model did.
//
// A batch is taken from the head only, so the head must hold at least a batch: the caller passes a
// head of at least the mapping's batch size. What a record back from a cohort gets
// (CohortQueue::pop): its write time interpolated within the cohort (off by less than the cohort's
// width, 1 s or 0.025 % of the backlog's span: 21 s on a day's, which bounds the error of its
// retention expiry, maximum record age and iterator age), its creation time as the cohort's mean
// lag behind it, its bytes shared out exactly, poison drawn with the cohort's poison share, and its
// sequence number interpolated between the cohort's first and last: exact when the lane has the
// whole shard (parallelization factor 1: its sequence numbers are consecutive), otherwise within
// the cohort's span, so a record may count as read (kinesisreads.cpp) up to the cohort's width of
// writes early. Sequence numbers still grow along the lane, so the delivery order counter stays
// exact.

#include "core/cohortqueue.h"
#include "core/ringdeque.h"

#include <cstddef>
#include <cstdint>

namespace swb::core {

struct KinesisRecord {
    Ticks created = 0; // end-to-end origin
    Ticks arrival = 0; // written to the stream (iterator age, retention)
    std::uint32_t bytes = 0;
    std::uint32_t seq = 0; // per-shard sequence number (wraps; compared as a difference)
    std::uint16_t path = 0;
    std::uint8_t poison = 0;
    std::uint8_t failing = 0; // failed its current attempt (LambdaService::recordFails)
};

class RecordBacklog
{
public:
    // The head: size(), front() and [] see only it. While cohorts wait, it holds at least the
    // head passed to pushBack (at least a batch), so a batch never needs to look behind it.
    std::size_t size() const { return m_head.size(); }
    bool empty() const { return m_head.empty(); } // the head is empty only when all is
    std::uint64_t total() const { return m_head.size() + m_tail.size(); }
    std::size_t cohorts() const { return m_tail.cohorts(); }
    KinesisRecord &front() { return m_head.front(); }
    const KinesisRecord &front() const { return m_head.front(); }
    KinesisRecord &operator[](std::size_t i) { return m_head[i]; }
    const KinesisRecord &operator[](std::size_t i) const { return m_head[i]; }

    // A newly written record; `head` is how many records are kept one by one before later ones
    // wait as cohorts.
    void pushBack(const KinesisRecord &r, std::size_t head)
    {
        if (m_tail.empty() && m_head.size() < head) {
            m_head.pushBack(r);
            return;
        }
        m_tail.push(CohortQueue::unitOf(r, r.arrival)); // its holder time is its write time
    }

    // Drops the oldest record; the oldest waiting in a cohort takes its place in the head. The
    // common case (no cohorts) stays inline: a consumer pops every record it processes.
    void popFront()
    {
        m_head.popFront();
        if (!m_tail.empty()) [[unlikely]]
            refillHead();
    }

private:
    [[gnu::noinline]] void refillHead()
    {
        KinesisRecord r;
        CohortQueue::restoreInto(m_tail.pop(), &r);
        m_head.pushBack(r);
    }

    RingDeque<KinesisRecord> m_head;
    CohortQueue m_tail;
};

} // namespace swb::core
