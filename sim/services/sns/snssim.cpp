// SNS in the simulation (aws-behaviour.md §3): standard or FIFO topics; a redrive wire is every
// subscription's DLQ.

#include "sim/runcost_p.h"
#include "sim/scenariobuilder_p.h"
#include "sim/services/simservice.h"

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
    if (p.publishQuota != Params().publishQuota)
        b.note(Severity::Info, "sim-approx-publish-quota",
               QStringLiteral("Topic %1: the account publish quota is not simulated (only a "
                              "FIFO topic's own 3,000 msg/s / 20 MB/s limit throttles publishes "
                              "in a run)")
                   .arg(QLatin1Char('\'') + c.name + QLatin1Char('\'')),
               {c.id});
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

// The measured bill's quantities (sim/runcost_p.h), from the run's billed_* series.
void measuredUsage(MeasuredUsage &u, const Component &c)
{
    const double http = u.total(c.id, "sns.billed_http_deliveries");
    u.measured(c, "sns",
               isFifo(c) ? QStringLiteral("publishes-fifo") : QStringLiteral("publishes-standard"),
               u.total(c.id, "sns.billed_publishes"));
    // FIFO publishes also bill their payload per GB (aws-behaviour.md §3), as the estimate
    // does.
    const QString payload = QStringLiteral("publishes-fifo-payload");
    if (isFifo(c) && u.catalogue().dimension(QStringLiteral("sns"), payload))
        u.measured(c, "sns", payload,
                   u.total(c.id, "sns.fifo_payload_bytes") / (1024.0 * 1024.0 * 1024.0));
    u.measured(c, "sns", QStringLiteral("deliveries-sqs-lambda"),
               std::max(0.0, u.total(c.id, "sns.deliveries") - http));
    u.measured(c, "sns", QStringLiteral("deliveries-http"), http);
}

} // namespace

const SimService &simService()
{
    static const SimService s{
        ComponentKind::SnsTopic, core::ComponentKind::SnsTopic, add, 1, failureWire, summarize,
        measuredUsage,
    };
    return s;
}

} // namespace swb::sns
