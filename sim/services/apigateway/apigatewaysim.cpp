// API Gateway in the simulation (aws-behaviour.md §2): REST or HTTP, the stage token bucket
// and the integration timeout.

#include "sim/scenariobuilder_p.h"
#include "sim/services/simservice.h"

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

} // namespace

const SimService &simService()
{
    static const SimService s{
        ComponentKind::ApiGateway, core::ComponentKind::ApiGateway, add, 0, nullptr, summarize,
    };
    return s;
}

} // namespace swb::apigw
