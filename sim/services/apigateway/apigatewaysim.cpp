// API Gateway in the simulation (aws-behaviour.md §2): REST or HTTP, the stage token bucket
// and the integration timeout.

#include "sim/scenariobuilder_p.h"
#include "sim/services/simservice.h"

#include "model/humanformat.h"

#include "model/services/apigateway/apigateway.h"

namespace swb::apigw {

using detail::Severity;
using detail::u32;
using detail::utf8;

namespace {

std::uint32_t add(detail::Builder &b, const Component &c)
{
    const Params p = Params::of(c.params);
    core::ApiGateway api;
    api.name = utf8(c.name);
    api.flavour = p.isHttp() ? core::ApiFlavour::Http : core::ApiFlavour::Rest;
    api.rateLimit = p.rateLimit;
    api.burstLimit = p.burstLimit;
    api.integrationTimeoutMs = p.integrationTimeout; // ms -> ms
    core::Scenario &sc = b.scenario();
    sc.apis.push_back(api);
    return u32(double(sc.apis.size() - 1));
}

void summarize(const SummaryReader &v, const core::Simulation &, core::ComponentRef,
               ComponentSummary *c)
{
    c->throttles = v("apigw.throttled_429");
    c->errors = v("apigw.errors_5xx") + v("apigw.timeouts_504");
}

// Requests per second; throttled (429) and failed (5xx, 504) requests (aws-behaviour.md §2).
void live(const BlockFrame &f, const LiveContext &, LiveFigures *o)
{
    const double t429 = f.get(core::Am429);
    const double e5xx = f.get(core::Am5xx) + f.get(core::Am504);
    o->inPerSecond = f.rate(core::AmRequests);
    o->topBadge = QStringLiteral("%1/s").arg(compactNumber(o->inPerSecond));
    if (t429 > 0 || e5xx > 0) {
        o->raise(LiveSeverity::Error);
        o->bottomBadge =
            QStringLiteral("429 %1 5xx %2").arg(compactNumber(t429), compactNumber(e5xx));
    }
    o->tip(liveText("Requests"), f.get(core::AmRequests));
    o->tip(liveText("429"), t429);
    o->tip(liveText("5xx / 504"), e5xx);
    o->tip(liveText("Latency p99"), f.get(core::AmP99), QStringLiteral("ms"));
}

} // namespace

// Its advisor rules (apigatewayadvice.cpp).
const QList<advisor::Rule> &advisorRules();

const SimService &simService()
{
    static const SimService s{
        ComponentKind::ApiGateway,
        core::ComponentKind::ApiGateway,
        add,
        0,
        nullptr,
        summarize,
        live,
        nullptr,
        nullptr,
        nullptr,
        advisorRules,
    };
    return s;
}

} // namespace swb::apigw
