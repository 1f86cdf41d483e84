// Step Functions in the simulation (aws-behaviour.md §6): Standard or Express state machines;
// their Task chain is built from the service-integration wires (scenariobuilderwires.cpp).

#include "sim/scenariobuilder_p.h"
#include "sim/services/simservice.h"

#include "model/humanformat.h"

#include "model/services/stepfunctions/stepfunctions.h"

namespace swb::sfn {

using detail::Severity;
using detail::u32;
using detail::utf8;

namespace {

std::uint32_t add(detail::Builder &b, const Component &c)
{
    core::StepFunctions sm;
    sm.name = utf8(c.name);
    sm.type = Params::of(c.params).type == WorkflowType::Express ? core::WorkflowType::Express
                                                                 : core::WorkflowType::Standard;
    core::Scenario &sc = b.scenario();
    sc.stateMachines.push_back(sm);
    return u32(double(sc.stateMachines.size() - 1));
}

void summarize(const SummaryReader &v, const core::Simulation &, core::ComponentRef,
               ComponentSummary *c)
{
    c->throttles = v("sfn.start_throttles");
    c->errors = v("sfn.failures");
    c->retries = v("sfn.retries");
}

// Executions per second; start throttles, failures and retries (aws-behaviour.md §6).
void live(const BlockFrame &f, const LiveContext &, LiveFigures *o)
{
    const double failures = f.get(core::FmFailures);
    const double throttles = f.get(core::FmStartThrottles);
    const double retries = f.get(core::FmRetries);
    o->inPerSecond = f.rate(core::FmExecutions);
    o->topBadge = QStringLiteral("%1/s").arg(compactNumber(o->inPerSecond));
    if (failures > 0 || throttles > 0) {
        o->raise(LiveSeverity::Error);
        o->bottomBadge = QStringLiteral("failed %1").arg(compactNumber(failures));
    } else if (retries > 0) {
        o->raise(LiveSeverity::Warning);
    }
    o->tip(liveText("Executions"), f.get(core::FmExecutions));
    o->tip(liveText("Start throttles"), throttles);
    o->tip(liveText("Retries"), retries);
    o->tip(liveText("Failures"), failures);
}

} // namespace

// Its advisor rules (stepfunctionsadvice.cpp).
const QList<advisor::Rule> &advisorRules();

const SimService &simService()
{
    static const SimService s{
        ComponentKind::StepFunctions,
        core::ComponentKind::StepFunctions,
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

} // namespace swb::sfn
