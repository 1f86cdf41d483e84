// The advisor's rules for queues, streams and workflows: Kinesis write throttling, a blocked
// shard and a growing iterator age; an SQS backlog and a queue without a dead-letter queue;
// Step Functions StartExecution throttling. Shared helpers in sim/advisorruleskit.h.

#include "sim/advisorruleskit.h"

#include "model/services/kinesis/kinesis.h"
#include "model/services/lambda/lambda.h"
#include "model/services/sns/sns.h"
#include "model/services/sqs/sqs.h"
#include "model/services/stepfunctions/stepfunctions.h"

namespace swb::advisor {

namespace {

// The longest a state machine's execution can take: each Task's function timing out on every
// attempt, with every retry wait at its cap (Retry fields; a Retry array is not expanded and
// counts as the fields' defaults). An upper bound, so "fits Express's 5 minutes" is safe.
double longestExecutionSeconds(const Design &design, const Component &sm)
{
    double total = 0;
    for (const Connection *w : design.outgoing(sm.id)) {
        const Component *fn = design.component(w->target);
        if (w->kind != ConnectionKind::ServiceIntegration || !fn)
            continue;
        const sfn::task::Params t = sfn::task::Params::of(w->params);
        const double timeout =
            fn->kind == ComponentKind::Lambda ? lambda::Params::of(fn->params).timeout : 60.0;
        double wait = t.retryInterval;
        total += timeout;
        for (qlonglong a = 0; a < t.retryMaxAttempts && total < 1e6; ++a) {
            total +=
                timeout + (t.retryMaxDelay > 0 ? std::min<double>(wait, t.retryMaxDelay) : wait);
            wait *= t.retryBackoffRate;
        }
    }
    return total;
}

} // namespace

// Kinesis: writes over a shard's 1,000 records/s or 1 MB/s. Shards sized from the busiest bin.
void kinesisWriteThrottling(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    const RunResults &run = ctx.run;
    const Series s(run, c.id);
    const QList<double> thr = s.values(core::KmThrottles);
    const QList<double> rec = s.values(core::KmRecords);
    const double throttles = s.total(core::KmThrottles);
    const double records = s.total(core::KmRecords);
    if (throttles <= kThrottleShare * (records + throttles))
        return;
    const auto w = window(thr, s.bin());
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("kinesis-write-throttling"), QStringLiteral("%1 rejects writes").arg(c.name),
        c.name, w,
        QStringLiteral("%1 writes throttled, %2 of puts")
            .arg(count(throttles), percent(throttles / (records + throttles))),
        QStringLiteral("Each shard takes at most 1,000 records/s and 1 MB/s of writes; puts "
                       "above that fail with ProvisionedThroughputExceeded "
                       "(aws-behaviour.md §5, Shard limits)."));
    double peak = 0;
    for (qsizetype b = 0; b < rec.size(); ++b)
        peak = std::max(peak, (rec.at(b) + thr.value(b)) / s.bin());
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

// Step Functions: StartExecution throttled by a Standard state machine's bucket (1,300 burst,
// 300 per s in the large Regions). Express starts 6,000 per s, so below that switching the type
// removes the throttling, if every execution fits Express's 5 minutes (at-least-once instead of
// exactly-once: the Tasks must be idempotent, which the fix's text says).
void sfnStartThrottling(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    const Series s(ctx.run, c.id);
    const QList<double> thr = s.values(core::FmStartThrottles);
    const QList<double> exe = s.values(core::FmExecutions);
    const double throttles = s.total(core::FmStartThrottles);
    const double executions = s.total(core::FmExecutions);
    if (throttles <= kThrottleShare * (executions + throttles))
        return;
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("sfn-start-throttling"), QStringLiteral("%1 refuses executions").arg(c.name),
        c.name, window(thr, s.bin()),
        QStringLiteral("%1 StartExecution calls throttled, %2 of starts")
            .arg(count(throttles), percent(throttles / (executions + throttles))),
        QStringLiteral("A Standard state machine's StartExecution is a token bucket (1,300 "
                       "burst, 300 per s in us-east-1, us-west-2 and eu-west-1; 800 / 150 "
                       "elsewhere); calls above it fail with ThrottlingException. Express "
                       "allows 6,000 / 6,000 (aws-behaviour.md §6, Standard vs Express)."));
    double peak = 0;
    for (qsizetype b = 0; b < exe.size(); ++b)
        peak = std::max(peak, (exe.at(b) + thr.value(b)) / s.bin());
    const double longest = longestExecutionSeconds(ctx.design, c);
    const sfn::Params p = sfn::Params::of(c.params);
    if (p.type == sfn::WorkflowType::Standard && peak * kHeadroom <= 6000 && longest <= 300) {
        Fix fix;
        fix.rule = f.diagnosis.rule;
        fix.title = QStringLiteral("Make %1 an Express workflow").arg(c.name);
        fix.sizing =
            QStringLiteral("Peak %1 starts/s x %2 headroom is within Express's 6,000 per s, and "
                           "the longest execution (every Task timing out on every attempt, "
                           "retry waits at their cap) is %3 s, within Express's 5 minutes. "
                           "Express runs at least once, not exactly once: the Tasks must be "
                           "idempotent.")
                .arg(QString::number(peak, 'f', 0), QString::number(kHeadroom, 'f', 2),
                     QString::number(longest, 'f', 0));
        fix.changes = {blockChange(c, sfn::key::type, choiceText(sfn::WorkflowType::Express))};
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

// SQS without a redrive policy: messages that fail come back every visibility timeout until the
// retention period deletes them (4 days by default), each time billed and each time occupying
// the consumer. A dead-letter queue of the same type takes them after maxReceiveCount receives;
// 5, the parameter's default, is AWS's advice for a Lambda consumer (a batch that fails for one
// message is received again with it).
void sqsWithoutDlq(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    const Design &design = ctx.design;
    for (const Connection *w : design.outgoing(c.id))
        if (w->kind == ConnectionKind::Redrive)
            return;
    const Series s(ctx.run, c.id);
    const double sent = s.total(core::QmSent);
    const QList<double> receives = s.values(core::QmReceives);
    const double again = s.total(core::QmReceives) - sent; // receives of a message seen before
    if (sent <= 0 || again <= 0.01 * sent)
        return;
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("sqs-no-dlq"),
        QStringLiteral("%1 keeps receiving failed messages").arg(c.name), c.name,
        window(receives, s.bin()),
        QStringLiteral("%1 receives of messages received before (%2 of messages sent); no "
                       "dead-letter queue")
            .arg(count(again), percent(again / sent)),
        QStringLiteral("Without a redrive policy a message that keeps failing becomes visible "
                       "again after each visibility timeout until the retention period deletes "
                       "it (default 4 days); a redrive policy moves it to a dead-letter queue "
                       "after maxReceiveCount receives (aws-behaviour.md §4, Redrive)."));
    const QString dlq = c.name + QStringLiteral("-dlq");
    if (!design.componentByName(dlq)) {
        Fix fix;
        fix.rule = f.diagnosis.rule;
        fix.setsAside = true;
        fix.title = QStringLiteral("Give %1 a dead-letter queue").arg(c.name);
        fix.sizing = QStringLiteral("maxReceiveCount 5 (AWS's advice for a Lambda consumer: a "
                                    "batch failing for one message is received again with it); "
                                    "the DLQ has the queue's type, as AWS requires.");
        const QVariantMap type{{sqs::key::type, c.params.value(sqs::key::type)}};
        fix.changes = {{ParamChange::On::NewBlock,
                        dlq,
                        c.name,
                        componentKindId(ComponentKind::SqsQueue),
                        {},
                        c.params.contains(sqs::key::type) ? type : QVariantMap()},
                       {ParamChange::On::NewWire,
                        c.name,
                        dlq,
                        connectionKindId(ConnectionKind::Redrive),
                        {},
                        QVariantMap{{sqs::redrive::key::maxReceiveCount, 5}}}};
        f.fix = fix;
    }
    out->append(f);
}

// SQS: a backlog still growing at the end. Little's law sizes the consumer: N environments each
// finishing a batch of B messages in d seconds drain N B / d messages per second.
void sqsBacklog(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    const Design &design = ctx.design;
    const RunResults &run = ctx.run;
    const Series s(run, c.id);
    const QList<double> visible = s.values(core::QmVisible);
    if (!growingAtTheEnd(visible, 100))
        return;
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("sqs-backlog"), QStringLiteral("%1's backlog keeps growing").arg(c.name),
        c.name, {visible.size() * 3 / 4 * s.bin(), visible.size() * s.bin()},
        QStringLiteral("%1 messages visible at the end, up from %2")
            .arg(count(visible.last()), count(visible.at(visible.size() * 3 / 4))),
        QStringLiteral("Messages wait until a consumer receives them; a queue whose consumers "
                       "drain less than arrives grows until retention deletes the oldest "
                       "(aws-behaviour.md §4)."));
    const Connection *esm = mappingFrom(design, c.id);
    const Component *fn = esm ? design.component(esm->target) : nullptr;
    const double seconds = run.metadata.durationSeconds;
    if (fn && seconds > 0) {
        const Series fs(run, fn->id);
        const double arrival = s.total(core::QmSent) / seconds;
        const double d = meanDurationSeconds(fs);
        const double batch =
            std::max<qlonglong>(1, sqs::mapping::Params::of(esm->params).batchSize);
        const qlonglong n = qlonglong(std::ceil(arrival * d / batch * kHeadroom));
        const lambda::ReservedConcurrency rc =
            lambda::reservedConcurrency(lambda::Params::of(fn->params));
        const qlonglong cap = sqs::mapping::Params::of(esm->params).maximumConcurrency;
        if (n > 0 && ((rc.isReserved() && rc.stored < n) || (cap > 0 && cap < n))) {
            Fix fix;
            fix.rule = f.diagnosis.rule;
            fix.title = QStringLiteral("Let %1 run %2 batches at once").arg(fn->name).arg(n);
            fix.sizing = QStringLiteral("Little's law: %1 messages/s x %2 per batch / %3 "
                                        "messages per batch x %4 headroom = %5 concurrent "
                                        "invocations.")
                             .arg(QString::number(arrival, 'f', 1), formatDuration(d))
                             .arg(batch)
                             .arg(QString::number(kHeadroom, 'f', 2))
                             .arg(n);
            if (rc.isReserved() && rc.stored < n)
                fix.changes = reserve(design, *fn, n);
            if (cap > 0 && cap < n)
                fix.changes.append(wireChange(design, *esm, sqs::mapping::key::maximumConcurrency,
                                              std::min<qlonglong>(n, 1000)));
            f.fix = fix;
        }
    }
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

// SNS FIFO: Publish throttled above a topic's 3,000 msg/s or 20 MB/s. A diagnosis without a
// verified fix: the remedies (high-throughput mode, 300 msg/s per message group; publishing
// over several topics by message group; a Standard topic where order and deduplication are not
// needed) are not modelled or change the design's guarantees, so they are named, not proposed.
void snsFifoThrottling(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    const Series s(ctx.run, c.id);
    const double throttles = s.total(core::SmThrottles);
    const double publishes = s.total(core::SmPublishes);
    if (throttles <= kThrottleShare * (publishes + throttles))
        return;
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("sns-fifo-throttling"), QStringLiteral("%1 refuses publishes").arg(c.name),
        c.name, window(s.values(core::SmThrottles), s.bin()),
        QStringLiteral("%1 publishes throttled, %2 of publishes")
            .arg(count(throttles), percent(throttles / (publishes + throttles))),
        QStringLiteral("A FIFO topic takes 3,000 msg/s and 20 MB/s (since November 2023); "
                       "above that Publish is throttled and the publisher gets the error. "
                       "High-throughput mode (FifoThroughputScope=MessageGroup, 300 msg/s per "
                       "message group) or a Standard topic, where order and deduplication are "
                       "not needed, lift it; neither is simulated here (aws-behaviour.md §3, "
                       "FIFO throughput history)."));
    out->append(f);
}

