#pragma once
// EventBridge (resources/help/aws-behaviour.md §9): the custom event bus block, its rules' targets
// (a wire of kind Subscription from the bus is one target of one rule) and the targets' dead-letter
// queues (Redrive wires from the bus to standard SQS queues).

#include "model/services/paramdecl.h"
#include "model/services/servicemodule.h"

namespace swb::sam {
struct ServiceSam;
struct IntegerProperty;
} // namespace swb::sam

namespace swb::eventbridge {

// clang-format off
#define SWB_EVENTBRIDGE_PARAMS(INT, REAL, FLAG, CHOICE, TEXT)                                      \
    INT(entriesPerCall, "Entries per PutEvents call", "", 1, 1, 10, nullptr,                     \
        "Events the producers batch into one PutEvents call (1 to 10). The PutEvents quota "     \
        "counts calls; each entry is billed on its own.")                                        \
    REAL(putEventsQuota, "PutEvents quota", "calls/s", 10000, 1, 1e6, nullptr,                   \
         "The account's PutEvents quota in the Region, shared by all its buses (10,000 calls/s " \
         "in us-east-1, us-west-2 and eu-west-1; 400 to 2,400 elsewhere; adjustable). Calls "    \
         "above it fail with ThrottlingException and are not retried by EventBridge.")          \
    REAL(invocationsQuota, "Invocations quota", "/s", 18750, 1, 1e6, nullptr,                    \
         "The account's target-invocation quota in the Region (18,750/s in us-east-1, "          \
         "us-west-2 and eu-west-1; 750 to 4,500 elsewhere; adjustable). Invocations above it "   \
         "are throttled: delayed and retried per the target's retry policy.")

// One target of a rule (the wire from the bus to it).
#define SWB_EVENTBRIDGE_TARGET_PARAMS(INT, REAL, FLAG, CHOICE, TEXT)                               \
    TEXT(rule, "Rule",                                                                           \
         "The rule this target belongs to. Targets with the same rule name share its event "     \
         "pattern (an event matches the rule once, for all of them); a rule has at most 5 "      \
         "targets. Empty: the target has a rule of its own.")                                    \
    REAL(patternMatch, "Pattern match share", "", 1, 0, 1, nullptr,                              \
         "Fraction of the bus's events that match the rule's event pattern. Events that match "  \
         "no rule are not delivered (each put is still billed).")                                \
    TEXT(eventPattern, "Event pattern",                                                          \
         "Optional exact-match pattern (field=value, comma separated) matched against the "      \
         "traffic source's event attributes: values of one field are OR-ed, fields AND-ed, an "  \
         "event without a named field does not match. When set it replaces the match share.")   \
    INT(maximumEventAge, "Maximum event age", "s", 86400, 60, 86400, nullptr,                    \
        "RetryPolicy.MaximumEventAgeInSeconds: failed deliveries are retried until the event "   \
        "is this old (60 s to 24 h, default 24 h).")                                             \
    INT(maximumRetryAttempts, "Maximum retry attempts", "", 185, 0, 185, nullptr,                \
        "RetryPolicy.MaximumRetryAttempts: at most this many retries, with exponential backoff " \
        "and jitter (0 to 185, default 185).")                                                   \
    TEXT(deadLetterQueue, "Dead-letter queue",                                                   \
         "The standard SQS queue (wired from the bus as a dead-letter queue) that receives this " \
         "target's events once its retry policy is exhausted. Empty: the bus's dead-letter "      \
         "queue if it has exactly one, else none (the events are dropped).")
// clang-format on

struct Params {
    SWB_PARAM_FIELDS(SWB_EVENTBRIDGE_PARAMS)
    static Params of(const QVariantMap &p);
};

namespace key {
SWB_PARAM_KEYS(SWB_EVENTBRIDGE_PARAMS)
}

namespace target {
struct Params {
    SWB_PARAM_FIELDS(SWB_EVENTBRIDGE_TARGET_PARAMS)
    static Params of(const QVariantMap &p);
};
namespace key {
SWB_PARAM_KEYS(SWB_EVENTBRIDGE_TARGET_PARAMS)
}
const QList<ParamSpec> &specs();
// The RetryPolicy properties of a target in templates (eventbridgesam.cpp).
const QList<sam::IntegerProperty> &retryPolicy();
} // namespace target

// A rule target wire's rule name: its own "rule" parameter, or, when empty, a name of its own.
QString ruleName(const Connection &target);
// The dead-letter queue a target wire uses: the queue its parameter names among the bus's DLQ
// wires, or the bus's only DLQ wire; nullptr: none. `error` (optional) says why a named queue
// is not one.
const Connection *deadLetterWire(const Design &design, const Connection &target,
                                 QString *error = nullptr);

// Targets per rule: 5, not adjustable (aws-behaviour.md §9 "Quotas").
inline constexpr int kMaxTargetsPerRule = 5;

const ServiceModule &module();
// Rules, targets and EventBridgeRule events in SAM templates, export and import
// (eventbridgesam.cpp).
const sam::ServiceSam &samMapping();
// The service principal EventBridge acts as: what a target's resource policy lets in.
inline constexpr char kPrincipal[] = "events.amazonaws.com";

} // namespace swb::eventbridge
