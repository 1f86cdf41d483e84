// Traffic generators (DESIGN.md "Traffic sources"): constant, Poisson, diurnal, spike, step and
// replayed rates, plus TrafficSpike faults. Time-varying Poisson rates are sampled exactly: for a
// piecewise-constant rate the exponential draw restarts at each rate change (memorylessness); the
// continuous diurnal curve uses thinning against its maximum.
#include "core/engine.h"

#include <cmath>

namespace swb::core {

namespace {
constexpr double kTwoPi = 6.283185307179586;
}

double Engine::rateAt(const SourceState &S, Ticks t) const
{
    const TrafficSource &c = *S.cfg;
    const double sec = ticksToSeconds(t);
    double r = c.ratePerSecond;
    switch (c.pattern) {
    case TrafficPattern::Constant:
    case TrafficPattern::Poisson:
        break;
    case TrafficPattern::Diurnal: {
        const double p = c.diurnalPeakFactor < 1 ? 1 : c.diurnalPeakFactor;
        const double a = (p - 1) / (p + 1); // max/min = p, mean = rate
        r *= 1 - a * std::cos(kTwoPi * sec / 86400.0);
        break;
    }
    case TrafficPattern::Spike:
        if (sec >= c.startSeconds && sec < c.startSeconds + c.durationSeconds)
            r *= c.multiplier;
        break;
    case TrafficPattern::Step:
        if (sec >= c.startSeconds)
            r *= c.multiplier;
        break;
    case TrafficPattern::Replay:
        r = 0;
        for (const RatePoint &p : c.replay) {
            if (p.tSeconds > sec)
                break;
            r = p.rate;
        }
        break;
    }
    const ComponentRef me{ComponentKind::TrafficSource,
                          static_cast<std::uint32_t>(&S - m_sources.data())};
    for (const Fault &f : m_sc.faults)
        if (f.kind == FaultKind::TrafficSpike && f.target == me && sec >= f.startSeconds
            && sec < f.startSeconds + f.durationSeconds)
            r *= f.rateMultiplier;
    return r < 0 ? 0 : r;
}

Ticks Engine::nextRateChange(const SourceState &S, Ticks t) const
{
    const TrafficSource &c = *S.cfg;
    Ticks next = kNever;
    auto consider = [&](double sec) {
        const Ticks x = secondsToTicks(sec);
        if (x > t && x < next)
            next = x;
    };
    if (c.pattern == TrafficPattern::Spike) {
        consider(c.startSeconds);
        consider(c.startSeconds + c.durationSeconds);
    } else if (c.pattern == TrafficPattern::Step) {
        consider(c.startSeconds);
    } else if (c.pattern == TrafficPattern::Replay) {
        for (const RatePoint &p : c.replay)
            consider(p.tSeconds);
    }
    const ComponentRef me{ComponentKind::TrafficSource,
                          static_cast<std::uint32_t>(&S - m_sources.data())};
    for (const Fault &f : m_sc.faults)
        if (f.kind == FaultKind::TrafficSpike && f.target == me) {
            consider(f.startSeconds);
            consider(f.startSeconds + f.durationSeconds);
        }
    return next;
}

void Engine::scheduleNextArrival(std::uint32_t s)
{
    SourceState &S = m_sources[s];
    const TrafficSource &c = *S.cfg;
    Ticks t = m_q.now();
    Ticks next = kNever;
    if (c.pattern == TrafficPattern::Diurnal) {
        double peakMult = 1;
        const ComponentRef me{ComponentKind::TrafficSource, s};
        for (const Fault &f : m_sc.faults)
            if (f.kind == FaultKind::TrafficSpike && f.target == me && f.rateMultiplier > peakMult)
                peakMult = f.rateMultiplier;
        const double p = c.diurnalPeakFactor < 1 ? 1 : c.diurnalPeakFactor;
        const double lmax = c.ratePerSecond * (1 + (p - 1) / (p + 1)) * peakMult;
        if (lmax <= 0)
            return;
        for (int guard = 0; guard < 1000000 && t < m_end; ++guard) {
            // Saturating: a tiny rate (a gap beyond the tick range) ends the run's arrivals.
            const Ticks draw = microsecondsToTicks(S.rng.exponential(1e6 / lmax));
            const Ticks gap = draw == kNever ? kNever : 1 + draw;
            t = gap > kNever - t ? kNever : t + gap;
            if (S.rng.uniform() * lmax < rateAt(S, t)) {
                next = t;
                break;
            }
        }
    } else {
        while (t < m_end) {
            const double r = rateAt(S, t);
            const Ticks change = nextRateChange(S, t);
            if (r <= 0) {
                if (change == kNever)
                    return;
                t = change;
                continue;
            }
            const double gapUs =
                c.pattern == TrafficPattern::Constant ? 1e6 / r : S.rng.exponential(1e6 / r);
            const Ticks gap = std::max<Ticks>(1, microsecondsToTicks(gapUs));
            const Ticks cand = gap > kNever - t ? kNever : t + gap; // saturating
            if (cand <= change) {
                next = cand;
                break;
            }
            t = change; // the rate changes first: restart the (memoryless) draw there; a
                        // constant source restarts its spacing
        }
    }
    if (next < m_end)
        m_q.schedule(next, EvArrival, s);
}

void Engine::onArrival(std::uint32_t s)
{
    SourceState &S = m_sources[s];
    const TrafficSource &c = *S.cfg;
    scheduleNextArrival(s);
    const std::uint32_t id = newMessage(m_q.now(), static_cast<std::uint16_t>(s));
    Message &m = m_msgs[id];
    m.bytes = static_cast<std::uint32_t>(
        S.rng.draw(static_cast<int>(c.payloadDistribution), c.payloadMeanBytes, c.payloadCv) + 0.5);
    m.key = static_cast<std::uint32_t>(S.rng.next() >> 32);
    if (c.attributeValueCount)
        m.attr = static_cast<std::uint8_t>(
            S.rng.below(std::min<std::uint32_t>(c.attributeValueCount, 64)));
    m.poison = S.rng.bernoulli(c.poisonFraction) ? 1 : 0;
    m_metrics.add(S.m + SrGenerated, 1);
    deliver(S.target, id);
}

} // namespace swb::core