// A consumer invoked with far smaller batches than its batch size: each invocation bills a
// request and its whole duration however few records it carries, so at a steady rate a
// batching window that lets a batch fill (window = batch size / arrival rate, at most 20 s)
// divides the invocations by the batch's growth, for at most the window's latency
// (aws-behaviour.md §4 and §5, Event source mapping: MaximumBatchingWindowInSeconds 0-300 s).
void smallBatches(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    const Design &design = ctx.design;
    const Connection *esm = mappingFrom(design, c.id);
    const Component *fn = esm ? design.component(esm->target) : nullptr;
    const double seconds = ctx.run.metadata.durationSeconds;
    if (!fn || seconds <= 0)
        return;
    const sqs::mapping::Params mp = sqs::mapping::Params::of(esm->params); // common ESM fields
    if (mp.batchingWindow > 0 || mp.batchSize < 4)
        return;
    if (c.kind == ComponentKind::SqsQueue && sqs::Params::of(c.params).type == sqs::QueueType::Fifo)
        return; // no batching window on FIFO queues
    const Series s(ctx.run, c.id);
    const Series fs(ctx.run, fn->id);
    const double records =
        c.kind == ComponentKind::SqsQueue ? s.total(core::QmReceives) : s.total(core::KmRecords);
    const double invocations = fs.total(core::LmInvocations);
    // A hot spot from 100 invocations/s: 263 M requests a month, $53 of request charges alone
    // at $0.20 per million (aws-behaviour.md §1 Pricing); below that a window buys little.
    if (invocations < 100 * seconds)
        return;
    const double perInvocation = records / invocations;
    if (perInvocation >= 0.25 * double(mp.batchSize))
        return;
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("small-batches"),
        QStringLiteral("%1 is invoked with small batches").arg(fn->name), fn->name, {0, seconds},
        QStringLiteral("%1 records per invocation on average, batch size %2; %3 invocations/s")
            .arg(QString::number(perInvocation, 'f', 1))
            .arg(mp.batchSize)
            .arg(QString::number(invocations / seconds, 'f', 1)),
        QStringLiteral("Without a batching window the pollers invoke as soon as records are "
                       "there; every invocation bills a request and its duration however few "
                       "records it carries (aws-behaviour.md §1 Pricing; §4, §5 Event source "
                       "mapping)."));
    const double rate = records / seconds;
    int windowS = int(std::ceil(double(mp.batchSize) / std::max(rate, 1e-9)));
    windowS = std::clamp(windowS, 1, 20);
    if (ctx.options.targetP99Ms >= 0) {
        const double slack = (ctx.options.targetP99Ms - headlineOf(ctx.run).p99Ms) / 1000.0;
        windowS = std::min(windowS, int(std::floor(slack)));
    }
    if (windowS >= 1) {
        Fix fix;
        fix.rule = f.diagnosis.rule;
        fix.latencyTradeMs = windowS * 1000.0;
        fix.title = QStringLiteral("Let %1 gather batches for %2 s").arg(fn->name).arg(windowS);
        fix.sizing =
            QStringLiteral("%1 records/s fill a batch of %2 in %3 s: window %4 s (at most 20 s%5). "
                           "Fewer, fuller invocations for at most %4 s more latency.")
                .arg(QString::number(rate, 'f', 1))
                .arg(mp.batchSize)
                .arg(QString::number(double(mp.batchSize) / std::max(rate, 1e-9), 'f', 2))
                .arg(windowS)
                .arg(ctx.options.targetP99Ms >= 0 ? QStringLiteral(", and within the p99 target")
                                                  : QString());
        fix.changes = {wireChange(design, *esm, sqs::mapping::key::batchingWindow, windowS)};
        f.fix = fix;
    }
    out->append(f);
}

} // namespace swb::advisor
