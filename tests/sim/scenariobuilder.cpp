// The scenario builder: every catalogue parameter reaches its scenario field with the right unit,
// wires become the right edges, invalid designs are refused with their findings.

#include "sim/scenariobuilder.h"
#include "sim/trafficreplay.h"

#include "model/document.h"
#include "model/parametercatalogue.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace swb;
using CK = ComponentKind;
using WK = ConnectionKind;

namespace {

// Builds a design through the Document (so every value passes the catalogue's validation).
class DesignMaker
{
public:
    ComponentId add(CK kind, const char *name,
                    std::initializer_list<std::pair<const char *, QVariant>> params = {})
    {
        const ComponentId id = doc.addComponent(kind, QPointF(), QLatin1String(name));
        for (const auto &[key, value] : params) {
            QString error;
            if (!doc.setComponentParam(id, QLatin1String(key), value, &error))
                qFatal("%s", qPrintable(error));
        }
        return id;
    }
    ConnectionId wire(ComponentId a, ComponentId b, WK kind,
                      std::initializer_list<std::pair<const char *, QVariant>> params = {})
    {
        QString error;
        const ConnectionId id = doc.connectComponents(a, b, kind, &error);
        if (id == InvalidId)
            qFatal("%s", qPrintable(error));
        for (const auto &[key, value] : params) {
            if (!doc.setConnectionParam(id, QLatin1String(key), value, &error))
                qFatal("%s", qPrintable(error));
        }
        return id;
    }
    void project(const char *key, const QVariant &value)
    {
        QString error;
        if (!doc.setProjectParam(QLatin1String(key), value, &error))
            qFatal("%s", qPrintable(error));
    }
    Document doc;
};

const core::Edge *findEdge(const core::Scenario &sc, core::EdgeKind kind, core::ComponentRef from,
                           core::ComponentRef to)
{
    for (const core::Edge &e : sc.edges) {
        if (e.kind == kind && e.from == from && e.to == to)
            return &e;
    }
    return nullptr;
}

bool hasFinding(const BuildResult &r, const QString &code, BuildFinding::Severity severity)
{
    for (const BuildFinding &f : r.findings) {
        if (f.code == code && f.severity == severity)
            return true;
    }
    return false;
}

} // namespace

class TestScenarioBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mapsEveryParameter();
    void mapsDefaultsAndSentinels();
    void filterPolicyBecomesValueMask();
    void replayCsv();
    void refusesInvalidDesign();
    void refusesWhatTheCoreCannotRun();
};

