#include "model/patterns.h"

#include "model/document.h"
#include "model/layout.h"
#include "model/services/apigateway/apigateway.h"
#include "model/services/downstream/downstream.h"
#include "model/services/eventbridge/eventbridge.h"
#include "model/services/kinesis/kinesis.h"
#include "model/services/lambda/lambda.h"
#include "model/services/sqs/sqs.h"
#include "model/services/stepfunctions/stepfunctions.h"
#include "model/services/traffic/traffic.h"

#include <QDebug>

#include <utility>

// Numbers are picked so each pattern runs comfortably inside AWS's defaults (1,000 account
// concurrency, 10,000 req/s API throttle, 1 MB/s or 1,000 records/s per shard) and follows AWS's
// own advice: visibility timeout >= 6 x function timeout, a DLQ or on-failure destination on every
// asynchronous path, maximum concurrency <= reserved concurrency, finite Kinesis retries.

namespace swb {

namespace {

using Params = std::initializer_list<ParamSetting>;
using K = ComponentKind;
using C = ConnectionKind;

// Builds a design through Document edits, so every value goes through the same validation as a
// user's edit; a refused value is a bug in this file and makes the pattern fail loudly.
class Builder
{
public:
    explicit Builder(const QString &name) { check(m_document.setProjectName(name, &m_error)); }

    ComponentId add(K kind, const QString &name, Params params = {})
    {
        const ComponentId id = m_document.addComponent(kind, QPointF(), name);
        for (const auto &[key, value] : params)
            check(m_document.setComponentParam(id, key, value, &m_error));
        return id;
    }

    ConnectionId wire(ComponentId source, ComponentId target, C kind, Params params = {})
    {
        const ConnectionId id = m_document.connectComponents(source, target, kind, &m_error);
        check(id != InvalidId);
        for (const auto &[key, value] : params)
            check(m_document.setConnectionParam(id, key, value, &m_error));
        return id;
    }

    std::optional<Design> finish()
    {
        if (!m_ok)
            return std::nullopt;
        Design design = m_document.design();
        const QHash<ComponentId, QPointF> positions = autoLayout(design);
        for (Component &c : design.components)
            c.position = positions.value(c.id);
        return design;
    }

private:
    void check(bool ok)
    {
        if (!ok && m_ok) {
            qWarning().noquote() << "pattern" << m_document.design().name << ":" << m_error;
            m_ok = false;
        }
    }

