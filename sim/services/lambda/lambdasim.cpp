// Lambda in the simulation (aws-behaviour.md §1): the function record, with reserved
// concurrency resolved by the Lambda module; an on-failure destination and a DLQ.

#include "sim/runestimate.h"
#include "sim/scenariobuilder_p.h"
#include "sim/services/simservice.h"

#include "core/services/lambda/lambdaservice.h"

#include "model/flowrates.h"
#include "model/humanformat.h"
#include "model/services/account/account.h"

#include "model/services/lambda/lambda.h"

#include <cmath>

namespace swb::lambda {

using detail::Severity;
using detail::u32;
using detail::utf8;

namespace {

core::LambdaFunction makeLambda(const Component &c)
{
    const lambda::Params p = lambda::Params::of(c.params);
    core::LambdaFunction f;
    f.name = utf8(c.name);
    f.memoryMb = u32(double(p.memory));
    f.timeoutSeconds = double(p.timeout);
    // Resolved once, by the Lambda module: -1 = unreserved, 0 = kill switch, n = reserved.
    f.reservedConcurrency = std::int32_t(lambda::reservedConcurrency(p).forScenario());
    f.provisionedConcurrency = u32(double(p.provisionedConcurrency));
    f.durationMeanMs = p.duration;
    f.durationCv = p.durationCv;
    f.durationDistribution =
        f.durationCv > 0 ? core::Distribution::LogNormal : core::Distribution::Fixed;
    f.errorRate = p.errorRate;
    f.coldStartMs = p.coldStart;
    f.idleExpirySeconds = double(p.idleExpiry);
    f.architecture = p.architecture == lambda::Architecture::Arm64 ? core::Architecture::Arm
                                                                   : core::Architecture::X86;
    f.async.maxRetryAttempts = u32(double(p.maxRetryAttempts));
    f.async.maxEventAgeSeconds = double(p.maxEventAge);
    return f;
}

std::uint32_t add(detail::Builder &b, const Component &c)
{
    core::Scenario &sc = b.scenario();
    sc.lambdas.push_back(makeLambda(c));
    return u32(double(sc.lambdas.size() - 1));
}

// The async on-failure destination, then the DLQ (aws-behaviour.md §1).
void failureWire(detail::Builder &b, const Component &, const Connection &w, int index)
{
    b.addEdge(w, index == 0 ? core::EdgeKind::OnFailure : core::EdgeKind::DeadLetter);
}

void summarize(const SummaryReader &v, const core::Simulation &, core::ComponentRef,
               ComponentSummary *c)
{
    c->peakConcurrency = v("lambda.concurrency");
    c->throttles = v("lambda.throttles");
    c->maxBacklog = v("lambda.async_queue");
    c->dlqCount = v("lambda.dlq");
    c->errors = v("lambda.errors") + v("lambda.timeouts");
    c->retries = v("lambda.retries");
    const double invocations = v("lambda.invocations");
    c->coldStartProbability =
        invocations > 0 ? v("lambda.cold_starts") / invocations : std::nan("");
}

// The block's concurrency against its limit, and what is going wrong (aws-behaviour.md §1).
void live(const BlockFrame &f, const LiveContext &ctx, LiveFigures *o)
{
    using core::LambdaMetric;
    const double conc = f.get(core::LmConcurrency);
    // The function's reservation, or the account pool it shares (the Lambda module's rule).
    const qlonglong limit =
        concurrencyLimit(reservedConcurrency(Params::of(ctx.component.params)),
                         account::Params::of(ctx.design.settings).accountConcurrency);
    o->topBadge = QStringLiteral("%1 / %2").arg(compactNumber(conc), compactNumber(limit));
    const double throttles = f.get(core::LmThrottles);
    const double errors = f.get(core::LmErrors) + f.get(core::LmTimeouts);
    const double dlq = f.get(core::LmDlq);
    const double retries = f.get(core::LmRetries);
    const double queue = f.get(core::LmAsyncQueue);
    o->inPerSecond = f.rate(core::LmInvocations);
    o->deadLettersPerSecond = f.rate(core::LmDlq);
    if (throttles > 0) {
        o->raise(LiveSeverity::Error);
        o->trouble << liveText("throttled (concurrency limit reached)");
    }
    if (errors > 0) {
        o->raise(LiveSeverity::Error);
        o->trouble << liveText("failing");
    }
    if (dlq > 0)
        o->raise(LiveSeverity::Error);
    if (retries > 0)
        o->raise(LiveSeverity::Warning);
    if (errors > 0 || throttles > 0)
        o->bottomBadge =
            QStringLiteral("err %1 thr %2").arg(compactNumber(errors), compactNumber(throttles));
    else if (queue > 0)
        o->bottomBadge = QStringLiteral("queued %1").arg(compactNumber(queue));
    o->tip(liveText("Concurrency"), conc, QStringLiteral("/ %1").arg(limit));
    o->tip(liveText("Invocations"), f.get(core::LmInvocations));
    o->tip(liveText("Throttles"), throttles);
    o->tip(liveText("Errors + timeouts"), errors);
    o->tip(liveText("Retries"), retries);
    o->tip(liveText("Async queue"), queue);
    o->tip(liveText("Sent to DLQ / on-failure"), dlq);
}

} // namespace

namespace {

// Async events (async invokes and SNS deliveries) above what the function's concurrency runs
// wait in its queue, up to their maximum age.
double heldItems(const Design &d, const Component &c, const FlowRates &flows, double seconds)
{
    double async = 0;
    for (const Connection *w : d.incoming(c.id)) {
        const Component *from = d.component(w->source);
        if (w->kind == ConnectionKind::AsyncInvoke
            || (from && from->kind == ComponentKind::SnsTopic))
            async += flows.connection(w->id).rate;
    }
    const Params p = Params::of(c.params);
    const double capacity = concurrencyCap(d, c) / meanSeconds(p);
    return std::max(0.0, async - capacity) * std::min(seconds, double(p.maxEventAge));
}

// What the core keeps of them: the first 65,536 one by one, the rest in retry cohort queues
// (core/services/lambda/lambdaasync.cpp), one queue per number of throttles so far (backoff
// 1 s doubling to 5 min until the maximum event age, aws-behaviour.md §1 "Async queue") plus one
// for events whose age runs out first. Every event of a queue is due within one backoff (at most
// 300 s), so a queue spans at most 300 s of due times: about 300 cohorts.
double heldBytes(const Design &d, const Component &c, const FlowRates &flows, double seconds)
{
    constexpr double kMaxBackoffSeconds = 300, kDoublingSeconds = 511; // 1 + 2 + ... + 256 s
    const double held = heldItems(d, c, flows, seconds);
    const double age = std::min(seconds, double(Params::of(c.params).maxEventAge));
    const double queues =
        1 + 9 + std::ceil(std::max(0.0, age - kDoublingSeconds) / kMaxBackoffSeconds);
    return cohortKeptBytes(held, double(core::LambdaService::kExactAsync),
                           cohortBound(d, kMaxBackoffSeconds, queues));
}

} // namespace

// Its advisor rules (lambdaadvice.cpp).
const QList<advisor::Rule> &advisorRules();

const SimService &simService()
{
    static const SimService s{
        ComponentKind::Lambda,
        core::ComponentKind::Lambda,
        add,
        2,
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

} // namespace swb::lambda