void TestScenarioBuilder::mapsEveryParameter()
{
    DesignMaker m;
    using S = BuildFinding::Severity;
    // Every key checked below is listed here; keys with no scenario field are listed apart,
    // each with the finding or reason that makes that visible.
    QSet<QString> checked;
    auto mark = [&checked](const char *scope, std::initializer_list<const char *> keys) {
        for (const char *k : keys)
            checked.insert(QLatin1String(scope) + QLatin1Char('/') + QLatin1String(k));
    };

    const ComponentId traffic =
        m.add(CK::TrafficSource, "web",
              {{"pattern", QStringLiteral("diurnal")},
               {"rate", 250.0},
               {"peakFactor", 1.5},
               {"peakHour", 9.0},
               {"spikeStart", 120.0},
               {"spikeDuration", 30.0},
               {"spikeMultiplier", 4.0},
               {"payloadSize", 2.5},
               {"payloadDistribution", QStringLiteral("exponential")},
               {"attributes", QStringLiteral("type=order:0.75,type=refund:0.25")},
               {"poisonShare", 0.02},
               {"transientFailureRate", 0.05}});
    const ComponentId api = m.add(CK::ApiGateway, "api",
                                  {{"type", QStringLiteral("HTTP")},
                                   {"rateLimit", 500.0},
                                   {"burstLimit", 200.0},
                                   {"integrationTimeout", 12000.0}});
    const ComponentId topic = m.add(CK::SnsTopic, "topic", {{"publishQuota", 900.0}});
    const ComponentId bus =
        m.add(CK::EventBus, "bus",
              {{"entriesPerCall", 5}, {"putEventsQuota", 2400.0}, {"invocationsQuota", 4500.0}});
    const ComponentId queue = m.add(CK::SqsQueue, "queue",
                                    {{"visibilityTimeout", 200},
                                     {"retentionPeriod", 7200},
                                     {"deliveryDelay", 5},
                                     {"maxMessageSize", 2048}});
    const ComponentId fifo =
        m.add(CK::SqsQueue, "fifo", {{"type", QStringLiteral("FIFO")}, {"messageGroups", 12}});
    const ComponentId fast = m.add(
        CK::SqsQueue, "fast",
        {{"type", QStringLiteral("FIFO")}, {"messageGroups", 1000}, {"highThroughput", true}});
    const ComponentId dlq = m.add(CK::SqsQueue, "dlq");
    const ComponentId stream = m.add(
        CK::KinesisStream, "stream",
        {{"shards", 3}, {"retentionHours", 48}, {"partitionKeys", 500}, {"hotKeyShare", 0.3}});
    const ComponentId onDemand =
        m.add(CK::KinesisStream, "od", {{"capacityMode", QStringLiteral("On-demand")}});
    const ComponentId sfn = m.add(CK::StepFunctions, "flow", {{"type", QStringLiteral("Express")}});
    const ComponentId fn = m.add(CK::Lambda, "fn",
                                 {{"memory", 1024},
                                  {"timeout", 30},
                                  {"reservedConcurrency", 50},
                                  {"provisionedConcurrency", 5},
                                  {"duration", 250.0},
                                  {"durationCv", 0.8},
                                  {"errorRate", 0.05},
                                  {"coldStart", 400.0},
                                  {"idleExpiry", 900},
                                  {"architecture", QStringLiteral("arm64")},
                                  {"maxRetryAttempts", 1},
                                  {"maxEventAge", 120}});
    const ComponentId fn2 = m.add(CK::Lambda, "fn2", {{"durationCv", 0.0}});
    const ComponentId db = m.add(CK::Downstream, "db",
                                 {{"protocol", QStringLiteral("HTTP API")},
                                  {"capacity", 50.0},
                                  {"maxConnections", 7},
                                  {"latency", 33.0},
                                  {"errorRate", 0.1}});
    mark("traffic",
         {"pattern", "rate", "peakFactor", "peakHour", "spikeStart", "spikeDuration",
          "spikeMultiplier", "payloadSize", "payloadDistribution", "attributes", "poisonShare",
          "transientFailureRate", "replayFile"}); // replayFile: replayCsv()
    mark("apigateway", {"type", "rateLimit", "burstLimit", "integrationTimeout"});
    mark("sns", {"type", "publishQuota"});
    mark("eventbridge", {"entriesPerCall", "putEventsQuota", "invocationsQuota"});
    mark("sqs", {"type", "visibilityTimeout", "retentionPeriod", "deliveryDelay", "messageGroups",
                 "maxMessageSize", "highThroughput"});
    mark("kinesis", {"capacityMode", "shards", "retentionHours", "partitionKeys", "hotKeyShare"});
    mark("stepfunctions", {"type"});
    mark("lambda", {"memory", "timeout", "reservedConcurrency", "provisionedConcurrency",
                    "duration", "durationCv", "errorRate", "coldStart", "idleExpiry",
                    "architecture", "maxRetryAttempts", "maxEventAge"});
    // maxMemoryUsed, cpuBoundShare: not simulated (measurements the advisor's memory rule reads
    // to size a memory change and its duration: tst_sim_advisor).
    mark("lambda", {"maxMemoryUsed", "cpuBoundShare"});
    mark("downstream", {"protocol", "capacity", "maxConnections", "latency", "errorRate"});

    m.wire(traffic, api, WK::Traffic);
    m.wire(api, fn, WK::SyncInvoke);
    m.wire(queue, fn, WK::EventSourceMapping,
           {{"batchSize", 25},
            {"batchingWindow", 2},
            {"reportBatchItemFailures", true},
            {"maximumConcurrency", 40}});
    m.wire(queue, dlq, WK::Redrive, {{"maxReceiveCount", 7}});
    m.wire(stream, fn2, WK::EventSourceMapping,
           {{"batchSize", 250},
            {"batchingWindow", 3},
            {"parallelizationFactor", 4},
            {"maxRetryAttempts", 7},
            {"maxRecordAge", 3600},
            {"bisectOnError", true},
            {"enhancedFanOut", true},
            {"reportBatchItemFailures", true}});
    m.wire(stream, dlq, WK::OnFailure);
    m.wire(topic, queue, WK::Subscription, {{"filterMatch", 0.4}});
    m.wire(topic, dlq, WK::Redrive);
    m.wire(bus, queue, WK::Subscription,
           {{"rule", QStringLiteral("orders")},
            {"patternMatch", 0.6},
            {"maximumEventAge", 120},
            {"maximumRetryAttempts", 9},
            {"deadLetterQueue", QStringLiteral("dlq")}});
    m.wire(bus, dlq, WK::Redrive);
    m.wire(fn, dlq, WK::OnFailure);
    m.wire(fn, db, WK::SyncInvoke, {{"callsPerInvocation", 2.0}});
    m.wire(sfn, fn2, WK::ServiceIntegration,
           {{"order", 2},
            {"retryInterval", 3},
            {"retryMaxAttempts", 5},
            {"retryBackoffRate", 1.5},
            {"retryMaxDelay", 40},
            {"retryJitter", QStringLiteral("FULL")},
            {"retriers",
             QStringLiteral(R"([{"ErrorEquals": ["Lambda.TooManyRequestsException", "MyError"],
                                 "IntervalSeconds": 2, "MaxAttempts": 6, "BackoffRate": 3,
                                 "MaxDelaySeconds": 30, "JitterStrategy": "FULL"},
                                {"ErrorEquals": ["States.ALL"]}])")},
            {"catch", false}});
    m.wire(sfn, fn, WK::ServiceIntegration, {{"order", 1}});
    mark("esm-sqs",
         {"batchSize", "batchingWindow", "reportBatchItemFailures", "maximumConcurrency"});
    mark("esm-kinesis",
         {"batchSize", "batchingWindow", "reportBatchItemFailures", "parallelizationFactor",
          "maxRetryAttempts", "maxRecordAge", "bisectOnError", "enhancedFanOut"});
    mark("task", {"order", "retryInterval", "retryMaxAttempts", "retryBackoffRate", "retryMaxDelay",
                  "retryJitter", "retriers", "catch"});
    mark("subscription", {"filterMatch", "filterPolicy"}); // filterPolicy: its own test
    // eventPattern: tst_sim_eventbridge (the subscription filters' matcher)
    mark("rule-target", {"rule", "patternMatch", "eventPattern", "maximumEventAge",
                         "maximumRetryAttempts", "deadLetterQueue"});
    mark("redrive", {"maxReceiveCount"});
    mark("sync", {"callsPerInvocation"});

    m.project("accountConcurrency", 3000);
    m.project("scalingModel", QStringLiteral("2018"));
    m.project("legacyBurst", 1000);
    m.project("apiAccountRate", 700.0);
    m.project("apiAccountBurst", 300.0);
    m.project("duration", 900.0);
    m.project("seed", 42);
    m.project("freeTier", false); // cost only: tested with the run's cost
    mark("project", {"region", "accountConcurrency", "scalingModel", "legacyBurst",
                     "apiAccountRate", "apiAccountBurst", "freeTier", "duration", "seed"});

    Fault bad;
    bad.kind = FaultKind::BadDeploy;
    bad.target = fn;
    bad.start = 100;
    bad.duration = 50;
    bad.errorRate = 0.5;
    bad.durationFactor = 3;
    Fault outage;
    outage.kind = FaultKind::Outage;
    outage.target = db;
    outage.start = 200;
    Fault spike;
    spike.kind = FaultKind::TrafficSpike;
    spike.target = traffic;
    spike.rateFactor = 6;
    QVERIFY(m.doc.addFault(bad) != InvalidId);
    QVERIFY(m.doc.addFault(outage) != InvalidId);
    QVERIFY(m.doc.addFault(spike) != InvalidId);

    BuildOptions options;
    options.runAnalysis = false; // the mapping alone; refusals are tested below
    const BuildResult r = buildScenario(m.doc.design(), options);
    QVERIFY2(r.ok, qPrintable(r.errorText()));
    const core::Scenario &sc = r.scenario;

    // Every catalogue key of every kind is covered above.
    for (CK kind : allComponentKinds()) {
        const QString scope = componentKindId(kind);
        for (const ParamSpec &spec : catalogue::componentParams(kind))
            QVERIFY2(checked.contains(scope + QLatin1Char('/') + spec.key),
                     qPrintable(scope + QLatin1Char('/') + spec.key));
    }
    const QList<std::pair<QString, const QList<ParamSpec> *>> wireScopes = {
        {QStringLiteral("esm-sqs"),
         &catalogue::connectionParams(WK::EventSourceMapping, CK::SqsQueue)},
        {QStringLiteral("esm-kinesis"),
         &catalogue::connectionParams(WK::EventSourceMapping, CK::KinesisStream)},
        {QStringLiteral("task"),
         &catalogue::connectionParams(WK::ServiceIntegration, CK::StepFunctions)},
        {QStringLiteral("subscription"),
         &catalogue::connectionParams(WK::Subscription, CK::SnsTopic)},
        {QStringLiteral("rule-target"),
         &catalogue::connectionParams(WK::Subscription, CK::EventBus)},
        {QStringLiteral("redrive"), &catalogue::connectionParams(WK::Redrive, CK::SqsQueue)},
        {QStringLiteral("sync"), &catalogue::connectionParams(WK::SyncInvoke, CK::Lambda)},
        {QStringLiteral("project"), &catalogue::projectParams()}};
    for (const auto &[scope, specs] : wireScopes) {
        for (const ParamSpec &spec : *specs)
            QVERIFY2(checked.contains(scope + QLatin1Char('/') + spec.key),
                     qPrintable(scope + QLatin1Char('/') + spec.key));
    }

    // Project settings.
    QCOMPARE(sc.account.concurrencyLimit, 3000u);
    QCOMPARE(sc.account.scaling, core::ScalingMode::Legacy2018);
    QCOMPARE(sc.account.sqsPollerScaling, core::ScalingMode::Legacy2018);
    QCOMPARE(sc.account.legacyBurst, 1000u);
    QCOMPARE(sc.account.apiRateLimit, 700.0);
    QCOMPARE(sc.account.apiBurstLimit, 300.0);
    QCOMPARE(sc.durationSeconds, 900.0);
    QCOMPARE(sc.seed, quint64(42));

    // Traffic: KB -> bytes; peak factor 1.5 = peak / mean -> core max / min = 1.5 / 0.5 = 3.
    const core::TrafficSource &src = sc.sources.at(r.refOf(traffic).index);
    QCOMPARE(src.pattern, core::TrafficPattern::Diurnal);
    QCOMPARE(src.ratePerSecond, 250.0);
    QCOMPARE(src.diurnalPeakFactor, 3.0);
    QVERIFY(hasFinding(r, QStringLiteral("sim-approx-diurnal-hour"), S::Info)); // hour 9 != 12
    QCOMPARE(src.startSeconds, 120.0);
    QCOMPARE(src.durationSeconds, 30.0);
    QCOMPARE(src.multiplier, 4.0);
    QCOMPARE(src.payloadMeanBytes, 2560.0);
    QCOMPARE(src.payloadDistribution, core::Distribution::Exponential);
    QCOMPARE(src.attributeValueCount, 4u); // 0.75 / 0.25 = 3 + 1 buckets of 4
    QCOMPARE(src.poisonFraction, 0.02);
    QCOMPARE(src.transientFailureRate, 0.05);

    const core::ApiGateway &a = sc.apis.at(r.refOf(api).index);
    QCOMPARE(a.flavour, core::ApiFlavour::Http);
    QCOMPARE(a.rateLimit, 500.0);
    QCOMPARE(a.burstLimit, 200.0);
    QCOMPARE(a.integrationTimeoutMs, 12000.0);
    // The Publish quota throttles the topic in a run (no "not simulated" note any more).
    QVERIFY(!hasFinding(r, QStringLiteral("sim-approx-publish-quota"), S::Info));
    QCOMPARE(sc.topics.at(r.refOf(topic).index).publishesPerSecond, 900.0);

    const core::SqsQueue &q = sc.queues.at(r.refOf(queue).index);
    QCOMPARE(q.type, core::QueueType::Standard);
    QCOMPARE(q.visibilityTimeoutSeconds, 200.0);
    QCOMPARE(q.retentionSeconds, 7200.0);
    QCOMPARE(q.delaySeconds, 5.0);
    QCOMPARE(q.maxReceiveCount, 7u); // from the Redrive wire
    // maxMessageSize: not simulated (the core does not refuse large messages); listed above.
    const core::SqsQueue &f = sc.queues.at(r.refOf(fifo).index);
    QCOMPARE(f.type, core::QueueType::Fifo);
    QCOMPARE(f.messageGroupCount, 12u);
    QCOMPARE(f.callsPerSecond, 300.0); // the FIFO quota per action (aws-behaviour.md §4)
    QCOMPARE(q.callsPerSecond, 300.0); // unused: a standard queue has no quota
    // High-throughput mode: 300 per message group, at most the Region's 70,000.
    QCOMPARE(sc.queues.at(r.refOf(fast).index).callsPerSecond, 70000.0);

    const core::KinesisStream &k = sc.streams.at(r.refOf(stream).index);
    QCOMPARE(k.mode, core::StreamMode::Provisioned);
    QCOMPARE(k.shards, 3u);
    QCOMPARE(k.retentionHours, 48.0);
    QCOMPARE(k.partitionKeyCount, 500u);
    QCOMPARE(k.skew, core::KeySkew::HotKey);
    QCOMPARE(k.hotKeyFraction, 0.3);
    const core::KinesisStream &od = sc.streams.at(r.refOf(onDemand).index);
    QCOMPARE(od.mode, core::StreamMode::OnDemand);
    QCOMPARE(od.shards, 4u); // 4 MB/s starting write capacity
    QCOMPARE(od.skew, core::KeySkew::Uniform);

    const core::LambdaFunction &l = sc.lambdas.at(r.refOf(fn).index);
    QCOMPARE(l.memoryMb, 1024u);
    QCOMPARE(l.timeoutSeconds, 30.0);
    QCOMPARE(l.reservedConcurrency, 50);
    QCOMPARE(l.provisionedConcurrency, 5u);
    QCOMPARE(l.durationMeanMs, 250.0);
    QCOMPARE(l.durationCv, 0.8);
    QCOMPARE(l.durationDistribution, core::Distribution::LogNormal);
    QCOMPARE(l.errorRate, 0.05);
    QCOMPARE(l.coldStartMs, 400.0);
    QCOMPARE(l.idleExpirySeconds, 900.0);
    QCOMPARE(l.architecture, core::Architecture::Arm);
    QCOMPARE(l.async.maxRetryAttempts, 1u);
    QCOMPARE(l.async.maxEventAgeSeconds, 120.0);
    QCOMPARE(sc.lambdas.at(r.refOf(fn2).index).durationDistribution, core::Distribution::Fixed);

    const core::Downstream &d = sc.downstreams.at(r.refOf(db).index);
    QCOMPARE(d.capacityTps, 50.0);
    QCOMPARE(d.maxConnections, 7u);
    QCOMPARE(d.latencyMeanMs, 33.0);
    QVERIFY(hasFinding(r, QStringLiteral("sim-approx-downstream-errors"), S::Info));
    // protocol: HTTP API selects the HTTP/S delivery policy inside the core (DeliveryPolicy::Auto)

    QCOMPARE(sc.stateMachines.at(r.refOf(sfn).index).type, core::WorkflowType::Express);

    // Wires.
    QVERIFY(findEdge(sc, core::EdgeKind::Traffic, r.refOf(traffic), r.refOf(api)));
    QVERIFY(findEdge(sc, core::EdgeKind::SyncInvoke, r.refOf(api), r.refOf(fn)));
    QVERIFY(findEdge(sc, core::EdgeKind::SyncInvoke, r.refOf(fn), r.refOf(db)));
    QVERIFY(hasFinding(r, QStringLiteral("sim-approx-calls-per-invocation"), S::Info));
    QVERIFY(findEdge(sc, core::EdgeKind::Redrive, r.refOf(queue), r.refOf(dlq)));
    QVERIFY(findEdge(sc, core::EdgeKind::OnFailure, r.refOf(fn), r.refOf(dlq)));
    const core::Edge *se =
        findEdge(sc, core::EdgeKind::EventSourceMapping, r.refOf(queue), r.refOf(fn));
    QVERIFY(se);
    QCOMPARE(se->esm.batchSize, 25u);
    QCOMPARE(se->esm.batchingWindowSeconds, 2.0);
    QCOMPARE(se->esm.reportBatchItemFailures, true);
    QCOMPARE(se->esm.maximumConcurrency, 40u);
    const core::Edge *ke =
        findEdge(sc, core::EdgeKind::EventSourceMapping, r.refOf(stream), r.refOf(fn2));
    QVERIFY(ke);
    QCOMPARE(ke->esm.batchSize, 250u);
    QCOMPARE(ke->esm.batchingWindowSeconds, 3.0);
    QCOMPARE(ke->esm.parallelizationFactor, 4u);
    QCOMPARE(ke->esm.maxRetryAttempts, 7);
    QCOMPARE(ke->esm.maxRecordAgeSeconds, 3600.0);
    QCOMPARE(ke->esm.bisectOnError, true);
    QCOMPARE(ke->esm.enhancedFanOut, true);
    QCOMPARE(ke->esm.reportBatchItemFailures, true);
    QCOMPARE(ke->esm.onFailure, r.refOf(dlq)); // the stream's OnFailure wire
    const core::Edge *sub =
        findEdge(sc, core::EdgeKind::Subscription, r.refOf(topic), r.refOf(queue));
    QVERIFY(sub);
    QCOMPARE(sub->sub.filterMatchProbability, 0.4);
    QCOMPARE(sub->sub.filterValueMask, quint64(0));
    QCOMPARE(sub->sub.deadLetter, r.refOf(dlq)); // SNS -> SQS Redrive = subscription DLQ

    // EventBridge: the bus's quotas, one rule with its target's retry policy and named DLQ.
    const core::EventBus &eb = sc.eventBuses.at(r.refOf(bus).index);
    QCOMPARE(eb.entriesPerCall, 5u);
    QCOMPARE(eb.putEventsPerSecond, 2400.0);
    QCOMPARE(eb.invocationsPerSecond, 4500.0);
    QCOMPARE(eb.rules.size(), std::size_t(1));
    QCOMPARE(eb.rules[0].matchProbability, 0.6);
    QCOMPARE(eb.rules[0].targets.size(), std::size_t(1));
    const core::EventBusTarget &target = eb.rules[0].targets[0];
    QCOMPARE(sc.edges.at(target.edge).to, r.refOf(queue));
    QCOMPARE(target.maximumEventAgeSeconds, 120.0);
    QCOMPARE(target.maximumRetryAttempts, 9u);
    QCOMPARE(target.deadLetterKind, std::uint8_t(core::ComponentKind::SqsQueue));
    QCOMPARE(target.deadLetterIndex, r.refOf(dlq).index);

    // Task chain in "order": fn (1) then fn2 (2) with its Retry; -1-free values map 1:1.
    const std::vector<core::SfnTask> &tasks = sc.stateMachines.at(r.refOf(sfn).index).tasks;
    QCOMPARE(tasks.size(), std::size_t(2));
    QCOMPARE(tasks[0].lambdaIndex, r.refOf(fn).index);
    QCOMPARE(tasks[0].catchAll, true); // catalogue default
    QCOMPARE(tasks[1].lambdaIndex, r.refOf(fn2).index);
    QCOMPARE(tasks[1].retry.intervalSeconds, 3.0);
    QCOMPARE(tasks[1].retry.maxAttempts, 5u);
    QCOMPARE(tasks[1].retry.backoffRate, 1.5);
    QCOMPARE(tasks[1].retry.maxDelaySeconds, 40.0);
    QCOMPARE(tasks[1].retry.jitter, core::JitterStrategy::Full);
    QCOMPARE(tasks[1].catchAll, false);
    QCOMPARE(tasks[1].retriers.size(), std::size_t(2)); // the Retry array, in order
    QCOMPARE(tasks[1].retriers[0].errors,
             (1u << core::SfnErrThrottled) | (1u << core::SfnErrFunction));
    QCOMPARE(tasks[1].retriers[0].intervalSeconds, 2.0);
    QCOMPARE(tasks[1].retriers[0].maxAttempts, 6u);
    QCOMPARE(tasks[1].retriers[0].backoffRate, 3.0);
    QCOMPARE(tasks[1].retriers[0].maxDelaySeconds, 30.0);
    QCOMPARE(tasks[1].retriers[0].jitter, core::JitterStrategy::Full);
    QCOMPARE(tasks[1].retriers[1].errors, 0xFFFFFFFFu);
    QCOMPARE(tasks[1].retriers[1].maxAttempts, 3u); // ASL defaults
    QVERIFY(tasks[0].retriers.empty());             // no Retry array: the single retrier

    // Faults.
    QCOMPARE(sc.faults.size(), std::size_t(3));
    QCOMPARE(sc.faults[0].kind, core::FaultKind::BadDeploy);
    QCOMPARE(sc.faults[0].target, r.refOf(fn));
    QCOMPARE(sc.faults[0].startSeconds, 100.0);
    QCOMPARE(sc.faults[0].durationSeconds, 50.0);
    QCOMPARE(sc.faults[0].errorRate, 0.5);
    QCOMPARE(sc.faults[0].durationMultiplier, 3.0);
    QCOMPARE(sc.faults[1].kind, core::FaultKind::Outage);
    QCOMPARE(sc.faults[1].target, r.refOf(db));
    QCOMPARE(sc.faults[1].startSeconds, 200.0);
    QCOMPARE(sc.faults[1].errorRate, 1.0);
    QCOMPARE(sc.faults[2].kind, core::FaultKind::TrafficSpike);
    QCOMPARE(sc.faults[2].target, r.refOf(traffic));
    QCOMPARE(sc.faults[2].rateMultiplier, 6.0);

    // The id mapping works both ways for every block.
    for (const Component &c : m.doc.design().components) {
        QVERIFY(r.refOf(c.id).valid());
        QCOMPARE(r.componentOf(r.refOf(c.id)), c.id);
        QCOMPARE(r.componentName(c.id), c.name);
    }
    QCOMPARE(r.componentOf({core::ComponentKind::Lambda, 99}), InvalidId);
    // Every scenario edge knows its wire, and joins that wire's blocks.
    QCOMPARE(std::size_t(r.edgeConnections.size()), sc.edges.size());
    for (std::size_t e = 0; e < sc.edges.size(); ++e) {
        const Connection *w = m.doc.design().connection(r.edgeConnections[qsizetype(e)]);
        QVERIFY(w);
        QCOMPARE(r.componentOf(sc.edges[e].from), w->source);
        QCOMPARE(r.componentOf(sc.edges[e].to), w->target);
    }
}

