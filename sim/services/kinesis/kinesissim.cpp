// Kinesis Data Streams in the simulation (aws-behaviour.md §5): shards, partition-key skew and
// retention; the on-failure wire is every stream mapping's destination.

#include "sim/runcost_p.h"
#include "sim/scenariobuilder_p.h"
#include "sim/services/simservice.h"

#include "model/services/kinesis/kinesis.h"

namespace swb::kinesis {

using detail::Severity;
using detail::u32;
using detail::utf8;

namespace {

core::KinesisStream makeStream(detail::Builder &b, const Component &c)
{
    const kinesis::Params p = kinesis::Params::of(c.params);
    core::KinesisStream k;
    k.name = utf8(c.name);
    if (p.capacityMode == kinesis::CapacityMode::OnDemand) {
        // On-demand starts at 4 MB/s write (aws-behaviour.md §5) = the write capacity of 4 shards;
        // its later scaling (to 10 GB/s) is not simulated.
        k.mode = core::StreamMode::OnDemand;
        k.shards = 4;
        b.note(Severity::Info, "sim-approx-on-demand",
               QStringLiteral("Stream '%1' (on-demand) runs as 4 shards, its starting 4 MB/s "
                              "write capacity; on-demand scale-up is not simulated")
                   .arg(c.name),
               {c.id});
    } else {
        k.shards = u32(double(p.shards));
    }
    k.retentionHours = double(p.retentionHours);
    k.partitionKeyCount = u32(double(p.partitionKeys));
    const double hot = p.hotKeyShare;
    if (hot > 0) {
        k.skew = core::KeySkew::HotKey;
        k.hotKeyFraction = hot;
    }
    return k;
}

std::uint32_t add(detail::Builder &b, const Component &c)
{
    core::Scenario &sc = b.scenario();
    sc.streams.push_back(makeStream(b, c));
    return u32(double(sc.streams.size() - 1));
}

// The stream mappings' on-failure destination (aws-behaviour.md §5).
void failureWire(detail::Builder &b, const Component &src, const Connection &w, int)
{
    for (core::Edge &e : b.scenario().edges) {
        if (e.kind == core::EdgeKind::EventSourceMapping && e.from == b.ref(src.id))
            e.esm.onFailure = b.ref(w.target);
    }
}

void summarize(const SummaryReader &v, const core::Simulation &, core::ComponentRef,
               ComponentSummary *c)
{
    c->throttles = v("kinesis.write_throttles");
    c->maxIteratorAgeS = v("kinesis.iterator_age_s");
    c->dlqCount = v("kinesis.on_failure");
}

// The measured bill's quantities (sim/runcost_p.h), from the run's billed_* series.
void measuredUsage(MeasuredUsage &u, const Component &c)
{
    const Params p = Params::of(c.params);
    const double shards = double(p.shards);
    const bool longRetention = p.retentionHours > 24;
    // Enhanced fan-out consumers: consumer-shard-hours plus every written byte once per
    // consumer (aws-behaviour.md §5 pricing, a secondary source).
    int efo = 0;
    for (const Connection *w : u.design().outgoing(c.id))
        efo += w->kind == ConnectionKind::EventSourceMapping
               && mapping::Params::of(w->params).enhancedFanOut;
    if (efo > 0) {
        u.add(c, "kinesis", QStringLiteral("efo-consumer-shard-hours"), efo * shards * u.hours(),
              QStringLiteral("%1 enhanced fan-out consumer(s) x %2 shard(s) x %3 h")
                  .arg(efo)
                  .arg(shards)
                  .arg(u.hours()));
        u.measured(c, "kinesis", QStringLiteral("efo-data"),
                   efo * u.total(c.id, "kinesis.incoming_bytes") / (1024.0 * 1024.0 * 1024.0));
    }
    if (p.capacityMode != kinesis::CapacityMode::OnDemand) {
        u.add(c, "kinesis", QStringLiteral("shard-hours"), shards * u.hours(),
              QStringLiteral("%1 shard(s) x %2 h").arg(shards).arg(u.hours()));
        u.measured(c, "kinesis", QStringLiteral("put-payload-units"),
                   u.total(c.id, "kinesis.billed_put_units"));
        if (longRetention)
            u.add(c, "kinesis", QStringLiteral("extended-retention-shard-hours"),
                  shards * u.hours(),
                  QStringLiteral("%1 shard(s) x %2 h").arg(shards).arg(u.hours()));
        return;
    }
    // On-demand: data in/out from the measured bytes (records are not rounded up to 1 KB
    // here: the core reports bytes, not per-record sizes), out = in x consuming mappings.
    int consumers = 0;
    for (const Connection *w : u.design().outgoing(c.id))
        consumers += w->kind == ConnectionKind::EventSourceMapping;
    const double gbIn = u.total(c.id, "kinesis.incoming_bytes") / (1024.0 * 1024.0 * 1024.0);
    u.add(c, "kinesis", QStringLiteral("stream-hours"), u.hours(),
          QStringLiteral("1 stream x %1 h").arg(u.hours()));
    u.measured(c, "kinesis", QStringLiteral("data-in"), gbIn);
    u.measured(c, "kinesis", QStringLiteral("data-out"), gbIn * consumers);
}

} // namespace

const SimService &simService()
{
    static const SimService s{
        ComponentKind::KinesisStream,
        core::ComponentKind::KinesisStream,
        add,
        1,
        failureWire,
        summarize,
        measuredUsage,
    };
    return s;
}

} // namespace swb::kinesis
