// The advisor's rules: what hurt in a run, and a fix sized from theory and the AWS limits. The
// rules read the run's series by typed metric id; the fixes are verified by sim/advisor.cpp.

#include "sim/advisor_p.h"
#include "sim/seriesname.h"

#include "model/erlang.h"
#include "model/humanformat.h"
#include "model/wording.h"
#include "model/services/account/account.h"
#include "model/services/apigateway/apigateway.h"
#include "model/services/kinesis/kinesis.h"
#include "model/services/lambda/lambda.h"
#include "model/services/sqs/sqs.h"

#include <algorithm>
#include <cmath>

namespace swb::advisor {

namespace {

// Share of attempts a throttling rule tolerates before it diagnoses (0.1 %).
constexpr double kThrottleShare = 0.001;
// Headroom on a rate sized from the busiest bin (demand varies within a bin).
constexpr double kHeadroom = 1.25;

struct RuleContext {
    const Design &design;
    const RunResults &run;
    const AdviceOptions &options;
};

// One block's series of a finished run.
class Series
{
public:
    Series(const RunResults &run, ComponentId id)
        : m_run(run)
        , m_id(id)
    {}
    template<typename Metric>
    QList<double> values(Metric m) const
    {
        QList<double> v;
        const int s = m_run.catalog.indexOf(m_id, QLatin1String(seriesName(m)));
        if (s < 0)
            return v;
        const qint64 bins = m_run.binCount();
        v.reserve(bins);
        for (qint64 b = 0; b < bins; ++b)
            v.append(m_run.value(b, s));
        return v;
    }
    template<typename Metric>
    double total(Metric m) const
    {
        double t = 0;
        for (double x : values(m))
            t += x;
        return t;
    }
    double bin() const { return m_run.metadata.binWidthSeconds; }

private:
    const RunResults &m_run;
    ComponentId m_id;
};

// The bins where `v` is positive, as simulated seconds [from, to); {-1, -1} when none.
std::pair<double, double> window(const QList<double> &v, double bin)
{
    qsizetype first = -1, last = -1;
    for (qsizetype b = 0; b < v.size(); ++b) {
        if (v.at(b) > 0) {
            if (first < 0)
                first = b;
            last = b;
        }
    }
    return first < 0 ? std::pair{-1.0, -1.0} : std::pair{first * bin, (last + 1) * bin};
}

// Sum of `a` (and `b`) over the bins of [from, to).
double sumIn(const QList<double> &a, double bin, std::pair<double, double> w)
{
    double t = 0;
    for (qsizetype i = qsizetype(w.first / bin); i < qsizetype(w.second / bin) && i < a.size(); ++i)
        t += a.at(i);
    return t;
}

QString count(double v)
{
    return formatCount(v);
}

QString percent(double share)
{
    return QString::number(share * 100, 'f', share < 0.1 ? 2 : 1) + QStringLiteral(" %");
}

Diagnosis diagnosis(const QString &rule, const QString &title, const QString &block,
                    std::pair<double, double> w, const QString &figure, const QString &awsRule)
{
    return {rule, title, {block}, std::max(0.0, w.first), std::max(0.0, w.second), figure, awsRule};
}

ParamChange blockChange(const Component &c, const QString &key, const QVariant &to)
{
    return {ParamChange::On::Block, c.name, {}, key, c.params.value(key), to};
}

ParamChange wireChange(const Design &d, const Connection &w, const QString &key, const QVariant &to)
{
    return {ParamChange::On::Wire,       d.component(w.source)->name,
            d.component(w.target)->name, key,
            w.params.value(key),         to};
}

ParamChange projectChange(const Design &d, const QString &key, const QVariant &to)
{
    return {ParamChange::On::Project, {}, {}, key, d.settings.value(key), to};
}

// Mean duration of a function's invocations over the run, in seconds (0 without any).
double meanDurationSeconds(const Series &s)
{
    const double inv = s.total(core::LmInvocations);
    return inv > 0 ? s.total(core::LmDurationSum) / inv / 1000.0 : 0;
}

// Concurrency the other functions of the account reserve.
qlonglong reservedByOthers(const Design &design, ComponentId except)
{
    qlonglong r = 0;
    for (const Component &c : design.components) {
        if (c.kind != ComponentKind::Lambda || c.id == except)
            continue;
        const lambda::ReservedConcurrency rc =
            lambda::reservedConcurrency(lambda::Params::of(c.params));
        if (rc.isReserved())
            r += rc.stored;
    }
    return r;
}

// A reservation of `n` for `fn`, plus the account quota it needs: AWS keeps at least 100
// unreserved (aws-behaviour.md §1, "Reserved concurrency").
QList<ParamChange> reserve(const Design &design, const Component &fn, qlonglong n)
{
    QList<ParamChange> changes{blockChange(fn, lambda::key::reservedConcurrency, n)};
    const qlonglong account = account::Params::of(design.settings).accountConcurrency;
    const qlonglong needed = reservedByOthers(design, fn.id) + n + 100;
    if (needed > account)
        changes.append(projectChange(design, account::key::accountConcurrency, needed));
    return changes;
}

// Lambda: throttled invocations. Sized by Erlang B: at its concurrency limit a function rejects,
// not queues, so the limit is the servers of a loss system (model/erlang.h).
void lambdaThrottling(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    const Design &design = ctx.design;
    const RunResults &run = ctx.run;
    const AdviceOptions &o = ctx.options;
    const Series s(run, c.id);
    const QList<double> thr = s.values(core::LmThrottles);
    const QList<double> inv = s.values(core::LmInvocations);
    const double throttles = s.total(core::LmThrottles);
    const double invocations = s.total(core::LmInvocations);
    const lambda::ReservedConcurrency rc =
        lambda::reservedConcurrency(lambda::Params::of(c.params));
    if (rc.isKillSwitch() || throttles <= kThrottleShare * (throttles + invocations))
        return;
    const auto w = window(thr, s.bin());
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("lambda-throttling"), QStringLiteral("%1 is throttled").arg(c.name), c.name,
        w,
        QStringLiteral("%1 throttles, %2 of invocation attempts")
            .arg(count(throttles), percent(throttles / (throttles + invocations))),
        QStringLiteral("An invocation that finds the function at its reserved concurrency, or "
                       "the account's unreserved pool exhausted, is throttled (429); synchronous "
                       "callers get the error, asynchronous events are retried for up to 6 h "
                       "(aws-behaviour.md §1, Throttling)."));
    // Pollers of an SQS mapping do not stop at the function's reservation: the excess batches
    // are throttled and return to the queue after the visibility timeout. AWS's remedy is the
    // mapping's maximum concurrency at or below the reservation (aws-behaviour.md §4, Event
    // source mapping).
    for (const Connection *esm : design.incoming(c.id)) {
        const Component *queue = design.component(esm->source);
        if (esm->kind != ConnectionKind::EventSourceMapping || !queue
            || queue->kind != ComponentKind::SqsQueue || !rc.isReserved() || rc.stored < 2)
            continue;
        const qlonglong cap = std::min<qlonglong>(rc.stored, 1000);
        const qlonglong current = sqs::mapping::Params::of(esm->params).maximumConcurrency;
        if (current > 0 && current <= cap)
            continue;
        Fix fix;
        fix.rule = f.diagnosis.rule;
        fix.title =
            QStringLiteral("Cap %1's pollers at its reservation of %2").arg(c.name).arg(cap);
        fix.sizing = QStringLiteral("The mapping's maximum concurrency (%1) at the function's "
                                    "reserved concurrency (%2): pollers then never start a batch "
                                    "the function must throttle.")
                         .arg(current > 0 ? QString::number(current) : QStringLiteral("no limit"))
                         .arg(rc.stored);
        fix.changes = {wireChange(design, *esm, sqs::mapping::key::maximumConcurrency, cap)};
        f.fix = fix;
        out->append(f);
        return;
    }
    const double seconds = w.second - w.first;
    const double lambdaRate =
        seconds > 0 ? (sumIn(inv, s.bin(), w) + sumIn(thr, s.bin(), w)) / seconds : 0;
    const double d = meanDurationSeconds(s);
    const double load = lambdaRate * d;
    if (load > 0) {
        const int n = serversForBlocking(load, o.throttleTarget, 1000000);
        const qlonglong current = rc.isReserved() ? rc.stored : 0;
        if (n > current) {
            Fix fix;
            fix.rule = f.diagnosis.rule;
            fix.title =
                QStringLiteral("Reserve %1 concurrent executions for %2").arg(n).arg(c.name);
            fix.sizing =
                QStringLiteral("Erlang B: offered load A = %1 attempts/s x %2 mean duration = %3 "
                               "erlangs; the fewest environments n with B(n, A) <= %4 is %5 "
                               "(B = %6).")
                    .arg(QString::number(lambdaRate, 'f', 1), formatDuration(d),
                         QString::number(load, 'f', 2), percent(o.throttleTarget))
                    .arg(n)
                    .arg(QString::number(erlangB(n, load), 'g', 3));
            fix.changes = reserve(design, c, n);
            f.fix = fix;
        }
    }
    out->append(f);
}

// Lambda: a cold start on a large share of invocations. Provisioned concurrency sized to the
// busiest bin's time-averaged concurrency keeps that many environments initialised.
void lambdaColdStarts(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    const RunResults &run = ctx.run;
    const Series s(run, c.id);
    const double cold = s.total(core::LmColdStarts);
    const double invocations = s.total(core::LmInvocations);
    if (invocations < 100 || cold < 0.05 * invocations)
        return;
    const auto w = window(s.values(core::LmColdStarts), s.bin());
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("cold-starts"), QStringLiteral("%1 starts cold often").arg(c.name), c.name,
        w,
        QStringLiteral("%1 cold starts, %2 of invocations")
            .arg(count(cold), percent(cold / invocations)),
        QStringLiteral("A new execution environment is initialised (cold start) whenever no "
                       "idle one is warm; idle environments expire. Provisioned concurrency keeps "
                       "environments initialised (aws-behaviour.md §1, Cold starts)."));
    const QList<double> mean = s.values(core::LmConcurrencyMean);
    const double peak = mean.isEmpty() ? 0 : *std::max_element(mean.cbegin(), mean.cend());
    const int n = int(std::ceil(peak));
    if (n > lambda::Params::of(c.params).provisionedConcurrency) {
        Fix fix;
        fix.rule = f.diagnosis.rule;
        fix.title = QStringLiteral("Provision %1 for %2")
                        .arg(counted(n, QStringLiteral("environment")), c.name);
        fix.sizing = QStringLiteral("The busiest bin's time-averaged concurrency is %1, so %2 "
                                    "provisioned environments serve it without a cold start.")
                         .arg(QString::number(peak, 'f', 2))
                         .arg(n);
        fix.changes = {blockChange(c, lambda::key::provisionedConcurrency, n)};
        const lambda::ReservedConcurrency rc =
            lambda::reservedConcurrency(lambda::Params::of(c.params));
        if (rc.isReserved() && rc.stored < n)
            fix.changes.append(blockChange(c, lambda::key::reservedConcurrency, n));
        f.fix = fix;
    }
    out->append(f);
}