void TestScenarioBuilder::mapsDefaultsAndSentinels()
{
    DesignMaker m;
    const ComponentId traffic =
        m.add(CK::TrafficSource, "t", {{"pattern", QStringLiteral("spike")}});
    const ComponentId queue = m.add(CK::SqsQueue, "q", {{"visibilityTimeout", 60}});
    const ComponentId stream = m.add(CK::KinesisStream, "s");
    const ComponentId fn = m.add(CK::Lambda, "f");
    const ComponentId sfn = m.add(CK::StepFunctions, "sm");
    m.wire(traffic, queue, WK::Traffic);
    m.wire(queue, fn, WK::EventSourceMapping);
    m.wire(stream, fn, WK::EventSourceMapping);
    m.wire(sfn, fn, WK::ServiceIntegration);
    BuildOptions options;
    options.runAnalysis = false;
    options.durationSeconds = 123;
    options.seed = 7;
    const BuildResult r = buildScenario(m.doc.design(), options);
    QVERIFY2(r.ok, qPrintable(r.errorText()));
    QCOMPARE(r.scenario.durationSeconds, 123.0); // overrides the project's 3,600 s
    QCOMPARE(r.scenario.seed, quint64(7));
    QCOMPARE(r.scenario.sources[0].pattern, core::TrafficPattern::Spike);
    QCOMPARE(r.scenario.sources[0].attributeValueCount, 0u); // no attributes
    QCOMPARE(r.scenario.account.scaling, core::ScalingMode::Current);
    QCOMPARE(r.scenario.lambdas[0].reservedConcurrency, -1); // not set
    // AWS default batch sizes: SQS 10, Kinesis 100 (aws-behaviour.md §4, §5); -1 sentinels.
    const core::Edge *sqs =
        findEdge(r.scenario, core::EdgeKind::EventSourceMapping, r.refOf(queue), r.refOf(fn));
    const core::Edge *kin =
        findEdge(r.scenario, core::EdgeKind::EventSourceMapping, r.refOf(stream), r.refOf(fn));
    QVERIFY(sqs && kin);
    QCOMPARE(sqs->esm.batchSize, 10u);
    QCOMPARE(sqs->esm.maximumConcurrency, 0u); // -1 (not set) -> 0
    QCOMPARE(kin->esm.batchSize, 100u);
    QCOMPARE(kin->esm.maxRetryAttempts, -1);      // infinite
    QCOMPARE(kin->esm.maxRecordAgeSeconds, -1.0); // infinite
    QVERIFY(!kin->esm.onFailure.valid());
    QCOMPARE(r.scenario.queues[0].maxReceiveCount, 0u); // no redrive wire
    const core::SfnTask &task = r.scenario.stateMachines[0].tasks.at(0);
    QCOMPARE(task.retry.maxDelaySeconds, 0.0); // -1 (no cap) -> 0
    QCOMPARE(task.retry.maxAttempts, 3u);
    QCOMPARE(task.retry.backoffRate, 2.0);
    QCOMPARE(task.retry.jitter, core::JitterStrategy::None);
}

