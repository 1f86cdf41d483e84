#include "model/services/stepfunctions/stepfunctions.h"

#include "model/costusage_p.h"
#include "model/design.h"
#include "model/flowrates_p.h"

namespace swb::sfn {

SWB_PARAM_READER(Params, SWB_SFN_PARAMS)

namespace task {
SWB_PARAM_READER(Params, SWB_SFN_TASK_PARAMS)
}

namespace {

QList<ParamSpec> params()
{
    return SWB_PARAM_SPECS(SWB_SFN_PARAMS);
}

// A service-integration wire leaving a state machine is one of its Task states.
QList<ParamSpec> wireParams(ConnectionKind kind)
{
    if (kind == ConnectionKind::ServiceIntegration)
        return SWB_PARAM_SPECS(SWB_SFN_TASK_PARAMS);
    return {};
}

QString blockSubtitle(const Component &c)
{
    return choiceText(Params::of(c.params).type);
}

// Task states: optimised integrations and the HTTP Task (aws-behaviour.md §6).
const QList<WireRule> &outgoingWires()
{
    using K = ComponentKind;
    using C = ConnectionKind;
    static const QList<WireRule> rules = {
        {C::ServiceIntegration,
         {K::Lambda, K::SqsQueue, K::SnsTopic, K::StepFunctions, K::Downstream}},
        {C::ServiceIntegration, {}, nullptr, "A Task state cannot call a %2"},
    };
    return rules;
}

} // namespace

const ServiceModule &module()
{
    static const ServiceModule m{
        .kind = ComponentKind::StepFunctions,
        .id = "stepfunctions",
        .name = "Step Functions state machine",
        .shortName = "Step Functions",
        .familyColor = qRgb(0xD6, 0x24, 0x6E), // application integration pink
        .paletteKeywords = "workflow sfn orchestration",
        .paletteSummary = QT_TRANSLATE_NOOP(
            "PaletteDock", "State machine: a chain of Task states with Retry and Catch; "
                           "Standard or Express."),
        .params = params,
        .wireParams = wireParams,
        .subtitle = blockSubtitle,
        .flow = [](flow::Propagator &p, const Component &c,
                   ComponentFlow &f) { p.stepFunctions(c, f); },
        .usage = [](usage::UsageBuilder &u, const Component &c,
                    const ComponentFlow &f) { u.stepFunctions(c, f); },
        .samType =
            [](const QVariantMap &) { return QStringLiteral("AWS::Serverless::StateMachine"); },
        .samEnvSuffix = "_STATE_MACHINE_ARN",
        .outgoingWires = outgoingWires,
        .naturalWire = [](const Component &) { return ConnectionKind::ServiceIntegration; },
    };
    return m;
}

} // namespace swb::sfn
