#pragma once
// A FIFO of waiting units kept as cohorts instead of one entry each (DESIGN.md "Memory is
// proportional to what is in flight"): units whose `at` (arrival, or the time a retry is due) is
// within a cohort's width of its first share one 120-byte cohort holding their count, first
// and last `at`, total payload, total lag of their holder and creation times behind `at`, their
// attribute values, and per entry path (the traffic sources that fed it) how many units and how
// many poison. The first kPaths paths of a cohort are held in it; any further path goes to the
// queue's side store, one 20-byte Extra per path and cohort, kept in cohort order in a ring and
// reused once its cohort is taken out (no allocation per unit, none per cohort of <= kPaths
// paths; a queue whose cohorts never have more costs one null pointer). A week of 2,000 messages/s
// into a consumer that takes one at a time is then a few thousand cohorts, not 1.2 billion
// messages, and so is a queue fed by any number of sources in turns (a cohort per path would be a
// cohort per message); the side store adds at most (paths - kPaths) Extras per cohort.
//
// A cohort's width is kCohortWidth (1 s) while the queue spans less than kSpanCohorts seconds
// (from its oldest cohort's first `at` to the unit pushed), and 1/kSpanCohorts of that span
// beyond: a backlog that keeps growing (a day of Kinesis retention behind a slow consumer, SQS's
// 4 days) then holds about kSpanCohorts more cohorts per doubling of its span instead of one
// more per second (maxCohorts()), so its memory stays nearly flat in simulated time. A queue that
// never spans kSpanCohorts seconds forms exactly the cohorts it did with a fixed 1 s width.
//
// What a unit taken back out gets: its `at` interpolated evenly between the cohort's first and last
// (exact for one unit, and for evenly spaced units; otherwise off by less than the cohort's width:
// 1 s, or 1/kSpanCohorts of the span, 0.025 %), its holder and creation times that `at` minus the
// cohort's mean lags, the cohort's payload bytes shared out so that their sum is exact, its entry
// path drawn among the cohort's remaining units without replacement, over its inline and extra
// paths alike (so every path gets back exactly the units it put in, and the ledger per path
// balances), poison drawn with that path's poison share in the cohort, an attribute value drawn
// among the cohort's, its order stamp interpolated like `at` (see Unit::stamp), and a fresh hashed
// key (the traffic sources draw all of them per message, by a Bernoulli trial and uniformly,
// trafficservice.cpp). The draws hash the cohort and the unit's place in it: the same run gives the
// same units. A cohort of one path takes no path draw, so a run whose queues see one path each is
// what it was before cohorts held several, and a cohort of up to kPaths paths draws as it did
// before the side store. Per-unit identity beyond that is not kept: a holder that needs it (FIFO
// groups, batches in flight) keeps those units in the kernel's pool.

#include "core/eventqueue.h"
#include "core/ringdeque.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

namespace swb::core {

class CohortQueue
{
public:
    // Arrivals later than this after a cohort's first one start a new cohort, or later than
    // 1/kSpanCohorts of the queue's span when that is longer (see above).
    static constexpr Ticks kCohortWidth = kTicksPerSecond;
    static constexpr Ticks kSpanCohorts = 4096;
    // Entry paths one cohort holds inline; a further path of the cohort goes to the side store.
    static constexpr int kPaths = 4;
    // Cap per cohort: keeps the shared-out arithmetic inside 64 bits (count x bytes remainder).
    static constexpr std::uint32_t kMaxCount = 1u << 24;

    // `at` orders the queue (an SQS send time, a retry's due time); `since` and `created` are
    // the unit's holder and end-to-end times, at or before `at`.
    struct Unit {
        Ticks at = 0, since = 0, created = 0;
        std::uint32_t bytes = 0, key = 0;
        std::uint16_t path = 0;
        std::uint8_t attr = 0, poison = 0;
        // An increasing order stamp (a Kinesis sequence number). A unit taken out gets it
        // interpolated evenly between its cohort's first and last, as `at`: exact when the
        // cohort's stamps are consecutive, otherwise within the cohort's span, and never
        // decreasing along the queue.
        std::uint32_t stamp = 0;
    };

