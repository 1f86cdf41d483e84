// The advisor's rules: what hurt in a run, and a fix sized from theory and the AWS limits. The
// rules read the run's series by typed metric id; the fixes are verified by sim/advisor.cpp.
// Here the Lambda and API rules and the registry; queues, streams and workflows in
// sim/advisorrulesqueues.cpp.

#include "sim/advisorruleskit.h"

#include "model/erlang.h"
#include "model/humanformat.h"
#include "model/wording.h"
#include "model/services/account/account.h"
#include "model/services/apigateway/apigateway.h"
#include "model/services/kinesis/kinesis.h"
#include "model/services/lambda/lambda.h"
#include "model/services/sqs/sqs.h"
#include "model/services/stepfunctions/stepfunctions.h"

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
        {ComponentKind::Lambda, syncBurstThrottling},
        {ComponentKind::Lambda, lambdaColdStarts},
        {ComponentKind::Lambda, retryStorm},
        {ComponentKind::ApiGateway, apiThrottling},
        {ComponentKind::KinesisStream, kinesisWriteThrottling},
        {ComponentKind::KinesisStream, kinesisBlockedShard},
        {ComponentKind::KinesisStream, kinesisIteratorAge},
        {ComponentKind::SqsQueue, sqsBacklog},
        {ComponentKind::SqsQueue, sqsWithoutDlq},
        {ComponentKind::SqsQueue, smallBatches},
        {ComponentKind::KinesisStream, smallBatches},
        {ComponentKind::StepFunctions, sfnStartThrottling},
        {ComponentKind::SnsTopic, snsFifoThrottling},
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
