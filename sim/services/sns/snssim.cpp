// SNS in the simulation (aws-behaviour.md §3): standard or FIFO topics; a redrive wire is every
// subscription's DLQ.

#include "sim/scenariobuilder_p.h"
#include "sim/services/simservice.h"

#include "model/humanformat.h"

#include "model/services/registry.h"
#include "model/services/sns/sns.h"

namespace swb::sns {

using detail::Severity;
using detail::u32;
using detail::utf8;

namespace {

std::uint32_t add(detail::Builder &b, const Component &c)
{
    const Params p = Params::of(c.params);
    core::SnsTopic topic;
    topic.name = utf8(c.name);
    topic.type = p.isFifo() ? core::TopicType::Fifo : core::TopicType::Standard;
    // A standard topic's Publish quota (an account quota, applied per topic; aws-behaviour.md §3).
    topic.publishesPerSecond = double(p.publishQuota);
    core::Scenario &sc = b.scenario();
    sc.topics.push_back(topic);
    return u32(double(sc.topics.size() - 1));
}

// Every subscription's RedrivePolicy DLQ (aws-behaviour.md §3).
void failureWire(detail::Builder &b, const Component &src, const Connection &w, int)
{
    for (core::Edge &e : b.scenario().edges) {
        if (e.kind == core::EdgeKind::Subscription && e.from == b.ref(src.id))
            e.sub.deadLetter = b.ref(w.target);
    }
}

void summarize(const SummaryReader &v, const core::Simulation &, core::ComponentRef,
               ComponentSummary *c)
{
    c->throttles = v("sns.publish_throttles"); // FIFO topics' throughput limit
    c->dlqCount = v("sns.dlq");
    c->errors = v("sns.delivery_failures");
    c->retries = v("sns.delivery_retries");
}

// Publishes per second; failed or retried deliveries (aws-behaviour.md §3).
void live(const BlockFrame &f, const LiveContext &, LiveFigures *o)
{
    const double failures = f.get(core::SmFailures);
    const double retries = f.get(core::SmRetries);
    o->inPerSecond = f.rate(core::SmPublishes);
    o->deadLettersPerSecond = f.rate(core::SmDlq);
    o->topBadge = QStringLiteral("%1/s").arg(compactNumber(o->inPerSecond));
    if (failures > 0 || f.get(core::SmDlq) > 0)
        o->raise(LiveSeverity::Error);
    else if (retries > 0)
        o->raise(LiveSeverity::Warning);
    o->tip(liveText("Publishes"), f.get(core::SmPublishes));
    o->tip(liveText("Deliveries"), f.get(core::SmDeliveries));
    o->tip(liveText("Delivery failures"), failures);
    o->tip(liveText("Retries"), retries);
    o->tip(liveText("DLQ"), f.get(core::SmDlq));
}

} // namespace

// Its advisor rules (snsadvice.cpp).
const QList<advisor::Rule> &advisorRules();

const SimService &simService()
{
    static const SimService s{
        ComponentKind::SnsTopic,
        core::ComponentKind::SnsTopic,
        add,
        1,
        failureWire,
        summarize,
        live,
        nullptr,
        nullptr,
        nullptr,
        advisorRules,
    };
    return s;
}

} // namespace swb::sns
