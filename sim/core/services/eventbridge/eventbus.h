#pragma once
// EventBridge custom event buses (aws-behaviour.md §9): the settings of one bus as the Scenario
// carries them (its rules, each with up to 5 targets and a retry policy per target), and the
// metric series (enum and declaration table, same order). Plain data and no #include of
// component.h (core/servicelist.h), so a target names its DLQ by kind value and index.

#include "core/metricdecl.h"

#include <cstdint>
#include <string>
#include <vector>

namespace swb::core {

// One target of a rule: the Subscription edge bus -> target (Lambda async, SQS, SNS, Step
// Functions, another bus) and its RetryPolicy and DeadLetterConfig (aws-behaviour.md §9
// "Retry policy per target").
struct EventBusTarget {
    std::uint32_t edge = 0;
    double maximumEventAgeSeconds = 86400;    // 60 to 86,400 s
    std::uint32_t maximumRetryAttempts = 185; // 0 to 185
    // Dead-letter queue (a standard SQS queue): kind and index as a ComponentRef's; kind 0
    // (None): no DLQ, an exhausted event is dropped.
    std::uint8_t deadLetterKind = 0;
    std::uint32_t deadLetterIndex = 0;
};

// A rule: its event pattern as the subscription filters are modelled (a value mask over the
// event's attribute when exact, else a match probability) and its targets. Each rule matches
// independently: an event may match several rules, and a matching rule sends it to all of its
// targets (aws-behaviour.md §9 "Rules and event patterns").
struct EventBusRule {
    std::uint64_t matchMask = 0; // bit per attribute value; 0: use matchProbability
    double matchProbability = 1.0;
    std::vector<EventBusTarget> targets;
};

struct EventBus {
    std::string name;
    std::uint32_t entriesPerCall = 1; // events per PutEvents call (1 to 10)
    std::vector<EventBusRule> rules;
    // The account's quotas in the Region, shared by every bus (the run takes the first bus's):
    // PutEvents transactions per second (us-east-1 10,000) and target invocations per second
    // (us-east-1 18,750) (aws-behaviour.md §9 "Quotas").
    double putEventsPerSecond = 10000;
    double invocationsPerSecond = 18750;
};

// Delay before retry `retry` (1-based) with the jitter draw u in [0, 1): exponential from 1 s,
// doubling, capped at 512 s, times 0.5 + u. AWS documents "exponential back off and jitter"
// without its base or cap (aws-behaviour.md §9, ⚠ derived): this schedule spreads 185 retries
// over about 24 h, the documented default age.
double eventBusRetryDelaySeconds(std::uint32_t retry, double u);

enum EventBusMetric : std::uint32_t {
    EbEvents,
    EbBilledEvents,
    EbPutThrottles,
    EbUnmatched,
    EbInvocations,
    EbInvocationThrottles,
    EbRetries,
    EbFailedInvocations,
    EbDlq,
    EbCount
};

inline constexpr MetricDecl kEventBusMetrics[EbCount] = {
    {"eventbridge.events", "count", Aggregation::Sum},               // PutEvents entries accepted
    {"eventbridge.billed_events", "requests", Aggregation::Sum},     // per 64 KB chunk
    {"eventbridge.put_throttles", "count", Aggregation::Sum},        // PutEvents quota
    {"eventbridge.unmatched", "count", Aggregation::Sum},            // matched no rule
    {"eventbridge.invocations", "count", Aggregation::Sum},          // handed to a target
    {"eventbridge.invocation_throttles", "count", Aggregation::Sum}, // invocations quota
    {"eventbridge.retries", "count", Aggregation::Sum},
    {"eventbridge.failed_invocations", "count", Aggregation::Sum}, // retry policy exhausted
    {"eventbridge.dlq", "count", Aggregation::Sum},                // sent to a target's DLQ
};

} // namespace swb::core
