// Propagation through the blocks whose consumers batch or retry: SQS and Kinesis (Lambda event
// source mappings) and Step Functions (Task chains with Retry / Catch).

#include "model/flowrates_p.h"
#include "model/services/account/account.h"
#include "model/services/kinesis/kinesis.h"
#include "model/services/lambda/lambda.h"
#include "model/services/registry.h"
#include "model/services/stepfunctions/stepfunctions.h"

#include <algorithm>
#include <cmath>

namespace swb::flow {

namespace {

bool byTaskOrder(const QPair<double, const Connection *> &a,
                 const QPair<double, const Connection *> &b)
{
    return a.first != b.first ? a.first < b.first : a.second->id < b.second->id;
}

// Records one invocation may carry: the batch size, capped by the 6 MB invoke payload.
double payloadCap(double batch, double payloadKB)
{
    if (payloadKB > 0)
        batch = std::min(batch, std::max(1.0, std::floor(kInvokePayloadKB / payloadKB)));
    return batch;
}

// Mean messages per invocation of an SQS event source mapping that receives `received`
// messages/s for a function of `seconds` mean duration, with at most `pollers` batches in flight.
// Lambda's pollers long-poll, and a long poll returns as soon as a message is available (SQS
// "Using the appropriate polling mode"), so with no batching window an idle poller takes each
// message alone (services-sqs-parameters: MaximumBatchingWindowInSeconds default 0); messages
// only wait, and batch up, while every poller is busy, where a batch holds what arrived during
// one invocation: x = received x seconds / pollers. A window W makes the first message wait for
// the ones arriving during W: 1 + received x W. The fill is a smooth maximum of the two; its
// sharpness grows with the pollers (Poisson fluctuations around the cap shrink): k = 1.55 x
// pollers^0.37 matches the simulation engine's batch fill within 5% for 2-1,000 pollers and
// x from 0.5 to 2 (a queueing approximation; the exact limits are 1 and x).
double sqsBatchFill(double received, double seconds, double pollers, double window, double cap)
{
    const double base = 1 + received * window;
    const double x = received * seconds / pollers;
    const double hi = std::max(base, x), lo = std::min(base, x);
    const double k = 1.55 * std::pow(pollers, 0.37);
    return std::clamp(hi * std::pow(1 + std::pow(lo / hi, k), 1 / k), 1.0, cap);
}

// The same for one message group of a FIFO queue, which has one batch in flight at a time
// (aws-behaviour.md §4 "FIFO"): a single server that takes everything that arrived during its last
// invocation. Over a busy period the batches after the first hold the Poisson arrivals of one
// invocation, N with mean x = rate x seconds, until one finds none (probability p0 = E[e^-(rate x
// D)]), so by Wald's identity a batch holds x + p0 messages; for a log-normal duration of
// variability cv, p0 ~ e^-x (1 + x^2 cv^2 / 2). The batch size cap is applied to the mean (an
// approximation).
double fifoGroupBatchFill(double rate, double seconds, double cv, double cap)
{
    const double x = rate * seconds;
    return std::clamp(x + std::exp(-x) * (1 + x * x * cv * cv / 2), 1.0, cap);
}

// Concurrent batches a mapping may reach: MaximumConcurrency or the poller cap (1,250 now, 1,000
// before late 2023; aws-behaviour.md §4), within the function's reserved and the account's
// concurrency.
double sqsPollerCap(const Design &design, const Component &queue, const Connection &mapping,
                    const Component *function)
{
    const account::Params settings = account::Params::of(design.settings);
    const bool legacy = settings.scalingModel == account::ScalingModel::Legacy2018;
    double cap = connParam(mapping, queue.kind, "maximumConcurrency");
    if (cap <= 0)
        cap = legacy ? 1000 : 1250;
    // A reservation caps the pollers too; the kill switch (0) is handled as a failure share.
    const std::optional<qlonglong> reserved =
        function ? lambda::reservedConcurrency(lambda::Params::of(function->params)).cap()
                 : std::nullopt;
    if (reserved && *reserved > 0)
        cap = std::min(cap, double(*reserved));
    const double account = double(settings.accountConcurrency);
    if (account > 0)
        cap = std::min(cap, account);
    return std::max(1.0, cap);
}

} // namespace

void Propagator::sqs(const Component &c, ComponentFlow &f)
{
    const Inflow in = inflow(c.id);
    f.inRate = in.rate;
    f.payloadKB = in.payloadKB;
    f.sendRequests = in.rate; // one SendMessage per message (SNS deliveries included)
    QList<const Connection *> mappings, dlqs;
    for (const Connection *w : m_design.outgoing(c.id)) {
        if (w->kind == ConnectionKind::EventSourceMapping)
            mappings.append(w);
        else if (w->kind == ConnectionKind::Redrive)
            dlqs.append(w);
    }
    // Without a redrive policy a failing message is received again after every visibility
    // timeout until retention deletes it.
    const double maxReceives =
        dlqs.isEmpty() ? std::max(1.0, std::floor(param(c, "retentionPeriod")
                                                  / std::max(1.0, param(c, "visibilityTimeout"))))
                       : connParam(*dlqs.first(), c.kind, "maxReceiveCount");
    if (mappings.isEmpty()) {
        f.expiredMessages = in.rate;
        if (in.rate > 0)
            note(QStringLiteral("A queue no function reads is priced for its sends only."));
    } else {
        note(QStringLiteral("SQS polling: Lambda's pollers long-poll and receive each message as "
                            "soon as it arrives, so batches fill only while every poller is busy "
                            "(or during a batching window); one ReceiveMessage and one "
                            "DeleteMessageBatch per 10 messages of a batch; after 20 s without a "
                            "message each of the 5 idle pollers' long polls comes back empty; "
                            "producers send one message per SendMessage."));
    }
    double deliveries = 0, failed = 0;
    for (const Connection *w : mappings) {
        const Component *fn = m_design.component(w->target);
        const double p = fn ? failureShare(*fn) : 0.0;
        // Competing mappings share the messages: each message goes to one consumer.
        const double arrivals = in.rate / mappings.size();
        const double received = arrivals * expectedAttempts(p, maxReceives - 1);
        const double seconds =
            fn ? std::min(param(*fn, "duration") / 1000.0, param(*fn, "timeout")) : 0.0;
        const bool fifo = isFifo(c);
        const double window = fifo ? 0.0 : connParam(*w, c.kind, "batchingWindow");
        const double cap = payloadCap(connParam(*w, c.kind, "batchSize"), f.payloadKB);
        const double pollers = sqsPollerCap(m_design, c, *w, fn);
        double perInvoke = 1;
        if (received > 0 && fifo) {
            // One batch per message group at a time; fewer pollers than groups also queue.
            const double groups = std::max(1.0, param(c, "messageGroups"));
            perInvoke = fifoGroupBatchFill(received / groups, seconds,
                                           fn ? param(*fn, "durationCv") : 0.0, cap);
            if (pollers < groups)
                perInvoke = std::max(perInvoke, sqsBatchFill(received, seconds, pollers, 0, cap));
        } else if (received > 0) {
            perInvoke = sqsBatchFill(received, seconds, pollers, window, cap);
        }
        const double callsPerBatch = std::ceil(perInvoke / 10 - 1e-9); // <= 10 per call
        const double invocations = received / perInvoke;
        f.receiveRequests += invocations * callsPerBatch;
        f.deleteRequests += invocations * (1 - p) * callsPerBatch;
        f.emptyReceives +=
            kSqsIdlePollers / kLongPollSeconds * std::exp(-received * kLongPollSeconds);
        deliveries += received;
        failed += arrivals * std::pow(p, maxReceives);
        out(w, received, f.payloadKB, invocations);
    }
    f.messagesPerReceive = f.receiveRequests > 0 ? deliveries / f.receiveRequests : 0;
    if (dlqs.isEmpty())
        f.expiredMessages += failed;
    for (const Connection *w : dlqs)
        out(w, failed / dlqs.size(), f.payloadKB);
}

void Propagator::kinesis(const Component &c, ComponentFlow &f)
{
    const Inflow in = inflow(c.id);
    f.inRate = in.rate;
    f.payloadKB = in.payloadKB;
    const bool provisioned =
        kinesis::Params::of(c.params).capacityMode == kinesis::CapacityMode::Provisioned;
    f.shardsAssumed = provisioned ? param(c, "shards") : kOnDemandShards;
    if (!provisioned)
        note(QStringLiteral("On-demand streams: batch sizes assume the initial 4 shards' worth "
                            "of capacity."));
    if (provisioned
        && (f.inRate > f.shardsAssumed * 1000 || f.inRate * f.payloadKB > f.shardsAssumed * 1024))
        warn(QStringLiteral("'%1' receives more than its %2 shard(s) accept (1 MB/s or 1,000 "
                            "records/s each): the excess would be throttled, but is priced as "
                            "accepted")
                 .arg(c.name)
                 .arg(f.shardsAssumed));
    QList<const Connection *> failureWires;
    for (const Connection *w : m_design.outgoing(c.id)) {
        if (w->kind == ConnectionKind::OnFailure) {
            failureWires.append(w);
            continue;
        }
        if (w->kind != ConnectionKind::EventSourceMapping)
            continue;
        ++f.consumers; // every consumer reads every record
        const Component *fn = m_design.component(w->target);
        const double p = fn ? failureShare(*fn) : 0.0;
        const double retries = connParam(*w, c.kind, "maxRetryAttempts");
        const double pf = connParam(*w, c.kind, "parallelizationFactor");
        const double window = connParam(*w, c.kind, "batchingWindow");
        // Lambda polls each shard about once per second, or gathers for the batching window.
        const double perPoll =
            f.inRate / (f.shardsAssumed * pf) * std::max(window, kKinesisPollSeconds);
        const double perInvoke =
            payloadCap(std::clamp(perPoll, 1.0, connParam(*w, c.kind, "batchSize")), f.payloadKB);
        const double batches = f.inRate / perInvoke;
        const double attempts = expectedAttempts(p, retries);
        double invocations = batches * attempts;
        if (!std::isfinite(attempts)) {
            // Every batch fails and is retried until the record expires: the shard is blocked and
            // Lambda keeps re-invoking the same batch.
            warn(QStringLiteral("'%1' fails every batch from '%2' and retries until the records "
                                "expire: the shards are blocked (set maximum retry attempts or "
                                "maximum record age)")
                     .arg(fn ? fn->name : QString(), c.name));
            const double seconds =
                fn ? std::max(param(*fn, "duration") / 1000.0, kKinesisPollSeconds)
                   : kKinesisPollSeconds;
            invocations = f.shardsAssumed * pf / seconds;
        } else if (retries >= 0) {
            f.failedBatches += batches * std::pow(p, retries + 1);
        }
        out(w, invocations * perInvoke, f.payloadKB, invocations);
    }
    if (f.consumers > 0)
        note(QStringLiteral("Kinesis: a batch holds the records of one poll (about 1 s per shard "
                            "and parallelization slot, or the batching window), at most the "
                            "batch size; maximum record age is not used in the rates."));
    for (const Connection *w : failureWires)
        out(w, f.failedBatches / failureWires.size(), kFailureRecordKB);
}

void Propagator::stepFunctions(const Component &c, ComponentFlow &f)
{
    const Inflow in = inflow(c.id);
    f.inRate = in.rate;
    f.payloadKB = in.payloadKB;
    QList<QPair<double, const Connection *>> tasks;
    for (const Connection *w : m_design.outgoing(c.id)) {
        if (w->kind == ConnectionKind::ServiceIntegration)
            tasks.append({connParam(*w, c.kind, "order"), w});
    }
    std::sort(tasks.begin(), tasks.end(), byTaskOrder);
    double reach = 1;   // share of executions that get to the current Task
    double entries = 0; // state entries per execution, every retry included
    double seconds = 0; // execution time incl. retry waits
    for (const auto &[order, w] : tasks) {
        Q_UNUSED(order);
        const Component *target = m_design.component(w->target);
        double p = 0, taskSeconds = kServiceCallSeconds;
        if (target && target->kind == ComponentKind::Lambda) {
            p = failureShare(*target);
            taskSeconds = param(*target, "duration") / 1000.0;
        } else if (target && target->kind == ComponentKind::Downstream) {
            p = param(*target, "errorRate");
            taskSeconds = param(*target, "latency") / 1000.0;
        }
        p = std::clamp(p, 0.0, 1.0);
        const double maxAttempts = connParam(*w, c.kind, "retryMaxAttempts");
        const double attempts = expectedAttempts(p, maxAttempts);
        // Every retry re-enters the state and is a billed transition (Step Functions pricing).
        entries += reach * attempts;
        out(w, f.inRate * reach * attempts, f.payloadKB);
        // Expected wait before retries: retry k happens with probability p^k and waits
        // min(interval x backoff^(k-1), MaxDelaySeconds); FULL jitter halves it on average.
        const double interval = connParam(*w, c.kind, "retryInterval");
        const double backoff = connParam(*w, c.kind, "retryBackoffRate");
        const double maxDelay = connParam(*w, c.kind, "retryMaxDelay");
        const bool jitter = sfn::task::Params::of(w->params).retryJitter == sfn::RetryJitter::Full;
        double waits = 0, pk = 1, delay = interval;
        for (int k = 1; k <= maxAttempts && k <= 10000; ++k) {
            pk *= p;
            if (pk < 1e-15)
                break;
            waits += pk * (maxDelay >= 0 ? std::min(delay, maxDelay) : delay);
            delay = std::min(delay * backoff, 31536000.0); // an execution lasts at most a year
        }
        seconds += reach * (attempts * taskSeconds + (jitter ? waits / 2 : waits));
        const double failed = std::pow(p, maxAttempts + 1);
        if (w->params.value(QStringLiteral("catch"), true).toBool())
            entries += reach * failed; // Catch moves to a fallback state, then the run ends
        reach *= 1 - failed;
    }
    f.transitions = f.inRate * entries;
    f.executionSeconds = seconds;
    if (!tasks.isEmpty())
        note(QStringLiteral("Step Functions: each Task attempt is one state entry (retries from "
                            "the target's error rate and Retry.MaxAttempts); an exhausted Task "
                            "goes to a Catch fallback state or fails the execution; Tasks that "
                            "call SQS, SNS or another state machine take 20 ms."));
}

} // namespace swb::flow
