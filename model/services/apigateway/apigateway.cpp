#include "model/services/apigateway/apigateway.h"

#include "model/design.h"

namespace swb::apigw {

SWB_PARAM_READER(Params, SWB_APIGW_PARAMS)

namespace {

QList<ParamSpec> params()
{
    return SWB_PARAM_SPECS(SWB_APIGW_PARAMS);
}

QList<ParamSpec> wireParams(ConnectionKind)
{
    return {};
}

QString blockSubtitle(const Component &c)
{
    return choiceText(Params::of(c.params).type) + QStringLiteral(" API");
}

} // namespace

const ServiceModule &module()
{
    static const ServiceModule m{
        ComponentKind::ApiGateway,
        "apigateway",
        "API Gateway",
        "API Gateway",
        qRgb(0x6A, 0x4B, 0xD6), // API purple
        "rest http endpoint",
        QT_TRANSLATE_NOOP("PaletteDock",
                          "REST or HTTP API: throttles with a token bucket, proxies to Lambda "
                          "or integrates directly with SQS, SNS, Kinesis, Step Functions."),
        params,
        wireParams,
        blockSubtitle,
    };
    return m;
}

} // namespace swb::apigw
