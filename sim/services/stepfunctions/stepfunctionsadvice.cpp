// The advisor's rule on a Step Functions state machine (sim/advisorruleskit.h): StartExecution
// throttling on a Standard workflow, fixed by Express where every execution fits its 5 minutes.

#include "sim/advisorruleskit.h"
#include "sim/services/simservice.h"

#include "model/wording.h"
#include "model/services/lambda/lambda.h"
#include "model/services/stepfunctions/stepfunctions.h"

#include <algorithm>
#include <cmath>

namespace swb::advisor {

namespace {

// The longest a state machine's execution can take: each Task's function timing out on every
// attempt, with every retry wait at its cap (Retry fields; a Retry array is not expanded and
// counts as the fields' defaults). An upper bound, so "fits Express's 5 minutes" is safe.
double longestExecutionSeconds(const Design &design, const Component &sm)
{
    double total = 0;
    for (const Connection *w : design.outgoing(sm.id)) {
        const Component *fn = design.component(w->target);
        if (w->kind != ConnectionKind::ServiceIntegration || !fn)
            continue;
        const sfn::task::Params t = sfn::task::Params::of(w->params);
        const double timeout =
            fn->kind == ComponentKind::Lambda ? lambda::Params::of(fn->params).timeout : 60.0;
        double wait = t.retryInterval;
        total += timeout;
        for (qlonglong a = 0; a < t.retryMaxAttempts && total < 1e6; ++a) {
            total +=
                timeout + (t.retryMaxDelay > 0 ? std::min<double>(wait, t.retryMaxDelay) : wait);
            wait *= t.retryBackoffRate;
        }
    }
    return total;
}

// Step Functions: StartExecution throttled by a Standard state machine's bucket (1,300 burst,
// 300 per s in the large Regions). Express starts 6,000 per s, so below that switching the type
// removes the throttling, if every execution fits Express's 5 minutes (at-least-once instead of
// exactly-once: the Tasks must be idempotent, which the fix's text says).
void sfnStartThrottling(const RuleContext &ctx, const Component &c, QList<Finding> *out)
{
    const Series s(ctx.run, c.id);
    const QList<double> thr = s.values(core::FmStartThrottles);
    const double throttles = s.total(core::FmStartThrottles);
    const double executions = s.total(core::FmExecutions);
    if (throttles <= kThrottleShare * (executions + throttles))
        return;
    Finding f;
    f.diagnosis = diagnosis(
        QStringLiteral("sfn-start-throttling"), QStringLiteral("%1 refuses executions").arg(c.name),
        c.name, window(thr, s.bin()),
        QStringLiteral("%1 StartExecution calls throttled, %2 of start attempts")
            .arg(count(throttles), percent(throttles / (executions + throttles))),
        QStringLiteral("A Standard state machine's StartExecution is a token bucket (1,300 "
                       "burst, 300 per s in us-east-1, us-west-2 and eu-west-1; 800 / 150 "
                       "elsewhere); calls above it fail with ThrottlingException. Express "
                       "allows 6,000 / 6,000 (aws-behaviour.md §6, Standard vs Express)."));
    // Sized for the starts requested, not the attempts (an SDK's retries count again in
    // start_throttles, aws-behaviour.md §10).
    const double peak = peakPerSecond(s, core::FmOfferedStarts);
    const double longest = longestExecutionSeconds(ctx.design, c);
    const sfn::Params p = sfn::Params::of(c.params);
    if (p.type == sfn::WorkflowType::Standard && peak * kHeadroom <= 6000 && longest <= 300) {
        Fix fix;
        fix.rule = f.diagnosis.rule;
        fix.title = QStringLiteral("Make %1 an Express workflow").arg(c.name);
        fix.sizing =
            QStringLiteral("Peak %1 starts/s x %2 headroom is within Express's 6,000 per s, and "
                           "the longest execution (every Task timing out on every attempt, "
                           "retry waits at their cap) is %3 s, within Express's 5 minutes. "
                           "Express runs at least once, not exactly once: the Tasks must be "
                           "idempotent.")
                .arg(QString::number(peak, 'f', 0), QString::number(kHeadroom, 'f', 2),
                     QString::number(longest, 'f', 0));
        fix.changes = {blockChange(c, sfn::key::type, choiceText(sfn::WorkflowType::Express))};
        f.fix = fix;
    }
    out->append(f);
}

} // namespace

} // namespace swb::advisor

namespace swb::sfn {

const QList<advisor::Rule> &advisorRules()
{
    // In the order their findings are listed.
    static const QList<advisor::Rule> rules = {advisor::sfnStartThrottling};
    return rules;
}

} // namespace swb::sfn
