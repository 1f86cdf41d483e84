#pragma once
// API Gateway (resources/help/aws-behaviour.md §2): the API block (REST or HTTP).

#include "model/services/paramdecl.h"
#include "model/services/servicemodule.h"

namespace swb::apigw {

enum class ApiType { Rest, Http };

} // namespace swb::apigw

namespace swb {
SWB_CHOICE_TEXTS(apigw::ApiType, "REST", "HTTP");
}

namespace swb::apigw {

// clang-format off
#define SWB_APIGW_PARAMS(INT, REAL, FLAG, CHOICE, TEXT)                                             \
    CHOICE(type, ApiType, "API type",                                                            \
           "REST APIs cost $3.50/M and can call any AWS action (SQS, SNS, Kinesis, Step "        \
           "Functions); HTTP APIs cost $1.00/M, are metered in 512 KB units and have no SNS "    \
           "integration. [API Gateway pricing; http-api-develop-integrations-aws-services]")     \
    REAL(rateLimit, "Stage rate limit", "req/s", 10000, 1, 10000, nullptr,                       \
         "Token-bucket refill rate. Requests above it get 429 Too Many Requests. It can be set " \
         "lower than the account's 10,000 req/s but never higher. [apigateway limits]")          \
    REAL(burstLimit, "Stage burst limit", "req", 5000, 0, 5000, nullptr,                         \
         "Token-bucket size: how many requests may arrive at once before throttling. The "       \
         "account burst has been 5,000 since 2017-06-06. [apigateway limits]")                   \
    REAL(integrationTimeout, "Integration timeout", "ms", 29000, 50, 300000, nullptr,            \
         "The backend must answer within this time or the caller gets 504. REST: 50 ms to "      \
         "29 s (Regional/private REST APIs may raise it above 29 s by quota request); HTTP "     \
         "APIs: at most 30 s, hard limit.")
// clang-format on

struct Params {
    SWB_PARAM_FIELDS(SWB_APIGW_PARAMS)
    static Params of(const QVariantMap &p);
    bool isHttp() const { return type == ApiType::Http; }
};

namespace key {
SWB_PARAM_KEYS(SWB_APIGW_PARAMS)
}

const ServiceModule &module();

} // namespace swb::apigw
