#include "model/services/stepfunctions/stepfunctions.h"

#include "model/design.h"

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

} // namespace

const ServiceModule &module()
{
    static const ServiceModule m{
        ComponentKind::StepFunctions,
        "stepfunctions",
        "Step Functions state machine",
        "Step Functions",
        qRgb(0xD6, 0x24, 0x6E), // application integration pink
        "workflow sfn orchestration",
        QT_TRANSLATE_NOOP("PaletteDock",
                          "State machine: a chain of Task states with Retry and Catch; "
                          "Standard or Express."),
        params,
        wireParams,
        blockSubtitle,
    };
    return m;
}

} // namespace swb::sfn
