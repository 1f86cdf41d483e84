// The analytic estimate (flow rates, model/flowrates.h) counts per-record failures the way the
// simulation runs them: a traffic source's poison share fails every attempt and its transient
// failure rate each attempt independently, so retried invocations, receives, transitions and dead
// letters agree within 5% with a run. The runs stop their traffic early enough for every retry to
// finish inside the run; their sampling noise is stated per test and is far below 5%.

#include "runtestutil.h"

#include "../model/costtestutil.h"

#include "model/flowrates.h"
#include "sim/runresults.h"

#include <QTest>

#include <cmath>

using namespace swb;
using namespace swb::test;

namespace {

constexpr double kTolerance = 0.05;
constexpr double kRun = 3600;

// 100/s for 3,000 s, then nothing: the estimate's mean rate is 100 x 3000 / 3600.
QVariantMap failingTraffic(double poison, double transient)
{
    return params({{"poisonShare", poison},
                   {"transientFailureRate", transient},
                   {"pattern", QStringLiteral("step")},
                   {"spikeStart", 3000},
                   {"spikeMultiplier", 0}});
}

bool agree(double estimate, double simulated, QString *why)
{
    *why = QStringLiteral("estimate %1, simulated %2").arg(estimate).arg(simulated);
    qInfo("%s", qPrintable(*why)); // the figures, also when they agree
    return std::abs(estimate - simulated) <= kTolerance * std::max(estimate, simulated);
}

RunResults run(const Design &design)
{
    RunResults r = runFor(design, kRun);
    if (r.summary.ledger.inFlight != 0)
        qFatal("units still in flight at the end of the run");
    return r;
}

struct KinesisRun {
    ComponentId stream = InvalidId, fn = InvalidId;
    ConnectionId onFailure = InvalidId;
    FlowRates flow;
    RunResults run;
};

// 8 shards at 1,600 records/s (200 per shard) into a 20 ms function, 2 retries, a 1 s batching
// window (so batches wait until full), the given-up records' metadata to a queue.
KinesisRun runKinesis(bool bisect, int batchSize, double poison, double transient)
{
    DesignBuilder b;
    KinesisRun k;
    k.stream = b.add(ComponentKind::KinesisStream, "stream",
                     params({{"shards", 8}, {"partitionKeys", 10000}}));
    k.fn = b.add(ComponentKind::Lambda, "fn", params({{"duration", 20.0}}));
    const ComponentId failures = b.add(ComponentKind::SqsQueue, "failures");
    b.traffic(k.stream, 1600, 1, failingTraffic(poison, transient));
    b.wire(k.stream, k.fn, ConnectionKind::EventSourceMapping,
           params({{"batchSize", batchSize},
                   {"batchingWindow", 1},
                   {"maxRetryAttempts", 2},
                   {"bisectOnError", bisect}}));
    k.onFailure = b.wire(k.stream, failures, ConnectionKind::OnFailure);
    k.flow = computeFlowRates(b.design());
    k.run = run(b.design());
    return k;
}

} // namespace

