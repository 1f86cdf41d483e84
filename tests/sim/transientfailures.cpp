// Transient per-record failures set in a design (a traffic source's transientFailureRate p: each
// attempt at processing a record fails with probability p, independently) against the documented
// retry rules. With N retries after the first attempt a record is lost with probability p^(N+1):
//   async Lambda behind SNS or EventBridge: 2 retries (aws-behaviour.md §1 "Async function-error
//     retries"); SNS and EventBridge hand the event to Lambda's queue and never retry it
//     themselves (their delivery policies are for a refusing endpoint, §3 and §9);
//   SQS with a partial batch response: only failed messages return, redrive after
//     maxReceiveCount receives (§4);
//   Kinesis: a failed batch is retried whole up to MaximumRetryAttempts (§5), bisect isolates the
//     failing record, MaximumRecordAgeInSeconds ends the retries of an old one;
//   Step Functions: a Task's retrier retries MaxAttempts times, then Catch or fail (§6).
// Every count below is a sum of independent Bernoulli outcomes with a fixed seed; each tolerance is
// stated beside it as a multiple of the binomial standard deviation for the run's size.

#include "runtestutil.h"

#include "../model/costtestutil.h"

#include "sim/runresults.h"

#include <QTest>

#include <cmath>

using namespace swb;
using namespace swb::test;

namespace {

// |observed - n*share| within `sds` binomial standard deviations of n trials at `share`.
bool withinBinomial(double observed, double n, double share, double sds, QString *why)
{
    const double mean = n * share, sd = std::sqrt(n * share * (1 - share));
    *why = QStringLiteral("observed %1, expected %2 (sd %3, n %4)")
               .arg(observed)
               .arg(mean)
               .arg(sd)
               .arg(n);
    return std::abs(observed - mean) <= sds * sd;
}

// Retries of n records retried at most twice, each attempt failing with p: the first and the
// second failures are binomial counts, so their sum is within `sds` times the sum of their
// standard deviations of n (p + p^2).
bool retriesWithin(double observed, double n, double p, double sds, QString *why)
{
    const double sd = std::sqrt(n * p * (1 - p)) + std::sqrt(n * p * p * (1 - p * p));
    *why =
        QStringLiteral("retries %1, expected %2 (n %3)").arg(observed).arg(n * (p + p * p)).arg(n);
    return std::abs(observed - n * (p + p * p)) <= sds * sd;
}

// Traffic at `rate` per second that stops at `stopAt` s (a step to 0), so every record's retries
// end within the run.
QVariantMap stoppingTraffic(double p, double stopAt)
{
    return params({{"transientFailureRate", p},
                   {"pattern", QStringLiteral("step")},
                   {"spikeStart", stopAt},
                   {"spikeMultiplier", 0}});
}

// A 4-shard stream at 200 records/s for 300 s (transient rate p), read by a 5 ms function through
// a mapping with `esm`, failures to an SQS on-failure queue; runs 400 s.
RunResults runStream(double p, const QVariantMap &esm, ComponentId *stream)
{
    DesignBuilder b;
    *stream = b.add(ComponentKind::KinesisStream, "stream",
                    params({{"shards", 4}, {"partitionKeys", 1000}}));
    const ComponentId fn = b.add(ComponentKind::Lambda, "fn", params({{"duration", 5.0}}));
    const ComponentId failures = b.add(ComponentKind::SqsQueue, "failures");
    b.traffic(*stream, 200, 1, stoppingTraffic(p, 300));
    b.wire(*stream, fn, ConnectionKind::EventSourceMapping, esm);
    b.wire(*stream, failures, ConnectionKind::OnFailure);
    return runFor(b.design(), 400);
}

} // namespace

