// Order counters per Kinesis shard and per FIFO message group (kinesis.shard#.out_of_order,
// sqs.group#.out_of_order): one series per shard or group (the first 64), reading 0 while order
// holds, as it does under failures, retries, bisect and redrive (aws-behaviour.md §4 "FIFO", §5).
// Order does break in one design the simulator allows: a FIFO queue whose function reports
// partial batch failures and carries on after a failed message, so a later message of the group
// is deleted before the earlier one is retried. AWS's guidance is that such a function stop at
// the first failure and report the rest of the batch; the counters show what happens otherwise.
//
// A Kinesis shard keeps order in the model in every case (one batch at a time per shard, or per
// partition key with a parallelization factor; retries, bisect and partial batch responses only
// ever retry the front of the lane, and a skipped record is never processed), so the per-shard
// counters can only be shown at 0 here; DeliveryOrder's counting itself is tested in
// tests/sim/core/deliveryorder.cpp.

#include "runtestutil.h"

#include "../model/costtestutil.h"

#include "sim/runresults.h"

#include <QTest>

using namespace swb;
using namespace swb::test;

namespace {

// The keyed series of `id` whose names run `prefix`0`suffix`.. : their totals, in key order.
QList<double> keyedTotals(const RunResults &r, ComponentId id, const QString &prefix,
                          const QString &suffix, int keys)
{
    QList<double> totals;
    for (int k = 0; k < keys; ++k)
        totals.append(seriesTotal(r, id, prefix + QString::number(k) + suffix));
    return totals;
}

double sum(const QList<double> &values)
{
    double s = 0;
    for (double v : values)
        s += v;
    return s;
}

// A FIFO queue of 8 groups at 50 msg/s, 20% transient failures, 5 s visibility, redrive after 5
// receives, batches of 10.
RunResults runFifo(bool partial, ComponentId *queue)
{
    DesignBuilder b;
    *queue = b.add(
        ComponentKind::SqsQueue, "orders.fifo",
        params({{"type", QStringLiteral("FIFO")}, {"messageGroups", 8}, {"visibilityTimeout", 5}}));
    const ComponentId fn = b.add(ComponentKind::Lambda, "fn", params({{"duration", 20.0}}));
    const ComponentId dlq =
        b.add(ComponentKind::SqsQueue, "dlq.fifo", params({{"type", QStringLiteral("FIFO")}}));
    b.traffic(*queue, 50, 1, params({{"transientFailureRate", 0.2}}));
    b.wire(*queue, fn, ConnectionKind::EventSourceMapping,
           params({{"batchSize", 10}, {"reportBatchItemFailures", partial}}));
    b.wire(*queue, dlq, ConnectionKind::Redrive, params({{"maxReceiveCount", 5}}));
    return runFor(b.design(), 600);
}

} // namespace

class TestOrderPerKey : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void kinesisShardCountersReadZero()
    {
        // 4 shards, parallelization 2, poison and transient failures with bisect and 2 retries:
        // batches fail, split, retry and skip, and every shard's counter stays at 0.
        DesignBuilder b;
        const ComponentId stream = b.add(ComponentKind::KinesisStream, "stream",
                                         params({{"shards", 4}, {"partitionKeys", 1000}}));
        const ComponentId fn = b.add(ComponentKind::Lambda, "fn", params({{"duration", 20.0}}));
        const ComponentId failures = b.add(ComponentKind::SqsQueue, "failures");
        b.traffic(stream, 400, 1, params({{"poisonShare", 0.002}, {"transientFailureRate", 0.05}}));
        b.wire(stream, fn, ConnectionKind::EventSourceMapping,
               params({{"batchSize", 100},
                       {"parallelizationFactor", 2},
                       {"maxRetryAttempts", 2},
                       {"bisectOnError", true}}));
        b.wire(stream, failures, ConnectionKind::OnFailure);
        const RunResults r = runFor(b.design(), 300);
        const QList<double> perShard = keyedTotals(r, stream, QStringLiteral("kinesis.shard"),
                                                   QStringLiteral(".out_of_order"), 4);
        for (double v : perShard)
            QCOMPARE(v, 0.0); // the series exists (-1 if not) and reads 0
        QCOMPARE(seriesTotal(r, stream, QStringLiteral("kinesis.shard4.out_of_order")), -1.0);
        QVERIFY(seriesTotal(r, stream, QStringLiteral("kinesis.on_failure")) > 0);
        QVERIFY(seriesTotal(r, fn, QStringLiteral("lambda.errors")) > 0);
        QCOMPARE(seriesTotal(r, stream, QStringLiteral("kinesis.out_of_order")), 0.0);
    }

    void fifoGroupCountersReadZeroWhenWholeBatchesReturn()
    {
        // Without a partial batch response a failure returns the whole batch, in order: every
        // group's counter reads 0 although a fifth of the attempts fail.
        ComponentId queue = InvalidId;
        const RunResults r = runFifo(false, &queue);
        const QList<double> perGroup =
            keyedTotals(r, queue, QStringLiteral("sqs.group"), QStringLiteral(".out_of_order"), 8);
        for (double v : perGroup)
            QCOMPARE(v, 0.0);
        QCOMPARE(seriesTotal(r, queue, QStringLiteral("sqs.group8.out_of_order")), -1.0);
        QVERIFY(seriesTotal(r, queue, QStringLiteral("sqs.receives"))
                > seriesTotal(r, queue, QStringLiteral("sqs.deletes")));
        QCOMPARE(seriesTotal(r, queue, QStringLiteral("sqs.out_of_order")), 0.0);
    }

    void fifoGroupCountersCountAPartialBatchThatCarriesOn()
    {
        // With ReportBatchItemFailures and a function that reports only the failed messages, a
        // later message of the group is deleted before the failed one is retried: the group's
        // counter counts it. 30,000 messages in 8 groups (a hash of the message's key): every
        // group sees failures, and the per-group counts add up to the queue's.
        ComponentId queue = InvalidId;
        const RunResults r = runFifo(true, &queue);
        const QList<double> perGroup =
            keyedTotals(r, queue, QStringLiteral("sqs.group"), QStringLiteral(".out_of_order"), 8);
        for (double v : perGroup)
            QVERIFY2(v > 0, qPrintable(QStringLiteral("per group: %1").arg(sum(perGroup))));
        QCOMPARE(sum(perGroup), seriesTotal(r, queue, QStringLiteral("sqs.out_of_order")));
        QCOMPARE(r.summary.ledger.balanced(), true);
    }
};

QTEST_GUILESS_MAIN(TestOrderPerKey)
#include "orderperkey.moc"
