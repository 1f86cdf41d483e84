#pragma once
// Step Functions (resources/help/aws-behaviour.md §6): the state machine block and its Task
// states, one per outgoing service-integration wire.

#include "model/services/paramdecl.h"
#include "model/services/servicemodule.h"

namespace swb::sfn {

enum class WorkflowType { Standard, Express };
enum class RetryJitter { None, Full };

} // namespace swb::sfn

namespace swb {
SWB_CHOICE_TEXTS(sfn::WorkflowType, "Standard", "Express");
SWB_CHOICE_TEXTS(sfn::RetryJitter, "NONE", "FULL");
} // namespace swb

namespace swb::sfn {

// clang-format off
#define SWB_SFN_PARAMS(INT, REAL, FLAG, CHOICE, TEXT)                                               \
    CHOICE(type, WorkflowType, "Workflow type",                                                  \
           "Standard: exactly-once, up to 1 year, $25 per million state transitions (every "     \
           "retry is a transition). Express: at-least-once, up to 5 minutes, $1.00 per million " \
           "requests plus duration.")

#define SWB_SFN_TASK_PARAMS(INT, REAL, FLAG, CHOICE, TEXT)                                          \
    INT(order, "State order", "", 1, 1, 1000, nullptr,                                           \
        "Position of this Task state in the state machine's chain.")                             \
    INT(retryInterval, "Retry interval", "s", 1, 1, 99999999, nullptr,                           \
        "Retry.IntervalSeconds: wait before the first retry (default 1).")                       \
    INT(retryMaxAttempts, "Retry max attempts", "", 3, 0, 99999999, nullptr,                     \
        "Retry.MaxAttempts (default 3; 0 = never retry).")                                       \
    REAL(retryBackoffRate, "Retry backoff rate", "", 2.0, 1.0, 1000, nullptr,                    \
         "Retry.BackoffRate: each wait is the previous one times this (default 2.0).")           \
    INT(retryMaxDelay, "Retry max delay", "s", -1, 1, 31622401, "no cap",                        \
        "Retry.MaxDelaySeconds caps each wait. -1: no cap.")                                     \
    CHOICE(retryJitter, RetryJitter, "Retry jitter",                                             \
           "Retry.JitterStrategy: FULL waits a random time between 0 and the computed delay.")   \
    TEXT(retriers, "Retriers",                                                                   \
         "The Task's Retry array in States Language JSON; empty (default): one States.ALL "      \
         "retrier from the Retry fields above. Example: [{\"ErrorEquals\": "                    \
         "[\"Lambda.TooManyRequestsException\"], \"IntervalSeconds\": 2, \"MaxAttempts\": "      \
         "6}, {\"ErrorEquals\": [\"States.ALL\"]}]. Evaluated in order: the first retrier "      \
         "naming the error decides; States.ALL must be alone and last. The simulator raises "    \
         "Lambda.TooManyRequestsException (throttled invoke), Lambda.Unknown (timeout) and "     \
         "the function's own error (any other name; States.TaskFailed matches all three).")      \
    FLAG(catch_, "Catch errors", true,                                                            \
         "Catch States.ALL after the retries are exhausted (the execution continues to a "       \
         "fallback) instead of failing the execution.")
// clang-format on

struct Params {
    SWB_PARAM_FIELDS(SWB_SFN_PARAMS)
    static Params of(const QVariantMap &p);
};

namespace key {
SWB_PARAM_KEYS(SWB_SFN_PARAMS)
}

namespace task {
struct Params {
    SWB_PARAM_FIELDS(SWB_SFN_TASK_PARAMS)
    static Params of(const QVariantMap &p);
};
namespace key {
SWB_PARAM_KEYS(SWB_SFN_TASK_PARAMS)
}
} // namespace task

const ServiceModule &module();

} // namespace swb::sfn
