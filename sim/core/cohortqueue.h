#pragma once
// A FIFO of waiting units kept as cohorts instead of one entry each (DESIGN.md "Memory is
// proportional to what is in flight"): units that arrive within kCohortWidth of a cohort's first
// arrival, from the same entry path and with the same attributes, share one 48-byte cohort
// holding their count, first and last arrival, total payload, total lag behind their creation and
// how many are poison. A week of 2,000 messages/s into a consumer that takes one at a time is then
// one cohort per second of backlog, not 1.2 billion messages.
//
// What a unit taken back out gets: its arrival time interpolated evenly between the cohort's
// first and last arrival (exact for one unit, and for evenly spaced arrivals; otherwise off by
// less than kCohortWidth), its creation time that arrival minus the cohort's mean lag, the
// cohort's payload bytes shared out so that their sum is exact, poison drawn with the cohort's
// poison share, and a fresh hashed key (the traffic sources draw both per message, uniformly
// and by a Bernoulli trial, trafficservice.cpp). The draws hash the cohort and the unit's place
// in it: the same run gives the same units. Per-unit identity beyond that is not kept: a holder
// that needs it (FIFO groups, batches in flight) keeps those units in the kernel's pool.

#include "core/eventqueue.h"
#include "core/ringdeque.h"

#include <cstdint>

namespace swb::core {

class CohortQueue
{
public:
    // Arrivals later than this after a cohort's first one start a new cohort.
    static constexpr Ticks kCohortWidth = kTicksPerSecond;
    // Cap per cohort: keeps the shared-out arithmetic inside 64 bits (count x bytes remainder).
    static constexpr std::uint32_t kMaxCount = 1u << 24;

    struct Unit {
        Ticks since = 0, created = 0;
        std::uint32_t bytes = 0, key = 0;
        std::uint16_t path = 0;
        std::uint8_t attr = 0, poison = 0;
    };

    bool empty() const { return m_units == 0; }
    std::uint64_t size() const { return m_units; } // units, not cohorts
    std::size_t cohorts() const { return m_q.size(); }

    void push(const Unit &u)
    {
        if (m_q.empty() || !fits(m_q.back(), u))
            m_q.pushBack(Cohort{u.since, u.since, 0, 0, 0, 0, 0, u.path, u.attr});
        Cohort &c = m_q.back();
        c.last = u.since;
        c.lag += static_cast<std::uint64_t>(u.since - u.created);
        c.bytes += u.bytes;
        c.poison += u.poison != 0;
        ++c.count;
        ++m_units;
    }

    // The arrival time of the oldest unit; the queue must not be empty.
    Ticks frontSince() const { return sinceOf(m_q.front(), m_q.front().taken); }

    // Takes the oldest unit out; the queue must not be empty.
    Unit pop()
    {
        Cohort &c = m_q.front();
        const std::uint32_t k = c.taken;
        Unit u;
        u.since = sinceOf(c, k);
        u.created = u.since - static_cast<Ticks>(c.lag / c.count);
        u.bytes =
            static_cast<std::uint32_t>(c.bytes / c.count + share(c.bytes % c.count, k, c.count));
        const std::uint64_t draw = mix(static_cast<std::uint64_t>(c.first) * kGolden + k);
        u.key = static_cast<std::uint32_t>(draw >> 32);
        // Bernoulli(poison share of the cohort), as the source drew it (not every n-th unit: a
        // regular spacing would change how many batches hold one).
        u.poison = c.poison == c.count
                   || (c.poison > 0
                       && (mix(draw) >> 11) * 0x1.0p-53 * c.count < static_cast<double>(c.poison));
        u.path = c.path;
        u.attr = c.attr;
        if (++c.taken == c.count)
            m_q.popFront();
        --m_units;
        return u;
    }

private:
    struct Cohort {
        Ticks first = 0, last = 0;
        std::uint64_t lag = 0;   // sum of (arrival - creation) of its units, ticks
        std::uint64_t bytes = 0; // sum of their payloads
        std::uint32_t count = 0, taken = 0, poison = 0;
        std::uint16_t path = 0;
        std::uint8_t attr = 0;
    };
    static_assert(sizeof(Cohort) == 48);

    static bool fits(const Cohort &c, const Unit &u)
    {
        return u.since - c.first < kCohortWidth && c.path == u.path && c.attr == u.attr
               && c.count < kMaxCount;
    }
    static Ticks sinceOf(const Cohort &c, std::uint32_t k)
    {
        return c.count < 2 ? c.first : c.first + (c.last - c.first) * k / (c.count - 1);
    }
    // The k-th of n equal shares of `total` units, rounded so that the n shares sum to `total`.
    static std::uint64_t share(std::uint64_t total, std::uint32_t k, std::uint32_t n)
    {
        return total * (k + 1) / n - total * k / n;
    }
    static constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ull;
    static std::uint64_t mix(std::uint64_t x) // splitmix64 finaliser
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9ull;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBull;
        return x ^ (x >> 31);
    }

    RingDeque<Cohort> m_q;
    std::uint64_t m_units = 0;
};

} // namespace swb::core
