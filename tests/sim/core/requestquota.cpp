// Request-rate quotas that throttle a producer's request (Kernel::admits): an SQS FIFO queue's
// 300 API calls/s per action and its high-throughput mode (aws-behaviour.md §4 "FIFO
// throughput"), an SNS topic's publish limits (§3), each lowered by a Throttle fault; a
// throttled request is retried by the producer's SDK in the standard mode, then lost (§10).
#include "sdkaccounting.h"

#include <QtTest>

#include <cmath>

using namespace swb::core;
using namespace swb::core::test;

namespace {

// A client sending `rate` messages/s, one SendMessage each, into a queue nobody reads.
Scenario intoQueue(double rate, QueueType type, double callsPerSecond = kFifoCallsPerSecond,
                   std::uint32_t groups = 1)
{
    Scenario sc;
    sc.durationSeconds = 60;
    sc.binWidthSeconds = 1;
    sc.sources.push_back(constantSource(rate));
    SqsQueue q;
    q.type = type;
    q.messageGroupCount = groups;
    q.callsPerSecond = callsPerSecond;
    sc.queues.push_back(q);
    wire(sc, EdgeKind::Traffic, src(0), sqs(0));
    return sc;
}

} // namespace

class TestRequestQuota : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fifoQueueTakes300SendsPerSecond()
    {
        // 500 single sends/s into a FIFO queue: once its one second of burst is spent it takes
        // exactly the 300 calls/s refill (+-1 at bin edges); the SDK retries the rest twice and
        // then gives up, so in steady state 200/s are lost. Tolerance 5 % on the loss rate: it
        // is a mean over 10,000 losses in 50 s, and the 3 s of retry delay at the window's edges
        // cancel in a stationary run; the check fails both if nothing is throttled (0/s) and if
        // throttled sends were lost without retries (still 200/s lost, but then
        // source.sdk_retries is 0, which checkSdkAccounting catches).
        Simulation sim(intoQueue(500, QueueType::Fifo));
        sim.run();
        for (std::size_t b = 3; b < 60; ++b)
            QVERIFY2(std::abs(bin(sim, sqs(0), "sqs.sent", b) - 300) <= 1,
                     qPrintable(QString::number(bin(sim, sqs(0), "sqs.sent", b))));
        const double lostPerSecond = sumBins(sim, src(0), "source.sdk_lost", 5, 55) / 50;
        QVERIFY2(std::abs(lostPerSecond - 200) <= 10, qPrintable(QString::number(lostPerSecond)));
        QVERIFY(total(sim, src(0), "source.sdk_retries") > 0);
        // A lost request was throttled on each of its 3 attempts; one that got in on a retry
        // was throttled once or twice before.
        const double throttled = total(sim, sqs(0), "sqs.throttled");
        const double lost = total(sim, src(0), "source.sdk_lost");
        QVERIFY2(throttled > 3 * lost, qPrintable(QString::number(throttled)));
        checkSdkAccounting(sim, sqs(0), "sqs.throttled");
    }

    void highThroughputModeTakesTheLoad()
    {
        // High-throughput mode with 10 message groups: 3,000 calls/s (300 per group), so 500/s
        // pass untouched.
        Simulation sim(intoQueue(500, QueueType::Fifo, 10 * kFifoCallsPerSecond, 10));
        sim.run();
        QCOMPARE(total(sim, sqs(0), "sqs.throttled"), 0.0);
        QCOMPARE(total(sim, src(0), "source.sdk_retries"), 0.0);
        QCOMPARE(total(sim, sqs(0), "sqs.sent"), total(sim, src(0), "source.generated"));
    }

    void standardQueueHasNoQuota()
    {
        Simulation sim(intoQueue(5000, QueueType::Standard));
        sim.run();
        QCOMPARE(total(sim, sqs(0), "sqs.throttled"), 0.0);
        QCOMPARE(total(sim, sqs(0), "sqs.sent"), total(sim, src(0), "source.generated"));
    }

    void throttleFaultLowersTheFifoQuota()
    {
        // 100 sends/s are within 300/s; a Throttle at 0.2 from 10 s to 20 s leaves 60 calls/s
        // once the burst (300 tokens at 5 per call = 60 calls) is spent: bin 15 takes 60 (+-1).
        Scenario sc = intoQueue(100, QueueType::Fifo);
        sc.durationSeconds = 40;
        sc.faults.push_back(throttleFault(sqs(0), 0.2));
        Simulation sim(sc);
        sim.run();
        QCOMPARE(sumBins(sim, sqs(0), "sqs.throttled", 0, 10), 0.0);
        QVERIFY2(std::abs(bin(sim, sqs(0), "sqs.sent", 15) - 60) <= 1,
                 qPrintable(QString::number(bin(sim, sqs(0), "sqs.sent", 15))));
        QVERIFY(bin(sim, sqs(0), "sqs.throttled", 15) >= 40);
        // The last retries land within 3 s of the window (backoff at most 1 + 2 s).
        QCOMPARE(sumBins(sim, sqs(0), "sqs.throttled", 24, 40), 0.0);
        QCOMPARE(bin(sim, sqs(0), "sqs.sent", 30), 100.0);
        checkSdkAccounting(sim, sqs(0), "sqs.throttled");
    }

    void fifoReceivesShareTheQuota()
    {
        // Lambda's pollers receive one batch (one call) per message group; with batches of one
        // and a consumer that fails half the time (visibility 1 s), 200 sends/s need about 400
        // receives/s: above the 300 ReceiveMessage calls/s, so receives hold at 300/s and the
        // waits count as throttled calls, while no send is throttled.
        Scenario sc = intoQueue(200, QueueType::Fifo, kFifoCallsPerSecond, 1000);
        sc.queues[0].visibilityTimeoutSeconds = 1;
        sc.lambdas.push_back(fixedLambda(10, 0.5));
        wire(sc, EdgeKind::EventSourceMapping, sqs(0), fn(0)).esm.batchSize = 1;
        Simulation sim(sc);
        sim.run();
        // Over 40 s of saturation the receives are the 300/s refill plus at most the one second
        // of burst the bucket may have saved before; not fewer than the refill (-1 per bin).
        const double received = sumBins(sim, sqs(0), "sqs.receives", 20, 60);
        QVERIFY2(received >= 40 * 299 && received <= 40 * 300 + 300,
                 qPrintable(QString::number(received)));
        for (std::size_t b = 30; b < 60; ++b) // saturated: the bucket stays empty
            QVERIFY2(
                bin(sim, sqs(0), "sqs.receives", b) <= 301,
                qPrintable(
                    QStringLiteral("bin %1: %2").arg(b).arg(bin(sim, sqs(0), "sqs.receives", b))));
        QCOMPARE(total(sim, src(0), "source.sdk_retries"), 0.0);
        QVERIFY(total(sim, sqs(0), "sqs.throttled") > 0);
        QVERIFY(sim.ledger().balanced());
    }

    void standardTopicThrottlesAboveItsPublishQuota()
    {
        // A standard topic with a Publish quota of 1,000/s takes 1,000 of 1,500 publishes/s;
        // a Throttle at 0.5 lowers an 800/s load to 500/s inside its window only.
        Scenario sc;
        sc.durationSeconds = 30;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(constantSource(1500));
        SnsTopic t;
        t.publishesPerSecond = 1000;
        sc.topics.push_back(t);
        wire(sc, EdgeKind::Traffic, src(0), sns(0));
        Simulation sim(sc);
        sim.run();
        for (std::size_t b = 3; b < 30; ++b)
            QVERIFY(std::abs(bin(sim, sns(0), "sns.publishes", b) - 1000) <= 1);
        checkSdkAccounting(sim, sns(0), "sns.publish_throttles");

        sc.sources[0] = constantSource(800);
        sc.faults.push_back(throttleFault(sns(0), 0.5));
        Simulation faulted(sc);
        faulted.run();
        QCOMPARE(sumBins(faulted, sns(0), "sns.publish_throttles", 0, 10), 0.0);
        QVERIFY(std::abs(bin(faulted, sns(0), "sns.publishes", 15) - 500) <= 1);
        QCOMPARE(sumBins(faulted, sns(0), "sns.publish_throttles", 24, 30), 0.0);
        checkSdkAccounting(faulted, sns(0), "sns.publish_throttles");
    }

    void fifoTopicThrottleFaultAndRetries()
    {
        // A FIFO topic (3,000 msg/s) at 0.1 takes 300 of 1,000 publishes/s in the window; the
        // publisher's SDK retries the throttled ones (before, they were rejected at once).
        Scenario sc;
        sc.durationSeconds = 30;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(constantSource(1000));
        SnsTopic t;
        t.type = TopicType::Fifo;
        sc.topics.push_back(t);
        wire(sc, EdgeKind::Traffic, src(0), sns(0));
        sc.faults.push_back(throttleFault(sns(0), 0.1));
        Simulation sim(sc);
        sim.run();
        QCOMPARE(sumBins(sim, sns(0), "sns.publish_throttles", 0, 10), 0.0);
        QVERIFY(std::abs(bin(sim, sns(0), "sns.publishes", 15) - 300) <= 1);
        QVERIFY(total(sim, src(0), "source.sdk_retries") > 0);
        checkSdkAccounting(sim, sns(0), "sns.publish_throttles");
    }

    void snsDeliveryToAThrottlingFifoQueueIsRetried()
    {
        // A FIFO topic fans out to a FIFO queue throttled to 0 for 5 s: SNS's delivery policy
        // (AWS-managed: 3 immediate retries, then 2 at 1 s, then backoff) retries each delivery;
        // every publish reaches the queue once the window ends, none is lost.
        Scenario sc;
        sc.durationSeconds = 60;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(constantSource(10));
        SnsTopic t;
        t.type = TopicType::Fifo;
        sc.topics.push_back(t);
        SqsQueue q;
        q.type = QueueType::Fifo;
        sc.queues.push_back(q);
        wire(sc, EdgeKind::Traffic, src(0), sns(0));
        wire(sc, EdgeKind::Subscription, sns(0), sqs(0));
        sc.faults.push_back(throttleFault(sqs(0), 0.0, 10, 5));
        Simulation sim(sc);
        sim.run();
        QVERIFY(total(sim, sqs(0), "sqs.throttled") > 0);
        QVERIFY(total(sim, sns(0), "sns.delivery_retries") > 0);
        QCOMPARE(total(sim, sns(0), "sns.dlq"), 0.0);
        QCOMPARE(double(sim.ledger().rejected + sim.ledger().dropped), 0.0);
        QCOMPARE(sumBins(sim, sqs(0), "sqs.sent", 0, 60), total(sim, src(0), "source.generated"));
    }
};

QTEST_APPLESS_MAIN(TestRequestQuota)
#include "requestquota.moc"
