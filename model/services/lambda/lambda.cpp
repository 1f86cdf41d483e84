#include "model/services/lambda/lambda.h"

#include "model/design.h"
#include "model/sam/samservice.h"
#include "model/services/account/account.h"
#include "model/services/billing.h"
#include "model/services/flowrule.h"
#include "model/services/registry.h"

#include <algorithm>
#include <cmath>

namespace swb::lambda {

SWB_PARAM_READER(Params, SWB_LAMBDA_PARAMS)
SWB_PARAM_READER(SyncInvokeParams, SWB_LAMBDA_SYNC_INVOKE_PARAMS)

double concurrencyCap(const Design &design, const Component &function)
{
    return double(concurrencyLimit(reservedConcurrency(Params::of(function.params)),
                                   account::Params::of(design.settings).accountConcurrency));
}

double failureShare(const Component &function)
{
    const Params p = Params::of(function.params);
    if (reservedConcurrency(p).isKillSwitch())
        return 1.0;
    return std::clamp(p.errorRate, 0.0, 1.0);
}

double batchPayloadCap(double batchSize, double payloadKB)
{
    constexpr double kInvokePayloadKB = 6 * 1024; // sync invoke payload limit
    if (payloadKB > 0)
        batchSize = std::min(batchSize, std::max(1.0, std::floor(kInvokePayloadKB / payloadKB)));
    return batchSize;
}

namespace {

QList<ParamSpec> params()
{
    return SWB_PARAM_SPECS(SWB_LAMBDA_PARAMS);
}

QList<ParamSpec> wireParams(ConnectionKind kind)
{
    if (kind == ConnectionKind::SyncInvoke)
        return SWB_PARAM_SPECS(SWB_LAMBDA_SYNC_INVOKE_PARAMS);
    return {};
}

QString blockSubtitle(const Component &c)
{
    const Params p = Params::of(c.params);
    return subtitle::number(double(p.memory)) + QStringLiteral(" MB") + subtitle::separator()
           + subtitle::number(double(p.timeout)) + QStringLiteral(" s");
}

bool fifoTarget(const Component &, const Component &target)
{
    return isFifo(target);
}

// RequestResponse and Event invokes, SDK calls from function code, and the async on-failure
// destination / DLQ (aws-behaviour.md §1 "Destinations / DLQ").
const QList<WireRule> &outgoingWires()
{
    using K = ComponentKind;
    using C = ConnectionKind;
    static const QList<WireRule> rules = {
        {C::SyncInvoke, {K::Lambda, K::Downstream}}, // a function, a database or an API
        {C::AsyncInvoke, {}},
        {C::ServiceIntegration,
         {K::SqsQueue, K::SnsTopic, K::EventBus, K::KinesisStream, K::StepFunctions}},
        {C::ServiceIntegration, {}, nullptr, "Wire a function to a %2 with an invoke"},
        {C::OnFailure,
         {K::SqsQueue, K::SnsTopic},
         fifoTarget,
         "FIFO queues and topics cannot be on-failure destinations or DLQs of async invocations"},
        {C::OnFailure, {K::SqsQueue, K::SnsTopic, K::Lambda}},
        {C::OnFailure,
         {},
         nullptr,
         "On-failure destinations are SQS, SNS, Lambda, an event bus or S3"},
    };
    return rules;
}

// Steady-state flow: sync, async and event-source-mapping events arrive; async function errors
// are retried (aws-behaviour.md §1 "Async function-error retries"); the function sends on one
// message per event it processes successfully and makes its sync calls on every invocation.
void flowRule(flow::Propagator &pr, const Component &c, ComponentFlow &f)
{
    const Design &design = pr.design();
    const Params params = Params::of(c.params);
    const double p = std::clamp(params.errorRate, 0.0, 1.0);
    const double retries = double(params.maxRetryAttempts);
    const bool killSwitch = reservedConcurrency(params).isKillSwitch();
    double syncEvents = 0, asyncEvents = 0, esmRecords = 0, esmInvocations = 0, bytes = 0;
    // Poison items per s by path, and the rate-weighted transient failure rate (flowrates.h).
    double syncPoison = 0, asyncPoison = 0, esmPoison = 0, transient = 0;
    for (const Connection *w : design.incoming(c.id)) {
        const ConnectionFlow in = pr.wire(w->id);
        bytes += in.rate * in.payloadKB;
        transient += in.rate * in.transientRate;
        switch (w->kind) {
        case ConnectionKind::AsyncInvoke:
        case ConnectionKind::Subscription: // SNS invokes Lambda asynchronously
        case ConnectionKind::OnFailure:    // a Lambda destination is an async invoke
            asyncEvents += in.rate;
            asyncPoison += in.rate * in.poisonShare;
            break;
        case ConnectionKind::EventSourceMapping:
            // The poller's deliveries, retries included: their poison share is the queue's or
            // stream's (a poison record is delivered every time it is retried).
            esmRecords += in.rate;
            esmPoison += in.rate * in.poisonShare;
            esmInvocations += in.invocations;
            break;
        default: // API Gateway proxy, RequestResponse invoke, Step Functions Task, direct traffic
            syncEvents += in.rate;
            syncPoison += in.rate * in.poisonShare;
            break;
        }
    }
    f.inRate = syncEvents + asyncEvents + esmRecords;
    const double transientRate = f.inRate > 0 ? transient / f.inRate : 0;
    // An attempt at an item that is not poison fails with the error rate or its transient rate;
    // a poison one always does (aws-behaviour.md §1 "Async function-error retries").
    const double pe = attemptFailure(p, transientRate);
    f.payloadKB = f.inRate > 0 ? bytes / f.inRate : 0;
    if (killSwitch) {
        // Reserved concurrency 0: every invoke is throttled (not billed); async events go straight
        // to the DLQ / on-failure destination without retries (aws-behaviour.md §1 "Reserved = 0").
        f.failedEvents = asyncEvents;
        pr.note(QStringLiteral("A function with reserved concurrency 0 is throttled: it is billed "
                               "nothing and its async events go to its on-failure destination."));
    } else {
        // Async function errors are retried up to MaximumRetryAttempts (default 2) times; sync
        // callers see the error and retry themselves.
        const RetriedFlow async =
            retriedFlow(asyncEvents > 0 ? asyncPoison / asyncEvents : 0, pe, retries);
        f.invocations = syncEvents + asyncEvents * async.attempts + esmInvocations;
        f.failedEvents = asyncEvents * async.failedShare;
        if (asyncEvents > 0 && pe > 0)
            pr.note(QStringLiteral("Async invocations include the retries of failed events "
                                   "(error rate, the traffic's transient failure rate and "
                                   "poison share, up to 2 retries)."));
    }
    f.eventsPerInvoke = f.invocations > 0 ? f.inRate / f.invocations : 1;
    const double durationMs = params.duration;
    const double memoryGB = double(params.memory) / 1024.0;
    // Billed per invocation in 1 ms steps, rounded up; the mean duration stands for every
    // invocation (the billing rule applies the same rule with the catalogue's rounding).
    f.gbSeconds = f.invocations * std::ceil(durationMs - 1e-9) / 1000.0 * memoryGB;
    f.concurrency = f.invocations * durationMs / 1000.0; // Little's law
    const double provisioned = double(params.provisionedConcurrency);
    f.provisionedShare = f.concurrency > 0 ? std::min(1.0, provisioned / f.concurrency) : 0;

    const double succeeded =
        killSwitch ? 0
                   : (syncEvents - syncPoison) * (1 - pe)
                         + (asyncEvents - asyncPoison) * (1 - std::pow(pe, retries + 1))
                         + (esmRecords - esmPoison) * (1 - pe);
    for (const Connection *w : design.outgoing(c.id)) {
        switch (w->kind) {
        case ConnectionKind::SyncInvoke: // every attempt makes its calls
            pr.out(w, f.invocations * SyncInvokeParams::of(w->params).callsPerInvocation,
                   f.payloadKB);
            break;
        case ConnectionKind::OnFailure: // the failed events, poison ones among them
            pr.setRecordFailures(f.failedEvents > 0 ? std::min(1.0, asyncPoison / f.failedEvents)
                                                    : 0,
                                 transientRate);
            pr.out(w, f.failedEvents, f.payloadKB);
            break;
        default: // async invoke or SDK call: one message per event processed successfully
            pr.setRecordFailures(0, transientRate); // a poison event never succeeds
            pr.out(w, succeeded, f.payloadKB);
            break;
        }
    }
    if (!design.outgoing(c.id).isEmpty())
        pr.note(QStringLiteral("A function sends one message downstream per event it processes "
                               "successfully (SDK calls, async invokes), and makes its sync calls "
                               "on every invocation; payloads are passed on unchanged."));
}

const QList<usage::Dimension> &billingDimensions()
{
    static const QList<usage::Dimension> dims = {
        {"requests"},
        {"duration-x86_64"},
        {"duration-arm64"},
        {"provisioned-concurrency-x86_64"},
        {"provisioned-duration-x86_64"},
        {"provisioned-concurrency-arm64"},
        {"provisioned-duration-arm64"},
    };
    return dims;
}

// Requests and GB-seconds (aws-behaviour.md §1 "Pricing"); provisioned concurrency is billed as
// configured for the month, and the duration it serves at its own rate.
void billing(usage::Meter &m, const Component &c)
{
    using usage::millions;
    const Params p = Params::of(c.params);
    const QString arch = choiceText(p.architecture);
    const QString duration = QStringLiteral("duration-") + arch;
    const double rounding = m.dimension(c, duration).roundingMs;
    const double durationMs = p.duration;
    const double billedMs =
        rounding > 0 ? std::ceil(durationMs / rounding - 1e-9) * rounding : durationMs;
    const double memoryGB = double(p.memory) / 1024.0;
    const double seconds = m.seconds();
    m.metered(
        c, QStringLiteral("requests"),
        [&](const ComponentFlow &f) {
            const double invocations = f.invocations * seconds;
            return usage::Estimate{invocations,
                                   QStringLiteral("%1 invocations").arg(millions(invocations))};
        },
        [](const usage::RunTotal &total) { return total("lambda.billed_requests"); });
    m.metered(
        c, duration,
        [&](const ComponentFlow &f) {
            const double invocations = f.invocations * seconds;
            const double gbSeconds = invocations * billedMs / 1000.0 * memoryGB;
            return usage::Estimate{
                gbSeconds * (1 - f.provisionedShare),
                QStringLiteral("%1 invocations x %2 ms x %3 GB%4")
                    .arg(millions(invocations))
                    .arg(billedMs)
                    .arg(memoryGB, 0, 'g', 6)
                    .arg(f.provisionedShare > 0
                             ? QStringLiteral(" (on-demand share %1%)")
                                   .arg((1 - f.provisionedShare) * 100, 0, 'f', 1)
                             : QString())};
        },
        [](const usage::RunTotal &total) { return total("lambda.billed_gb_s"); });
    m.note(QStringLiteral("Lambda duration: the mean duration rounded up to 1 ms stands for "
                          "every invocation (rounding each invocation of a varying duration "
                          "bills up to 1 ms more on average)."));
    const double provisioned = double(p.provisionedConcurrency);
    if (provisioned > 0) {
        m.configured(c, QStringLiteral("provisioned-concurrency-") + arch,
                     provisioned * memoryGB * seconds,
                     QStringLiteral("%1 environments x %2 GB x %3 h")
                         .arg(provisioned)
                         .arg(memoryGB, 0, 'g', 6)
                         .arg(m.hours()));
        m.metered(
            c, QStringLiteral("provisioned-duration-") + arch,
            [&](const ComponentFlow &f) {
                const double gbSeconds = f.invocations * seconds * billedMs / 1000.0 * memoryGB;
                return usage::Estimate{
                    gbSeconds * f.provisionedShare,
                    QStringLiteral("share of invocations served by provisioned environments %1%")
                        .arg(f.provisionedShare * 100, 0, 'f', 1)};
            },
            [](const usage::RunTotal &total) { return total("lambda.billed_pc_gb_s"); });
        m.note(QStringLiteral("Provisioned concurrency is enabled all month; invocations up to "
                              "the provisioned concurrency (mean concurrency = rate x duration) "
                              "are billed at the provisioned duration rate, the rest on "
                              "demand."));
    }
}

// A Task state's Lambda Invoke (optimized integration; SAM policy template).
const sam::ServiceSam &samMapping()
{
    static const sam::SamTask task{"arn:aws:states:::lambda:invoke",
                                   "FunctionName",
                                   "Payload.$",
                                   "LambdaInvokePolicy",
                                   "FunctionName",
                                   nullptr,
                                   "Arn",
                                   "Arn"};
    static const sam::ServiceSam mapping{.task = &task};
    return mapping;
}

} // namespace

const ServiceModule &module()
{
    static const ServiceModule m{
        .kind = ComponentKind::Lambda,
        .id = "lambda",
        .name = "Lambda function",
        .shortName = "Lambda",
        .familyColor = qRgb(0xE8, 0x71, 0x0A), // compute orange
        .paletteKeywords = "compute serverless",
        .paletteSummary = QT_TRANSLATE_NOOP(
            "PaletteDock", "Function: concurrency, cold starts, timeouts, errors and async "
                           "retries."),
        .params = params,
        .wireParams = wireParams,
        .subtitle = blockSubtitle,
        .flow = flowRule,
        .billingDimensions = billingDimensions,
        .billing = billing,
        .samType = [](const QVariantMap &) { return QStringLiteral("AWS::Serverless::Function"); },
        .samEnvSuffix = "_FUNCTION_NAME",
        .sam = &samMapping(),
        .outgoingWires = outgoingWires,
        .throttles = [](const Component &) { return true; }, // its concurrency limit
    };
    return m;
}

} // namespace swb::lambda
