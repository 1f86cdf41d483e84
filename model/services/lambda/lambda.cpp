#include "model/services/lambda/lambda.h"

#include "model/design.h"

namespace swb::lambda {

SWB_PARAM_READER(Params, SWB_LAMBDA_PARAMS)
SWB_PARAM_READER(SyncInvokeParams, SWB_LAMBDA_SYNC_INVOKE_PARAMS)

namespace {

QList<ParamSpec> params()
{
    return SWB_PARAM_SPECS(SWB_LAMBDA_PARAMS);
}

QList<ParamSpec> wireParams(ConnectionKind kind)
{
    if (kind == ConnectionKind::SyncInvoke)
        return SWB_PARAM_SPECS(SWB_LAMBDA_SYNC_INVOKE_PARAMS);
    return {};
}

QString blockSubtitle(const Component &c)
{
    const Params p = Params::of(c.params);
    return subtitle::number(double(p.memory)) + QStringLiteral(" MB") + subtitle::separator()
           + subtitle::number(double(p.timeout)) + QStringLiteral(" s");
}

} // namespace

const ServiceModule &module()
{
    static const ServiceModule m{
        ComponentKind::Lambda,
        "lambda",
        "Lambda function",
        "Lambda",
        qRgb(0xE8, 0x71, 0x0A), // compute orange
        "compute serverless",
        QT_TRANSLATE_NOOP("PaletteDock",
                          "Function: concurrency, cold starts, timeouts, errors and async "
                          "retries."),
        params,
        wireParams,
        blockSubtitle,
    };
    return m;
}

} // namespace swb::lambda
