// SQS and its Lambda event source mapping: poller scale-up from 5 by
// +300/min (or +60/min before 2023) to 1,250 or MaximumConcurrency, visibility timeout
// reappearance, redrive to the DLQ after maxReceiveCount, retention expiry, partial batch
// response, FIFO order per message group.
#include "simtestutil.h"

#include <QtTest>

#include <cmath>

using namespace swb::core;
using namespace swb::core::test;

namespace {

// A saturated queue: 5,000 msg/s into a queue whose 1 s function handles one message per batch,
// so the number of concurrent batches equals the pollers the mapping allows.
Scenario backlog(std::uint32_t maxConcurrency, ScalingMode mode, double seconds)
{
    Scenario sc;
    sc.durationSeconds = seconds;
    sc.binWidthSeconds = 1;
    sc.account.concurrencyLimit = 5000;
    sc.account.sqsPollerScaling = mode;
    TrafficSource s = poisson(5000);
    s.pattern = TrafficPattern::Constant;
    sc.sources.push_back(s);
    SqsQueue q;
    q.visibilityTimeoutSeconds = 60;
    sc.queues.push_back(q);
    LambdaFunction f = fixedLambda(1000);
    sc.lambdas.push_back(f);
    wire(sc, EdgeKind::Traffic, src(0), sqs(0));
    Edge &e = wire(sc, EdgeKind::EventSourceMapping, sqs(0), fn(0));
    e.esm.batchSize = 1;
    e.esm.maximumConcurrency = maxConcurrency;
    return sc;
}

Scenario failingConsumer(double visibility, std::uint32_t maxReceive)
{
    Scenario sc;
    sc.durationSeconds = 200;
    sc.binWidthSeconds = 1;
    sc.sources.push_back(poisson(0));
    SqsQueue q;
    q.visibilityTimeoutSeconds = visibility;
    q.maxReceiveCount = maxReceive;
    sc.queues.push_back(q);
    sc.queues.push_back(SqsQueue{}); // DLQ
    sc.lambdas.push_back(fixedLambda(100, 1.0));
    wire(sc, EdgeKind::EventSourceMapping, sqs(0), fn(0));
    wire(sc, EdgeKind::Redrive, sqs(0), sqs(1));
    return sc;
}

} // namespace

