#include "model/wiringrules.h"

#include "model/services/apigateway/apigateway.h"
#include "model/services/downstream/downstream.h"
#include "model/services/registry.h"

namespace swb {

namespace {

using K = ComponentKind;
using C = ConnectionKind;

bool isHttpApi(const Component &c)
{
    return c.kind == K::ApiGateway && apigw::Params::of(c.params).isHttp();
}

QString kindName(const Component &c)
{
    return componentKindName(c.kind);
}

WiringVerdict ok()
{
    return {true, {}};
}

WiringVerdict no(const QString &reason)
{
    return {false, reason};
}

// Static rule for one triple, ignoring what else is wired.
WiringVerdict ruleFor(const Component &src, const Component &dst, ConnectionKind kind)
{
    switch (kind) {
    case C::Traffic:
        if (src.kind != K::TrafficSource)
            return no(QStringLiteral("Only a traffic source sends traffic"));
        if (dst.kind == K::TrafficSource || dst.kind == K::Downstream)
            return no(QStringLiteral("Traffic enters through an API, topic, queue, stream, state "
                                     "machine or function"));
        return ok();
    case C::SyncInvoke:
        if (src.kind == K::ApiGateway && (dst.kind == K::Lambda || dst.kind == K::Downstream))
            return ok(); // Lambda proxy / HTTP proxy integration
        if (src.kind == K::Lambda && (dst.kind == K::Lambda || dst.kind == K::Downstream))
            return ok(); // RequestResponse invoke, or a call to a database / API
        if (dst.kind == K::Lambda && src.kind == K::SqsQueue)
            return no(QStringLiteral("Lambda reads SQS by polling (event source mapping); a queue "
                                     "does not invoke a function"));
        if (dst.kind == K::Lambda && src.kind == K::KinesisStream)
            return no(QStringLiteral("Lambda reads Kinesis by polling shards (event source "
                                     "mapping); a stream does not invoke a function"));
        if (dst.kind == K::Lambda && src.kind == K::SnsTopic)
            return no(QStringLiteral("SNS pushes to Lambda asynchronously through a subscription"));
        return no(QStringLiteral("A %1 cannot make a synchronous call to a %2")
                      .arg(kindName(src), kindName(dst)));
    case C::AsyncInvoke:
        if (dst.kind != K::Lambda)
            return no(QStringLiteral("Only Lambda functions are invoked asynchronously"));
        if (src.kind == K::Lambda)
            return ok();
        if (src.kind == K::ApiGateway) {
            if (isHttpApi(src))
                return no(QStringLiteral("HTTP APIs invoke Lambda only synchronously (proxy "
                                         "integration); use a REST API for an Event invoke"));
            return ok(); // REST non-proxy integration with X-Amz-Invocation-Type: Event
        }
        if (src.kind == K::SnsTopic)
            return no(QStringLiteral("Wire SNS to Lambda as a subscription (SNS invokes it "
                                     "asynchronously)"));
        return no(QStringLiteral("A %1 does not invoke Lambda asynchronously").arg(kindName(src)));
    case C::EventSourceMapping:
        if (dst.kind != K::Lambda)
            return no(QStringLiteral("Event source mappings are Lambda's pollers: the target "
                                     "must be a Lambda function"));
        if (src.kind == K::SqsQueue || src.kind == K::KinesisStream)
            return ok();
        if (src.kind == K::SnsTopic)
            return no(QStringLiteral("SNS pushes: Lambda subscribes to a topic, it does not poll "
                                     "it"));
        return no(QStringLiteral("Lambda polls only queues and streams (SQS, Kinesis), not a %1")
                      .arg(kindName(src)));
    case C::Subscription:
        if (src.kind != K::SnsTopic)
            return no(QStringLiteral("Only SNS topics have subscriptions"));
        if (isFifo(src) && dst.kind != K::SqsQueue)
            return no(QStringLiteral("FIFO topics deliver only to SQS queues"));
        if (dst.kind == K::SqsQueue) {
            if (isFifo(dst) && !isFifo(src))
                return no(QStringLiteral("A standard topic cannot deliver to a FIFO queue; use a "
                                         "FIFO topic"));
            return ok();
        }
        if (dst.kind == K::Lambda)
            return ok();
        if (dst.kind == K::Downstream) {
            if (downstream::Params::of(dst.params).protocol == downstream::Protocol::Database)
                return no(QStringLiteral("SNS delivers to HTTP/S endpoints, not to a database"));
            return ok(); // HTTP/S subscription
        }
        return no(QStringLiteral("SNS cannot deliver to a %1 (endpoints: SQS, Lambda, HTTP/S, "
                                 "email, SMS, Firehose)")
                      .arg(kindName(dst)));
    case C::ServiceIntegration:
        if (src.kind == K::ApiGateway) {
            if (dst.kind == K::SnsTopic && isHttpApi(src))
                return no(QStringLiteral("HTTP APIs have no SNS integration (only EventBridge, "
                                         "SQS, AppConfig, Kinesis and Step Functions); use a "
                                         "REST API"));
            if (dst.kind == K::SqsQueue || dst.kind == K::SnsTopic
                || dst.kind == K::KinesisStream || dst.kind == K::StepFunctions)
                return ok();
            return no(QStringLiteral("API Gateway calls a %1 by proxy integration (sync invoke)")
                          .arg(kindName(dst)));
        }
        if (src.kind == K::StepFunctions) {
            if (dst.kind == K::Lambda || dst.kind == K::SqsQueue || dst.kind == K::SnsTopic
                || dst.kind == K::StepFunctions || dst.kind == K::Downstream)
                return ok(); // Task states (optimised integrations, HTTP Task)
            return no(QStringLiteral("A Task state cannot call a %1").arg(kindName(dst)));
        }
        if (src.kind == K::Lambda) {
            if (dst.kind == K::SqsQueue || dst.kind == K::SnsTopic
                || dst.kind == K::KinesisStream || dst.kind == K::StepFunctions)
                return ok(); // SDK call from function code
            return no(QStringLiteral("Wire a function to a %1 with an invoke").arg(kindName(dst)));
        }
        return no(QStringLiteral("A %1 has no service integrations").arg(kindName(src)));
    case C::OnFailure:
        if (src.kind == K::Lambda) {
            if (dst.kind == K::SqsQueue || dst.kind == K::SnsTopic) {
                if (isFifo(dst))
                    return no(QStringLiteral("FIFO queues and topics cannot be on-failure "
                                             "destinations or DLQs of async invocations"));
                return ok();
            }
            if (dst.kind == K::Lambda)
                return ok();
            return no(QStringLiteral("On-failure destinations are SQS, SNS, Lambda, EventBridge "
                                     "or S3"));
        }
        if (src.kind == K::KinesisStream) {
            if (dst.kind == K::SqsQueue || dst.kind == K::SnsTopic) {
                if (isFifo(dst))
                    return no(QStringLiteral("A stream mapping's on-failure destination must be a "
                                             "standard queue or topic"));
                return ok();
            }
            return no(QStringLiteral("A Kinesis mapping's on-failure destination is SQS, SNS or "
                                     "S3"));
        }
        if (src.kind == K::SqsQueue)
            return no(QStringLiteral("SQS sends failed messages to a DLQ by its redrive policy"));
        if (src.kind == K::SnsTopic)
            return no(QStringLiteral("SNS subscriptions use a redrive policy (DLQ)"));
        return no(QStringLiteral("A %1 has no on-failure destination").arg(kindName(src)));
    case C::Redrive:
        if (dst.kind != K::SqsQueue)
            return no(QStringLiteral("A dead-letter queue must be an SQS queue"));
        if (src.kind == K::SqsQueue) {
            if (isFifo(src) != isFifo(dst))
                return no(QStringLiteral("The DLQ must be the same type as its queue (FIFO to "
                                         "FIFO, standard to standard)"));
            return ok();
        }
        if (src.kind == K::SnsTopic) {
            if (isFifo(src) != isFifo(dst))
                return no(QStringLiteral("A subscription DLQ must match the topic type (FIFO "
                                         "topics need a FIFO DLQ)"));
            return ok();
        }
        return no(QStringLiteral("Redrive policies belong to SQS queues and SNS subscriptions"));
    }
    return no(QStringLiteral("Unknown connection kind"));
}

// Kinds in the order the editor should prefer them.
constexpr ConnectionKind kPreference[] = {
    C::Traffic,   C::EventSourceMapping, C::Subscription, C::SyncInvoke,
    C::ServiceIntegration, C::AsyncInvoke, C::OnFailure, C::Redrive,
};

} // namespace

bool isFailureKind(ConnectionKind kind)
{
    return kind == C::OnFailure || kind == C::Redrive;
}

WiringVerdict checkWire(const Design &design, ComponentId source, ComponentId target,
                        ConnectionKind kind)
{
    const Component *src = design.component(source);
    const Component *dst = design.component(target);
    if (!src || !dst)
        return no(QStringLiteral("Both ends of a wire must be blocks of this design"));
    if (source == target)
        return no(QStringLiteral("A block cannot be wired to itself"));
    WiringVerdict verdict = ruleFor(*src, *dst, kind);
    if (!verdict.allowed)
        return verdict;
    for (const Connection &c : design.connections) {
        if (c.source == source && c.target == target && c.kind == kind)
            return no(QStringLiteral("'%1' and '%2' are already connected by %3")
                          .arg(src->name, dst->name, connectionKindName(kind)));
        // AWS allows one redrive target per queue and one on-failure destination per function
        // (or per stream mapping).
        if (c.source == source && c.kind == kind && isFailureKind(kind)
            && src->kind != K::SnsTopic)
            return no(QStringLiteral("'%1' already has a %2 ('%3')")
                          .arg(src->name, connectionKindName(kind),
                               design.component(c.target)->name));
    }
    return ok();
}

QList<ConnectionKind> legalConnectionKinds(const Design &design, ComponentId source,
                                           ComponentId target)
{
    QList<ConnectionKind> kinds;
    for (ConnectionKind kind : kPreference) {
        if (checkWire(design, source, target, kind).allowed)
            kinds.append(kind);
    }
    return kinds;
}

QString whyNoWire(const Design &design, ComponentId source, ComponentId target)
{
    const Component *src = design.component(source);
    const Component *dst = design.component(target);
    if (!src || !dst)
        return QStringLiteral("Both ends of a wire must be blocks of this design");
    if (source == target)
        return QStringLiteral("A block cannot be wired to itself");
    // The most natural kind for this pair carries the most specific reason.
    ConnectionKind natural = C::SyncInvoke;
    if (src->kind == K::TrafficSource)
        natural = C::Traffic;
    else if (src->kind == K::SnsTopic)
        natural = C::Subscription;
    else if ((src->kind == K::SqsQueue || src->kind == K::KinesisStream) && dst->kind == K::Lambda)
        natural = C::EventSourceMapping;
    else if (src->kind == K::ApiGateway || src->kind == K::StepFunctions)
        natural = C::ServiceIntegration;
    else if (src->kind == K::SqsQueue && dst->kind == K::SqsQueue)
        natural = C::Redrive;
    const WiringVerdict verdict = checkWire(design, source, target, natural);
    if (!verdict.allowed)
        return verdict.reason;
    return QString();
}

} // namespace swb
