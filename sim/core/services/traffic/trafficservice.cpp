// Traffic sources (trafficservice.h).
#include "core/services/traffic/trafficservice.h"

#include "core/sdkretry.h"

#include <cmath>

namespace swb::core {

namespace {
constexpr double kTwoPi = 6.283185307179586;
}

ServiceSlot makeTrafficSourceService(Kernel &k)
{
    return ServiceSlot::of(std::make_unique<TrafficService>(k));
}

void TrafficService::setup()
{
    const std::vector<TrafficSource> &cfgs = m_k.scenario().sources;
    m_sources.resize(cfgs.size());
    for (std::uint32_t i = 0; i < cfgs.size(); ++i) {
        m_sources[i].cfg = &cfgs[i];
        m_sources[i].rng.reseed(m_k.rngSeed({kKind, i}));
        m_sources[i].sdkRng.reseed(streamSeed(m_k.rngSeed({kKind, i}), kSdkRetryStream));
        m_sources[i].m = m_k.addSeries(kKind, {kKind, i}, kSourceMetrics);
        m_k.addPath(m_sources[i].m + SrE2eCount); // path i: units this source produced
        const TrafficPattern p = cfgs[i].pattern;
        m_sources[i].steady = p == TrafficPattern::Constant || p == TrafficPattern::Poisson;
        for (const Fault &f : m_k.scenario().faults)
            if (f.kind == FaultKind::TrafficSpike && f.target == ComponentRef{kKind, i})
                m_sources[i].steady = false;
    }
}

// A source sends to one entry component, whatever the wire's kind (the last wire wins).
bool TrafficService::wire(std::uint32_t e)
{
    const Edge &E = m_k.scenario().edges[e];
    if (!forwardsRequests(E.kind))
        return false;
    m_sources[E.from.index].target = E.to;
    return true;
}

void TrafficService::startTraffic()
{
    for (std::uint32_t i = 0; i < m_sources.size(); ++i)
        if (m_sources[i].target.valid())
            scheduleNextArrival(i);
}

void TrafficService::onEvent(const Event &e)
{
    if (eventCode(e.type) == EvArrival)
        onArrival(e.entity);
    else if (m_k.msg(e.entity).gen == e.gen)
        send(e.entity);
}

double TrafficService::rateAt(std::uint32_t s, Ticks t) const
{
    const TrafficSource &c = *m_sources[s].cfg;
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
    const ComponentRef me{kKind, s};
    for (const Fault &f : m_k.scenario().faults)
        if (f.kind == FaultKind::TrafficSpike && f.target == me && sec >= f.startSeconds
            && sec < f.startSeconds + f.durationSeconds)
            r *= f.rateMultiplier;
    return r < 0 ? 0 : r;
}

Ticks TrafficService::nextRateChange(std::uint32_t s, Ticks t) const
{
    const TrafficSource &c = *m_sources[s].cfg;
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
    const ComponentRef me{kKind, s};
    for (const Fault &f : m_k.scenario().faults)
        if (f.kind == FaultKind::TrafficSpike && f.target == me) {
            consider(f.startSeconds);
            consider(f.startSeconds + f.durationSeconds);
        }
    return next;
}

void TrafficService::scheduleNextArrival(std::uint32_t s)
{
    Source &S = m_sources[s];
    const TrafficSource &c = *S.cfg;
    Ticks t = m_k.now();
    Ticks next = kNever;
    if (c.pattern == TrafficPattern::Diurnal) {
        double peakMult = 1;
        const ComponentRef me{kKind, s};
        for (const Fault &f : m_k.scenario().faults)
            if (f.kind == FaultKind::TrafficSpike && f.target == me && f.rateMultiplier > peakMult)
                peakMult = f.rateMultiplier;
        const double p = c.diurnalPeakFactor < 1 ? 1 : c.diurnalPeakFactor;
        const double lmax = c.ratePerSecond * (1 + (p - 1) / (p + 1)) * peakMult;
        if (lmax <= 0)
            return;
        for (int guard = 0; guard < 1000000 && t < m_k.end(); ++guard) {
            // Saturating: a tiny rate (a gap beyond the tick range) ends the run's arrivals.
            const Ticks draw = microsecondsToTicks(S.rng.exponential(1e6 / lmax));
            const Ticks gap = draw == kNever ? kNever : 1 + draw;
            t = gap > kNever - t ? kNever : t + gap;
            if (S.rng.uniform() * lmax < rateAt(s, t)) {
                next = t;
                break;
            }
        }
    } else {
        while (t < m_k.end()) {
            // A steady source's rate is rateAt()'s answer at any time, and it never changes.
            const double r = S.steady ? (c.ratePerSecond < 0 ? 0 : c.ratePerSecond) : rateAt(s, t);
            const Ticks change = S.steady ? kNever : nextRateChange(s, t);
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
    if (next < m_k.end())
        m_k.schedule(next, eventTag(kKind, EvArrival), s);
}

void TrafficService::onArrival(std::uint32_t s)
{
    Source &S = m_sources[s];
    const TrafficSource &c = *S.cfg;
    scheduleNextArrival(s);
    const std::uint32_t id = m_k.newMessage(m_k.now(), static_cast<std::uint16_t>(s));
    Message &m = m_k.msg(id);
    m.bytes = static_cast<std::uint32_t>(
        S.rng.draw(static_cast<int>(c.payloadDistribution), c.payloadMeanBytes, c.payloadCv) + 0.5);
    m.key = static_cast<std::uint32_t>(S.rng.next() >> 32);
    if (c.attributeValueCount)
        m.attr = static_cast<std::uint8_t>(
            S.rng.below(std::min<std::uint32_t>(c.attributeValueCount, 64)));
    m.poison = S.rng.bernoulli(c.poisonFraction) ? 1 : 0;
    m_k.metrics().add(S.m + SrGenerated, 1);
    if (m_k.passes(S.target, id)) {
        m_k.deliverAdmitted(S.target, id);
        return;
    }
    m.attempts = 0;
    counted(S, sdkRefused(m_k, id, S.sdkRng, eventTag(kKind, EvSdkRetry)));
}

// A client sends through an AWS SDK: a refused or throttled request is retried in the standard
// mode, then lost (core/sdkretry.h, aws-behaviour.md §10 "SDK retries").
void TrafficService::send(std::uint32_t msg)
{
    Source &S = m_sources[m_k.msg(msg).path];
    counted(S, sdkSend(m_k, S.target, msg, S.sdkRng, eventTag(kKind, EvSdkRetry)));
}

void TrafficService::counted(const Source &S, SdkSend result)
{
    switch (result) {
    case SdkSend::Sent:
        break;
    case SdkSend::Retrying:
        m_k.metrics().add(S.m + SrSdkRetries, 1);
        break;
    case SdkSend::Lost:
        m_k.metrics().add(S.m + SrSdkLost, 1);
        break;
    }
}

// End-to-end latency percentiles of the bin, per entry path (Kernel::recordE2e).
void TrafficService::sampleBin()
{
    MetricStore &ms = m_k.metrics();
    for (std::uint32_t s = 0; s < m_sources.size(); ++s) {
        const LatencyHistogram &h = m_k.pathBinLatency(static_cast<std::uint16_t>(s));
        ms.setLast(m_sources[s].m + SrP50, h.quantile(0.50) / 1000.0);
        ms.setLast(m_sources[s].m + SrP95, h.quantile(0.95) / 1000.0);
        ms.setLast(m_sources[s].m + SrP99, h.quantile(0.99) / 1000.0);
    }
}

} // namespace swb::core
