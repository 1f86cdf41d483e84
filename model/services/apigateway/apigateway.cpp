#include "model/services/apigateway/apigateway.h"

#include "model/design.h"
#include "model/services/billing.h"
#include "model/services/flowrule.h"

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
         "HTTP APIs have no SNS integration (only an event bus, SQS, AppConfig, Kinesis and Step "
         "Functions); use a REST API"},
        {C::ServiceIntegration,
         {K::SqsQueue, K::SnsTopic, K::EventBus, K::KinesisStream, K::StepFunctions}},
        {C::ServiceIntegration,
         {},
         nullptr,
         "API Gateway calls a %2 by proxy integration (sync invoke)"},
    };
    return rules;
}

// Steady-state flow: every request goes to exactly one integration (route); several
// integrations are routes that share the requests evenly.
void flowRule(flow::Propagator &pr, const Component &c, ComponentFlow &f)
{
    pr.arrive(c, f);
    const QList<const Connection *> routes = pr.design().outgoing(c.id);
    if (routes.size() > 1)
        pr.note(QStringLiteral("An API with several integrations is priced as routes sharing its "
                               "requests evenly."));
    for (const Connection *w : routes)
        pr.out(w, f.inRate / routes.size(), f.payloadKB);
}

const QList<usage::Dimension> &billingDimensions()
{
    static const QList<usage::Dimension> dims = {{"rest-requests"}, {"http-requests"}};
    return dims;
}

// Requests; an HTTP API bills each 512 KB of a request as one more (aws-behaviour.md §2).
void billing(usage::Meter &m, const Component &c)
{
    using usage::millions;
    const bool http = Params::of(c.params).isHttp();
    const PriceDimension d =
        m.dimension(c, http ? QStringLiteral("http-requests") : QStringLiteral("rest-requests"));
    const double month = m.seconds();
    m.metered(
        c, d.id,
        [&](const ComponentFlow &f) {
            const double requests = f.inRate * month;
            const double units = d.chunkKB > 0 ? meteredChunks(f.payloadKB, d.chunkKB) : 1;
            return usage::Estimate{requests * units,
                                   units > 1
                                       ? QStringLiteral("%1 requests x %2 units of %3 KB")
                                             .arg(millions(requests))
                                             .arg(units)
                                             .arg(d.chunkKB)
                                       : QStringLiteral("%1 requests").arg(millions(requests))};
        },
        [](const usage::RunTotal &total) { return total("apigw.billed_requests"); });
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
        .flow = flowRule,
        .billingDimensions = billingDimensions,
        .billing = billing,
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