void TestScenarioBuilder::filterPolicyBecomesValueMask()
{
    DesignMaker m;
    const ComponentId traffic = m.add(
        CK::TrafficSource, "t",
        {{"attributes", QStringLiteral("type=order:0.5,type=refund:0.25,type=return:0.125")}});
    const ComponentId topic = m.add(CK::SnsTopic, "topic");
    const ComponentId a = m.add(CK::Lambda, "a");
    const ComponentId b = m.add(CK::Lambda, "b");
    const ComponentId c = m.add(CK::Lambda, "c");
    m.wire(traffic, topic, WK::Traffic);
    m.wire(topic, a, WK::Subscription, {{"filterPolicy", QStringLiteral("type=refund")}});
    m.wire(topic, b, WK::Subscription,
           {{"filterPolicy", QStringLiteral("type=order, type=return")}});
    m.wire(topic, c, WK::Subscription, {{"filterPolicy", QStringLiteral("kind=x")}});
    BuildOptions options;
    options.runAnalysis = false;
    const BuildResult r = buildScenario(m.doc.design(), options);
    QVERIFY2(r.ok, qPrintable(r.errorText()));
    // Shares 1/2, 1/4, 1/8 are exact in 8 buckets: order = 0-3, refund = 4-5, return = 6,
    // bucket 7 = no attribute (the remaining 1/8).
    QCOMPARE(r.scenario.sources[0].attributeValueCount, 8u);
    const auto sub = [&](ComponentId to) {
        return findEdge(r.scenario, core::EdgeKind::Subscription, r.refOf(topic), r.refOf(to))->sub;
    };
    QCOMPARE(sub(a).filterValueMask, quint64(0b00110000));
    QCOMPARE(sub(b).filterValueMask, quint64(0b01001111));
    // A policy on an attribute the traffic does not carry matches nothing (SNS skips messages
    // without the filtered attribute), and the user is told.
    QCOMPARE(sub(c).filterValueMask, quint64(0));
    QCOMPARE(sub(c).filterMatchProbability, 0.0);
    QVERIFY(hasFinding(r, QStringLiteral("sim-filter-matches-nothing"),
                       BuildFinding::Severity::Warning));
}

