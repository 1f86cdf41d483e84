#pragma once
// SNS (resources/help/aws-behaviour.md §3): the topic block and its subscriptions.

#include "model/services/paramdecl.h"
#include "model/services/servicemodule.h"

namespace swb::sns {

enum class TopicType { Standard, Fifo };

} // namespace swb::sns

namespace swb {
SWB_CHOICE_TEXTS(sns::TopicType, "Standard", "FIFO");
}

namespace swb::sns {

// clang-format off
#define SWB_SNS_PARAMS(INT, REAL, FLAG, CHOICE, TEXT)                                               \
    CHOICE(type, TopicType, "Topic type",                                                        \
           "Standard: nearly unlimited throughput, best-effort order, at-least-once. FIFO: "     \
           "strict order per message group, 5-minute deduplication, subscribers are SQS "        \
           "queues, 3,000 msg/s per topic (300 per group in high-throughput mode).")             \
    REAL(publishQuota, "Publish quota", "msg/s", 30000, 1, 1e6, nullptr,                         \
         "Account publish quota in the Region (30,000 msg/s in us-east-1; soft). Publishes "     \
         "above it are throttled.")

#define SWB_SNS_SUBSCRIPTION_PARAMS(INT, REAL, FLAG, CHOICE, TEXT)                                  \
    REAL(filterMatch, "Filter match share", "", 1, 0, 1, nullptr,                                \
         "Fraction of published messages that match this subscription's filter policy. "         \
         "Messages that don't match are not delivered and not billed.")                          \
    TEXT(filterPolicy, "Filter policy",                                                          \
         "Optional attribute rules (name=value, comma separated) matched against the traffic "   \
         "source's message attributes; when set it replaces the match share.")
// clang-format on

struct Params {
    SWB_PARAM_FIELDS(SWB_SNS_PARAMS)
    static Params of(const QVariantMap &p);
    bool isFifo() const { return type == TopicType::Fifo; }
};

namespace key {
SWB_PARAM_KEYS(SWB_SNS_PARAMS)
}

namespace subscription {
struct Params {
    SWB_PARAM_FIELDS(SWB_SNS_SUBSCRIPTION_PARAMS)
    static Params of(const QVariantMap &p);
};
namespace key {
SWB_PARAM_KEYS(SWB_SNS_SUBSCRIPTION_PARAMS)
}
} // namespace subscription

const ServiceModule &module();

} // namespace swb::sns
