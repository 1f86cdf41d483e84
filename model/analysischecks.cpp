// Rules that need more than one parameter, or a parameter and the wiring around it: what the
// per-parameter ranges of the catalogue cannot express. Facts from resources/help/aws-behaviour.md;
// each rule names its AWS source.

#include "model/analysisrules.h"
#include "model/services/account/account.h"
#include "model/services/apigateway/apigateway.h"
#include "model/services/kinesis/kinesis.h"
#include "model/services/lambda/lambda.h"
#include "model/sfnretriers.h"

#include "model/wiringrules.h"

#include <algorithm>

namespace swb::analysis {

namespace {

using K = ComponentKind;
using C = ConnectionKind;

bool hasOutgoing(const Design &design, ComponentId id, ConnectionKind kind)
{
    const QList<const Connection *> out = design.outgoing(id);
    return std::any_of(out.cbegin(), out.cend(), [&](const Connection *w) {
        return w->kind == kind && design.component(w->target);
    });
}

void add(QList<Finding> *findings, Severity severity, const char *code, const QString &message,
         QList<ComponentId> components, QList<ConnectionId> connections = {})
{
    findings->append(
        {severity, QLatin1String(code), message, std::move(components), std::move(connections)});
}

// API Gateway integration timeouts. HTTP APIs: at most 30 s, a hard limit (http-api-quotas.html).
// REST: 50 ms to 29 s; since 2024-06-04 Regional/private REST APIs may exceed 29 s only through a
// quota request, which may also lower the account throttle (What's New 2024-06).
void checkApi(const Component &api, QList<Finding> *findings)
{
    const apigw::Params p = apigw::Params::of(api.params);
    const double timeout = p.integrationTimeout;
    const bool http = p.isHttp();
    if (http && timeout > 30000)
        add(findings, Severity::Error, findingcode::HttpApiTimeout,
            QStringLiteral("HTTP API %1: integration timeout %2 ms is above the hard limit of "
                           "30,000 ms; use a REST API or a shorter timeout")
                .arg(quoted(api.name))
                .arg(timeout),
            {api.id});
    else if (!http && timeout > 29000)
        add(findings, Severity::Warning, findingcode::RestApiTimeout,
            QStringLiteral("REST API %1: integration timeout %2 ms is above 29,000 ms, which needs "
                           "a quota increase (Regional or private APIs only) and may lower the "
                           "account throttle")
                .arg(quoted(api.name))
                .arg(timeout),
            {api.id});
}

// Lambda concurrency. Reservations must leave at least 100 unreserved executions of the account
// pool (API_PutFunctionConcurrency); provisioned concurrency cannot exceed the function's
// reserved concurrency when one is set (provisioned-concurrency.html).
void checkConcurrency(const Design &design, QList<Finding> *findings)
{
    const qlonglong pool = account::Params::of(design.settings).accountConcurrency;
    qlonglong reservedSum = 0;
    QList<ComponentId> reservedIds;
    QStringList reservedNames;
    for (const Component &fn : design.components) {
        if (fn.kind != K::Lambda)
            continue;
        const lambda::Params p = lambda::Params::of(fn.params);
        const lambda::ReservedConcurrency rc = lambda::reservedConcurrency(p);
        const qlonglong reserved = rc.cap().value_or(-1);
        const qlonglong provisioned = p.provisionedConcurrency;
        if (reserved > pool)
            add(findings, Severity::Error, findingcode::ReservedAbovePool,
                QStringLiteral("Lambda %1: reserved concurrency %2 is above the account pool of "
                               "%3")
                    .arg(quoted(fn.name))
                    .arg(reserved)
                    .arg(pool),
                {fn.id});
        if (rc.isReserved()) {
            reservedSum += reserved;
            reservedIds.append(fn.id);
            reservedNames.append(quoted(fn.name));
            if (provisioned > reserved)
                add(findings, Severity::Error, findingcode::ProvisionedAboveReserved,
                    QStringLiteral("Lambda %1: provisioned concurrency %2 is above its reserved "
                                   "concurrency %3; AWS refuses it")
                        .arg(quoted(fn.name))
                        .arg(provisioned)
                        .arg(reserved),
                    {fn.id});
        }
    }
    if (!reservedIds.isEmpty() && pool - reservedSum < lambda::kUnreservedMinimum)
        add(findings, Severity::Error, findingcode::UnreservedBelowMinimum,
            QStringLiteral("Reserved concurrency of %1 adds up to %2, leaving %3 of the account "
                           "pool of %4 unreserved; AWS requires at least 100")
                .arg(reservedNames.join(QStringLiteral(", ")))
                .arg(reservedSum)
                .arg(pool - reservedSum)
                .arg(pool),
            reservedIds);
}

// An SQS event source mapping (services-sqs-configure.html, services-sqs-parameters.html,
// API_ScalingConfig).
void checkSqsMapping(const Connection &esm, const Component &queue, const Component &fn,
                     QList<Finding> *findings)
{
    const QString where = QStringLiteral("%1 -> %2").arg(quoted(queue.name), quoted(fn.name));
    // Lambda rejects a mapping whose function timeout exceeds the queue's visibility timeout;
    // AWS recommends at least 6 x the function timeout so retries of throttled batches do not
    // make messages reappear while still being processed.
    const lambda::Params function = lambda::Params::of(fn.params);
    const sqs::mapping::Params mapping = sqs::mapping::Params::of(esm.params);
    const qlonglong visibility = sqs::Params::of(queue.params).visibilityTimeout;
    const qlonglong timeout = function.timeout;
    if (visibility < timeout)
        add(findings, Severity::Error, findingcode::VisibilityBelowFunctionTimeout,
            QStringLiteral("%1: visibility timeout %2 s of queue %3 is shorter than the timeout "
                           "%4 s of function %5; Lambda refuses this event source mapping")
                .arg(where)
                .arg(visibility)
                .arg(quoted(queue.name))
                .arg(timeout)
                .arg(quoted(fn.name)),
            {queue.id, fn.id}, {esm.id});
    else if (visibility < 6 * timeout)
        add(findings, Severity::Warning, findingcode::VisibilityTimeoutShort,
            QStringLiteral("%1: visibility timeout %2 s is below 6 x the function timeout (%3 s); "
                           "messages may reappear and be processed twice")
                .arg(where)
                .arg(visibility)
                .arg(6 * timeout),
            {queue.id, fn.id}, {esm.id});

    const qlonglong batch = mapping.batchSize;
    const qlonglong window = mapping.batchingWindow;
    if (isFifo(queue)) {
        // FIFO: BatchSize at most 10 and no batching window.
        if (batch > 10 || window > 0)
            add(findings, Severity::Error, findingcode::FifoEsmBatch,
                QStringLiteral("%1: FIFO queues allow a batch size of at most 10 and no batching "
                               "window (batch size %2, window %3 s)")
                    .arg(where)
                    .arg(batch)
                    .arg(window),
                {queue.id, fn.id}, {esm.id});
    } else if (batch > 10 && window < 1) {
        add(findings, Severity::Error, findingcode::SqsBatchWindow,
            QStringLiteral("%1: a batch size of %2 (above 10) needs a batching window of at "
                           "least 1 s (it is %3 s)")
                .arg(where)
                .arg(batch)
                .arg(window),
            {queue.id, fn.id}, {esm.id});
    }

    // MaximumConcurrency above the function's reserved concurrency: the pollers invoke more than
    // the function may run and the excess is throttled back to the queue.
    const qlonglong maxConcurrency = mapping.maximumConcurrency;
    const std::optional<qlonglong> reserved = lambda::reservedConcurrency(function).cap();
    if (maxConcurrency >= 0 && reserved && maxConcurrency > *reserved)
        add(findings, Severity::Warning, findingcode::EsmConcurrencyAboveReserved,
            QStringLiteral("%1: maximum concurrency %2 is above the function's reserved "
                           "concurrency %3; the excess invokes are throttled")
                .arg(where)
                .arg(maxConcurrency)
                .arg(*reserved),
            {queue.id, fn.id}, {esm.id});
}

} // namespace

// A wire the editor would refuse can still arrive from a file (designvalidation.h leaves the
// AWS wiring rules to this analysis so such a file stays openable). Each is checked as if it
// were being drawn now, against the rest of the design.
void checkWiring(const Design &design, QList<Finding> *findings)
{
    Design rest = design; // one copy; each wire is taken out, checked and put back
    for (const Connection &w : design.connections) {
        const Component *src = design.component(w.source);
        const Component *dst = design.component(w.target);
        if (!src || !dst)
            continue;
        rest.connections.remove(w.id);
        const WiringVerdict verdict = checkWire(rest, w.source, w.target, w.kind);
        rest.connections.insert(w.id, w);
        if (!verdict.allowed)
            add(findings, Severity::Error, findingcode::IllegalWire,
                QStringLiteral("Wire %1 -> %2 (%3): %4")
                    .arg(quoted(src->name), quoted(dst->name), connectionKindName(w.kind),
                         verdict.reason),
                {src->id, dst->id}, {w.id});
    }
}

void checkSettings(const Design &design, QList<Finding> *findings)
{
    for (const Component &c : design.components) {
        if (c.kind == K::ApiGateway)
            checkApi(c, findings);
    }
    checkConcurrency(design, findings);
    for (const Connection &w : design.connections) {
        const Component *src = design.component(w.source);
        const Component *dst = design.component(w.target);
        if (w.kind == C::EventSourceMapping && src && dst && src->kind == K::SqsQueue
            && dst->kind == K::Lambda)
            checkSqsMapping(w, *src, *dst, findings);
    }
    // A state machine without a Task state does no work (Step Functions' Task states invoke the
    // Lambdas and integrations; concepts-standard-vs-express.md).
    for (const Component &c : design.components) {
        if (c.kind == K::StepFunctions && !hasOutgoing(design, c.id, C::ServiceIntegration))
            add(findings, Severity::Warning, findingcode::StateMachineNoTask,
                QStringLiteral("State machine %1 has no Task state: wire it to the Lambdas or "
                               "services it calls")
                    .arg(quoted(c.name)),
                {c.id});
    }
}

void checkFailureHandling(const Design &design, QList<Finding> *findings)
{
    for (const Component &c : design.components) {
        const QList<const Connection *> in = design.incoming(c.id);
        if (c.kind == K::Lambda) {
            // Async invokes (and SNS, which invokes Lambda asynchronously) are retried twice and
            // then discarded unless an on-failure destination or DLQ is set
            // (invocation-async-retain-records.html; the 2018 talk: "turn this on!").
            const bool async = std::any_of(in.cbegin(), in.cend(), [&](const Connection *w) {
                return w->kind == C::AsyncInvoke || w->kind == C::Subscription;
            });
            if (async && !hasOutgoing(design, c.id, C::OnFailure))
                add(findings, Severity::Warning, findingcode::AsyncNoFailureDestination,
                    QStringLiteral("Lambda %1 is invoked asynchronously but has no on-failure "
                                   "destination or DLQ: events that fail their retries or exceed "
                                   "the maximum event age are lost")
                        .arg(quoted(c.name)),
                    {c.id});
        } else if (c.kind == K::SqsQueue) {
            // Without a redrive policy a failing message returns after every visibility timeout
            // until retention deletes it, using concurrency all along (sqs-dead-letter-queues).
            const bool consumed = hasOutgoing(design, c.id, C::EventSourceMapping);
            if (consumed && !hasOutgoing(design, c.id, C::Redrive))
                add(findings, Severity::Warning, findingcode::QueueNoDlq,
                    QStringLiteral("Queue %1 is consumed by Lambda but has no dead-letter queue: "
                                   "a failing message is retried until its retention expires, "
                                   "then lost")
                        .arg(quoted(c.name)),
                    {c.id});
        } else if (c.kind == K::StepFunctions) {
            // Each Task's Retry array must be valid ASL (model/sfnretriers.h); the simulator
            // and the SAM export would otherwise run or write something AWS refuses.
            for (const Connection *task : design.outgoing(c.id)) {
                QList<RetrierSpec> retriers;
                QString why;
                const QString text = task->params.value(QStringLiteral("retriers")).toString();
                if (task->kind == C::ServiceIntegration && !parseRetriers(text, &retriers, &why))
                    add(findings, Severity::Error, findingcode::SfnBadRetriers,
                        QStringLiteral("%1: the Retriers of the Task calling %2 are not valid: %3")
                            .arg(quoted(c.name),
                                 design.component(task->target)
                                     ? quoted(design.component(task->target)->name)
                                     : QString(),
                                 why),
                        {c.id}, {task->id});
            }
        } else if (c.kind == K::KinesisStream) {
            // A failing batch blocks its shard until it succeeds, MaximumRetryAttempts is used up
            // or MaximumRecordAgeInSeconds passes; both default to -1 (infinite), so a poison
            // record blocks the shard until retention expires. Records given up are sent to the
            // on-failure destination, or discarded without one (services-kinesis-parameters).
            const bool destination = hasOutgoing(design, c.id, C::OnFailure);
            // Enhanced fan-out: at most 20 registered consumers per stream (aws-behaviour.md §5; 50
            // only in On-demand Advantage, which the model does not offer).
            QList<ConnectionId> efo;
            for (const Connection *esm : design.outgoing(c.id))
                if (esm->kind == C::EventSourceMapping
                    && esm->params.value(QStringLiteral("enhancedFanOut")).toBool())
                    efo.append(esm->id);
            if (efo.size() > 20)
                add(findings, Severity::Error, findingcode::StreamTooManyFanOut,
                    QStringLiteral("Stream %1 has %2 enhanced fan-out consumers; Kinesis allows at "
                                   "most 20 per stream: turn enhanced fan-out off on %3 of them")
                        .arg(quoted(c.name))
                        .arg(efo.size())
                        .arg(efo.size() - 20),
                    {c.id}, efo);
            for (const Connection *esm : design.outgoing(c.id)) {
                if (esm->kind != C::EventSourceMapping || !design.component(esm->target))
                    continue;
                const Component &fn = *design.component(esm->target);
                const kinesis::mapping::Params m = kinesis::mapping::Params::of(esm->params);
                const bool infinite = m.maxRetryAttempts < 0 && m.maxRecordAge < 0;
                if (infinite)
                    add(findings, Severity::Warning, findingcode::StreamPoisonBlocks,
                        QStringLiteral("%1 -> %2: retries and record age are unlimited, so one "
                                       "failing record blocks its shard until retention "
                                       "expires%3; set maximum retry attempts or record age")
                            .arg(quoted(c.name), quoted(fn.name),
                                 destination ? QString()
                                             : QStringLiteral(" and is then lost (no on-failure "
                                                              "destination)")),
                        {c.id, fn.id}, {esm->id});
                else if (!destination)
                    add(findings, Severity::Warning, findingcode::StreamNoFailureDestination,
                        QStringLiteral("%1 -> %2: batches that exhaust their retries are "
                                       "discarded; add an on-failure destination to keep them")
                            .arg(quoted(c.name), quoted(fn.name)),
                        {c.id, fn.id}, {esm->id});
            }
        }
    }
}

} // namespace swb::analysis