    Document m_document;
    QString m_error;
    bool m_ok = true;
};

ComponentId traffic(Builder &b, const QString &name, double rate, double payloadKb)
{
    return b.add(K::TrafficSource, name,
                 {{traffic::key::pattern, traffic::Pattern::Poisson},
                  {traffic::key::rate, rate},
                  {traffic::key::payloadSize, payloadKb}});
}

// A dead-letter queue keeps failed messages for the maximum 14 days, time to inspect and redrive.
ComponentId deadLetterQueue(Builder &b, const QString &name)
{
    return b.add(K::SqsQueue, name, {{sqs::key::retentionPeriod, 1209600}});
}

std::optional<Design> apiLambda()
{
    Builder b(QStringLiteral("Orders microservice (API Gateway -> Lambda)"));
    const auto source = traffic(b, QStringLiteral("orders-traffic"), 100, 2);
    const auto api =
        b.add(K::ApiGateway, QStringLiteral("orders-api"),
              {{apigw::key::type, apigw::ApiType::Http}, {apigw::key::integrationTimeout, 10000}});
    const auto fn = b.add(K::Lambda, QStringLiteral("orders-service"),
                          {{lambda::key::memory, 512},
                           {lambda::key::timeout, 10},
                           {lambda::key::duration, 80},
                           {lambda::key::reservedConcurrency, 50}});
    const auto db = b.add(K::Downstream, QStringLiteral("orders-db"),
                          {{downstream::key::protocol, downstream::Protocol::Database},
                           {downstream::key::capacity, 1000},
                           {downstream::key::maxConnections, 50},
                           {downstream::key::latency, 10}});
    b.wire(source, api, C::Traffic);
    b.wire(api, fn, C::SyncInvoke);
    b.wire(fn, db, C::SyncInvoke);
    return b.finish();
}

std::optional<Design> snsFanout()
{
    Builder b(QStringLiteral("Order events fan-out (SNS -> Lambda, SNS -> SQS -> Lambda)"));
    const auto source = traffic(b, QStringLiteral("order-events-traffic"), 50, 4);
    const auto topic = b.add(K::SnsTopic, QStringLiteral("order-events"));
    const auto notify = b.add(
        K::Lambda, QStringLiteral("notify-customer"),
        {{lambda::key::memory, 256}, {lambda::key::timeout, 10}, {lambda::key::duration, 200}});
    const auto notifyDlq = deadLetterQueue(b, QStringLiteral("notify-customer-dlq"));
    const auto queue =
        b.add(K::SqsQueue, QStringLiteral("billing-queue"), {{sqs::key::visibilityTimeout, 60}});
    const auto worker = b.add(K::Lambda, QStringLiteral("billing-worker"),
                              {{lambda::key::memory, 512},
                               {lambda::key::timeout, 10},
                               {lambda::key::duration, 150},
                               {lambda::key::reservedConcurrency, 20}});
    const auto billingDlq = deadLetterQueue(b, QStringLiteral("billing-dlq"));
    b.wire(source, topic, C::Traffic);
    b.wire(topic, notify, C::Subscription);
    b.wire(topic, queue, C::Subscription);
    b.wire(notify, notifyDlq, C::OnFailure);
    b.wire(queue, worker, C::EventSourceMapping,
           {{sqs::mapping::key::batchSize, 10},
            {sqs::mapping::key::maximumConcurrency, 10},
            {sqs::mapping::key::reportBatchItemFailures, true}});
    b.wire(queue, billingDlq, C::Redrive, {{sqs::redrive::key::maxReceiveCount, 5}});
    return b.finish();
}

// A custom event bus routing by content (aws-behaviour.md §9): two rules, three targets, one DLQ
// for the targets' exhausted retries.
std::optional<Design> eventRouting()
{
    Builder b(QStringLiteral("Order events routed by rules (EventBridge -> SQS, Lambda)"));
    const auto source =
        b.add(K::TrafficSource, QStringLiteral("order-events-traffic"),
              {{traffic::key::pattern, traffic::Pattern::Poisson},
               {traffic::key::rate, 100},
               {traffic::key::payloadSize, 2},
               {traffic::key::attributes, QStringLiteral("type=order:0.8,type=refund:0.2")}});
    const auto bus = b.add(K::EventBus, QStringLiteral("order-events-bus"));
    const auto queue =
        b.add(K::SqsQueue, QStringLiteral("fulfilment-queue"), {{sqs::key::visibilityTimeout, 60}});
    const auto worker = b.add(K::Lambda, QStringLiteral("fulfilment-worker"),
                              {{lambda::key::memory, 512},
                               {lambda::key::timeout, 10},
                               {lambda::key::duration, 150},
                               {lambda::key::reservedConcurrency, 20}});
    const auto queueDlq = deadLetterQueue(b, QStringLiteral("fulfilment-dlq"));
    const auto notify = b.add(
        K::Lambda, QStringLiteral("notify-customer"),
        {{lambda::key::memory, 256}, {lambda::key::timeout, 10}, {lambda::key::duration, 200}});
    const auto refund = b.add(
        K::Lambda, QStringLiteral("refund-handler"),
        {{lambda::key::memory, 256}, {lambda::key::timeout, 10}, {lambda::key::duration, 300}});
    const auto asyncDlq = deadLetterQueue(b, QStringLiteral("async-failures-dlq"));
    const auto busDlq = deadLetterQueue(b, QStringLiteral("order-events-bus-dlq"));
    namespace target = eventbridge::target;
    const QString orders = QStringLiteral("orders");
    const QString isOrder = QStringLiteral("type=order");
    b.wire(source, bus, C::Traffic);
    b.wire(bus, queue, C::Subscription,
           {{target::key::rule, orders},
            {target::key::eventPattern, isOrder},
            {target::key::maximumEventAge, 3600}});
    b.wire(bus, notify, C::Subscription,
           {{target::key::rule, orders}, {target::key::eventPattern, isOrder}});
    b.wire(bus, refund, C::Subscription,
           {{target::key::rule, QStringLiteral("refunds")},
            {target::key::eventPattern, QStringLiteral("type=refund")}});
    b.wire(bus, busDlq, C::Redrive);
    b.wire(queue, worker, C::EventSourceMapping,
           {{sqs::mapping::key::batchSize, 10},
            {sqs::mapping::key::maximumConcurrency, 10},
            {sqs::mapping::key::reportBatchItemFailures, true}});
    b.wire(queue, queueDlq, C::Redrive, {{sqs::redrive::key::maxReceiveCount, 5}});
    b.wire(notify, asyncDlq, C::OnFailure);
    b.wire(refund, asyncDlq, C::OnFailure);
    return b.finish();
}

std::optional<Design> sqsLambda()
{
    Builder b(QStringLiteral("Job queue (SQS -> Lambda with a DLQ)"));
    const auto source = traffic(b, QStringLiteral("jobs-traffic"), 200, 8);
    const auto queue =
        b.add(K::SqsQueue, QStringLiteral("jobs-queue"), {{sqs::key::visibilityTimeout, 180}});
    const auto worker = b.add(K::Lambda, QStringLiteral("job-worker"),
                              {{lambda::key::memory, 1024},
                               {lambda::key::timeout, 30},
                               {lambda::key::duration, 500},
                               {lambda::key::reservedConcurrency, 100}});
    const auto dlq = deadLetterQueue(b, QStringLiteral("jobs-dlq"));
    b.wire(source, queue, C::Traffic);
    b.wire(queue, worker, C::EventSourceMapping,
           {{sqs::mapping::key::batchSize, 10},
            {sqs::mapping::key::maximumConcurrency, 50},
            {sqs::mapping::key::reportBatchItemFailures, true}});
    b.wire(queue, dlq, C::Redrive, {{sqs::redrive::key::maxReceiveCount, 3}});
    return b.finish();
}

std::optional<Design> kinesisLambda()
{
    Builder b(QStringLiteral("Clickstream (Kinesis -> Lambda with an on-failure destination)"));
    const auto source = traffic(b, QStringLiteral("clicks-traffic"), 800, 1);
    const auto stream = b.add(K::KinesisStream, QStringLiteral("clickstream"),
                              {{kinesis::key::capacityMode, kinesis::CapacityMode::Provisioned},
                               {kinesis::key::shards, 2},
                               {kinesis::key::partitionKeys, 10000}});
    const auto fn = b.add(
        K::Lambda, QStringLiteral("click-processor"),
        {{lambda::key::memory, 512}, {lambda::key::timeout, 60}, {lambda::key::duration, 200}});
    const auto failures = deadLetterQueue(b, QStringLiteral("clickstream-failures"));
    b.wire(source, stream, C::Traffic);
    b.wire(stream, fn, C::EventSourceMapping,
           {{kinesis::mapping::key::batchSize, 100},
            {kinesis::mapping::key::parallelizationFactor, 2},
            {kinesis::mapping::key::maxRetryAttempts, 3},
            {kinesis::mapping::key::maxRecordAge, 3600},
            {kinesis::mapping::key::bisectOnError, true},
            {kinesis::mapping::key::reportBatchItemFailures, true}});
    b.wire(stream, failures, C::OnFailure);
    return b.finish();
}

std::optional<Design> apiStepFunctions()
{
    Builder b(QStringLiteral("Checkout workflow (API Gateway -> Step Functions -> Lambdas)"));
    const auto source = traffic(b, QStringLiteral("checkout-traffic"), 20, 2);
    const auto api = b.add(K::ApiGateway, QStringLiteral("checkout-api"),
                           {{apigw::key::type, apigw::ApiType::Rest}});
    const auto workflow = b.add(K::StepFunctions, QStringLiteral("checkout-workflow"),
                                {{sfn::key::type, sfn::WorkflowType::Standard}});
    const auto validate =
        b.add(K::Lambda, QStringLiteral("validate-order"),
              {{lambda::key::memory, 256}, {lambda::key::timeout, 5}, {lambda::key::duration, 50}});
    const auto charge = b.add(K::Lambda, QStringLiteral("charge-payment"),
                              {{lambda::key::memory, 512},
                               {lambda::key::timeout, 15},
                               {lambda::key::duration, 300},
                               {lambda::key::errorRate, 0.02}});
    const auto ship = b.add(
        K::Lambda, QStringLiteral("ship-order"),
        {{lambda::key::memory, 256}, {lambda::key::timeout, 10}, {lambda::key::duration, 100}});
    const auto provider = b.add(K::Downstream, QStringLiteral("payment-provider"),
                                {{downstream::key::protocol, downstream::Protocol::HttpApi},
                                 {downstream::key::capacity, 100},
                                 {downstream::key::maxConnections, 50},
                                 {downstream::key::latency, 200}});
    b.wire(source, api, C::Traffic);
    b.wire(api, workflow, C::ServiceIntegration);
    // Task states in order 1, 2, 3 (connectComponents appends each to the chain).
    b.wire(workflow, validate, C::ServiceIntegration, {{sfn::task::key::retryMaxAttempts, 2}});
    b.wire(workflow, charge, C::ServiceIntegration,
           {{sfn::task::key::retryInterval, 2},
            {sfn::task::key::retryMaxAttempts, 3},
            {sfn::task::key::retryBackoffRate, 2.0},
            {sfn::task::key::retryJitter, sfn::RetryJitter::Full}});
    b.wire(workflow, ship, C::ServiceIntegration, {{sfn::task::key::retryMaxAttempts, 3}});
    b.wire(charge, provider, C::SyncInvoke);
    return b.finish();
}

struct PatternInfo {
    const char *id;
    const char *title;
    const char *description;
    const char *useCase; // one line: the workload it suits (the start page's cards)
    std::optional<Design> (*make)();
};

const PatternInfo kPatterns[] = {
    {"api-lambda", "API Gateway -> Lambda (sync microservice)",
     "An HTTP API proxies each request synchronously to a Lambda function that uses a database. "
     "100 req/s Poisson, 2 KB payloads; 512 MB function, 80 ms mean duration, 10 s timeout (the "
     "API's integration timeout is also 10 s); reserved concurrency 50 matches the database's 50 "
     "connections, so a surge is throttled (429) at the API instead of overwhelming the "
     "database. Errors go back to the caller: AWS never retries a sync invoke.",
     "A request/response API whose caller waits for the answer.", &apiLambda},
    {"sns-fanout", "SNS fan-out to Lambda and SQS",
     "A standard SNS topic receives 50 msg/s (4 KB) and fans out to a notification function "
     "(256 MB, 200 ms, async with 2 retries, failures to an on-failure SQS queue) and to a "
     "billing queue read by a worker (10-message batches, maximum concurrency 10 within reserved "
     "concurrency 20, partial batch response). The queue's visibility timeout is 60 s (6 x the "
     "10 s timeout); after 5 receives a message moves to the billing DLQ (kept 14 days).",
     "One event that several independent consumers must each receive.", &snsFanout},
    {"eventbridge-routing", "EventBridge rules routing events to SQS and Lambda",
     "100 events/s (2 KB) on a custom event bus: 80 % orders, 20 % refunds (the traffic's type "
     "attribute). Rule 'orders' (pattern type=order) sends each order to a fulfilment queue read "
     "by a worker (10-message batches, maximum concurrency 10 within reserved concurrency 20) and "
     "to a notification function (async); rule 'refunds' sends refunds to a refund function. A "
     "target retries with backoff for up to 24 h and 185 times (the queue target for 1 h), then "
     "goes to the bus's standard DLQ; the functions' own async failures go to an on-failure queue.",
     "Events of several types routed by their content to the consumers that need them.",
     &eventRouting},
    {"sqs-lambda", "SQS -> Lambda with a DLQ",
     "200 msg/s (8 KB) into a standard queue polled by a worker in batches of 10 with partial "
     "batch response; 1,024 MB, 500 ms mean, 30 s timeout, reserved concurrency 100 and the "
     "mapping's maximum concurrency 50. Visibility timeout 180 s (6 x 30 s); after 3 failed "
     "receives a message is redriven to the DLQ (kept 14 days).",
     "Background jobs that can wait, retried, with failures kept in a DLQ.", &sqsLambda},
    {"kinesis-lambda", "Kinesis -> Lambda with an on-failure destination",
     "800 records/s (1 KB) over 10,000 partition keys into 2 provisioned shards (capacity 2,000 "
     "records/s). Lambda reads batches of 100 with parallelization factor 2 (4 concurrent "
     "batches); a failing batch is bisected and retried at most 3 times or for at most 1 hour, "
     "then its metadata goes to an SQS on-failure queue so one poison record cannot block a "
     "shard for the 24 h retention.",
     "A high-volume, ordered event stream processed in batches per shard.", &kinesisLambda},
    {"api-stepfunctions", "API Gateway -> Step Functions -> Lambdas",
     "A REST API starts a Standard state machine for each of 20 req/s. Three Task states run in "
     "order: validate-order (2 retries), charge-payment (calls a payment provider with 100 req/s "
     "capacity and 200 ms latency; 2% errors; 3 retries from 2 s, backoff 2, full jitter) and "
     "ship-order (3 retries). Every retry is a billed state transition.",
     "A multi-step business workflow with retries on every step.", &apiStepFunctions},
};

const PatternInfo *find(const QString &id)
{
    for (const PatternInfo &p : kPatterns) {
        if (id == QLatin1String(p.id))
            return &p;
    }
    return nullptr;
}

} // namespace

QStringList patternIds()
{
    QStringList ids;
    for (const PatternInfo &p : kPatterns)
        ids.append(QLatin1String(p.id));
    return ids;
}

QString patternTitle(const QString &id)
{
    const PatternInfo *p = find(id);
    return p ? QString::fromUtf8(p->title) : QString();
}

QString patternDescription(const QString &id)
{
    const PatternInfo *p = find(id);
    return p ? QString::fromUtf8(p->description) : QString();
}

QString patternUseCase(const QString &id)
{
    const PatternInfo *p = find(id);
    return p ? QString::fromUtf8(p->useCase) : QString();
}

std::optional<Design> makePattern(const QString &id)
{
    const PatternInfo *p = find(id);
    return p ? p->make() : std::nullopt;
}

} // namespace swb