void TestScenarioBuilder::replayCsv()
{
    std::vector<core::RatePoint> points;
    QString error;
    QVERIFY(parseReplayCsv(QStringLiteral("time_s,rate\n0,5\n60,10.5\n"), QStringLiteral("r.csv"),
                           &points, &error));
    QCOMPARE(points.size(), std::size_t(2));
    QCOMPARE(points[1].tSeconds, 60.0);
    QCOMPARE(points[1].rate, 10.5);
    // Timestamps: counted per whole second, gaps at 0 and silence after the last one.
    QVERIFY(parseReplayCsv(QStringLiteral("0.2\n0.5\n1.7\n3.1\n"), QStringLiteral("r.csv"), &points,
                           &error));
    QCOMPARE(points.size(), std::size_t(5));
    QCOMPARE(points[0].rate, 2.0);
    QCOMPARE(points[1].rate, 1.0);
    QCOMPARE(points[2].tSeconds, 2.0);
    QCOMPARE(points[2].rate, 0.0);
    QCOMPARE(points[3].rate, 1.0);
    QCOMPARE(points[4].rate, 0.0);
    QVERIFY(
        !parseReplayCsv(QStringLiteral("0,5\n10,abc\n"), QStringLiteral("r.csv"), &points, &error));
    // The place, not the cell: a replay file may be one the user never named, so its content
    // is never echoed.
    QVERIFY2(error.contains(QLatin1String("r.csv:2:4: not a number"))
                 && !error.contains(QLatin1String("abc")),
             qPrintable(error));

    // Through the builder: a relative path is resolved against the project folder; a missing
    // file refuses the run and names the file.
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("load.csv")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("time_s,rate\n0,3\n30,7\n");
    file.close();
    DesignMaker m;
    const ComponentId t =
        m.add(CK::TrafficSource, "t",
              {{"pattern", QStringLiteral("replay")}, {"replayFile", QStringLiteral("load.csv")}});
    m.wire(t, m.add(CK::Lambda, "f"), WK::Traffic);
    BuildOptions options;
    options.runAnalysis = false;
    options.baseDirectory = dir.path();
    BuildResult r = buildScenario(m.doc.design(), options);
    QVERIFY2(r.ok, qPrintable(r.errorText()));
    QCOMPARE(r.scenario.sources[0].pattern, core::TrafficPattern::Replay);
    QCOMPARE(r.scenario.sources[0].replay.size(), std::size_t(2));
    QCOMPARE(r.scenario.sources[0].replay[1].rate, 7.0);
    options.baseDirectory = dir.filePath(QStringLiteral("elsewhere"));
    r = buildScenario(m.doc.design(), options);
    QVERIFY(!r.ok);
    QVERIFY2(r.errorText().contains(QLatin1String("load.csv")), qPrintable(r.errorText()));
}