    // The fields a unit keeps, from its holder's record: the kernel's Message (with its holder
    // time `since`, hashed key and attribute value) or a Kinesis record (written at `at`, with a
    // sequence number as its stamp). The one place that lists them; restoreInto() reverses it.
    template<class Held>
    static Unit unitOf(const Held &h, Ticks at)
    {
        Unit u;
        u.at = at;
        u.created = h.created;
        u.bytes = h.bytes;
        u.path = h.path;
        u.poison = h.poison;
        if constexpr (requires { h.since; })
            u.since = h.since;
        else
            u.since = at;
        if constexpr (requires { h.key; }) {
            u.key = h.key;
            u.attr = h.attr;
        }
        if constexpr (requires { h.seq; })
            u.stamp = h.seq;
        return u;
    }
    // What a unit taken out gives its holder's record (a Message from Kernel::restore, which set
    // its creation time and path already, or a Kinesis record written at the unit's `at`).
    template<class Held>
    static void restoreInto(const Unit &u, Held *h)
    {
        h->created = u.created;
        h->bytes = u.bytes;
        h->path = u.path;
        h->poison = u.poison;
        if constexpr (requires { h->since; })
            h->since = u.since;
        if constexpr (requires { h->arrival; })
            h->arrival = u.at;
        if constexpr (requires { h->key; }) {
            h->key = u.key;
            h->attr = u.attr;
        }
        if constexpr (requires { h->seq; })
            h->seq = u.stamp;
    }

    // At most how many cohorts a queue whose units span `seconds` holds (units pushed in order,
    // no cohort full): one per second up to kSpanCohorts seconds; beyond, each cohort starts at
    // least a factor kSpanCohorts / (kSpanCohorts - 1) later (relative to the oldest) than the one
    // before it, so about kSpanCohorts x ln(span / kSpanCohorts) more: 16,600 for a day, 24,600
    // for a week (2 and 3 MB).
    static double maxCohorts(double seconds)
    {
        const double k = static_cast<double>(kSpanCohorts);
        if (seconds <= k)
            return std::ceil(std::max(0.0, seconds)) + 1;
        return k + 1 + std::ceil(std::log(seconds / k) / -std::log1p(-1 / k));
    }

    bool empty() const { return m_units == 0; }
    std::uint64_t size() const { return m_units; } // units, not cohorts
    std::size_t cohorts() const { return m_q.size(); }
    // Entry paths held in the side store (beyond the first kPaths of their cohort), and the
    // bytes it has reserved (a ring that grows by doubling and is reused, never shrunk).
    std::size_t extraPaths() const { return m_side ? m_side->extra.size() : 0; }
    std::size_t extraBytes() const
    {
        return m_side ? sizeof(Side) + m_side->extra.capacity() * sizeof(Extra)
                            + m_side->at.capacity() * sizeof(std::uint64_t)
                      : 0;
    }

    // Units are pushed in `at` order; one pushed out of order starts a cohort of its own and is
    // taken out when the cohorts before it are.
    void push(const Unit &u)
    {
        int slot = m_q.empty() ? -1 : slotFor(m_q.back(), u);
        if (slot < 0) {
            Cohort fresh;
            fresh.first = fresh.last = u.at;
            fresh.firstStamp = fresh.lastStamp = u.stamp;
            fresh.paths[0] = u.path;
            m_q.pushBack(fresh);
            ++m_backNumber;
            if (m_side)
                m_side->backStart = m_side->popped + m_side->extra.size();
            slot = 0;
        }
        Cohort &c = m_q.back();
        if (slot < kPaths) {
            c.paths[slot] = u.path;
            ++c.pathCount[slot];
            c.pathPoison[slot] += u.poison != 0;
        } else {
            Extra &e = extraFor(u.path);
            ++e.count;
            e.poison += u.poison != 0;
        }
        c.last = u.at;
        c.lastStamp = u.stamp;
        c.sinceLag += static_cast<std::uint64_t>(u.at - u.since);
        c.createdLag += static_cast<std::uint64_t>(u.at - u.created);
        c.bytes += u.bytes;
        c.attrs |= std::uint64_t(1) << (u.attr & 63);
        ++c.count;
        ++m_units;
    }

