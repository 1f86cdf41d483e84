// Kinesis Data Streams in the simulation (aws-behaviour.md §5): shards, partition-key skew and
// retention; the on-failure wire is every stream mapping's destination.

#include "sim/runestimate.h"
#include "sim/scenariobuilder_p.h"
#include "sim/services/simservice.h"

#include "core/services/kinesis/kinesisservice.h"

#include "model/flowrates.h"
#include "model/humanformat.h"

#include "model/services/kinesis/kinesis.h"
#include "model/services/lambda/lambda.h"

#include <algorithm>

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

// Iterator age and blocked shards: a stream's consumer falling behind (aws-behaviour.md §5).
void live(const BlockFrame &f, const LiveContext &, LiveFigures *o)
{
    const double age = f.get(core::KmIteratorAge);
    const double blocked = f.get(core::KmBlockedShards);
    const double throttles = f.get(core::KmThrottles);
    o->inPerSecond = f.rate(core::KmRecords);
    o->deadLettersPerSecond = f.rate(core::KmOnFailure);
    o->topBadge = QStringLiteral("age %1").arg(formatDuration(age));
    if (blocked > 0)
        o->bottomBadge = QStringLiteral("%1 blocked").arg(compactNumber(blocked));
    if (throttles > 0 || blocked > 0) {
        o->raise(LiveSeverity::Error);
        o->trouble << liveText("write throttles or blocked shards");
    } else if (f.rising(core::KmIteratorAge) && age > 1) {
        o->raise(LiveSeverity::Warning);
        o->trouble << liveText("iterator age growing");
    }
    o->durationTip(liveText("Iterator age"), age);
    o->tip(liveText("Blocked shards"), blocked);
    o->tip(liveText("Write throttles"), throttles);
    o->tip(liveText("Incoming records"), f.get(core::KmRecords));
    o->tip(liveText("On-failure"), f.get(core::KmOnFailure));
}

} // namespace

namespace {

// The records the core keeps waiting, and the memory for them. A record leaves the core once
// every consumer has processed it (AWS keeps it for the retention, but a read record costs the
// simulation nothing). Each consumer (event source mapping) holds what it cannot take as fast as
// it is written: its lanes (shards x parallelization factor, one batch at a time each, at most
// the function's concurrency) take batch size / mean duration per second; the rest waits for the
// retention. A stream nobody reads keeps every record for the retention. Writes above the shards'
// 1,000 records/s or 1 MB/s are throttled, never stored (aws-behaviour.md §5 "Shard write"). A
// lane (or an unconsumed shard) keeps its oldest 16,384 records one by one and the rest as
// cohorts, one per second of backlog up to 4,096 s and about 4,096 more per doubling beyond
// (CohortQueue::maxCohorts, core/services/kinesis/recordbacklog.h). Not counted:
// the shard's log of records written but not yet read (it stays short while reads keep up).
struct Backlog {
    double items = 0, bytes = 0;
};

Backlog backlog(const Design &d, const Component &c, const FlowRates &flows, double seconds)
{
    const Params p = Params::of(c.params);
    const ComponentFlow f = flows.component(c.id);
    const double shards = std::max(1.0, f.shardsAssumed);
    double written = f.inRate;
    if (p.capacityMode == CapacityMode::Provisioned) {
        written = std::min(written, shards * 1000);
        if (f.payloadKB > 0)
            written = std::min(written, shards * 1024 / f.payloadKB);
    }
    const double retained = std::min(seconds, double(p.retentionHours) * 3600.0);
    const double head = double(core::KinesisService::kExactHead);
    Backlog b;
    bool read = false;
    for (const Connection *w : d.outgoing(c.id)) {
        const Component *fn = d.component(w->target);
        if (w->kind != ConnectionKind::EventSourceMapping || !fn)
            continue;
        read = true;
        const mapping::Params m = mapping::Params::of(w->params);
        const double lanes = shards * double(std::max<qlonglong>(1, m.parallelizationFactor));
        const double busy = std::min(lanes, lambda::concurrencyCap(d, *fn));
        const double drain = busy * double(std::max<qlonglong>(1, m.batchSize))
                             / lambda::meanSeconds(lambda::Params::of(fn->params));
        const double items = std::max(0.0, written - drain) * retained;
        b.items += items;
        b.bytes += cohortKeptBytes(items, lanes * head, cohortBound(d, retained, lanes));
    }
    if (!read) {
        b.items = written * retained;
        b.bytes = cohortKeptBytes(b.items, shards * head, cohortBound(d, retained, shards));
    }
    return b;
}

double heldItems(const Design &d, const Component &c, const FlowRates &flows, double seconds)
{
    return backlog(d, c, flows, seconds).items;
}

double heldBytes(const Design &d, const Component &c, const FlowRates &flows, double seconds)
{
    return backlog(d, c, flows, seconds).bytes;
}

} // namespace

// Its advisor rules (kinesisadvice.cpp).
const QList<advisor::Rule> &advisorRules();

const SimService &simService()
{
    static const SimService s{
        ComponentKind::KinesisStream,
        core::ComponentKind::KinesisStream,
        add,
        1,
        failureWire,
        summarize,
        live,
        nullptr,
        nullptr,
        heldItems,
        advisorRules,
        heldBytes,
    };
    return s;
}

} // namespace swb::kinesis