// API Gateway: 429s from the stage's token bucket. Rate sized to the busiest bin's demand.
void apiThrottling(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    const Design &design = ctx.design;
    const RunResults &run = ctx.run;
    const Series s(run, c.id);
    const QList<double> t429 = s.values(core::Am429);
    const QList<double> req = s.values(core::AmRequests);
    const double rejected = s.total(core::Am429);
    const double requests = s.total(core::AmRequests);
    if (rejected <= kThrottleShare * requests)
        return;
    const auto w = window(t429, s.bin());
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("api-throttling"), QStringLiteral("%1 rejects requests (429)").arg(c.name),
        c.name, w,
        QStringLiteral("%1 requests rejected, %2 of requests")
            .arg(count(rejected), percent(rejected / requests)),
        QStringLiteral("A stage's token bucket (rate, burst), and the account's 10,000 req/s, "
                       "5,000 burst per Region, answer requests above it with 429 Too Many "
                       "Requests (aws-behaviour.md §2, Throttling)."));
    double peak = 0;
    for (double r : req)
        peak = std::max(peak, r / s.bin());
    const apigw::Params p = apigw::Params::of(c.params);
    const account::Params a = account::Params::of(design.settings);
    const double rate = std::ceil(peak * kHeadroom);
    if (rate > p.rateLimit) {
        Fix fix;
        fix.rule = f.diagnosis.rule;
        fix.title = QStringLiteral("Raise %1's stage rate limit to %2 req/s").arg(c.name).arg(rate);
        fix.sizing =
            QStringLiteral("The busiest %1 bin received %2 req/s; with %3 headroom the "
                           "stage rate is %4 req/s (the stage limit may be at most the "
                           "account's).")
                .arg(formatDuration(s.bin()), QString::number(peak, 'f', 0), percent(kHeadroom - 1))
                .arg(rate);
        fix.changes = {blockChange(c, apigw::key::rateLimit, std::min(rate, 10000.0))};
        if (rate > a.apiAccountRate)
            fix.changes.append(projectChange(design, account::key::apiAccountRate, rate));
        f.fix = fix;
    }
    out->append(f);
}

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

