// Dead-letter queues and topics with their own consumers (aws-behaviour.md §4 "Redrive", §3
// "Subscription DLQ", §1 "Destinations / DLQ"): a DLQ is an ordinary queue or topic, so what
// reaches one that the user wired to a consumer is processed like any other message; the
// conservation ledger balances at every closed bin. A DLQ nobody reads stays a sink
// (dead-lettered).
#include "simtestutil.h"

#include <QtTest>

using namespace swb::core;
using namespace swb::core::test;

namespace {

// 20 msg/s for 100 s (then nothing) into sqs(0), whose consumer always fails; after 2 receives
// (10 s visibility timeout) a message is redriven to sqs(1), the DLQ, read by a healthy function.
Scenario redriveToConsumedDlq(bool dlqHasConsumer)
{
    Scenario sc;
    sc.seed = 5;
    sc.durationSeconds = 400;
    sc.binWidthSeconds = 1;
    TrafficSource s = poisson(20);
    s.pattern = TrafficPattern::Step;
    s.startSeconds = 100;
    s.multiplier = 0;
    sc.sources.push_back(s);
    SqsQueue q;
    q.visibilityTimeoutSeconds = 10;
    q.maxReceiveCount = 2;
    sc.queues.push_back(q);
    sc.queues.push_back(SqsQueue{});
    sc.lambdas.push_back(fixedLambda(50, 1.0)); // failing consumer
    sc.lambdas.push_back(fixedLambda(50));      // reprocessing consumer
    wire(sc, EdgeKind::Traffic, src(0), sqs(0));
    wire(sc, EdgeKind::EventSourceMapping, sqs(0), fn(0));
    wire(sc, EdgeKind::Redrive, sqs(0), sqs(1));
    if (dlqHasConsumer)
        wire(sc, EdgeKind::EventSourceMapping, sqs(1), fn(1));
    return sc;
}

} // namespace

class TestDlqConsumers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void redrivenMessagesAreReprocessed()
    {
        Simulation sim(redriveToConsumedDlq(true));
        LedgerChecker ledger;
        sim.setFrameSink(&ledger);
        sim.run();
        const Ledger &l = sim.ledger();
        const double produced = double(l.produced);
        QVERIFY(produced > 1500);
        // Every message failed twice, went to the DLQ and was processed from there.
        QCOMPARE(total(sim, sqs(0), "sqs.to_dlq"), produced);
        QCOMPARE(total(sim, sqs(1), "sqs.dlq_received"), produced);
        QCOMPARE(total(sim, sqs(1), "sqs.deletes"), produced);
        QCOMPARE(double(l.succeeded), produced);
        QCOMPARE(l.deadLettered, std::uint64_t(0));
        QCOMPARE(l.inFlight, std::uint64_t(0));
        QCOMPARE(ledger.unbalanced, 0);
        QCOMPARE(ledger.bins, 400);
    }

    void unreadDlqStaysASink()
    {
        Simulation sim(redriveToConsumedDlq(false));
        sim.run();
        const Ledger &l = sim.ledger();
        QCOMPARE(l.deadLettered, l.produced);
        QCOMPARE(bin(sim, sqs(1), "sqs.visible", 399), double(l.produced));
        QCOMPARE(l.succeeded, std::uint64_t(0));
        QVERIFY(l.balanced());
    }

    void lambdaDlqTopicFansOutToItsSubscribers()
    {
        // An async function with reserved concurrency 0 sends every event straight to its DLQ
        // (aws-behaviour.md §1 "Reserved = 0"); the DLQ is a topic whose subscriber queue feeds a
        // function.
        Scenario sc;
        sc.durationSeconds = 120;
        sc.binWidthSeconds = 1;
        TrafficSource s = poisson(10);
        s.pattern = TrafficPattern::Step;
        s.startSeconds = 60;
        s.multiplier = 0;
        sc.sources.push_back(s);
        LambdaFunction off = fixedLambda(10);
        off.reservedConcurrency = 0;
        sc.lambdas.push_back(off);
        sc.lambdas.push_back(fixedLambda(10));
        sc.topics.push_back(SnsTopic{});
        sc.queues.push_back(SqsQueue{});
        wire(sc, EdgeKind::Traffic, src(0), fn(0));
        wire(sc, EdgeKind::DeadLetter, fn(0), sns(0));
        wire(sc, EdgeKind::Subscription, sns(0), sqs(0));
        wire(sc, EdgeKind::EventSourceMapping, sqs(0), fn(1));
        Simulation sim(sc);
        LedgerChecker ledger;
        sim.setFrameSink(&ledger);
        sim.run();
        const double produced = double(sim.ledger().produced);
        QVERIFY(produced > 400);
        QCOMPARE(total(sim, fn(0), "lambda.dlq"), produced);
        QCOMPARE(total(sim, sns(0), "sns.deliveries"), produced);
        QCOMPARE(total(sim, sqs(0), "sqs.deletes"), produced);
        QCOMPARE(double(sim.ledger().succeeded), produced);
        QCOMPARE(ledger.unbalanced, 0);
    }

    void killSwitchedFunctionsFeedingEachOtherStop()
    {
        // Two kill-switched functions whose DLQs are each other: the hand-off chain is cut and
        // the event ends dead-lettered instead of recursing without end.
        Scenario sc;
        sc.durationSeconds = 5;
        sc.sources.push_back(poisson(0));
        for (int i = 0; i < 2; ++i) {
            LambdaFunction off = fixedLambda(10);
            off.reservedConcurrency = 0;
            sc.lambdas.push_back(off);
        }
        wire(sc, EdgeKind::DeadLetter, fn(0), fn(1));
        wire(sc, EdgeKind::DeadLetter, fn(1), fn(0));
        Simulation sim(sc);
        inject(sim, fn(0));
        sim.run();
        QCOMPARE(sim.ledger().deadLettered, std::uint64_t(1));
        QVERIFY(sim.ledger().balanced());
    }
};

QTEST_APPLESS_MAIN(TestDlqConsumers)
#include "dlqconsumers.moc"
