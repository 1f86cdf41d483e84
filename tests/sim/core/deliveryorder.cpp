// Order counters: the DeliveryOrder rule (a unit processed after a later one of its key counts as
// out of order), and kinesis.out_of_order / sqs.out_of_order reading 0 in runs where the engine
// must keep order: Kinesis lanes with failures, retries, bisect and a parallelization factor,
// and SQS FIFO message groups with failing batches returning after their visibility timeout.
#include "simtestutil.h"

#include "core/deliveryorder.h"

#include <QtTest>

using namespace swb::core;
using namespace swb::core::test;

class TestDeliveryOrder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void countsAReorder()
    {
        DeliveryOrder order;
        QVERIFY(!order.deliver(1));
        QVERIFY(!order.deliver(2));
        QVERIFY(!order.deliver(2)); // same position (e.g. one send time): not a reorder
        QVERIFY(!order.deliver(5));
        QVERIFY(!order.reordered());
        QVERIFY(order.deliver(4)); // 4 arrived before 5 but was processed after it
        QVERIFY(order.reordered());
        QVERIFY(!order.deliver(6)); // later deliveries in order are not counted again
        QVERIFY(order.deliver(3));
    }

    void kinesisKeepsOrderThroughRetriesAndBisect_data()
    {
        QTest::addColumn<std::uint32_t>("pf");
        QTest::addColumn<bool>("bisect");
        QTest::newRow("PF 1, retries") << 1u << false;
        QTest::newRow("PF 4, retries") << 4u << false;
        QTest::newRow("PF 1, bisect") << 1u << true;
        QTest::newRow("PF 3, bisect") << 3u << true;
    }
    void kinesisKeepsOrderThroughRetriesAndBisect()
    {
        // 4 shards at 400 records/s, 20% of invocations failing, 0.5% poison records: lanes
        // retry, bisect and skip, and every processed record must follow its lane's order.
        QFETCH(std::uint32_t, pf);
        QFETCH(bool, bisect);
        Scenario sc;
        sc.seed = 8;
        sc.durationSeconds = 300;
        sc.binWidthSeconds = 10;
        TrafficSource s = poisson(400);
        s.poisonFraction = 0.005;
        sc.sources.push_back(s);
        KinesisStream k;
        k.shards = 4;
        sc.streams.push_back(k);
        sc.lambdas.push_back(fixedLambda(50, 0.2));
        sc.queues.push_back(SqsQueue{});
        wire(sc, EdgeKind::Traffic, src(0), kin(0));
        Edge &e = wire(sc, EdgeKind::EventSourceMapping, kin(0), fn(0));
        e.esm.batchSize = 50;
        e.esm.parallelizationFactor = pf;
        e.esm.bisectOnError = bisect;
        e.esm.maxRetryAttempts = 3;
        e.esm.onFailure = sqs(0);
        Simulation sim(sc);
        sim.run();
        QVERIFY(total(sim, fn(0), "lambda.errors") > 100);       // failures happened
        QVERIFY(total(sim, kin(0), "kinesis.on_failure") > 0);   // records were skipped
        QVERIFY(total(sim, src(0), "source.e2e_count") > 50000); // and most were processed
        QCOMPARE(total(sim, kin(0), "kinesis.out_of_order"), 0.0);
        QCOMPARE(total(sim, kin(0), "kinesis.reordered_shards"), 0.0);
    }

    void fifoGroupsKeepOrderThroughFailedBatches()
    {
        // 200 msg/s over 20 message groups; 10% of invocations fail, so batches return after the
        // 5 s visibility timeout while their group stays locked; redrive after 3 receives.
        Scenario sc;
        sc.seed = 9;
        sc.durationSeconds = 300;
        sc.binWidthSeconds = 10;
        sc.sources.push_back(poisson(200));
        SqsQueue q;
        q.type = QueueType::Fifo;
        q.messageGroupCount = 20;
        q.visibilityTimeoutSeconds = 5;
        q.maxReceiveCount = 3;
        sc.queues.push_back(q);
        sc.queues.push_back(SqsQueue{}); // the DLQ
        sc.lambdas.push_back(fixedLambda(20, 0.1));
        wire(sc, EdgeKind::Traffic, src(0), sqs(0));
        wire(sc, EdgeKind::EventSourceMapping, sqs(0), fn(0));
        wire(sc, EdgeKind::Redrive, sqs(0), sqs(1));
        Simulation sim(sc);
        sim.run();
        QVERIFY(total(sim, fn(0), "lambda.errors") > 100);
        QVERIFY(total(sim, sqs(0), "sqs.deletes") > 40000);
        QCOMPARE(total(sim, sqs(0), "sqs.out_of_order"), 0.0);
        QCOMPARE(total(sim, sqs(0), "sqs.reordered_groups"), 0.0);
        QVERIFY(sim.ledger().balanced());
    }
};

QTEST_APPLESS_MAIN(TestDeliveryOrder)
#include "deliveryorder.moc"
