// SQS in the simulation (aws-behaviour.md §4): standard or FIFO queues with visibility
// timeout, retention, delay and message groups; the redrive wire sets maxReceiveCount.

#include "sim/scenariobuilder_p.h"
#include "sim/services/simservice.h"

#include "model/services/registry.h"
#include "model/services/sqs/sqs.h"

namespace swb::sqs {

using detail::Severity;
using detail::u32;
using detail::utf8;

namespace {

std::uint32_t add(detail::Builder &b, const Component &c)
{
    const Params p = Params::of(c.params);
    core::SqsQueue q;
    q.name = utf8(c.name);
    q.type = p.isFifo() ? core::QueueType::Fifo : core::QueueType::Standard;
    q.visibilityTimeoutSeconds = double(p.visibilityTimeout);
    q.retentionSeconds = double(p.retentionPeriod);
    q.delaySeconds = double(p.deliveryDelay);
    q.messageGroupCount = u32(double(p.messageGroups));
    q.maxReceiveCount = 0; // set by its Redrive wire
    core::Scenario &sc = b.scenario();
    sc.queues.push_back(q);
    return u32(double(sc.queues.size() - 1));
}

// RedrivePolicy{deadLetterTargetArn, maxReceiveCount} (aws-behaviour.md §4).
void failureWire(detail::Builder &b, const Component &src, const Connection &w, int)
{
    b.scenario().queues[b.ref(src.id).index].maxReceiveCount =
        u32(double(redrive::Params::of(w.params).maxReceiveCount));
    b.addEdge(w, core::EdgeKind::Redrive);
}

void summarize(const SummaryReader &v, const core::Simulation &, core::ComponentRef,
               ComponentSummary *c)
{
    c->peakConcurrency = v("sqs.pollers");
    c->maxBacklog = v("sqs.visible");
    c->dlqCount = v("sqs.to_dlq");
}

} // namespace

const SimService &simService()
{
    static const SimService s{
        ComponentKind::SqsQueue, core::ComponentKind::SqsQueue, add, 1, failureWire, summarize,
    };
    return s;
}

} // namespace swb::sqs