    // The oldest unit's `at` and `since`; the queue must not be empty.
    Ticks frontAt() const { return atOf(m_q.front(), m_q.front().taken); }
    Ticks frontSince() const
    {
        const Cohort &c = m_q.front();
        return atOf(c, c.taken) - static_cast<Ticks>(c.sinceLag / c.count);
    }

    // Takes the oldest unit out; the queue must not be empty.
    Unit pop()
    {
        Cohort &c = m_q.front();
        const std::uint32_t k = c.taken;
        Unit u;
        u.at = atOf(c, k);
        u.since = u.at - static_cast<Ticks>(c.sinceLag / c.count);
        u.created = u.at - static_cast<Ticks>(c.createdLag / c.count);
        u.bytes =
            static_cast<std::uint32_t>(c.bytes / c.count + share(c.bytes % c.count, k, c.count));
        const std::uint64_t draw = mix(static_cast<std::uint64_t>(c.first) * kGolden + k);
        u.key = static_cast<std::uint32_t>(draw >> 32);
        // The path: one of the cohort's units not yet taken, uniformly (without replacement).
        const int s = c.pathCount[0] == c.count ? 0 : pathOf(c, mix(draw ^ kGolden));
        std::uint32_t n, poison; // the units and poison of the drawn path in the cohort
        if (s < kPaths) {
            ++c.pathTaken[s];
            u.path = c.paths[s];
            n = c.pathCount[s];
            poison = c.pathPoison[s];
        } else { // the front cohort's extras are the side store's first ones
            Extra &e = m_side->extra[static_cast<std::size_t>(s - kPaths)];
            ++e.taken;
            u.path = e.path;
            n = e.count;
            poison = e.poison;
        }
        // Bernoulli(poison share of its path in the cohort), as the source drew it (not every
        // n-th unit: a regular spacing would change how many batches hold one).
        u.poison =
            poison == n
            || (poison > 0 && (mix(draw) >> 11) * 0x1.0p-53 * n < static_cast<double>(poison));
        u.attr = attrOf(c.attrs, draw);
        u.stamp = c.count < 2
                      ? c.firstStamp
                      : c.firstStamp
                            + static_cast<std::uint32_t>(std::uint64_t(c.lastStamp - c.firstStamp)
                                                         * k / (c.count - 1));
        if (++c.taken == c.count)
            popFrontCohort();
        --m_units;
        return u;
    }

private:
    struct Cohort {
        Ticks first = 0, last = 0;    // `at` of its first and last unit
        std::uint64_t sinceLag = 0;   // sum of (at - since) of its units, ticks
        std::uint64_t createdLag = 0; // sum of (at - created)
        std::uint64_t bytes = 0;      // sum of their payloads
        std::uint64_t attrs = 0;      // the attribute values (0-63) among its units
        std::uint32_t count = 0, taken = 0;
        std::uint32_t firstStamp = 0, lastStamp = 0; // stamps of its first and last unit
        // Per entry path, in the order the paths first came (a count of 0: slot unused): its
        // units, how many of them are poison, how many were taken out.
        std::uint32_t pathCount[kPaths] = {}, pathPoison[kPaths] = {}, pathTaken[kPaths] = {};
        std::uint16_t paths[kPaths] = {};
    };
    static_assert(sizeof(Cohort) == 120);
    // An entry path of a cohort beyond its kPaths inline ones: as a cohort's slot, plus the
    // cohort's number (its place among the cohorts ever pushed, modulo 2^32: a queue never holds
    // 2^32 cohorts at once) that tells where its cohort's extras end.
    struct Extra {
        std::uint32_t cohort = 0;
        std::uint32_t count = 0, poison = 0, taken = 0;
        std::uint16_t path = 0;
    };
    static_assert(sizeof(Extra) == 20);
    // The side store, made when a cohort first has more than kPaths paths (a queue that never
    // has costs one pointer): the extras of the cohorts in m_q, in cohort order, and per path
    // where its last extra went (an absolute place: counting the extras ever pushed).
    struct Side {
        RingDeque<Extra> extra;
        std::uint64_t popped = 0;    // extras ever taken out
        std::uint64_t backStart = 0; // absolute place of the back cohort's first extra
        std::vector<std::uint64_t> at;
    };