class TestPoisonEstimate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void asyncRetriesAndDeadLetters()
    {
        // SNS -> Lambda (5% errors), 5% poison, 20% transient: an attempt at a good event fails
        // with 1 - 0.95 x 0.8 = 0.24, so 1.29 attempts per event and 6.3% to the on-failure queue
        // (0.95 x 0.24^3 + 0.05); ~300,000 events give ~19,000 dead letters (sd ~0.7%).
        DesignBuilder b;
        const ComponentId topic = b.add(ComponentKind::SnsTopic, "topic");
        const ComponentId fn =
            b.add(ComponentKind::Lambda, "fn", params({{"duration", 20.0}, {"errorRate", 0.05}}));
        const ComponentId failures = b.add(ComponentKind::SqsQueue, "failures");
        b.traffic(topic, 100, 1, failingTraffic(0.05, 0.2));
        b.wire(topic, fn, ConnectionKind::Subscription);
        const ConnectionId onFailure = b.wire(fn, failures, ConnectionKind::OnFailure);
        const FlowRates flow = computeFlowRates(b.design());
        const RunResults r = run(b.design());
        QString why;
        QVERIFY2(agree(flow.component(fn).invocations * kRun,
                       seriesTotal(r, fn, QStringLiteral("lambda.invocations")), &why),
                 qPrintable(why));
        QVERIFY2(agree(flow.connection(onFailure).rate * kRun,
                       seriesTotal(r, fn, QStringLiteral("lambda.dlq")), &why),
                 qPrintable(why));
        // The dead letters are mostly the poison events (0.05 of 0.063): the on-failure wire
        // carries that share on, so a consumer of the failures queue sees them fail again.
        QVERIFY(std::abs(flow.connection(onFailure).poisonShare - 0.05 / 0.06313) < 1e-3);
    }

    void queueReceivesAndRedrive()
    {
        // SQS with a partial batch response, redrive after 3 receives, 2% poison, 10% transient:
        // 0.98 x 1.11 + 0.02 x 3 = 1.148 receives per message and 0.98 x 0.001 + 0.02 = 2.1%
        // redriven (~6,300 of ~300,000, sd ~1.3%).
        DesignBuilder b;
        const ComponentId queue =
            b.add(ComponentKind::SqsQueue, "queue", params({{"visibilityTimeout", 5}}));
        const ComponentId fn = b.add(ComponentKind::Lambda, "fn", params({{"duration", 20.0}}));
        const ComponentId dlq = b.add(ComponentKind::SqsQueue, "dlq");
        b.traffic(queue, 100, 1, failingTraffic(0.02, 0.1));
        const ConnectionId esm = b.wire(
            queue, fn, ConnectionKind::EventSourceMapping,
            params({{"batchSize", 10}, {"batchingWindow", 1}, {"reportBatchItemFailures", true}}));
        const ConnectionId redrive =
            b.wire(queue, dlq, ConnectionKind::Redrive, params({{"maxReceiveCount", 3}}));
        const FlowRates flow = computeFlowRates(b.design());
        const RunResults r = run(b.design());
        QString why;
        QVERIFY2(agree(flow.connection(esm).rate * kRun,
                       seriesTotal(r, queue, QStringLiteral("sqs.receives")), &why),
                 qPrintable(why));
        QVERIFY2(agree(flow.connection(redrive).rate * kRun,
                       seriesTotal(r, queue, QStringLiteral("sqs.to_dlq")), &why),
                 qPrintable(why));
    }

    void stepFunctionsTransitions()
    {
        // A Standard workflow, one Task (Retry MaxAttempts 2, Catch), 2% poison, 10% transient:
        // transitions per execution 0.98 x 1.11 + 0.02 x 3 plus the Catch fallback of the 2.1%
        // that run out of retries (~345,000 transitions, the caught ones ~6,300: sd ~1.3%).
        DesignBuilder b;
        const ComponentId sm = b.add(ComponentKind::StepFunctions, "flow");
        const ComponentId fn = b.add(ComponentKind::Lambda, "fn", params({{"duration", 20.0}}));
        b.traffic(sm, 100, 1, failingTraffic(0.02, 0.1));
        b.wire(sm, fn, ConnectionKind::ServiceIntegration, params({{"retryMaxAttempts", 2}}));
        const FlowRates flow = computeFlowRates(b.design());
        const RunResults r = run(b.design());
        QString why;
        QVERIFY2(agree(flow.component(sm).transitions * kRun,
                       seriesTotal(r, sm, QStringLiteral("sfn.transitions")), &why),
                 qPrintable(why));
        QVERIFY2(agree(flow.component(fn).invocations * kRun,
                       seriesTotal(r, fn, QStringLiteral("lambda.invocations")), &why),
                 qPrintable(why));
    }

    void kinesisWholeBatchRetries()
    {
        // A stream mapping without bisect, 2 retries: a batch of 20 holds a poison record with
        // 1 - 0.998^20 = 3.9% and then fails all 3 attempts; a batch without one fails an attempt
        // with 1 - 0.99^20 = 18% (1% transient). 1.29 attempts per batch and 4.5% of the batches
        // (all 20 records) given up. 8 shards at 1,600 records/s with a 1 s batching window keep
        // the batches full, as the estimate assumes: 240,000 batches, ~10,800 given up (sd ~1%).
        checkKinesis(runKinesis(false, 20, 0.002, 0.01));
    }

    void kinesisBisectIsolatesPoison()
    {
        // With bisect, batches of 100, 0.1% poison and 0.2% transient: a batch fails with 18%
        // without poison (then its halves are tried), a poison record is isolated in about
        // 2 log2(100) invocations and given up alone after 3 attempts; other records are almost
        // never given up (0.002^3). ~4,800 poison records in 4.8 M (sd ~1.4%).
        const KinesisRun k = runKinesis(true, 100, 0.001, 0.002);
        checkKinesis(k);
        // Bisect gives records up one at a time: the on-failure wire carries one per record.
        QString why;
        QVERIFY2(agree(k.flow.connection(k.onFailure).rate * kRun,
                       seriesTotal(k.run, k.stream, QStringLiteral("kinesis.on_failure")), &why),
                 qPrintable(why));
    }

private:
    // The consumer's invocations and the records given up, estimate against simulation.
    void checkKinesis(const KinesisRun &k)
    {
        QString why;
        QVERIFY2(agree(k.flow.component(k.fn).invocations * kRun,
                       seriesTotal(k.run, k.fn, QStringLiteral("lambda.invocations")), &why),
                 qPrintable(why));
        QVERIFY2(agree(k.flow.component(k.stream).failedRecords * kRun,
                       seriesTotal(k.run, k.stream, QStringLiteral("kinesis.on_failure")), &why),
                 qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TestPoisonEstimate)
#include "poisonestimate.moc"
