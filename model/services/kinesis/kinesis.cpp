#include "model/services/kinesis/kinesis.h"

#include "model/services/kinesis/kinesisretries.h"

#include "model/design.h"
#include "model/pricing.h"
#include "model/services/billing.h"
#include "model/services/comparison.h"
#include "model/services/flowrule.h"
#include "model/services/lambda/lambda.h"
#include "model/services/registry.h"

#include <algorithm>
#include <cmath>

namespace swb::kinesis {

SWB_PARAM_READER(Params, SWB_KINESIS_PARAMS)

namespace mapping {
SWB_PARAM_READER(Params, SWB_KINESIS_MAPPING_PARAMS)
}

namespace {

QList<ParamSpec> params()
{
    QList<ParamSpec> specs = SWB_PARAM_SPECS(SWB_KINESIS_PARAMS);
    // An on-demand stream has no shard count to choose (aws-behaviour.md section 5; the
    // simulator runs it as its starting 4 MB/s of write capacity).
    paramdecl::appliesWhen(specs, key::shards, key::capacityMode, {CapacityMode::Provisioned});
    return specs;
}

QList<ParamSpec> wireParams(ConnectionKind kind)
{
    if (kind == ConnectionKind::EventSourceMapping)
        return SWB_PARAM_SPECS(SWB_KINESIS_MAPPING_PARAMS);
    return {};
}

QString blockSubtitle(const Component &c)
{
    const Params p = Params::of(c.params);
    if (p.capacityMode == CapacityMode::Provisioned)
        return p.shards == 1 ? QStringLiteral("1 shard")
                             : QStringLiteral("%1 shards").arg(int(p.shards));
    return choiceText(p.capacityMode);
}

bool fifoTarget(const Component &, const Component &target)
{
    return isFifo(target);
}

// Lambda polls the shards; a mapping's on-failure destination is a standard queue or topic
// (aws-behaviour.md §5).
const QList<WireRule> &outgoingWires()
{
    using K = ComponentKind;
    using C = ConnectionKind;
    static const QList<WireRule> rules = {
        {C::SyncInvoke,
         {K::Lambda},
         nullptr,
         "Lambda reads Kinesis by polling shards (event source mapping); a stream does not invoke "
         "a function"},
        {C::EventSourceMapping, {}},
        {C::OnFailure,
         {K::SqsQueue, K::SnsTopic},
         fifoTarget,
         "A stream mapping's on-failure destination must be a standard queue or topic"},
        {C::OnFailure, {K::SqsQueue, K::SnsTopic}},
        {C::OnFailure, {}, nullptr, "A Kinesis mapping's on-failure destination is SQS, SNS or S3"},
    };
    return rules;
}

// Lambda polls each shard about once per second (aws-behaviour.md §5 "Lambda event source
// mapping").
constexpr double kPollSeconds = 1;
// On-demand streams start at 4 MB/s of write capacity, i.e. 4 shards' worth (aws-behaviour.md §5).
constexpr double kOnDemandShards = 4;
// Kinesis on-failure destinations receive batch metadata, not the records: ~1 KB (assumption).
constexpr double kFailureRecordKB = 1;

// Steady-state flow: every mapping reads every record, in batches of one poll per shard and
// parallelization slot; failed batches are retried, then go to the on-failure destination.
void flowRule(flow::Propagator &pr, const Component &c, ComponentFlow &f)
{
    const Design &design = pr.design();
    const Params params = Params::of(c.params);
    const flow::Propagator::Inflow in = pr.arrive(c, f);
    const bool provisioned = params.capacityMode == CapacityMode::Provisioned;
    f.shardsAssumed = provisioned ? double(params.shards) : kOnDemandShards;
    if (!provisioned)
        pr.note(QStringLiteral("On-demand streams: batch sizes assume the initial 4 shards' worth "
                               "of capacity."));
    if (provisioned
        && (f.inRate > f.shardsAssumed * 1000 || f.inRate * f.payloadKB > f.shardsAssumed * 1024))
        pr.warn(QStringLiteral("'%1' receives more than its %2 shard(s) accept (1 MB/s or 1,000 "
                               "records/s each): the excess would be throttled, but is priced as "
                               "accepted")
                    .arg(c.name)
                    .arg(f.shardsAssumed));
    QList<const Connection *> failureWires;
    for (const Connection *w : design.outgoing(c.id)) {
        if (w->kind == ConnectionKind::OnFailure) {
            failureWires.append(w);
            continue;
        }
        if (w->kind != ConnectionKind::EventSourceMapping)
            continue;
        ++f.consumers; // every consumer reads every record
        const mapping::Params esm = mapping::Params::of(w->params);
        const Component *fn = design.component(w->target);
        const double pf = double(esm.parallelizationFactor);
        const double window = double(esm.batchingWindow);
        // Lambda polls each shard about once per second, or gathers for the batching window.
        const double perPoll = f.inRate / (f.shardsAssumed * pf) * std::max(window, kPollSeconds);
        const double perInvoke =
            lambda::batchPayloadCap(std::clamp(perPoll, 1.0, double(esm.batchSize)), f.payloadKB);
        // The function's errors and the records' poison share and transient failure rate, with
        // the mapping's retries and bisection (kinesisretries.h).
        const BatchRetries tries = batchRetries({.batch = perInvoke,
                                                 .poisonShare = fn ? in.poisonShare : 0.0,
                                                 .transientRate = fn ? in.transientRate : 0.0,
                                                 .errorRate = fn ? lambda::failureShare(*fn) : 0.0,
                                                 .maxRetries = double(esm.maxRetryAttempts),
                                                 .bisect = esm.bisectOnError});
        double invocations = f.inRate * tries.invocations;
        double deliveries = f.inRate * tries.deliveries;
        if (tries.blocked) {
            // A batch fails every attempt and is retried until its records expire: the shard is
            // blocked and Lambda keeps re-invoking the same batch.
            pr.warn(QStringLiteral("'%1' fails every batch from '%2' (or a poison record's) and "
                                   "retries until the records expire: the shards are blocked (set "
                                   "maximum retry attempts or maximum record age)")
                        .arg(fn ? fn->name : QString(), c.name));
            const double seconds =
                fn ? std::max(lambda::Params::of(fn->params).duration / 1000.0, kPollSeconds)
                   : kPollSeconds;
            invocations = f.shardsAssumed * pf / seconds;
            deliveries = invocations * perInvoke;
        } else {
            f.failedBatches += f.inRate * tries.failedBatches;
            f.failedRecords += f.inRate * tries.failedRecords;
        }
        if (esm.reportBatchItemFailures && (in.poisonShare > 0 || in.transientRate > 0))
            pr.note(QStringLiteral("Kinesis: a partial batch response is estimated as a whole "
                                   "batch failing (its checkpoint is not counted)."));
        pr.setRecordFailures(deliveries > 0 && !tries.blocked
                                 ? std::min(1.0, f.inRate * tries.poisonDeliveries / deliveries)
                                 : in.poisonShare,
                             in.transientRate);
        pr.out(w, deliveries, f.payloadKB, invocations);
    }
    if (f.consumers > 0)
        pr.note(QStringLiteral("Kinesis: a batch holds the records of one poll (about 1 s per "
                               "shard and parallelization slot, or the batching window), at most "
                               "the batch size; maximum record age is not used in the rates."));
    for (const Connection *w : failureWires)
        pr.out(w, f.failedBatches / failureWires.size(), kFailureRecordKB);
}

const QList<usage::Dimension> &billingDimensions()
{
    static const QList<usage::Dimension> dims = {
        {"shard-hours"},
        {"put-payload-units"},
        {"extended-retention-shard-hours"},
        {"stream-hours"},
        {"data-in"},
        {"data-out"},
        // Enhanced fan-out (aws-behaviour.md §5 pricing, a secondary source).
        {"efo-consumer-shard-hours", false},
        {"efo-data", false},
    };
    return dims;
}

// Provisioned: shard-hours, PUT payload units, extended retention; on-demand: stream-hours and
// data in / out per GB; enhanced fan-out consumers: consumer-shard-hours plus every record once
// per consumer (aws-behaviour.md §5 "Pricing").
void billing(usage::Meter &m, const Component &c)
{
    using usage::millions;
    const Params p = Params::of(c.params);
    const double hours = m.hours();
    const double month = m.seconds();
    const double shards = double(p.shards);
    int efo = 0, consumers = 0;
    for (const Connection *w : m.design().outgoing(c.id)) {
        if (w->kind != ConnectionKind::EventSourceMapping)
            continue;
        ++consumers;
        efo += mapping::Params::of(w->params).enhancedFanOut;
    }
    if (efo > 0) {
        m.configured(c, QStringLiteral("efo-consumer-shard-hours"), efo * shards * hours,
                     QStringLiteral("%1 enhanced fan-out consumer(s) x %2 shard(s) x %3 h")
                         .arg(efo)
                         .arg(shards)
                         .arg(hours));
        m.metered(
            c, QStringLiteral("efo-data"),
            [&](const ComponentFlow &f) {
                const double records = f.inRate * month;
                return usage::Estimate{records * f.payloadKB * efo / usage::kKBPerGB,
                                       QStringLiteral("%1 records x %2 KB x %3 consumer(s)")
                                           .arg(millions(records))
                                           .arg(f.payloadKB)
                                           .arg(efo)};
            },
            [&](const usage::RunTotal &total) {
                return efo * total("kinesis.incoming_bytes") / usage::kBytesPerGB;
            });
    }
    if (p.capacityMode == CapacityMode::Provisioned) {
        m.configured(c, QStringLiteral("shard-hours"), shards * hours,
                     QStringLiteral("%1 shard(s) x %2 h").arg(shards).arg(hours));
        const PriceDimension put = m.dimension(c, QStringLiteral("put-payload-units"));
        m.meteredPerChunk(c, put, QStringLiteral("records"), QStringLiteral("unit(s)"),
                          "kinesis.billed_put_units");
        if (p.retentionHours > 24)
            m.configured(
                c, QStringLiteral("extended-retention-shard-hours"), shards * hours,
                QStringLiteral("retention over 24 h: %1 shard(s) x %2 h").arg(shards).arg(hours));
        return;
    }
    m.configured(c, QStringLiteral("stream-hours"), hours,
                 QStringLiteral("1 stream x %1 h").arg(hours));
    // The estimate rounds each record up to the catalogue's 1 KB; the run counts bytes (the core
    // reports bytes, not per-record sizes).
    const PriceDimension in = m.dimension(c, QStringLiteral("data-in"));
    m.metered(
        c, in.id,
        [&](const ComponentFlow &f) {
            const double records = f.inRate * month;
            const double recordKB =
                in.roundUpKB > 0 ? std::ceil(f.payloadKB / in.roundUpKB - 1e-9) * in.roundUpKB
                                 : f.payloadKB;
            return usage::Estimate{
                records * recordKB / usage::kKBPerGB,
                QStringLiteral("%1 records x %2 KB").arg(millions(records)).arg(recordKB)};
        },
        [](const usage::RunTotal &total) {
            return total("kinesis.incoming_bytes") / usage::kBytesPerGB;
        });
    // Data out: every record once per consuming mapping.
    m.metered(
        c, QStringLiteral("data-out"),
        [&](const ComponentFlow &f) {
            const double records = f.inRate * month;
            return usage::Estimate{records * f.payloadKB * f.consumers / usage::kKBPerGB,
                                   QStringLiteral("%1 records x %2 KB x %3 consumer(s)")
                                       .arg(millions(records))
                                       .arg(f.payloadKB)
                                       .arg(f.consumers)};
        },
        [&](const usage::RunTotal &total) {
            return total("kinesis.incoming_bytes") / usage::kBytesPerGB * consumers;
        });
    if (p.retentionHours > 24)
        m.note(QStringLiteral("On-demand streams: retention over 24 h is not priced (the "
                              "catalogue has only the provisioned shard-hour rate)."));
}

// The pattern guide's "stream" column (model/services/comparison.h).
ComparisonColumn comparisonColumn(const PricingCatalogue &prices)
{
    using namespace comparison;
    const ParamSpec &shards = blockParam(ComponentKind::KinesisStream, key::shards.name);
    const ParamSpec &factor =
        wireParam(ConnectionKind::EventSourceMapping, ComponentKind::KinesisStream,
                  mapping::key::parallelizationFactor.name);
    const ParamSpec &retention = blockParam(ComponentKind::KinesisStream, key::retentionHours.name);
    const ParamSpec &batch = wireParam(ConnectionKind::EventSourceMapping,
                                       ComponentKind::KinesisStream, mapping::key::batchSize.name);
    const PriceText shardHour = price(prices, "kinesis", "shard-hours");
    const PriceText putUnit = price(prices, "kinesis", "put-payload-units");
    const PriceText streamHour = price(prices, "kinesis", "stream-hours");
    return {
        QStringLiteral("Kinesis (stream)"),
        {
            {QStringLiteral("%1 to %2 shards of 1 MB/s or 1,000 records/s in, 2 MB/s out. Lambda "
                            "runs shards x parallelization factor (%3 to %4) batches at once.")
                 .arg(count(shards.minimum), count(shards.maximum), count(factor.minimum),
                      count(factor.maximum)),
             QStringLiteral("Kinesis shard write and read limits (excess throttled); event source "
                            "mapping ParallelizationFactor. The shard count caps the concurrency. "
                            "[aws-behaviour 5]")},
            {QStringLiteral("Stored across several Availability Zones before PutRecords returns; "
                            "in order per shard."),
             QStringLiteral("SNS, SQS and Kinesis store copies across Availability Zones before "
                            "acknowledging. [aws-behaviour 8]")},
            {QStringLiteral("Retention %1 by default (up to %2), read or not; any consumer can "
                            "re-read within it.")
                 .arg(span(defaultOf(retention) * 3600), span(retention.maximum * 3600)),
             QStringLiteral("Kinesis retention period (24 h default, 365 days maximum; 7 days in "
                            "2018). [aws-behaviour 5]")},
            {QStringLiteral("Poll per shard: batches of %1 (up to %2) in order; several "
                            "applications read the same records.")
                 .arg(count(defaultOf(batch)), count(batch.maximum)),
             QStringLiteral("Shared readers split 2 MB/s and 5 GetRecords/s per shard; enhanced "
                            "fan-out gives each consumer 2 MB/s per shard. [aws-behaviour 5]")},
            {QStringLiteral("The batch is retried in order and blocks its shard until it "
                            "succeeds, the retries or record age run out, or the records expire."),
             QStringLiteral("Kinesis event source mapping: MaximumRetryAttempts and "
                            "MaximumRecordAgeInSeconds (default -1, infinite), "
                            "BisectBatchOnFunctionError, on-failure destination. [aws-behaviour "
                            "5]")},
            priced(QStringLiteral("Provisioned %1 plus %2 (%3 units); on-demand %4 plus data.")
                       .arg(shardHour.text, putUnit.text,
                            chunks(prices, "kinesis", "put-payload-units"), streamHour.text),
                   {shardHour, putUnit, streamHour},
                   QStringLiteral("A shard costs the same idle or busy: the price follows the "
                                  "provisioned throughput, not the traffic.")),
        }};
}

} // namespace

const ServiceModule &module()
{
    static const ServiceModule m{
        .kind = ComponentKind::KinesisStream,
        .id = "kinesis",
        .name = "Kinesis stream",
        .shortName = "Kinesis stream",
        .familyColor = qRgb(0x9A, 0x3F, 0xC9), // analytics / streams violet
        .paletteKeywords = "shard records data streams",
        .paletteSummary = QT_TRANSLATE_NOOP(
            "PaletteDock", "Stream: ordered records in shards, read in batches per shard; a "
                           "failing batch blocks its shard."),
        .params = params,
        .wireParams = wireParams,
        .subtitle = blockSubtitle,
        .flow = flowRule,
        .billingDimensions = billingDimensions,
        .billing = billing,
        .samType = [](const QVariantMap &) { return QStringLiteral("AWS::Kinesis::Stream"); },
        .samEnvSuffix = "_STREAM_NAME",
        .outgoingWires = outgoingWires,
        .naturalWire =
            [](const Component &target) {
                return target.kind == ComponentKind::Lambda ? ConnectionKind::EventSourceMapping
                                                            : ConnectionKind::SyncInvoke;
            },
        .comparison = comparisonColumn,
        .throttles = [](const Component &) { return true; }, // its shards' write limits
    };
    return m;
}

} // namespace swb::kinesis
