// The advisor's rules on a Kinesis stream (sim/advisorruleskit.h): write throttling sized by the
// shard limits, a failing batch blocking its shard, a growing iterator age, and small batches
// read by its Lambda consumer.

#include "sim/advisorruleskit.h"
#include "sim/services/simservice.h"
#include "sim/services/lambda/lambdaadvice.h"

#include "model/services/kinesis/kinesis.h"

#include <algorithm>
#include <cmath>

namespace swb::advisor {

namespace {

// Kinesis: writes over a shard's 1,000 records/s or 1 MB/s. Shards sized from the busiest bin.
void kinesisWriteThrottling(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    const RunResults &run = ctx.run;
    const Series s(run, c.id);
    const QList<double> thr = s.values(core::KmThrottles);
    const double throttles = s.total(core::KmThrottles);
    const double records = s.total(core::KmRecords);
    if (throttles <= kThrottleShare * (records + throttles))
        return;
    const auto w = window(thr, s.bin());
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("kinesis-write-throttling"), QStringLiteral("%1 rejects writes").arg(c.name),
        c.name, w,
        QStringLiteral("%1 writes throttled, %2 of put attempts")
            .arg(count(throttles), percent(throttles / (records + throttles))),
        QStringLiteral("Each shard takes at most 1,000 records/s and 1 MB/s of writes; puts "
                       "above that fail with ProvisionedThroughputExceeded "
                       "(aws-behaviour.md §5, Shard limits)."));
    // Sized for the records offered, not the attempts: a throttled record's SDK retries count
    // in write_throttles again, and would oversize the stream (aws-behaviour.md §10).
    const double peak = peakPerSecond(s, core::KmOffered);
    const double bytesPerRecord = records > 0 ? s.total(core::KmBytes) / records : 0;
    const double byRecords = peak / 1000.0;
    const double byBytes = peak * bytesPerRecord / 1048576.0;
    const int shards = int(std::ceil(std::max(byRecords, byBytes) * kHeadroom));
    const kinesis::Params p = kinesis::Params::of(c.params);
    if (shards > p.shards) {
        Fix fix;
        fix.rule = f.diagnosis.rule;
        fix.title = QStringLiteral("Give %1 %2 shards").arg(c.name).arg(shards);
        fix.sizing =
            QStringLiteral("Peak %1 records/s of %2 B: max(%3 by records at 1,000/s, %4 by bytes "
                           "at 1 MB/s) x %5 headroom = %6 shards. A hot partition key is not "
                           "spread by more shards.")
                .arg(QString::number(peak, 'f', 0), QString::number(bytesPerRecord, 'f', 0),
                     QString::number(byRecords, 'f', 2), QString::number(byBytes, 'f', 2),
                     QString::number(kHeadroom, 'f', 2))
                .arg(shards);
        fix.changes = {blockChange(c, kinesis::key::shards, shards)};
        f.fix = fix;
    }
    out->append(f);
}

// Kinesis: a batch that keeps failing blocks its shard (records behind it wait, in order) until
// it succeeds or expires, 24 h by default. Bisecting on error splits a failing batch until the
// poison record is alone, and a bounded retry count then skips it to the on-failure destination,
// so the rest of the batch and the shard go on (aws-behaviour.md §5, Event source mapping).
void kinesisBlockedShard(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    const Design &design = ctx.design;
    const Connection *esm = mappingFrom(design, c.id);
    const Component *fn = esm ? design.component(esm->target) : nullptr;
    if (!fn)
        return;
    const kinesis::mapping::Params mp = kinesis::mapping::Params::of(esm->params);
    if (mp.bisectOnError && mp.maxRetryAttempts >= 0)
        return; // failing records are isolated and skipped already
    const Series s(ctx.run, c.id);
    const Series fs(ctx.run, fn->id);
    const QList<double> age = s.values(core::KmIteratorAge);
    const double errors = fs.total(core::LmErrors) + fs.total(core::LmTimeouts);
    if (errors <= 0 || !growingAtTheEnd(age, 60))
        return;
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("kinesis-blocked-shard"),
        QStringLiteral("a failing batch blocks %1").arg(c.name), c.name,
        window(fs.values(core::LmErrors), s.bin()),
        QStringLiteral("%1 failed invocations of %2; iterator age %3 at the end")
            .arg(count(errors), fn->name, formatDuration(age.last())),
        QStringLiteral("A batch that fails is retried, blocking its shard, until it succeeds or "
                       "its records expire (maximum retry attempts and record age default to "
                       "the retention); BisectBatchOnFunctionError splits it to isolate the "
                       "failing record (aws-behaviour.md §5, Event source mapping)."));
    Fix fix;
    fix.rule = f.diagnosis.rule;
    fix.setsAside = true;
    const int retries = 3;
    fix.title = QStringLiteral("Bisect %1's failing batches and retry them at most %2 times")
                    .arg(c.name)
                    .arg(retries);
    const double batch = std::max<qlonglong>(1, mp.batchSize);
    fix.sizing = QStringLiteral("A batch of %1 is split at most %2 times before a failing record "
                                "is alone; %3 retries then skip it to the on-failure "
                                "destination instead of blocking the shard.")
                     .arg(batch)
                     .arg(int(std::ceil(std::log2(batch))))
                     .arg(retries);
    if (!mp.bisectOnError)
        fix.changes.append(wireChange(design, *esm, kinesis::mapping::key::bisectOnError, true));
    if (mp.maxRetryAttempts < 0)
        fix.changes.append(
            wireChange(design, *esm, kinesis::mapping::key::maxRetryAttempts, retries));
    bool destination = false;
    for (const Connection *w : design.outgoing(c.id))
        destination = destination || w->kind == ConnectionKind::OnFailure;
    const QString failures = c.name + QStringLiteral("-failures");
    if (!destination && !design.componentByName(failures)) {
        // Skipped records' metadata goes to an on-failure queue, so none is lost unseen.
        fix.changes.append({ParamChange::On::NewBlock,
                            failures,
                            c.name,
                            componentKindId(ComponentKind::SqsQueue),
                            {},
                            QVariantMap()});
        fix.changes.append({ParamChange::On::NewWire,
                            c.name,
                            failures,
                            connectionKindId(ConnectionKind::OnFailure),
                            {},
                            QVariantMap()});
    }
    f.fix = fix;
    out->append(f);
}

