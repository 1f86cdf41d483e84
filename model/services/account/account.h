#pragma once
// The project's account- and run-level settings (resources/help/aws-behaviour.md §1, §2):
// Lambda's concurrency pool and scaling model, API Gateway's account throttle, the free tier,
// and the simulated duration and seed.

#include "model/services/paramdecl.h"

namespace swb::account {

enum class Region { UsEast1 };
enum class ScalingModel { Current, Legacy2018 };

} // namespace swb::account

namespace swb {
SWB_CHOICE_TEXTS(account::Region, "us-east-1");
SWB_CHOICE_TEXTS(account::ScalingModel, "current", "2018");
} // namespace swb

namespace swb::account {

// clang-format off
#define SWB_ACCOUNT_PARAMS(INT, REAL, FLAG, CHOICE, TEXT)                                           \
    CHOICE(region, Region, "Region", "Prices and account defaults are those of us-east-1.")      \
    INT(accountConcurrency, "Account concurrency", "", 1000, 10, 1000000, nullptr,               \
        "Lambda concurrent executions shared by all functions in the Region (1,000 by "          \
        "default). Reservations must leave at least 100 unreserved.")                            \
    CHOICE(scalingModel, ScalingModel, "Lambda scaling model",                                   \
           "current: each function adds 1,000 environments every 10 s (since Nov 2023); "        \
           "2018: an account-wide initial burst, then +500 per minute.")                         \
    INT(legacyBurst, "2018 initial burst", "", 3000, 500, 3000, nullptr,                         \
        "2018 model only: 3,000 in us-east-1, us-west-2, eu-west-1.")                            \
    REAL(apiAccountRate, "API Gateway account rate", "req/s", 10000, 1, 1e6, nullptr,            \
         "Account-level throttle shared by every API in the Region (10,000 req/s).")             \
    REAL(apiAccountBurst, "API Gateway account burst", "req", 5000, 0, 1e6, nullptr,             \
         "Account-level token-bucket size (5,000 since 2017).")                                  \
    FLAG(freeTier, "Free tier", true,                                                            \
         "Subtract the always-free monthly allowances (Lambda 1 M requests and 400,000 "         \
         "GB-s, SNS and SQS 1 M requests, Step Functions 4,000 transitions).")                   \
    REAL(duration, "Simulated duration", "s", 3600, 1, 604800, nullptr,                          \
         "How much time a run simulates.")                                                       \
    INT(seed, "Random seed", "", 1, 0, 9007199254740991LL, nullptr,                              \
        "Same design + same seed = identical results.")
// clang-format on

struct Params {
    SWB_PARAM_FIELDS(SWB_ACCOUNT_PARAMS)
    static Params of(const QVariantMap &p);
};

namespace key {
SWB_PARAM_KEYS(SWB_ACCOUNT_PARAMS)
}

QList<ParamSpec> specs();

} // namespace swb::account
