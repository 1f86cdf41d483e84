// Traffic sources in the simulation: the arrival pattern, payload sizes, message attributes
// for SNS filter policies, and CSV replay.

#include "sim/scenariobuilder_p.h"
#include "sim/services/simservice.h"

#include "model/humanformat.h"
#include "sim/trafficreplay.h"

#include "model/services/traffic/traffic.h"

#include "core/simulation.h"

namespace swb::traffic {

using detail::Severity;
using detail::u32;
using detail::utf8;

namespace {

void loadReplay(detail::Builder &b, const Component &c, core::TrafficSource *s)
{
    const QString file = traffic::Params::of(c.params).replayFile;
    if (file.isEmpty()) {
        b.note(
            Severity::Error, "sim-replay-file",
            QStringLiteral("Traffic '%1' replays a CSV file but 'replayFile' is empty").arg(c.name),
            {c.id});
        return;
    }
    // Read only inside the design's folder or a folder the user allowed (a design may come
    // from anyone; model/referencedfile.h).
    FileAccess access;
    access.baseDir = b.options().baseDirectory;
    access.allowedDirs = b.options().allowedDirectories;
    access.maxBytes = kMaxReplayBytes;
    QString error;
    if (!loadReplayCsv(file, access, &s->replay, &error))
        b.note(Severity::Error, "sim-replay-file",
               QStringLiteral("Traffic '%1': %2").arg(c.name, error), {c.id});
}

core::TrafficSource makeSource(detail::Builder &b, const Component &c)
{
    using traffic::Pattern;
    const traffic::Params p = traffic::Params::of(c.params);
    core::TrafficSource s;
    s.name = utf8(c.name);
    s.ratePerSecond = p.rate;
    switch (p.pattern) {
    case Pattern::Poisson:
        s.pattern = core::TrafficPattern::Poisson;
        break;
    case Pattern::Constant:
        s.pattern = core::TrafficPattern::Constant;
        break;
    case Pattern::Diurnal: {
        s.pattern = core::TrafficPattern::Diurnal;
        // Catalogue: f = peak / mean. Core: a cosine around the mean with max/min = F, so
        // peak = mean * 2F / (F + 1) and F = f / (2 - f); a cosine cannot peak above twice
        // its mean without going negative, so f >= 2 is capped there.
        const double f = p.peakFactor;
        s.diurnalPeakFactor = f < 1.999 ? f / (2 - f) : 1999;
        if (f > 2)
            b.note(Severity::Info, "sim-approx-diurnal-peak",
                   QStringLiteral("Traffic '%1': a diurnal peak of %2 x the mean is simulated "
                                  "as 2 x (a daily cosine cannot go higher and keep its mean)")
                       .arg(c.name)
                       .arg(f),
                   {c.id});
        if (p.peakHour != 12)
            b.note(Severity::Info, "sim-approx-diurnal-hour",
                   QStringLiteral("Traffic '%1': the simulated day peaks at 12:00 (hour %2 is "
                                  "not simulated); the run starts at midnight")
                       .arg(c.name)
                       .arg(p.peakHour),
                   {c.id});
        break;
    }
    case Pattern::Spike:
        s.pattern = core::TrafficPattern::Spike;
        break;
    case Pattern::Step:
        s.pattern = core::TrafficPattern::Step;
        break;
    case Pattern::Replay:
        s.pattern = core::TrafficPattern::Replay;
        loadReplay(b, c, &s);
        break;
    }
    s.startSeconds = p.spikeStart;
    s.durationSeconds = p.spikeDuration;
    s.multiplier = p.spikeMultiplier;
    s.payloadMeanBytes = p.payloadSize * 1024.0; // KB -> bytes
    s.poisonFraction = p.poisonShare;
    s.transientFailureRate = p.transientFailureRate;
    switch (p.payloadDistribution) {
    case traffic::PayloadDistribution::Fixed:
        s.payloadDistribution = core::Distribution::Fixed;
        break;
    case traffic::PayloadDistribution::Exponential:
        s.payloadDistribution = core::Distribution::Exponential;
        break;
    case traffic::PayloadDistribution::Lognormal:
        s.payloadDistribution = core::Distribution::LogNormal;
        break;
    }
    QList<AttributeValue> values;
    QString error;
    if (!parseAttributes(p.attributes, &values, &error)) {
        b.note(Severity::Error, "sim-bad-attributes",
               QStringLiteral("Traffic '%1', parameter 'attributes': %2").arg(c.name, error),
               {c.id});
    }
    AttributeBuckets buckets;
    if (makeBuckets(values, &buckets))
        s.attributeValueCount = buckets.count;
    b.setAttributes(c.id, values);
    return s;
}

std::uint32_t add(detail::Builder &b, const Component &c)
{
    core::Scenario &sc = b.scenario();
    sc.sources.push_back(makeSource(b, c));
    return u32(double(sc.sources.size() - 1));
}

void summarize(const SummaryReader &, const core::Simulation &sim, core::ComponentRef ref,
               ComponentSummary *c)
{
    c->latencyP99Ms = sim.latencyQuantileMs(ref.index, 0.99);
}

// The rate the source generates, and the end-to-end latency of what it sent.
void live(const BlockFrame &f, const LiveContext &, LiveFigures *o)
{
    o->inPerSecond = f.rate(core::SrGenerated);
    o->topBadge = QStringLiteral("%1/s").arg(compactNumber(o->inPerSecond));
    o->tip(liveText("Generated"), f.get(core::SrGenerated));
    o->tip(liveText("End-to-end p99"), f.get(core::SrP99), QStringLiteral("ms"));
}

} // namespace

const SimService &simService()
{
    static const SimService s{
        ComponentKind::TrafficSource,
        core::ComponentKind::TrafficSource,
        add,
        0,
        nullptr,
        summarize,
        live,
    };
    return s;
}

} // namespace swb::traffic
