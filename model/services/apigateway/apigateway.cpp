#include "model/services/apigateway/apigateway.h"

#include "model/costusage_p.h"
#include "model/design.h"
#include "model/flowrates_p.h"

namespace swb::apigw {

SWB_PARAM_READER(Params, SWB_APIGW_PARAMS)

namespace {

QList<ParamSpec> params()
{
    return SWB_PARAM_SPECS(SWB_APIGW_PARAMS);
}

QList<ParamSpec> wireParams(ConnectionKind)
{
    return {};
}

QString blockSubtitle(const Component &c)
{
    return choiceText(Params::of(c.params).type) + QStringLiteral(" API");
}

bool httpApi(const Component &source, const Component &)
{
    return Params::of(source.params).isHttp();
}

// Lambda proxy / HTTP proxy integrations, REST non-proxy Event invokes, and direct service
// integrations (aws-behaviour.md §2 "Direct service integrations").
const QList<WireRule> &outgoingWires()
{
    using K = ComponentKind;
    using C = ConnectionKind;
    static const QList<WireRule> rules = {
        {C::SyncInvoke, {K::Lambda, K::Downstream}},
        {C::AsyncInvoke,
         {},
         httpApi,
         "HTTP APIs invoke Lambda only synchronously (proxy integration); use a REST API for an "
         "Event invoke"},
        {C::AsyncInvoke, {}}, // REST non-proxy integration with X-Amz-Invocation-Type: Event
        {C::ServiceIntegration,
         {K::SnsTopic},
         httpApi,
         "HTTP APIs have no SNS integration (only EventBridge, SQS, AppConfig, Kinesis and Step "
         "Functions); use a REST API"},
        {C::ServiceIntegration, {K::SqsQueue, K::SnsTopic, K::KinesisStream, K::StepFunctions}},
        {C::ServiceIntegration,
         {},
         nullptr,
         "API Gateway calls a %2 by proxy integration (sync invoke)"},
    };
    return rules;
}

} // namespace

const ServiceModule &module()
{
    static const ServiceModule m{
        .kind = ComponentKind::ApiGateway,
        .id = "apigateway",
        .name = "API Gateway",
        .shortName = "API Gateway",
        .familyColor = qRgb(0x6A, 0x4B, 0xD6), // API purple
        .paletteKeywords = "rest http endpoint",
        .paletteSummary = QT_TRANSLATE_NOOP(
            "PaletteDock", "REST or HTTP API: throttles with a token bucket, proxies to Lambda "
                           "or integrates directly with SQS, SNS, Kinesis, Step Functions."),
        .params = params,
        .wireParams = wireParams,
        .subtitle = blockSubtitle,
        .flow = [](flow::Propagator &p, const Component &c,
                   ComponentFlow &f) { p.apiGateway(c, f); },
        .usage = [](usage::UsageBuilder &u, const Component &c,
                    const ComponentFlow &f) { u.apiGateway(c, f); },
        .samType =
            [](const QVariantMap &p) {
                return Params::of(p).isHttp() ? QStringLiteral("AWS::Serverless::HttpApi")
                                              : QStringLiteral("AWS::Serverless::Api");
            },
        .outgoingWires = outgoingWires,
        .naturalWire = [](const Component &) { return ConnectionKind::ServiceIntegration; },
    };
    return m;
}

} // namespace swb::apigw