void TestScenarioBuilder::refusesInvalidDesign()
{
    // Lambda rejects an SQS mapping whose function timeout exceeds the visibility timeout
    // (aws-behaviour.md §4): the analysis reports it as an Error and the build is refused with that
    // finding.
    DesignMaker m;
    const ComponentId t = m.add(CK::TrafficSource, "t");
    const ComponentId q = m.add(CK::SqsQueue, "jobs", {{"visibilityTimeout", 10}});
    const ComponentId f = m.add(CK::Lambda, "worker", {{"timeout", 60}});
    m.wire(t, q, WK::Traffic);
    m.wire(q, f, WK::EventSourceMapping);
    const BuildResult r = buildScenario(m.doc.design());
    QVERIFY(!r.ok);
    QVERIFY(hasFinding(r, QStringLiteral("visibility-below-function-timeout"),
                       BuildFinding::Severity::Error));
    QVERIFY(r.errorText().contains(QLatin1String("jobs")));
    // Fixed, the same design builds.
    QString error;
    QVERIFY(m.doc.setComponentParam(q, QStringLiteral("visibilityTimeout"), 360, &error));
    QVERIFY2(buildScenario(m.doc.design()).ok,
             qPrintable(buildScenario(m.doc.design()).errorText()));
}

void TestScenarioBuilder::refusesWhatTheCoreCannotRun()
{
    DesignMaker m;
    const ComponentId t = m.add(CK::TrafficSource, "t");
    const ComponentId sm = m.add(CK::StepFunctions, "sm");
    const ComponentId q = m.add(CK::SqsQueue, "q");
    const ComponentId a = m.add(CK::Lambda, "a");
    const ComponentId b = m.add(CK::Lambda, "b");
    m.wire(t, sm, WK::Traffic);
    m.wire(sm, q, WK::ServiceIntegration); // a Task sending to SQS
    m.wire(a, b, WK::SyncInvoke);          // function-to-function RequestResponse
    const ComponentId t2 = m.add(CK::TrafficSource, "t2");
    m.wire(t2, a, WK::Traffic);
    m.wire(t2, b, WK::Traffic); // one source, two entry blocks
    BuildOptions options;
    options.runAnalysis = false;
    const BuildResult r = buildScenario(m.doc.design(), options);
    QVERIFY(!r.ok);
    using S = BuildFinding::Severity;
    QVERIFY(hasFinding(r, QStringLiteral("sim-sfn-task-target"), S::Error));
    QVERIFY(hasFinding(r, QStringLiteral("sim-sync-lambda-to-lambda"), S::Error));
    QVERIFY(hasFinding(r, QStringLiteral("sim-traffic-targets"), S::Error));
    QVERIFY(r.errorText().contains(QLatin1String("'sm'")));
}

QTEST_GUILESS_MAIN(TestScenarioBuilder)
#include "scenariobuilder.moc"
