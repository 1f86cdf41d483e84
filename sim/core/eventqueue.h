#pragma once
// The event list: POD event records stored by value in a 4-ary min-heap ordered by (time, seq),
// plus a FIFO ring for zero-delay hand-offs. Equal times pop in scheduling order (seq), which
// together with seeded RNG streams makes runs bit-identical. No allocation once the vectors have
// grown to the peak number of pending events.

#include <cstdint>
#include <vector>

namespace swb::core {

using Ticks = std::int64_t; // simulated time in microseconds
inline constexpr Ticks kTicksPerSecond = 1'000'000;
inline constexpr Ticks kTicksPerMs = 1'000;
inline constexpr Ticks kNever = INT64_MAX;

// Rounds microseconds to ticks, saturating: a time beyond the tick range (about 292,000 years,
// e.g. 1e300 s read from a replay file) or NaN becomes kNever ("never happens") and a huge
// negative one -kNever, so no value can reach the undefined double -> int64 conversion.
inline Ticks microsecondsToTicks(double us)
{
    constexpr double kLimit = 9.2e18; // just below 2^63
    if (!(us < kLimit))
        return kNever;
    if (us <= -kLimit)
        return -kNever;
    return static_cast<Ticks>(us + (us >= 0 ? 0.5 : -0.5));
}
inline Ticks secondsToTicks(double s)
{
    return microsecondsToTicks(s * 1e6);
}
inline Ticks msToTicks(double ms)
{
    return microsecondsToTicks(ms * 1e3);
}
inline double ticksToSeconds(Ticks t)
{
    return static_cast<double>(t) * 1e-6;
}

struct Event {
    Ticks time = 0;
    std::uint64_t seq = 0;    // FIFO among equal times
    std::uint32_t entity = 0; // index of the object the event is about (meaning depends on type)
    std::uint16_t type = 0;   // dispatch tag, switched on by the owner of the queue
    std::uint16_t small = 0;  // small payload (e.g. a sub-index)
    std::uint32_t gen = 0;    // generation for lazy cancellation: stale if != owner's generation
    std::uint32_t aux = 0;    // payload
};
static_assert(sizeof(Event) == 32);

class EventQueue
{
public:
    EventQueue()
    {
        m_heap.reserve(1024);
        m_ring.resize(1024);
    }

    Ticks now() const { return m_now; }
    std::uint64_t scheduled() const { return m_seq; }
    std::size_t size() const { return m_heap.size() + m_ringCount; }
    bool empty() const { return size() == 0; }

    // Time of the next event, kNever when empty.
    Ticks nextTime() const
    {
        if (m_ringCount)
            return m_now; // ring events are due now
        return m_heap.empty() ? kNever : m_heap.front().time;
    }

    void schedule(Ticks at, std::uint16_t type, std::uint32_t entity, std::uint32_t gen = 0,
                  std::uint32_t aux = 0, std::uint16_t small = 0)
    {
        Event e{at < m_now ? m_now : at, m_seq++, entity, type, small, gen, aux};
        if (e.time == m_now)
            pushRing(e);
        else
            pushHeap(e);
    }
    void scheduleIn(Ticks delay, std::uint16_t type, std::uint32_t entity, std::uint32_t gen = 0,
                    std::uint32_t aux = 0, std::uint16_t small = 0)
    {
        schedule(m_now + delay, type, entity, gen, aux, small);
    }

    // Removes the earliest event into `out` and advances the clock. Returns false when empty.
    bool pop(Event &out)
    {
        if (m_ringCount) {
            const Event &r = m_ring[m_ringHead];
            // A heap event at the same time with a smaller seq was scheduled first.
            if (m_heap.empty() || m_heap.front().time > r.time
                || (m_heap.front().time == r.time && m_heap.front().seq > r.seq)) {
                out = r;
                m_ringHead = (m_ringHead + 1) & (m_ring.size() - 1);
                --m_ringCount;
                m_now = out.time;
                return true;
            }
        }
        if (m_heap.empty())
            return false;
        out = m_heap.front();
        popHeap();
        m_now = out.time;
        return true;
    }

    // Moves the clock forward without an event (used by runUntil at the end of a slice).
    void advanceTo(Ticks t)
    {
        if (t > m_now && nextTime() >= t)
            m_now = t;
    }

private:
    // Branch-free comparison: the heap's child selection is the kernel's hottest code and its
    // outcome is unpredictable, so avoid mispredicted branches.
    static bool less(const Event &a, const Event &b)
    {
        return (a.time < b.time) | ((a.time == b.time) & (a.seq < b.seq));
    }

    void pushRing(const Event &e)
    {
        if (m_ringCount == m_ring.size())
            growRing();
        m_ring[(m_ringHead + m_ringCount) & (m_ring.size() - 1)] = e;
        ++m_ringCount;
    }
    void growRing();

    void pushHeap(const Event &e)
    {
        std::size_t i = m_heap.size();
        m_heap.push_back(e);
        Event *h = m_heap.data();
        while (i > 0) {
            const std::size_t p = (i - 1) >> 2;
            if (!less(e, h[p]))
                break;
            h[i] = h[p];
            i = p;
        }
        h[i] = e;
    }

    // Floyd's pop: the hole left by the root sinks to a leaf along the smaller children (three
    // comparisons per level instead of four), then the heap's last event rises from there. The
    // last event belongs near the bottom, so it rarely rises more than a level. Keys are unique
    // (seq), so the order of pops is the same as with any other correct heap.
    void popHeap()
    {
        const Event last = m_heap.back();
        m_heap.pop_back();
        const std::size_t n = m_heap.size();
        if (n == 0)
            return;
        Event *h = m_heap.data();
        std::size_t i = 0;
        for (;;) {
            const std::size_t c = 4 * i + 1;
            if (c >= n)
                break;
            std::size_t m = c;
            if (c + 4 <= n) {
                const std::size_t m01 = less(h[c + 1], h[c]) ? c + 1 : c;
                const std::size_t m23 = less(h[c + 3], h[c + 2]) ? c + 3 : c + 2;
                m = less(h[m23], h[m01]) ? m23 : m01;
            } else {
                for (std::size_t k = c + 1; k < n; ++k)
                    if (less(h[k], h[m]))
                        m = k;
            }
            h[i] = h[m];
            i = m;
        }
        while (i > 0) {
            const std::size_t p = (i - 1) >> 2;
            if (!less(last, h[p]))
                break;
            h[i] = h[p];
            i = p;
        }
        h[i] = last;
    }

    std::vector<Event> m_heap;
    std::vector<Event> m_ring; // power-of-two capacity
    std::size_t m_ringHead = 0;
    std::size_t m_ringCount = 0;
    Ticks m_now = 0;
    std::uint64_t m_seq = 0;
};

} // namespace swb::core
