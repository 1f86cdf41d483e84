// Steady-state flow propagation: fan-out multiplies, batching divides, retries multiply, traffic
// patterns average over the run, cycles settle or are reported.

#include "costtestutil.h"

#include "model/flowrates.h"

#include <QTest>

#include <cmath>

using namespace swb;
using namespace swb::test;

namespace {

bool near(double actual, double expected, double relative = 1e-9)
{
    return qAbs(actual - expected) <= relative * qMax(1.0, qAbs(expected));
}

} // namespace

#define QNEAR(actual, expected)                                                                    \
    QVERIFY2(near((actual), (expected)), qPrintable(QStringLiteral("%1 != %2")                     \
                                                        .arg(double(actual), 0, 'g', 15)           \
                                                        .arg(double(expected), 0, 'g', 15)))

class TestFlowRates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void snsFanOutMultiplies()
    {
        DesignBuilder b;
        const ComponentId topic = b.add(ComponentKind::SnsTopic, "topic");
        const ComponentId q1 = b.add(ComponentKind::SqsQueue, "q1");
        const ComponentId q2 = b.add(ComponentKind::SqsQueue, "q2");
        const ComponentId q3 = b.add(ComponentKind::SqsQueue, "q3");
        b.traffic(topic, 10, 4);
        b.wire(topic, q1, ConnectionKind::Subscription);
        b.wire(topic, q2, ConnectionKind::Subscription);
        b.wire(topic, q3, ConnectionKind::Subscription, params({{"filterMatch", 0.5}}));
        const FlowRates f = computeFlowRates(b.design());
        QNEAR(f.component(topic).inRate, 10);
        QNEAR(f.component(topic).deliveriesFree, 25); // 10 + 10 + 5
        QNEAR(f.component(q1).inRate, 10);
        QNEAR(f.component(q3).inRate, 5);
        QNEAR(f.component(q3).payloadKB, 4); // the payload travels with the message
    }

    void snsFilterPolicies_data()
    {
        QTest::addColumn<QString>("attributes");
        QTest::addColumn<QString>("policy");
        QTest::addColumn<double>("share");
        const QString types = QStringLiteral("type=order:0.7,type=refund:0.3");
        QTest::newRow("one value") << types << QStringLiteral("type=order") << 0.7;
        QTest::newRow("values OR-ed") << types << QStringLiteral("type=order, type=refund") << 1.0;
        QTest::newRow("absent attribute") << types << QStringLiteral("region=eu") << 0.0;
        // Names AND-ed, taken as independent: 0.5 x 0.4.
        QTest::newRow("names AND-ed") << QStringLiteral("type=order:0.5,region=eu:0.4")
                                      << QStringLiteral("type=order,region=eu") << 0.2;
        // A policy that cannot be read falls back to the match share (0.25), with a warning.
        QTest::newRow("malformed policy") << types << QStringLiteral("type") << 0.25;
    }

    void snsFilterPolicies()
    {
        QFETCH(QString, attributes);
        QFETCH(QString, policy);
        QFETCH(double, share);
        DesignBuilder b;
        const ComponentId topic = b.add(ComponentKind::SnsTopic, "topic");
        const ComponentId queue = b.add(ComponentKind::SqsQueue, "queue");
        b.traffic(topic, 40, 1, params({{"attributes", attributes}}));
        b.wire(topic, queue, ConnectionKind::Subscription,
               params({{"filterPolicy", policy}, {"filterMatch", 0.25}}));
        const FlowRates f = computeFlowRates(b.design());
        QNEAR(f.component(queue).inRate, 40 * share);
        QCOMPARE(f.warnings.size(), QTest::currentDataTag() == QByteArray("malformed policy"));
        if (!f.warnings.isEmpty())
            QVERIFY(f.warnings.first().contains(QStringLiteral("'type' is not name=value")));
    }

    void sqsBatchingDivides_data()
    {
        QTest::addColumn<double>("rate");
        QTest::addColumn<int>("batchSize");
        QTest::addColumn<int>("window");
        QTest::addColumn<int>("maxConcurrency");
        QTest::addColumn<double>("invocations");
        // A long poll returns as soon as a message is available: with pollers to spare (up to the
        // account's 1,000; 100 msg/s x 0.1 s keeps 10 busy) every message is its own batch.
        QTest::newRow("pollers to spare, batch 10") << 100.0 << 10 << 0 << -1 << 100.0;
        // Maximum concurrency 2 and a 1 s function: 100 msg/s x 1 s / 2 pollers = 50 messages
        // wait per invocation, capped by the batch size 10 -> 10 invocations/s.
        QTest::newRow("busy, batch 10") << 100.0 << 10 << 0 << 2 << 10.0;
        // 1 msg/s: each receive returns the single message -> one invocation per message.
        QTest::newRow("quiet, batch 10") << 1.0 << 10 << 0 << -1 << 1.0;
        // A 5 s window gathers 1 + 100/s x 5 s > 100 messages -> 1 invocation/s.
        QTest::newRow("window 5 s, batch 100") << 100.0 << 100 << 5 << -1 << 1.0;
        // The batch size caps the gathering: 501 > 50 -> 2 invocations/s.
        QTest::newRow("window 5 s, batch 50") << 100.0 << 50 << 5 << -1 << 2.0;
    }

    void sqsBatchingDivides()
    {
        QFETCH(double, rate);
        QFETCH(int, batchSize);
        QFETCH(int, window);
        QFETCH(int, maxConcurrency);
        QFETCH(double, invocations);
        DesignBuilder b;
        const ComponentId queue = b.add(ComponentKind::SqsQueue, "queue");
        const ComponentId fn =
            b.add(ComponentKind::Lambda, "worker",
                  params({{"duration", maxConcurrency > 0 ? 1000 : 100}, {"timeout", 10}}));
        b.traffic(queue, rate);
        b.wire(queue, fn, ConnectionKind::EventSourceMapping,
               params({{"batchingWindow", window},
                       {"batchSize", batchSize},
                       {"maximumConcurrency", maxConcurrency}}));
        const FlowRates f = computeFlowRates(b.design());
        QNEAR(f.component(fn).invocations, invocations);
        QNEAR(f.component(fn).inRate, rate); // every message is handed over once
        QNEAR(f.component(queue).sendRequests, rate);
        // One ReceiveMessage per 10 messages of a batch.
        QNEAR(f.component(queue).receiveRequests,
              invocations * std::ceil(rate / invocations / 10 - 1e-9));
    }

    void sqsRedriveAfterMaxReceives()
    {
        DesignBuilder b;
        const ComponentId queue = b.add(ComponentKind::SqsQueue, "queue");
        const ComponentId dlq = b.add(ComponentKind::SqsQueue, "dlq");
        const ComponentId fn = b.add(ComponentKind::Lambda, "worker", params({{"errorRate", 0.2}}));
        b.traffic(queue, 100);
        b.wire(queue, fn, ConnectionKind::EventSourceMapping);
        b.wire(queue, dlq, ConnectionKind::Redrive, params({{"maxReceiveCount", 3}}));
        const FlowRates f = computeFlowRates(b.design());
        // Each message is received 1 + 0.2 + 0.04 = 1.24 times; 0.2^3 = 0.8% reach the DLQ.
        QNEAR(f.component(fn).inRate, 124);
        QNEAR(f.component(dlq).inRate, 0.8);
    }

    void killSwitchSendsMessagesToTheDlq()
    {
        // Reserved concurrency 0 throttles every invoke: nothing is billed, each receive fails and
        // after maxReceiveCount 2 receives the message is in the DLQ.
        DesignBuilder b;
        const ComponentId queue = b.add(ComponentKind::SqsQueue, "queue");
        const ComponentId dlq = b.add(ComponentKind::SqsQueue, "dlq");
        const ComponentId fn =
            b.add(ComponentKind::Lambda, "worker", params({{"reservedConcurrency", 0}}));
        b.traffic(queue, 10);
        b.wire(queue, fn, ConnectionKind::EventSourceMapping);
        b.wire(queue, dlq, ConnectionKind::Redrive, params({{"maxReceiveCount", 2}}));
        const FlowRates f = computeFlowRates(b.design());
        QNEAR(f.component(fn).invocations, 0);
        QNEAR(f.component(fn).gbSeconds, 0);
        QNEAR(f.component(dlq).inRate, 10);
        QNEAR(f.component(queue).deleteRequests, 0);
    }

    void fifoGroupBatchesItsBacklog()
    {
        // One message group is one batch at a time: 10 msg/s into a 100 ms function (fixed
        // duration) means x = 1 message arrives per invocation; a batch holds x + e^-x messages
        // (the first of a busy period alone, the others what arrived meanwhile).
        DesignBuilder b;
        const ComponentId queue =
            b.add(ComponentKind::SqsQueue, "queue", params({{"type", QStringLiteral("FIFO")}}));
        const ComponentId fn =
            b.add(ComponentKind::Lambda, "worker", params({{"duration", 100}, {"durationCv", 0}}));
        b.traffic(queue, 10);
        b.wire(queue, fn, ConnectionKind::EventSourceMapping);
        const FlowRates f = computeFlowRates(b.design());
        QNEAR(f.component(fn).invocations, 10 / (1 + std::exp(-1.0)));
    }

    void fifoTopicThrottlesAboveItsLimit_data()
    {
        QTest::addColumn<double>("rate");
        QTest::addColumn<double>("payloadKB");
        QTest::addColumn<double>("accepted");
        // FIFO topics: 3,000 msg/s and 20 MB/s per topic (aws-behaviour.md §3).
        QTest::newRow("messages") << 5000.0 << 1.0 << 3000.0;
        QTest::newRow("bytes") << 2500.0 << 10.0 << 2048.0; // 20,480 KB/s / 10 KB
        QTest::newRow("under both") << 1000.0 << 1.0 << 1000.0;
    }

    void fifoTopicThrottlesAboveItsLimit()
    {
        QFETCH(double, rate);
        QFETCH(double, payloadKB);
        QFETCH(double, accepted);
        DesignBuilder b;
        const ComponentId topic =
            b.add(ComponentKind::SnsTopic, "topic", params({{"type", QStringLiteral("FIFO")}}));
        const ComponentId queue =
            b.add(ComponentKind::SqsQueue, "queue", params({{"type", QStringLiteral("FIFO")}}));
        b.traffic(topic, rate, payloadKB);
        b.wire(topic, queue, ConnectionKind::Subscription);
        const FlowRates f = computeFlowRates(b.design());
        QNEAR(f.component(topic).inRate, accepted);
        QNEAR(f.component(queue).inRate, accepted);
        QCOMPARE(f.warnings.size(), accepted < rate ? 1 : 0);
    }

    void kinesisBatchingDivides_data()
    {
        QTest::addColumn<double>("rate");
        QTest::addColumn<int>("parallelization");
        QTest::addColumn<double>("invocations");
        // 1,000 records/s on 2 shards: 500 per shard per 1 s poll, capped at batch 100 -> 10/s.
        QTest::newRow("full batches") << 1000.0 << 1 << 10.0;
        QTest::newRow("parallelization 2") << 1000.0 << 2 << 10.0;
        // 10 records/s: 5 per shard per poll -> 2 invocations/s of 5 records.
        QTest::newRow("partial batches") << 10.0 << 1 << 2.0;
        // With 2 slots per shard each poll carries 2.5 records -> 4 invocations/s.
        QTest::newRow("partial, parallelization 2") << 10.0 << 2 << 4.0;
    }

    void kinesisBatchingDivides()
    {
        QFETCH(double, rate);
        QFETCH(int, parallelization);
        QFETCH(double, invocations);
        DesignBuilder b;
        const ComponentId stream =
            b.add(ComponentKind::KinesisStream, "stream", params({{"shards", 2}}));
        const ComponentId fn = b.add(ComponentKind::Lambda, "reader");
        b.traffic(stream, rate);
        b.wire(stream, fn, ConnectionKind::EventSourceMapping,
               params({{"parallelizationFactor", parallelization}}));
        const FlowRates f = computeFlowRates(b.design());
        QNEAR(f.component(fn).invocations, invocations);
        QNEAR(f.component(stream).consumers, 1);
    }

    void kinesisPoisonBatchIsReported()
    {
        DesignBuilder b;
        const ComponentId stream = b.add(ComponentKind::KinesisStream, "stream");
        const ComponentId fn = b.add(ComponentKind::Lambda, "reader", params({{"errorRate", 1.0}}));
        b.traffic(stream, 10);
        b.wire(stream, fn, ConnectionKind::EventSourceMapping);
        const FlowRates f = computeFlowRates(b.design());
        QCOMPARE(f.warnings.size(), 1);
        QVERIFY(f.warnings.first().contains(QStringLiteral("blocked")));
        QVERIFY(std::isfinite(f.component(fn).invocations));
    }

    void asyncRetriesMultiply()
    {
        DesignBuilder b;
        const ComponentId api = b.add(ComponentKind::ApiGateway, "api");
        const ComponentId fn = b.add(ComponentKind::Lambda, "fn", params({{"errorRate", 0.5}}));
        const ComponentId dlq = b.add(ComponentKind::SqsQueue, "failures");
        b.traffic(api, 10);
        b.wire(api, fn, ConnectionKind::AsyncInvoke);
        b.wire(fn, dlq, ConnectionKind::OnFailure);
        const FlowRates f = computeFlowRates(b.design());
        // 2 retries: 10 x (1 + 0.5 + 0.25) = 17.5 invocations/s; 10 x 0.5^3 = 1.25 events/s fail.
        QNEAR(f.component(fn).invocations, 17.5);
        QNEAR(f.component(fn).failedEvents, 1.25);
        QNEAR(f.component(dlq).inRate, 1.25);
    }

    void syncCallsAreNotRetried()
    {
        DesignBuilder b;
        const ComponentId api = b.add(ComponentKind::ApiGateway, "api");
        const ComponentId fn =
            b.add(ComponentKind::Lambda, "fn", params({{"errorRate", 0.5}, {"duration", 200}}));
        const ComponentId db = b.add(ComponentKind::Downstream, "db");
        b.traffic(api, 10);
        b.wire(api, fn, ConnectionKind::SyncInvoke);
        b.wire(fn, db, ConnectionKind::SyncInvoke, params({{"callsPerInvocation", 3}}));
        const FlowRates f = computeFlowRates(b.design());
        QNEAR(f.component(fn).invocations, 10); // the caller sees the error
        QNEAR(f.component(fn).concurrency, 2);  // 10/s x 0.2 s
        QNEAR(f.component(db).inRate, 30);
        // 10/s x 0.2 s x 128 MB = 0.25 GB-s per s
        QNEAR(f.component(fn).gbSeconds, 0.25);
    }

    void apiRoutesShareRequests()
    {
        DesignBuilder b;
        const ComponentId api = b.add(ComponentKind::ApiGateway, "api");
        const ComponentId f1 = b.add(ComponentKind::Lambda, "f1");
        const ComponentId queue = b.add(ComponentKind::SqsQueue, "queue");
        b.traffic(api, 10);
        b.wire(api, f1, ConnectionKind::SyncInvoke);
        b.wire(api, queue, ConnectionKind::ServiceIntegration);
        const FlowRates f = computeFlowRates(b.design());
        QNEAR(f.component(f1).invocations, 5);
        QNEAR(f.component(queue).inRate, 5);
    }

    void stepFunctionsRetriesReachLaterTasks()
    {
        DesignBuilder b;
        const ComponentId sfn = b.add(ComponentKind::StepFunctions, "flow");
        const ComponentId first =
            b.add(ComponentKind::Lambda, "first", params({{"errorRate", 0.5}}));
        const ComponentId second = b.add(ComponentKind::Lambda, "second");
        b.traffic(sfn, 8);
        b.wire(sfn, first, ConnectionKind::ServiceIntegration,
               params({{"order", 1}, {"retryMaxAttempts", 2}, {"catch", false}}));
        b.wire(sfn, second, ConnectionKind::ServiceIntegration, params({{"order", 2}}));
        const FlowRates f = computeFlowRates(b.design());
        // first: 8 x (1 + 0.5 + 0.25) = 14 attempts/s; 0.5^3 = 1/8 of executions fail there.
        QNEAR(f.component(first).invocations, 14);
        QNEAR(f.component(second).invocations, 7);
        QNEAR(f.component(sfn).transitions, 14 + 7);
        // Waits: retry 1 after 1 s (p 0.5), retry 2 after 2 s (p 0.25) = 1 s; tasks
        // 1.75 x 0.1 s + 0.875 x 0.1 s = 0.2625 s.
        QNEAR(f.component(sfn).executionSeconds, 1.2625);
    }

    void trafficPatternsAverageOverTheRun_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<double>("mean");
        // Run 3,600 s, rate 100, multiplier 10, start 600 s, spike 300 s.
        QTest::newRow("poisson") << QStringLiteral("poisson") << 100.0;
        QTest::newRow("diurnal") << QStringLiteral("diurnal") << 100.0; // the curve's mean
        // 100 x (1 + 9 x 300/3600) = 175
        QTest::newRow("spike") << QStringLiteral("spike") << 175.0;
        // 100 x (1 + 9 x 3000/3600) = 850
        QTest::newRow("step") << QStringLiteral("step") << 850.0;
    }

    void trafficPatternsAverageOverTheRun()
    {
        QFETCH(QString, pattern);
        QFETCH(double, mean);
        DesignBuilder b;
        const ComponentId fn = b.add(ComponentKind::Lambda, "fn");
        const ComponentId source = b.traffic(fn, 100, 1, params({{"pattern", pattern}}));
        const FlowRates f = computeFlowRates(b.design());
        QNEAR(f.component(source).inRate, mean);
        QNEAR(f.component(fn).invocations, mean);
    }

    void trafficSpikeFaultCounts()
    {
        DesignBuilder b;
        const ComponentId fn = b.add(ComponentKind::Lambda, "fn");
        const ComponentId source = b.traffic(fn, 100);
        Design d = b.design();
        Fault spike;
        spike.id = d.allocateId();
        spike.kind = FaultKind::TrafficSpike;
        spike.target = source;
        spike.start = 3400;
        spike.duration = 360; // 200 s of it fall inside the 3,600 s run
        spike.rateFactor = 4;
        d.faults.insert(spike.id, spike);
        // 100 x (1 + 3 x 200/3600) = 116.67
        QNEAR(computeFlowRates(d).component(source).inRate, 100 * (1 + 3 * 200.0 / 3600));
    }

    void cyclesSettleOrAreReported()
    {
        // A function that writes every event it processes back into its own queue; half the
        // receives fail and go to the DLQ (maxReceiveCount 1). Arrivals a = 1 + 0.5 a -> a = 2,
        // and the DLQ receives the 1 message/s that enters.
        DesignBuilder b;
        const ComponentId queue = b.add(ComponentKind::SqsQueue, "queue");
        const ComponentId dlq = b.add(ComponentKind::SqsQueue, "dlq");
        const ComponentId fn = b.add(ComponentKind::Lambda, "fn", params({{"errorRate", 0.5}}));
        b.traffic(queue, 1);
        b.wire(queue, fn, ConnectionKind::EventSourceMapping);
        b.wire(queue, dlq, ConnectionKind::Redrive, params({{"maxReceiveCount", 1}}));
        b.wire(fn, queue, ConnectionKind::ServiceIntegration);
        FlowRates f = computeFlowRates(b.design());
        QVERIFY2(f.warnings.isEmpty(), qPrintable(f.warnings.join(QLatin1Char('\n'))));
        QNEAR(f.component(queue).inRate, 2);
        QNEAR(f.component(dlq).inRate, 1);

        // Without errors every message comes back: no steady state.
        DesignBuilder loop;
        const ComponentId q = loop.add(ComponentKind::SqsQueue, "queue");
        const ComponentId g = loop.add(ComponentKind::Lambda, "fn");
        loop.traffic(q, 1);
        loop.wire(q, g, ConnectionKind::EventSourceMapping);
        loop.wire(g, q, ConnectionKind::ServiceIntegration);
        f = computeFlowRates(loop.design());
        QCOMPARE(f.warnings.size(), 1);
        QVERIFY(f.warnings.first().contains(QStringLiteral("cycle")));
    }
};

QTEST_GUILESS_MAIN(TestFlowRates)
#include "flowrates.moc"
