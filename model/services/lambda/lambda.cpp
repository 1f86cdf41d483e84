#include "model/services/lambda/lambda.h"

#include "model/costusage_p.h"
#include "model/design.h"
#include "model/flowrates_p.h"
#include "model/services/registry.h"

namespace swb::lambda {

SWB_PARAM_READER(Params, SWB_LAMBDA_PARAMS)
SWB_PARAM_READER(SyncInvokeParams, SWB_LAMBDA_SYNC_INVOKE_PARAMS)

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
        {C::ServiceIntegration, {K::SqsQueue, K::SnsTopic, K::KinesisStream, K::StepFunctions}},
        {C::ServiceIntegration, {}, nullptr, "Wire a function to a %2 with an invoke"},
        {C::OnFailure,
         {K::SqsQueue, K::SnsTopic},
         fifoTarget,
         "FIFO queues and topics cannot be on-failure destinations or DLQs of async invocations"},
        {C::OnFailure, {K::SqsQueue, K::SnsTopic, K::Lambda}},
        {C::OnFailure,
         {},
         nullptr,
         "On-failure destinations are SQS, SNS, Lambda, EventBridge or S3"},
    };
    return rules;
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
        .flow = [](flow::Propagator &p, const Component &c, ComponentFlow &f) { p.lambda(c, f); },
        .usage = [](usage::UsageBuilder &u, const Component &c,
                    const ComponentFlow &f) { u.lambda(c, f); },
        .samType = [](const QVariantMap &) { return QStringLiteral("AWS::Serverless::Function"); },
        .samEnvSuffix = "_FUNCTION_NAME",
        .outgoingWires = outgoingWires,
    };
    return m;
}

} // namespace swb::lambda
