// The advisor's rule on an API Gateway stage (sim/advisorruleskit.h): requests rejected by its
// token bucket, with the stage rate sized from the busiest bin.

#include "sim/advisorruleskit.h"
#include "sim/services/simservice.h"

#include "model/services/account/account.h"
#include "model/services/apigateway/apigateway.h"

#include <algorithm>
#include <cmath>

namespace swb::advisor {

namespace {

// API Gateway: 429s from the stage's token bucket. Rate sized to the busiest bin's demand.
void apiThrottling(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    const Design &design = ctx.design;
    const RunResults &run = ctx.run;
    const Series s(run, c.id);
    const QList<double> t429 = s.values(core::Am429);
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
    const double peak = peakPerSecond(s, core::AmRequests);
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

} // namespace

} // namespace swb::advisor

namespace swb::apigw {

const QList<advisor::Rule> &advisorRules()
{
    // In the order their findings are listed.
    static const QList<advisor::Rule> rules = {advisor::apiThrottling};
    return rules;
}

} // namespace swb::apigw
