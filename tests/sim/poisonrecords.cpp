// Poison records set in a design (a traffic source's poisonShare) against the documented rules:
// Kinesis BisectBatchOnFunctionError isolates a poison record, which is skipped to the
// on-failure destination once its retries are spent while the rest of its batch succeeds
// (aws-behaviour.md §5); an SQS partial batch response (ReportBatchItemFailures) returns only the
// failed messages, so only poison messages are received again and redriven (aws-behaviour.md §4);
// a Step Functions Task retries a poison input per its Retry array, then Catch or the execution
// fails (§6); a poison message SNS delivers to a Lambda subscription is retried by Lambda's async
// policy, then goes to the function's on-failure destination or is lost, SNS's own delivery
// policy never firing (§1, §3).

#include "runtestutil.h"

#include "../model/costtestutil.h"

#include "sim/runresults.h"

#include <QTest>

#include <cmath>

using namespace swb;
using namespace swb::test;

class TestPoisonRecords : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bisectIsolatesAPoisonRecord_data()
    {
        QTest::addColumn<bool>("bisect");
        QTest::newRow("bisect") << true;
        QTest::newRow("no bisect") << false;
    }
    void bisectIsolatesAPoisonRecord()
    {
        // 200 records/s for 600 s, 0.2% poison: ~240 poison records among 120,000. Batches of
        // 100, 2 retries, failures to an SQS on-failure queue.
        QFETCH(bool, bisect);
        DesignBuilder b;
        const ComponentId stream = b.add(ComponentKind::KinesisStream, "stream");
        const ComponentId fn = b.add(ComponentKind::Lambda, "fn", params({{"duration", 20.0}}));
        const ComponentId failures = b.add(ComponentKind::SqsQueue, "failures");
        b.traffic(stream, 200, 1, params({{"poisonShare", 0.002}}));
        b.wire(stream, fn, ConnectionKind::EventSourceMapping,
               params({{"batchSize", 100}, {"maxRetryAttempts", 2}, {"bisectOnError", bisect}}));
        b.wire(stream, failures, ConnectionKind::OnFailure);
        const RunResults r = runFor(b.design(), 600);
        const LedgerSnapshot &l = r.summary.ledger;
        const double skipped = seriesTotal(r, stream, QStringLiteral("kinesis.on_failure"));
        const double expected = 0.002 * double(l.produced);
        QVERIFY(l.produced > 100000);
        QVERIFY(l.balanced());
        QCOMPARE(double(l.deadLettered), skipped); // skipped records reach the on-failure queue
        QCOMPARE(l.dropped + l.expired + l.rejected, quint64(0));
        if (bisect) {
            // Only the poison records are skipped: their count is binomial (mean ~240, sd ~15.5);
            // +-40% is more than 6 sd. Everything else succeeded.
            QVERIFY2(
                std::abs(skipped - expected) < 0.4 * expected,
                qPrintable(QStringLiteral("skipped %1, poison ~%2").arg(skipped).arg(expected)));
        } else {
            // Without bisect a poison record takes its whole batch with it.
            QVERIFY2(
                skipped > 10 * expected,
                qPrintable(QStringLiteral("skipped %1, poison ~%2").arg(skipped).arg(expected)));
        }
        QCOMPARE(double(l.succeeded), double(l.produced - l.inFlight) - skipped);
    }

    void partialBatchResponseReturnsOnlyFailedMessages_data()
    {
        QTest::addColumn<bool>("partial");
        QTest::newRow("ReportBatchItemFailures") << true;
        QTest::newRow("whole batch") << false;
    }
    void partialBatchResponseReturnsOnlyFailedMessages()
    {
        // 100 msg/s, 1% poison, stopping at 540 s (a step to 0) so that every poison message has
        // finished its 3 receives (5 s visibility timeout each) by the end of the 600 s run.
        // Batches of 10 gathered for up to 1 s. With a partial batch response every good
        // message is received once and deleted and every poison message is received 3 times and
        // redriven: receives = deletes + 3 x redriven exactly, and redriven is the poison count
        // (binomial, mean ~540, sd ~23: +-25% is ~6 sd). Without it a poison message fails its
        // whole batch, whose messages all reach the DLQ with it.
        QFETCH(bool, partial);
        DesignBuilder b;
        const ComponentId queue =
            b.add(ComponentKind::SqsQueue, "queue", params({{"visibilityTimeout", 5}}));
        const ComponentId fn = b.add(ComponentKind::Lambda, "fn", params({{"duration", 20.0}}));
        const ComponentId dlq = b.add(ComponentKind::SqsQueue, "dlq");
        b.traffic(queue, 100, 1,
                  params({{"poisonShare", 0.01},
                          {"pattern", QStringLiteral("step")},
                          {"spikeStart", 540},
                          {"spikeMultiplier", 0}}));
        b.wire(
            queue, fn, ConnectionKind::EventSourceMapping,
            params(
                {{"batchSize", 10}, {"batchingWindow", 1}, {"reportBatchItemFailures", partial}}));
        b.wire(queue, dlq, ConnectionKind::Redrive, params({{"maxReceiveCount", 3}}));
        const RunResults r = runFor(b.design(), 600);
        const double receives = seriesTotal(r, queue, QStringLiteral("sqs.receives"));
        const double deletes = seriesTotal(r, queue, QStringLiteral("sqs.deletes"));
        const double redriven = seriesTotal(r, queue, QStringLiteral("sqs.to_dlq"));
        const double poison = 0.01 * double(r.summary.ledger.produced);
        const QString figures = QStringLiteral("receives %1 deletes %2 redriven %3 poison ~%4")
                                    .arg(receives)
                                    .arg(deletes)
                                    .arg(redriven)
                                    .arg(poison);
        QVERIFY(r.summary.ledger.produced > 50000);
        QCOMPARE(r.summary.ledger.inFlight, quint64(0)); // everything finished
        if (partial) {
            QVERIFY2(receives == deletes + 3 * redriven, qPrintable(figures));
            QVERIFY2(std::abs(redriven - poison) < 0.25 * poison, qPrintable(figures));
            QCOMPARE(seriesTotal(r, fn, QStringLiteral("lambda.errors")), 0.0);
        } else {
            QVERIFY2(redriven > 3 * poison, qPrintable(figures));
            QVERIFY(seriesTotal(r, fn, QStringLiteral("lambda.errors")) > 0);
        }
        QVERIFY(r.summary.ledger.balanced());
    }

    void stepFunctionsRetriesAPoisonInputThenCatches_data()
    {
        QTest::addColumn<bool>("catchErrors");
        QTest::newRow("Catch") << true;
        QTest::newRow("no Catch") << false;
    }
    void stepFunctionsRetriesAPoisonInputThenCatches()
    {
        // 50 executions/s for 300 s, 2% poison (binomial: mean ~300, sd ~17; +-25% is ~4 sd).
        // The Retry array's first retrier names only throttles, so the function's error falls to
        // the States.ALL retrier: 2 retries per poison execution, exactly, then the Catch
        // fallback or a failed execution. Nothing else fails.
        QFETCH(bool, catchErrors);
        DesignBuilder b;
        const ComponentId sm = b.add(ComponentKind::StepFunctions, "flow");
        const ComponentId fn = b.add(ComponentKind::Lambda, "fn", params({{"duration", 20.0}}));
        b.traffic(sm, 50, 1,
                  params({{"poisonShare", 0.02},
                          {"pattern", QStringLiteral("step")},
                          {"spikeStart", 300},
                          {"spikeMultiplier", 0}}));
        b.wire(sm, fn, ConnectionKind::ServiceIntegration,
               params({{"retriers",
                        QStringLiteral(R"([{"ErrorEquals": ["Lambda.TooManyRequestsException"],
                                            "MaxAttempts": 6},
                                           {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1,
                                            "MaxAttempts": 2}])")},
                       {"catch", catchErrors}}));
        const RunResults r = runFor(b.design(), 360);
        const LedgerSnapshot &l = r.summary.ledger;
        QCOMPARE(l.inFlight, quint64(0));
        QVERIFY(l.balanced());
        const double caught = seriesTotal(r, sm, QStringLiteral("sfn.caught"));
        const double failed = seriesTotal(r, sm, QStringLiteral("sfn.failures"));
        const double ended = catchErrors ? caught : failed;
        const double poison = 0.02 * double(l.produced);
        QVERIFY2(std::abs(ended - poison) < 0.25 * poison,
                 qPrintable(QStringLiteral("ended %1, poison ~%2").arg(ended).arg(poison)));
        QCOMPARE(catchErrors ? failed : caught, 0.0);
        QCOMPARE(seriesTotal(r, sm, QStringLiteral("sfn.retries")), 2 * ended);
        QCOMPARE(seriesTotal(r, fn, QStringLiteral("lambda.errors")), 3 * ended);
        QCOMPARE(seriesTotal(r, sm, QStringLiteral("sfn.succeeded")), double(l.produced) - ended);
    }

    void snsPoisonMessageToALambdaSubscription_data()
    {
        QTest::addColumn<bool>("onFailure");
        QTest::newRow("on-failure destination") << true;
        QTest::newRow("none: lost") << false;
    }
    void snsPoisonMessageToALambdaSubscription()
    {
        // 50 msg/s for 300 s, 2% poison. SNS hands each message to Lambda's async queue once
        // (delivery succeeds when Lambda accepts the event): the function fails the poison
        // message, Lambda retries it twice (~1 and ~2 min later), then sends it to the
        // function's on-failure destination, or discards it. The subscription's DLQ (SNS's
        // redrive policy) receives nothing: it is for deliveries SNS itself gives up on.
        QFETCH(bool, onFailure);
        DesignBuilder b;
        const ComponentId topic = b.add(ComponentKind::SnsTopic, "topic");
        const ComponentId fn = b.add(ComponentKind::Lambda, "fn", params({{"duration", 20.0}}));
        const ComponentId subscriptionDlq = b.add(ComponentKind::SqsQueue, "subscription-dlq");
        b.traffic(topic, 50, 1,
                  params({{"poisonShare", 0.02},
                          {"pattern", QStringLiteral("step")},
                          {"spikeStart", 300},
                          {"spikeMultiplier", 0}}));
        b.wire(topic, fn, ConnectionKind::Subscription);
        b.wire(topic, subscriptionDlq, ConnectionKind::Redrive);
        if (onFailure) {
            const ComponentId failures = b.add(ComponentKind::SqsQueue, "failures");
            b.wire(fn, failures, ConnectionKind::OnFailure);
        }
        const RunResults r = runFor(b.design(), 600);
        const LedgerSnapshot &l = r.summary.ledger;
        QCOMPARE(l.inFlight, quint64(0));
        QVERIFY(l.balanced());
        const double poison = 0.02 * double(l.produced);
        const double gaveUp = onFailure ? double(l.deadLettered) : double(l.dropped);
        QVERIFY2(std::abs(gaveUp - poison) < 0.25 * poison,
                 qPrintable(QStringLiteral("gave up %1, poison ~%2").arg(gaveUp).arg(poison)));
        QCOMPARE(double(onFailure ? l.dropped : l.deadLettered), 0.0);
        QCOMPARE(seriesTotal(r, fn, QStringLiteral("lambda.retries")), 2 * gaveUp);
        QCOMPARE(seriesTotal(r, fn, QStringLiteral("lambda.dlq")), onFailure ? gaveUp : 0.0);
        QCOMPARE(seriesTotal(r, topic, QStringLiteral("sns.delivery_retries")), 0.0);
        QCOMPARE(seriesTotal(r, topic, QStringLiteral("sns.dlq")), 0.0);
        QCOMPARE(double(l.succeeded), double(l.produced) - gaveUp);
    }
};

QTEST_GUILESS_MAIN(TestPoisonRecords)
#include "poisonrecords.moc"