class TestTransientFailures : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void asyncRetriesLoseTheCubeOfTheRate_data()
    {
        QTest::addColumn<bool>("eventBridge");
        QTest::newRow("SNS subscription") << false;
        QTest::newRow("EventBridge rule target") << true;
    }
    void asyncRetriesLoseTheCubeOfTheRate()
    {
        // 100 events/s for 300 s, p = 0.5; the 2 retries wait ~1 and ~2 min, so all settle by
        // 600 s. Lost (to the on-failure queue) = p^3 = 0.125 of ~30,000 events: sd ~57, and
        // 5 sd is ~8% of the mean. Retries per event = p + p^2 = 0.75 (the count of first and
        // second failures, each binomial; 5 sd of their sum bounds it).
        QFETCH(bool, eventBridge);
        const double p = 0.5;
        DesignBuilder b;
        const ComponentId entry = eventBridge ? b.add(ComponentKind::EventBus, "bus")
                                              : b.add(ComponentKind::SnsTopic, "topic");
        const ComponentId fn = b.add(ComponentKind::Lambda, "fn", params({{"duration", 20.0}}));
        const ComponentId failures = b.add(ComponentKind::SqsQueue, "failures");
        b.traffic(entry, 100, 1, stoppingTraffic(p, 300));
        b.wire(entry, fn, ConnectionKind::Subscription);
        b.wire(fn, failures, ConnectionKind::OnFailure);
        const RunResults r = runFor(b.design(), 600);
        const LedgerSnapshot &l = r.summary.ledger;
        const double n = double(l.produced);
        QVERIFY(n > 25000);
        QVERIFY(l.balanced());
        QCOMPARE(l.inFlight, quint64(0));
        QString why;
        const double lost = seriesTotal(r, fn, QStringLiteral("lambda.dlq"));
        QCOMPARE(double(l.deadLettered), lost);
        QVERIFY2(withinBinomial(lost, n, p * p * p, 5, &why), qPrintable(why));
        QVERIFY2(retriesWithin(seriesTotal(r, fn, QStringLiteral("lambda.retries")), n, p, 5, &why),
                 qPrintable(why));
        QCOMPARE(double(l.succeeded), n - lost);
        // The channel delivered every event once: the function's failures are Lambda's to retry.
        const QString channelRetries = eventBridge ? QStringLiteral("eventbridge.retries")
                                                   : QStringLiteral("sns.delivery_retries");
        QCOMPARE(seriesTotal(r, entry, channelRetries), 0.0);
    }

    void partialBatchResponseReturnsOnlyTheFailedMessages_data()
    {
        QTest::addColumn<bool>("partial");
        QTest::newRow("ReportBatchItemFailures") << true;
        QTest::newRow("whole batch") << false;
    }
    void partialBatchResponseReturnsOnlyTheFailedMessages()
    {
        // 100 msg/s until 540 s, p = 0.3, 5 s visibility, redrive after 3 receives. With a
        // partial batch response a message is redriven only when all 3 attempts fail: p^3 = 2.7%
        // of ~54,000 (sd ~38, 5 sd ~13% of the mean), every other message is deleted, and the
        // receives per message are 1 + p + p^2 = 1.39 (5 sd of the two binomial repeat counts).
        QFETCH(bool, partial);
        const double p = 0.3;
        DesignBuilder b;
        const ComponentId queue =
            b.add(ComponentKind::SqsQueue, "queue", params({{"visibilityTimeout", 5}}));
        const ComponentId fn = b.add(ComponentKind::Lambda, "fn", params({{"duration", 20.0}}));
        const ComponentId dlq = b.add(ComponentKind::SqsQueue, "dlq");
        b.traffic(queue, 100, 1, stoppingTraffic(p, 540));
        b.wire(
            queue, fn, ConnectionKind::EventSourceMapping,
            params(
                {{"batchSize", 10}, {"batchingWindow", 1}, {"reportBatchItemFailures", partial}}));
        b.wire(queue, dlq, ConnectionKind::Redrive, params({{"maxReceiveCount", 3}}));
        const RunResults r = runFor(b.design(), 600);
        const double n = double(r.summary.ledger.produced);
        const double receives = seriesTotal(r, queue, QStringLiteral("sqs.receives"));
        const double deletes = seriesTotal(r, queue, QStringLiteral("sqs.deletes"));
        const double redriven = seriesTotal(r, queue, QStringLiteral("sqs.to_dlq"));
        QVERIFY(n > 50000);
        QCOMPARE(r.summary.ledger.inFlight, quint64(0));
        QVERIFY(r.summary.ledger.balanced());
        QCOMPARE(deletes + redriven, n);
        QString why;
        if (partial) {
            QVERIFY2(withinBinomial(redriven, n, p * p * p, 5, &why), qPrintable(why));
            QVERIFY2(retriesWithin(receives - n, n, p, 5, &why), qPrintable(why));
            QCOMPARE(seriesTotal(r, fn, QStringLiteral("lambda.errors")), 0.0);
        } else {
            // A batch of up to 10 fails when any of its messages does (1 - 0.7^10 = 97% for a
            // full one), and all of it returns: most messages end in the DLQ.
            QVERIFY2(redriven > 0.5 * n,
                     qPrintable(QStringLiteral("redriven %1 of %2").arg(redriven).arg(n)));
        }
    }

    void kinesisRetriesLoseTheRatePowerAttempts_data()
    {
        QTest::addColumn<int>("batchSize");
        QTest::addColumn<double>("p");
        QTest::newRow("batches of 1") << 1 << 0.5;
        QTest::newRow("batches of 10") << 10 << 0.1;
    }
    void kinesisRetriesLoseTheRatePowerAttempts()
    {
        // MaximumRetryAttempts 2, no bisect: a batch is retried whole, so it is skipped when 3
        // attempts in a row fail. A batch of B fails when any record does: q = 1 - (1-p)^B
        // (0.5 for B = 1; 0.651 for B = 10 at p = 0.1), and q^3 of the batches are skipped.
        // 200 records/s for 300 s (~60,000): batches of 1 -> 7,500 skipped, sd ~81, 5 sd ~5%;
        // batches of 10 (~6,000 full batches gathered by a 5 s window) -> ~1,650 batches
        // skipped, sd ~35, 5 sd ~11%. 4 shards keep each lane busy under half the time.
        QFETCH(int, batchSize);
        QFETCH(double, p);
        ComponentId stream = InvalidId;
        const RunResults r = runStream(p,
                                       params({{"batchSize", batchSize},
                                               {"batchingWindow", batchSize > 1 ? 5 : 0},
                                               {"maxRetryAttempts", 2}}),
                                       &stream);
        const LedgerSnapshot &l = r.summary.ledger;
        const double n = double(l.produced);
        QVERIFY(n > 55000);
        QVERIFY(l.balanced());
        QCOMPARE(l.inFlight, quint64(0));
        const double skipped = seriesTotal(r, stream, QStringLiteral("kinesis.on_failure"));
        QCOMPARE(double(l.deadLettered), skipped);
        QCOMPARE(double(l.succeeded), n - skipped);
        const double q = 1 - std::pow(1 - p, batchSize);
        QString why;
        QVERIFY2(withinBinomial(skipped / batchSize, n / batchSize, q * q * q, 5, &why),
                 qPrintable(why));
    }

    void kinesisBisectIsolatesTheFailingRecord()
    {
        // Batches of 10 at p = 0.1 with BisectBatchOnFunctionError: a failing batch is split
        // (not counted as a retry) down to the failing record, whose 3 attempts then decide it;
        // a record can be skipped only if it was isolated and then failed 3 times, so at most
        // p^3 = 0.1% (~60 of ~60,000, sd ~7.7: the bound plus 5 sd), against ~27% of records
        // without bisect (the test above); as every retry draws afresh, isolation itself is rare.
        // Everything else succeeds.
        const double p = 0.1;
        ComponentId stream = InvalidId;
        const RunResults r = runStream(p,
                                       params({{"batchSize", 10},
                                               {"batchingWindow", 5},
                                               {"maxRetryAttempts", 2},
                                               {"bisectOnError", true}}),
                                       &stream);
        const LedgerSnapshot &l = r.summary.ledger;
        const double n = double(l.produced);
        QVERIFY(n > 55000);
        QVERIFY(l.balanced());
        QCOMPARE(l.inFlight, quint64(0));
        const double skipped = seriesTotal(r, stream, QStringLiteral("kinesis.on_failure"));
        const double bound = n * p * p * p;
        QVERIFY2(skipped <= bound + 5 * std::sqrt(bound),
                 qPrintable(QStringLiteral("skipped %1, bound %2").arg(skipped).arg(bound)));
        QCOMPARE(double(l.succeeded), n - skipped);
    }

    void kinesisRecordAgeEndsTheRetries()
    {
        // MaximumRetryAttempts -1 (retry forever) and MaximumRecordAgeInSeconds 60, fixed 20 s
        // attempts at p = 0.5: attempt k ends at age w + 20k, w (poll wait and start) under 20 s,
        // so a record's failure is given up after the attempt ending past 60 s, the 3rd: skipped
        // share p^3. One record every 50 s on 10 lanes (1 shard x parallelization 10) rarely
        // waits behind another (a wait would only make it older, so skip more). 24 h: ~1,730
        // records, ~216 skipped, sd ~14; 5 sd.
        const double p = 0.5;
        DesignBuilder b;
        const ComponentId stream = b.add(ComponentKind::KinesisStream, "stream",
                                         params({{"shards", 1}, {"partitionKeys", 1000}}));
        const ComponentId fn =
            b.add(ComponentKind::Lambda, "fn",
                  params({{"duration", 20000.0}, {"durationCv", 0.0}, {"timeout", 60}}));
        const ComponentId failures = b.add(ComponentKind::SqsQueue, "failures");
        b.traffic(stream, 0.02, 1, params({{"transientFailureRate", p}}));
        b.wire(stream, fn, ConnectionKind::EventSourceMapping,
               params({{"batchSize", 1},
                       {"parallelizationFactor", 10},
                       {"maxRetryAttempts", -1},
                       {"maxRecordAge", 60}}));
        b.wire(stream, failures, ConnectionKind::OnFailure);
        const RunResults r = runFor(b.design(), 86400);
        const LedgerSnapshot &l = r.summary.ledger;
        const double settled = double(l.produced - l.inFlight);
        QVERIFY(settled > 1500);
        QVERIFY(l.balanced());
        const double skipped = seriesTotal(r, stream, QStringLiteral("kinesis.on_failure"));
        QString why;
        QVERIFY2(withinBinomial(skipped, settled, p * p * p, 5, &why), qPrintable(why));
        QCOMPARE(double(l.succeeded), settled - skipped);
    }

    void stepFunctionsRetrierOutlastsTransientFailures_data()
    {
        QTest::addColumn<bool>("catchErrors");
        QTest::newRow("caught") << true;
        QTest::newRow("execution fails") << false;
    }
    void stepFunctionsRetrierOutlastsTransientFailures()
    {
        // One Task with Retry MaxAttempts 2 (1 s, doubling) at p = 0.5: an execution runs out of
        // retries when all 3 attempts fail, p^3 = 0.125 of ~30,000 (100/s for 300 s): sd ~57,
        // 5 sd ~8%. Each attempt is a billed transition (aws-behaviour.md §6), so retries per
        // execution are p + p^2.
        QFETCH(bool, catchErrors);
        const double p = 0.5;
        DesignBuilder b;
        const ComponentId sm = b.add(ComponentKind::StepFunctions, "flow");
        const ComponentId fn = b.add(ComponentKind::Lambda, "fn", params({{"duration", 20.0}}));
        b.traffic(sm, 100, 1, stoppingTraffic(p, 300));
        b.wire(sm, fn, ConnectionKind::ServiceIntegration,
               params({{"retryMaxAttempts", 2}, {"catch", catchErrors}}));
        const RunResults r = runFor(b.design(), 400);
        const LedgerSnapshot &l = r.summary.ledger;
        const double n = double(l.produced);
        QVERIFY(n > 25000);
        QVERIFY(l.balanced());
        QCOMPARE(l.inFlight, quint64(0));
        const double caught = seriesTotal(r, sm, QStringLiteral("sfn.caught"));
        const double failed = seriesTotal(r, sm, QStringLiteral("sfn.failures"));
        QString why;
        QVERIFY2(withinBinomial(catchErrors ? caught : failed, n, p * p * p, 5, &why),
                 qPrintable(why));
        QCOMPARE(catchErrors ? failed : caught, 0.0);
        QVERIFY2(retriesWithin(seriesTotal(r, sm, QStringLiteral("sfn.retries")), n, p, 5, &why),
                 qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TestTransientFailures)
#include "transientfailures.moc"
