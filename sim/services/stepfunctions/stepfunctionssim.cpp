// Step Functions in the simulation (aws-behaviour.md §6): Standard or Express state machines;
// their Task chain is built from the service-integration wires (scenariobuilderwires.cpp).

#include "sim/runcost_p.h"
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

// The measured bill's quantities (sim/runcost_p.h), from the run's billed_* series.
void measuredUsage(MeasuredUsage &u, const Component &c)
{
    if (Params::of(c.params).type == WorkflowType::Express) {
        u.measured(c, "stepfunctions", QStringLiteral("express-requests"),
                   u.total(c.id, "sfn.billed_express_requests"));
        u.measured(c, "stepfunctions", QStringLiteral("express-duration"),
                   u.total(c.id, "sfn.billed_express_gb_s"));
    } else {
        // The core counts one transition per Task attempt and per Catch; the catalogue's
        // fixedPerExecution adds the start and end transitions, as the estimate does.
        const PriceDimension *d = u.catalogue().dimension(QStringLiteral("stepfunctions"),
                                                          QStringLiteral("standard-transitions"));
        const double fixed = d ? d->fixedPerExecution : 0;
        u.measured(c, "stepfunctions", QStringLiteral("standard-transitions"),
                   u.total(c.id, "sfn.transitions") + fixed * u.total(c.id, "sfn.executions"));
    }
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
        measuredUsage,
    };
    return s;
}

} // namespace swb::sfn
