// The advisor's rules on a Lambda function (sim/advisorruleskit.h): throttling sized by Erlang B,
// a synchronous API throttled in bursts (the queue pattern), cold starts, retry storms; and the
// event source mapping's small batches, which the queue and stream modules call with their own
// figures (sim/services/lambda/lambdaadvice.h).

#include "sim/advisorruleskit.h"
#include "sim/services/simservice.h"
#include "sim/services/lambda/lambdaadvice.h"

#include "model/erlang.h"
#include "model/humanformat.h"
#include "model/wording.h"
#include "model/services/lambda/lambda.h"
#include "model/services/sqs/sqs.h"

#include <algorithm>
#include <cmath>

namespace swb::advisor {

namespace {

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

// A synchronous API in front of a function throttled in bursts: the talk's "wrong pattern".
// The queue pattern takes each request at once (API Gateway's SQS SendMessage integration; the
// caller gets a message id, not the result) and the function drains the queue in batches at a
// bounded concurrency, so a burst waits instead of failing (aws-behaviour.md §2, Direct service
// integrations; §4). Offered as a structural change, verified like any other.
void syncBurstThrottling(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    const Design &design = ctx.design;
    const Connection *sync = nullptr;
    for (const Connection *w : design.incoming(c.id)) {
        const Component *from = design.component(w->source);
        if (w->kind == ConnectionKind::SyncInvoke && from
            && from->kind == ComponentKind::ApiGateway)
            sync = w;
    }
    if (!sync)
        return;
    const Series s(ctx.run, c.id);
    const QList<double> thr = s.values(core::LmThrottles);
    const double throttles = s.total(core::LmThrottles);
    const double invocations = s.total(core::LmInvocations);
    const auto w = window(thr, s.bin());
    const double seconds = ctx.run.metadata.durationSeconds;
    // In bursts: throttled within at most half of the run.
    if (throttles <= kThrottleShare * (throttles + invocations) || seconds <= 0
        || w.second - w.first > seconds / 2)
        return;
    const Component *api = design.component(sync->source);
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("sync-burst-throttling"),
        QStringLiteral("%1 answers bursts with 429s").arg(api->name), c.name, w,
        QStringLiteral("%1 of %2's invocations throttled between %3 and %4; its callers got "
                       "the error")
            .arg(percent(throttles / (throttles + invocations)), c.name, formatDuration(w.first),
                 formatDuration(w.second)),
        QStringLiteral("A synchronous invoke that finds the function at its concurrency limit "
                       "fails with 429 and AWS never retries it; a queue in front absorbs a "
                       "burst and the function drains it at its own pace (aws-behaviour.md §1, "
                       "Throttling; §4)."));
    const QString queue = c.name + QStringLiteral("-queue");
    if (!design.componentByName(queue)) {
        const lambda::Params lp = lambda::Params::of(c.params);
        const std::optional<qlonglong> cap = lambda::reservedConcurrency(lp).cap();
        Fix fix;
        fix.rule = f.diagnosis.rule;
        fix.title = QStringLiteral("Put a queue between %1 and %2 (the queue pattern)")
                        .arg(api->name, c.name);
        const qlonglong visibility = std::min<qlonglong>(43200, 6 * lp.timeout);
        fix.sizing =
            QStringLiteral("The API sends each request to an SQS queue (the caller gets a message "
                           "id at once, not the result: the callers must not need the answer); "
                           "%1 reads batches of up to 10%2. Visibility timeout %3 s = 6 x the "
                           "function's timeout, AWS's advice for a Lambda consumer.")
                .arg(c.name, cap ? QStringLiteral(" with at most %1 concurrent batches (its "
                                                  "reservation)")
                                       .arg(std::max<qlonglong>(2, *cap))
                                 : QString())
                .arg(visibility);
        QVariantMap mapping{{sqs::mapping::key::batchSize, 10}};
        if (cap)
            mapping.insert(sqs::mapping::key::maximumConcurrency, std::max<qlonglong>(2, *cap));
        fix.changes = {{ParamChange::On::NewBlock,
                        queue,
                        c.name,
                        componentKindId(ComponentKind::SqsQueue),
                        {},
                        QVariantMap{{sqs::key::visibilityTimeout, visibility}}},
                       {ParamChange::On::RemoveWire,
                        api->name,
                        c.name,
                        connectionKindId(ConnectionKind::SyncInvoke),
                        {},
                        {}},
                       {ParamChange::On::NewWire,
                        api->name,
                        queue,
                        connectionKindId(ConnectionKind::ServiceIntegration),
                        {},
                        QVariantMap()},
                       {ParamChange::On::NewWire,
                        queue,
                        c.name,
                        connectionKindId(ConnectionKind::EventSourceMapping),
                        {},
                        mapping}};
        f.fix = fix;
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

} // namespace

// A consumer invoked with far smaller batches than its batch size: each invocation bills a
// request and its whole duration however few records it carries, so at a steady rate a
// batching window that lets a batch fill (window = batch size / arrival rate, at most 20 s)
// divides the invocations by the batch's growth, for at most the window's latency
// (aws-behaviour.md §4 and §5, Event source mapping: MaximumBatchingWindowInSeconds 0-300 s).
void smallBatches(const RuleContext &ctx, const MappingBatches &m, QList<Finding> *out)
{
    const Design &design = ctx.design;
    const Connection *esm = m.mapping;
    const Component *fn = esm ? design.component(esm->target) : nullptr;
    const double seconds = ctx.run.metadata.durationSeconds;
    if (!fn || seconds <= 0)
        return;
    if (m.batchingWindow > 0 || m.batchSize < 4)
        return;
    const Series fs(ctx.run, fn->id);
    const double records = m.records;
    const double invocations = fs.total(core::LmInvocations);
    // A hot spot from 100 invocations/s: 263 M requests a month, $53 of request charges alone
    // at $0.20 per million (aws-behaviour.md §1 Pricing); below that a window buys little.
    if (invocations < 100 * seconds)
        return;
    const double perInvocation = records / invocations;
    if (perInvocation >= 0.25 * double(m.batchSize))
        return;
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("small-batches"),
        QStringLiteral("%1 is invoked with small batches").arg(fn->name), fn->name, {0, seconds},
        QStringLiteral("%1 records per invocation on average, batch size %2; %3 invocations/s")
            .arg(QString::number(perInvocation, 'f', 1))
            .arg(m.batchSize)
            .arg(QString::number(invocations / seconds, 'f', 1)),
        QStringLiteral("Without a batching window the pollers invoke as soon as records are "
                       "there; every invocation bills a request and its duration however few "
                       "records it carries (aws-behaviour.md §1 Pricing; §4, §5 Event source "
                       "mapping)."));
    const double rate = records / seconds;
    int windowS = int(std::ceil(double(m.batchSize) / std::max(rate, 1e-9)));
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
                .arg(m.batchSize)
                .arg(QString::number(double(m.batchSize) / std::max(rate, 1e-9), 'f', 2))
                .arg(windowS)
                .arg(ctx.options.targetP99Ms >= 0 ? QStringLiteral(", and within the p99 target")
                                                  : QString());
        fix.changes = {wireChange(design, *esm, m.windowKey, windowS)};
        f.fix = fix;
    }
    out->append(f);
}

} // namespace swb::advisor

namespace swb::lambda {

const QList<advisor::Rule> &advisorRules()
{
    // In the order their findings are listed.
    static const QList<advisor::Rule> rules = {
        advisor::lambdaThrottling, advisor::syncBurstThrottling, advisor::lambdaColdStarts,
        advisor::retryStorm, advisor::lambdaOversizedMemory};
    return rules;
}

} // namespace swb::lambda
