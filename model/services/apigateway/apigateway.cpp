#include "model/services/apigateway/apigateway.h"

#include "model/design.h"
#include "model/pricing.h"
#include "model/services/account/account.h"
#include "model/services/billing.h"
#include "model/services/comparison.h"
#include "model/services/flowrule.h"
#include "model/services/lambda/lambda.h"

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

// The pattern guide's "API (sync push)" column (model/services/comparison.h).
ComparisonColumn comparisonColumn(const PricingCatalogue &prices)
{
    using namespace comparison;
    const ParamSpec &stageRate = blockParam(ComponentKind::ApiGateway, key::rateLimit.name);
    const ParamSpec &stageBurst = blockParam(ComponentKind::ApiGateway, key::burstLimit.name);
    const ParamSpec &accountLimit = projectParam(account::key::accountConcurrency.name);
    const ParamSpec &integration =
        blockParam(ComponentKind::ApiGateway, key::integrationTimeout.name);
    const ParamSpec &eventAge = blockParam(ComponentKind::Lambda, lambda::key::maxEventAge.name);
    const PriceText rest = price(prices, "apigateway", "rest-requests");
    const PriceText http = price(prices, "apigateway", "http-requests");
    const PriceText invoke = price(prices, "lambda", "requests");
    return {
        QStringLiteral("API Gateway (sync push)"),
        {
            {QStringLiteral("Stage throttle %1 req/s, burst %2 (429 above). Lambda: %3 concurrent "
                            "executions per account; reserved concurrency reserves and caps a "
                            "function (0 = kill switch).")
                 .arg(count(defaultOf(stageRate)), count(defaultOf(stageBurst)),
                      count(defaultOf(accountLimit))),
             QStringLiteral("API Gateway throttles with a token bucket per stage and per account "
                            "(rate, burst); Lambda needs concurrency = requests/s x duration and "
                            "adds 1,000 environments per function every 10 s. [aws-behaviour 1, "
                            "2]")},
            {QStringLiteral("None: the request exists only while the call runs; a failed call is "
                            "lost unless the client retries."),
             QStringLiteral("The Lambda API keeps nothing for the caller. [aws-behaviour 8]")},
            {QStringLiteral("As long as the call: integration timeout %1 by default. An async "
                            "Lambda invoke keeps the event up to %2.")
                 .arg(span(defaultOf(integration) / 1000), span(defaultOf(eventAge))),
             QStringLiteral("API Gateway integration timeout (REST 50 ms to 29 s, HTTP APIs 30 s); "
                            "Lambda MaximumEventAgeInSeconds. [aws-behaviour 1, 2]")},
            {QStringLiteral("Push, synchronous: one request, one invocation; the caller waits for "
                            "the answer."),
             QStringLiteral("RequestResponse invoke through API Gateway (6 MB payload). "
                            "[aws-behaviour 2, 8]")},
            {QStringLiteral("None by AWS: an error or a 429 goes back to the caller, who decides "
                            "(the client's problem)."),
             QStringLiteral("Synchronous invokes are never retried by Lambda. [aws-behaviour 8]")},
            priced(QStringLiteral("REST API %1; HTTP API %2. Plus Lambda %3 and duration.")
                       .arg(rest.text, http.text, invoke.text),
                   {rest, http, invoke},
                   QStringLiteral("Every request is billed, throttled ones excepted; HTTP APIs "
                                  "meter in %1 units.")
                       .arg(chunks(prices, "apigateway", "http-requests"))),
        }};
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
        .comparison = comparisonColumn,
        .throttles = [](const Component &) { return true; }, // its request rate
    };
    return m;
}

} // namespace swb::apigw