// Rising at the end: the last bin's value above `floor` and 20 % above the value at 3/4 of the
// run (a level growing linearly from the start is a third higher), so a steady level or a spike
// that drained does not count.
bool growingAtTheEnd(const QList<double> &v, double floor)
{
    if (v.size() < 8)
        return false;
    const double last = v.last();
    return last > floor && last > 1.2 * v.at(v.size() * 3 / 4);
}

// The Lambda function an event source mapping from `source` invokes, and the wire.
const Connection *mappingFrom(const Design &design, ComponentId source)
{
    for (const Connection *w : design.outgoing(source))
        if (w->kind == ConnectionKind::EventSourceMapping)
            return w;
    return nullptr;
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

// Units a block sent to its DLQ / on-failure destination: a diagnosis without a fix of its own
// (the throttling, backlog or fault behind it has one).
void deadLetters(const ComponentSummary &c, QList<Finding> *out)
{
    if (!(c.dlqCount > 0))
        return;
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("dead-letters"), QStringLiteral("%1 dead-letters units").arg(c.name), c.name,
        {0, 0}, QStringLiteral("%1 sent to a DLQ or on-failure destination").arg(count(c.dlqCount)),
        QStringLiteral("After its retries a unit goes to the DLQ or on-failure destination: 2 "
                       "async retries for Lambda, maxReceiveCount receives for SQS, retries "
                       "until expiry (or maxRetryAttempts) for Kinesis (aws-behaviour.md §1, §4, "
                       "§5)."));
    out->append(f);
}