// Kinesis: the iterator age still growing at the end: the consumer falls behind. More
// concurrent batches per shard (parallelization factor, at most 10) or more shards.
void kinesisIteratorAge(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    const Design &design = ctx.design;
    const RunResults &run = ctx.run;
    const Series s(run, c.id);
    const QList<double> age = s.values(core::KmIteratorAge);
    if (!growingAtTheEnd(age, 60))
        return;
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("kinesis-iterator-age"),
        QStringLiteral("%1's consumer falls behind").arg(c.name), c.name,
        {age.size() * 3 / 4 * s.bin(), age.size() * s.bin()},
        QStringLiteral("iterator age %1 at the end, up from %2")
            .arg(formatDuration(age.last()), formatDuration(age.at(age.size() * 3 / 4))),
        QStringLiteral("Lambda reads each shard with one batch in flight per parallelization "
                       "factor (1 to 10), in order; records older than the retention are lost "
                       "(aws-behaviour.md §5, Event source mapping)."));
    const Connection *esm = mappingFrom(design, c.id);
    const Component *fn = esm ? design.component(esm->target) : nullptr;
    const double seconds = run.metadata.durationSeconds;
    if (fn && seconds > 0) {
        const Series fs(run, fn->id);
        const double arrival = s.total(core::KmRecords) / seconds;
        const double d = meanDurationSeconds(fs);
        const kinesis::mapping::Params mp = kinesis::mapping::Params::of(esm->params);
        const kinesis::Params sp = kinesis::Params::of(c.params);
        const double batch = std::max<qlonglong>(1, mp.batchSize);
        const double needed = arrival * d / batch * kHeadroom; // concurrent batches
        const int factor = int(std::ceil(needed / sp.shards));
        Fix fix;
        fix.rule = f.diagnosis.rule;
        fix.sizing = QStringLiteral("Little's law: %1 records/s x %2 per batch / %3 records per "
                                    "batch x %4 headroom = %5 concurrent batches over %6 shards.")
                         .arg(QString::number(arrival, 'f', 1), formatDuration(d))
                         .arg(batch)
                         .arg(QString::number(kHeadroom, 'f', 2))
                         .arg(QString::number(needed, 'f', 1))
                         .arg(sp.shards);
        if (factor > mp.parallelizationFactor && factor <= 10) {
            fix.title = QStringLiteral("Read %1 with a parallelization factor of %2")
                            .arg(c.name)
                            .arg(factor);
            fix.changes = {
                wireChange(design, *esm, kinesis::mapping::key::parallelizationFactor, factor)};
            f.fix = fix;
        } else if (factor > 10) {
            const int shards = int(std::ceil(needed / 10));
            fix.title = QStringLiteral("Give %1 %2 shards, read with a parallelization factor "
                                       "of 10")
                            .arg(c.name)
                            .arg(shards);
            fix.changes = {
                blockChange(c, kinesis::key::shards, shards),
                wireChange(design, *esm, kinesis::mapping::key::parallelizationFactor, 10)};
            f.fix = fix;
        }
    }
    out->append(f);
}

// Small batches at the stream's Lambda consumer: records read are the stream's records.
void kinesisSmallBatches(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    const Connection *esm = mappingFrom(ctx.design, c.id);
    if (!esm)
        return;
    const kinesis::mapping::Params mp = kinesis::mapping::Params::of(esm->params);
    smallBatches(ctx,
                 {esm, mp.batchSize, mp.batchingWindow, kinesis::mapping::key::batchingWindow,
                  Series(ctx.run, c.id).total(core::KmRecords)},
                 out);
}

} // namespace

} // namespace swb::advisor

namespace swb::kinesis {

const QList<advisor::Rule> &advisorRules()
{
    // In the order their findings are listed.
    static const QList<advisor::Rule> rules = {
        advisor::kinesisWriteThrottling, advisor::kinesisBlockedShard, advisor::kinesisIteratorAge,
        advisor::kinesisSmallBatches};
    return rules;
}

} // namespace swb::kinesis