    // The inline slot of u's path in the back cohort `c` (a free one if its path is new), kPaths
    // when `c`'s inline slots hold other paths (u's goes to the side store), or -1 when u starts a
    // new cohort: beyond c's width after c's first (kCohortWidth, or 1/kSpanCohorts of the span
    // from the oldest cohort's first to u), out of order, or c full.
    int slotFor(const Cohort &c, const Unit &u) const
    {
        const Ticks d = u.at - c.first;
        if (u.at < c.last || c.count >= kMaxCount
            || (d >= kCohortWidth && d >= (u.at - m_q.front().first) / kSpanCohorts))
            return -1;
        for (int i = 0; i < kPaths; ++i) {
            if (c.pathCount[i] == 0 || c.paths[i] == u.path)
                return i;
        }
        return kPaths;
    }
    // The back cohort's extra for `path`, added at the side store's end if it has none yet.
    // Side::at's place for the path is its extra when it lies among the back cohort's and holds
    // that path.
    Extra &extraFor(std::uint16_t path)
    {
        if (!m_side)
            m_side = std::make_unique<Side>(); // once per queue
        Side &sd = *m_side;
        const std::uint64_t end = sd.popped + sd.extra.size();
        if (path < sd.at.size()) {
            const std::uint64_t at = sd.at[path];
            if (at >= sd.backStart && at < end && sd.extra[at - sd.popped].path == path)
                return sd.extra[at - sd.popped];
        } else {
            sd.at.resize(std::size_t(path) + 1, 0); // once per path: at most 65,536 places
        }
        Extra e;
        e.cohort = m_backNumber;
        e.path = path;
        sd.extra.pushBack(e);
        sd.at[path] = end;
        return sd.extra.back();
    }
    // A path of the front cohort drawn with probability (its units not yet taken) / (the
    // cohort's not yet taken): an inline slot (< kPaths), or kPaths + j for the side store's
    // j-th extra (the front cohort's extras come first there). Inline slots are walked first, so
    // a cohort without extras draws as before the side store existed.
    int pathOf(const Cohort &c, std::uint64_t draw) const
    {
        std::uint32_t r = static_cast<std::uint32_t>(draw % (c.count - c.taken));
        for (int i = 0; i < kPaths; ++i) {
            if (r < c.pathCount[i] - c.pathTaken[i])
                return i;
            r -= c.pathCount[i] - c.pathTaken[i];
        }
        const RingDeque<Extra> &extra = m_side->extra;
        std::size_t j = 0;
        while (r >= extra[j].count - extra[j].taken) {
            r -= extra[j].count - extra[j].taken;
            ++j;
        }
        return kPaths + static_cast<int>(j);
    }
    // Takes the front cohort out, and its extras from the side store's front.
    void popFrontCohort()
    {
        if (m_side) {
            const std::uint32_t number = m_backNumber - static_cast<std::uint32_t>(m_q.size() - 1);
            std::size_t n = 0;
            while (n < m_side->extra.size() && m_side->extra[n].cohort == number)
                ++n;
            m_side->extra.popFrontN(n);
            m_side->popped += n;
        }
        m_q.popFront();
    }
    // One of the values in `attrs`, uniformly (sources draw attribute values uniformly, and an SNS
    // filter passes a subset of them): exact when the cohort has one value.
    static std::uint8_t attrOf(std::uint64_t attrs, std::uint64_t draw)
    {
        const int n = std::popcount(attrs);
        for (int skip = n > 1 ? static_cast<int>((draw & 0xFFFFFFFFu) % n) : 0; skip > 0; --skip)
            attrs &= attrs - 1; // drop the lowest value
        return static_cast<std::uint8_t>(std::countr_zero(attrs));
    }
    static Ticks atOf(const Cohort &c, std::uint32_t k)
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
    std::uint32_t m_backNumber = 0; // number of the back cohort (see Extra::cohort)
    std::unique_ptr<Side> m_side;
};

} // namespace swb::core