// Retries on a large share of a function's invocations: a retry storm multiplies load and bill.
void retryStorm(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    const RunResults &run = ctx.run;
    const Series s(run, c.id);
    const double retries = s.total(core::LmRetries);
    const double invocations = s.total(core::LmInvocations);
    if (invocations < 100 || retries < 0.2 * invocations)
        return;
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("retry-storm"), QStringLiteral("%1 retries heavily").arg(c.name), c.name,
        window(s.values(core::LmRetries), s.bin()),
        QStringLiteral("%1 retries, %2 of invocations")
            .arg(count(retries), percent(retries / invocations)),
        QStringLiteral("Failed asynchronous invocations are retried twice with backoff, failed "
                       "batches until they succeed or expire; each retry is billed "
                       "(aws-behaviour.md §1, Retries)."));
    out->append(f);
}

// An entry path whose end-to-end p99 is above the user's target.
void latencyTarget(const ComponentSummary &c, const AdviceOptions &o, QList<Finding> *out)
{
    if (o.targetP99Ms < 0 || !(c.latencyP99Ms > o.targetP99Ms))
        return;
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("p99-over-target"),
        QStringLiteral("%1's p99 is over the target").arg(c.name), c.name, {0, 0},
        QStringLiteral("end-to-end p99 %1 ms, target %2 ms")
            .arg(QString::number(c.latencyP99Ms, 'f', 1), QString::number(o.targetP99Ms)),
        QStringLiteral("End-to-end latency adds each hop's queueing, retries with their backoff "
                       "and cold starts (aws-behaviour.md §1, §2)."));
    out->append(f);
}

} // namespace

QList<Finding> runRules(const Design &design, const RunResults &run, const AdviceOptions &options)
{
    // The rules of each kind of block, in the order their findings are listed.
    using Rule = void (*)(const RuleContext &, const Component &, QList<Finding> *);
    static const QList<std::pair<ComponentKind, Rule>> rules = {
        {ComponentKind::Lambda, lambdaThrottling},
        {ComponentKind::Lambda, lambdaColdStarts},
        {ComponentKind::Lambda, retryStorm},
        {ComponentKind::ApiGateway, apiThrottling},
        {ComponentKind::KinesisStream, kinesisWriteThrottling},
        {ComponentKind::KinesisStream, kinesisIteratorAge},
        {ComponentKind::SqsQueue, sqsBacklog},
    };
    const RuleContext ctx{design, run, options};
    QList<Finding> out;
    for (const Component &c : design.components) {
        for (const auto &[kind, rule] : rules)
            if (kind == c.kind)
                rule(ctx, c, &out);
    }
    for (const ComponentSummary &c : run.summary.components) {
        deadLetters(c, &out);
        latencyTarget(c, options, &out);
    }
    return out;
}

} // namespace swb::advisor