class TestSqs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pollersStartAtFiveAndGrow300PerMinute()
    {
        // Deterministic ramp (+5 per 1 s tick while every poller is busy), so exact values.
        Simulation sim(backlog(0, ScalingMode::Current, 300));
        sim.run();
        QCOMPARE(bin(sim, fn(0), "lambda.concurrency", 0), 5.0);
        QCOMPARE(bin(sim, sqs(0), "sqs.pollers", 60), 305.0);  // 5 + 300 after one minute
        QCOMPARE(bin(sim, sqs(0), "sqs.pollers", 120), 605.0); // + 300 per minute
        QCOMPARE(total(sim, sqs(0), "sqs.pollers"), 1250.0);   // cap (aws-behaviour.md §4)
        QCOMPARE(total(sim, fn(0), "lambda.concurrency"), 1250.0);
        QVERIFY(sim.ledger().balanced());
    }

    void pollersCappedByMaximumConcurrency()
    {
        Simulation sim(backlog(50, ScalingMode::Current, 60));
        sim.run();
        QCOMPARE(total(sim, fn(0), "lambda.concurrency"), 50.0);
    }

    void legacyPreset60PerMinuteTo1000()
    {
        Simulation sim(backlog(0, ScalingMode::Legacy2018, 120));
        sim.run();
        QCOMPARE(bin(sim, sqs(0), "sqs.pollers", 60), 65.0); // 5 + 60 after one minute
        QCOMPARE(bin(sim, sqs(0), "sqs.pollers", 119), 124.0);
    }

    void messageReappearsAfterVisibilityTimeoutThenDlq()
    {
        Simulation sim(failingConsumer(30, 3));
        inject(sim, sqs(0));
        sim.run();
        // Received at 0, 30 and 60 s; after the third failed receive it goes to the DLQ when
        // its visibility timeout ends (90 s).
        QCOMPARE(binsWith(sim, sqs(0), "sqs.receives"), (std::vector<std::size_t>{0, 30, 60}));
        QCOMPARE(binsWith(sim, sqs(0), "sqs.to_dlq"), (std::vector<std::size_t>{90}));
        QCOMPARE(binsWith(sim, sqs(1), "sqs.dlq_received"), (std::vector<std::size_t>{90}));
        QCOMPARE(bin(sim, sqs(1), "sqs.visible", 150), 1.0);
        QCOMPARE(bin(sim, sqs(0), "sqs.in_flight", 10), 1.0);
        QCOMPARE(sim.ledger().deadLettered, std::uint64_t(1));
        QVERIFY(sim.ledger().balanced());
    }

    void oldestAgeCountsMessagesInFlight()
    {
        // ApproximateAgeOfOldestMessage is the age of the oldest non-deleted message: a message
        // received by a failing function is invisible (in flight) until its visibility timeout
        // ends, and it still ages. Received at 0, 30 and 60 s, dead-lettered at 90 s.
        Simulation sim(failingConsumer(30, 3));
        inject(sim, sqs(0));
        sim.run();
        QCOMPARE(bin(sim, sqs(0), "sqs.visible", 20), 0.0);
        QCOMPARE(bin(sim, sqs(0), "sqs.in_flight", 20), 1.0);
        QCOMPARE(bin(sim, sqs(0), "sqs.oldest_age_s", 20), 21.0); // sampled as bin 20 closes
        QCOMPARE(bin(sim, sqs(0), "sqs.oldest_age_s", 70), 71.0);
        QCOMPARE(bin(sim, sqs(0), "sqs.oldest_age_s", 95), 0.0); // gone to the DLQ
        // The DLQ has no consumer: the dead letter is held there from 90 s and ages as its
        // backlog shows it.
        QCOMPARE(bin(sim, sqs(1), "sqs.oldest_age_s", 88), 0.0);
        QCOMPARE(bin(sim, sqs(1), "sqs.visible", 150), 1.0);
        QCOMPARE(bin(sim, sqs(1), "sqs.oldest_age_s", 150), 61.0);
    }

    void withoutRedriveMessageKeepsReturning()
    {
        Simulation sim(failingConsumer(50, 0));
        inject(sim, sqs(0));
        sim.run();
        QCOMPARE(binsWith(sim, sqs(0), "sqs.receives"),
                 (std::vector<std::size_t>{0, 50, 100, 150}));
    }

    void retentionExpiresMessages()
    {
        Scenario sc;
        sc.durationSeconds = 100;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(poisson(0));
        SqsQueue q;
        q.retentionSeconds = 60;
        sc.queues.push_back(q);
        Simulation sim(sc);
        for (int i = 0; i < 10; ++i)
            inject(sim, sqs(0));
        sim.runUntil(10);
        inject(sim, sqs(0));
        sim.run();
        // Expiry is swept when a bin closes: messages sent at 0 s reach 60 s of age as bin 59
        // closes (at 60 s) and are counted there; the one sent at 10 s in bin 69.
        std::vector<std::size_t> expected(10, 59);
        expected.push_back(69);
        QCOMPARE(binsWith(sim, sqs(0), "sqs.expired"), expected);
        QCOMPARE(total(sim, sqs(0), "sqs.expired"), 11.0);
        QCOMPARE(bin(sim, sqs(0), "sqs.oldest_age_s", 30), 31.0);
        QCOMPARE(sim.ledger().expired, std::uint64_t(11));
        QVERIFY(sim.ledger().balanced());
    }

    void delayHidesMessages()
    {
        Scenario sc = failingConsumer(30, 0);
        sc.queues[0].delaySeconds = 20;
        sc.lambdas[0].errorRate = 0;
        Simulation sim(sc);
        inject(sim, sqs(0));
        sim.run();
        QCOMPARE(binsWith(sim, sqs(0), "sqs.receives"), (std::vector<std::size_t>{20}));
    }

    void partialBatchResponseReturnsOnlyFailedMessages()
    {
        Scenario sc = failingConsumer(30, 2);
        sc.lambdas[0].errorRate = 0;
        sc.edges[0].esm.reportBatchItemFailures = true;
        sc.edges[0].esm.batchingWindowSeconds = 1;
        Simulation sim(sc);
        for (int i = 0; i < 9; ++i)
            inject(sim, sqs(0), i == 4);
        sim.run();
        // One batch of 9 at 1 s: 8 deleted, the poison message returns at 31 s, fails again and
        // moves to the DLQ at 61 s.
        QCOMPARE(total(sim, sqs(0), "sqs.deletes"), 8.0);
        QCOMPARE(binsWith(sim, sqs(0), "sqs.receives"),
                 (std::vector<std::size_t>{1, 1, 1, 1, 1, 1, 1, 1, 1, 31}));
        QCOMPARE(binsWith(sim, sqs(0), "sqs.to_dlq"), (std::vector<std::size_t>{61}));
    }

    void fifoConcurrencyIsBoundedByMessageGroups()
    {
        // One batch in flight per message group: 4 groups cap the consumer at 4 concurrent
        // invocations although 5 pollers and plenty of backlog are available.
        Scenario sc;
        sc.durationSeconds = 60;
        sc.binWidthSeconds = 1;
        TrafficSource s = poisson(100);
        s.pattern = TrafficPattern::Constant;
        sc.sources.push_back(s);
        SqsQueue q;
        q.type = QueueType::Fifo;
        q.messageGroupCount = 4;
        sc.queues.push_back(q);
        sc.lambdas.push_back(fixedLambda(1000));
        wire(sc, EdgeKind::Traffic, src(0), sqs(0));
        wire(sc, EdgeKind::EventSourceMapping, sqs(0), fn(0)).esm.batchSize = 10;
        Simulation sim(sc);
        sim.run();
        QCOMPARE(total(sim, fn(0), "lambda.concurrency"), 4.0);
        QVERIFY(total(sim, sqs(0), "sqs.visible") > 1000); // 100/s in, at most 40/s out
        QVERIFY(sim.ledger().balanced());
    }

    void fifoKeepsGroupOrderAndBlocksGroupOnFailure()
    {
        Scenario sc;
        sc.durationSeconds = 100;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(poisson(0));
        SqsQueue q;
        q.type = QueueType::Fifo;
        q.messageGroupCount = 1;
        q.visibilityTimeoutSeconds = 30;
        sc.queues.push_back(q);
        sc.lambdas.push_back(fixedLambda(100));
        Edge &e = wire(sc, EdgeKind::EventSourceMapping, sqs(0), fn(0));
        e.esm.batchSize = 1;
        Simulation sim(sc);
        inject(sim, sqs(0), true); // poison at the head of the only group
        for (int i = 0; i < 3; ++i)
            inject(sim, sqs(0));
        sim.run();
        // The group is blocked behind its failing head: nothing else is ever delivered.
        QCOMPARE(total(sim, sqs(0), "sqs.deletes"), 0.0);
        QCOMPARE(binsWith(sim, sqs(0), "sqs.receives"), (std::vector<std::size_t>{0, 30, 60, 90}));
    }
};

QTEST_APPLESS_MAIN(TestSqs)
#include "sqs.moc"
