// Step Functions in the simulation (aws-behaviour.md §6): Standard or Express state machines;
// their Task chain is built from the service-integration wires (scenariobuilderwires.cpp).

#include "sim/scenariobuilder_p.h"
#include "sim/services/simservice.h"

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

} // namespace

const SimService &simService()
{
    static const SimService s{
        ComponentKind::StepFunctions,
        core::ComponentKind::StepFunctions,
        add,
        0,
        nullptr,
        summarize,
    };
    return s;
}

} // namespace swb::sfn
