// Throttle faults (core::FaultKind::Throttle): a block's limit multiplied by a factor for a
// while, each limit with its documented consequence: a function's concurrency (excess invokes
// get 429, aws-behaviour.md §1), a Kinesis shard's write limits (ProvisionedThroughputExceeded,
// §5), a Standard state machine's StartExecution bucket (§6), an API's token bucket (429, §2).
// Outside the window nothing changes.
#include "sdkaccounting.h"

#include <QtTest>

#include <cmath>

using namespace swb::core;
using namespace swb::core::test;

class TestThrottleFault : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void functionConcurrencyLimitLowered()
    {
        // 50 requests/s of a 1 s function reserved at 100 run ~50 at once. A throttle to 0.2
        // from 10 s to 20 s caps it at 20: the rest get 429 there, and only there.
        Scenario sc;
        sc.durationSeconds = 30;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(constantSource(50));
        sc.apis.push_back(ApiGateway{});
        LambdaFunction f = fixedLambda(1000);
        f.reservedConcurrency = 100;
        sc.lambdas.push_back(f);
        wire(sc, EdgeKind::Traffic, src(0), api(0));
        wire(sc, EdgeKind::SyncInvoke, api(0), fn(0));
        sc.faults.push_back(throttleFault(fn(0), 0.2));
        Simulation sim(sc);
        sim.run();
        for (std::size_t b = 11; b < 20; ++b)
            QVERIFY(bin(sim, fn(0), "lambda.concurrency", b) <= 20);
        QCOMPARE(bin(sim, fn(0), "lambda.concurrency", 15), 20.0);
        // In the window 20 environments finish a 1 s invocation each per second: 20 of the 50
        // arrivals per second run, 30 are throttled (+-1 at the window's edges).
        const double throttled = sumBins(sim, fn(0), "lambda.throttles", 10, 20);
        QVERIFY2(std::abs(throttled - 300) <= 30, qPrintable(QString::number(throttled)));
        QCOMPARE(sumBins(sim, fn(0), "lambda.throttles", 0, 10), 0.0);
        QCOMPARE(sumBins(sim, fn(0), "lambda.throttles", 21, 30), 0.0);
        QCOMPARE(bin(sim, fn(0), "lambda.concurrency", 25), 50.0);
        QCOMPARE(total(sim, api(0), "apigw.errors_5xx"), throttled); // 429 from Lambda -> 5xx
        QVERIFY(sim.ledger().balanced());
    }

    void shardWriteLimitLowered()
    {
        // 800 records/s into one shard (limit 1,000/s): no throttles. At 0.5 the shard takes
        // 500/s after spending its burst (1,000 tokens at 2 per record = 500 records), so over
        // the 10 s window 500 x 10 + up to 500 get in.
        Scenario sc;
        sc.durationSeconds = 30;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(constantSource(800));
        sc.streams.push_back(KinesisStream{});
        wire(sc, EdgeKind::Traffic, src(0), kin(0));
        sc.faults.push_back(throttleFault(kin(0), 0.5));
        Simulation sim(sc);
        sim.run();
        QCOMPARE(sumBins(sim, kin(0), "kinesis.write_throttles", 0, 10), 0.0);
        // The client's SDK retries a throttled record up to 3 s later (core/sdkretry.h): the
        // retries of the window's last records spill over it (the restored 1,000/s takes them
        // beside the 800/s arrivals), then nothing is throttled. 24 s: a record first tried
        // before 21 s has made its last attempt by then.
        QVERIFY(sumBins(sim, kin(0), "kinesis.write_throttles", 20, 24) > 0);
        QCOMPARE(sumBins(sim, kin(0), "kinesis.write_throttles", 24, 30), 0.0);
        const double in = sumBins(sim, kin(0), "kinesis.incoming_records", 10, 20);
        QVERIFY2(in >= 5000 - 2 && in <= 5500 + 2, qPrintable(QString::number(in)));
        // Steady state inside the window: exactly the lowered rate per 1 s bin (+-1 record).
        QVERIFY(std::abs(bin(sim, kin(0), "kinesis.incoming_records", 15) - 500) <= 1);
        // Each record is offered once, when it is made; in the end it is either in the stream
        // or lost after its third attempt.
        for (std::size_t b = 0; b < 30; ++b)
            QCOMPARE(bin(sim, kin(0), "kinesis.offered_records", b),
                     bin(sim, src(0), "source.generated", b));
        QCOMPARE(total(sim, kin(0), "kinesis.incoming_records")
                     + total(sim, src(0), "source.sdk_lost"),
                 total(sim, src(0), "source.generated"));
        checkSdkAccounting(sim, kin(0), "kinesis.write_throttles");
    }

    void startExecutionRateLowered()
    {
        // A Standard machine's StartExecution bucket (300/s, burst 1,300) at 0.1: 30/s once the
        // burst is spent; 100 starts/s are all accepted outside the window.
        Scenario sc;
        sc.durationSeconds = 60;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(constantSource(100));
        sc.lambdas.push_back(fixedLambda(10));
        StepFunctions m;
        m.tasks.push_back(SfnTask{});
        sc.stateMachines.push_back(m);
        wire(sc, EdgeKind::Traffic, src(0), sfn(0));
        sc.faults.push_back(throttleFault(sfn(0), 0.1, 10, 40));
        Simulation sim(sc);
        sim.run();
        QCOMPARE(sumBins(sim, sfn(0), "sfn.start_throttles", 0, 10), 0.0);
        QCOMPARE(sumBins(sim, sfn(0), "sfn.start_throttles", 50, 60), 0.0);
        // The full bucket holds 1,300 tokens = 130 starts at 10 tokens each; it then refills
        // 300 tokens/s = 30 starts/s, so by 40 s it is drained and bin 45 takes 30 (+-1).
        QVERIFY(std::abs(bin(sim, sfn(0), "sfn.executions", 45) - 30) <= 1);
        QVERIFY(bin(sim, sfn(0), "sfn.start_throttles", 45) >= 69);
        // The throttled starts were retried by the client's SDK, then lost.
        QVERIFY(total(sim, src(0), "source.sdk_lost") > 0);
        checkSdkAccounting(sim, sfn(0), "sfn.start_throttles");
    }

    void apiRateLowered()
    {
        // An API limited to 100 requests/s (burst 100) gets 80/s: no 429. At 0.5 (50/s) the
        // excess gets 429 in the window only.
        Scenario sc;
        sc.durationSeconds = 30;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(constantSource(80));
        ApiGateway a;
        a.rateLimit = 100;
        a.burstLimit = 100;
        sc.apis.push_back(a);
        sc.queues.push_back(SqsQueue{});
        wire(sc, EdgeKind::Traffic, src(0), api(0));
        wire(sc, EdgeKind::ServiceIntegration, api(0), sqs(0));
        sc.faults.push_back(throttleFault(api(0), 0.5));
        Simulation sim(sc);
        sim.run();
        QCOMPARE(sumBins(sim, api(0), "apigw.throttled_429", 0, 10), 0.0);
        QCOMPARE(sumBins(sim, api(0), "apigw.throttled_429", 20, 30), 0.0);
        QVERIFY(std::abs(bin(sim, api(0), "apigw.throttled_429", 15) - 30) <= 1);
        QVERIFY(std::abs(bin(sim, sqs(0), "sqs.sent", 15) - 50) <= 1);
    }

    void zeroRefusesEverything()
    {
        // A factor of 0 throttles every attempt in the window: nothing gets in. The SDK retries
        // each record up to 3 s later, so the last ones made in it get in after it; the rest are
        // lost after three throttled attempts.
        Scenario sc;
        sc.durationSeconds = 30;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(constantSource(10));
        sc.streams.push_back(KinesisStream{});
        wire(sc, EdgeKind::Traffic, src(0), kin(0));
        sc.faults.push_back(throttleFault(kin(0), 0.0));
        Simulation sim(sc);
        sim.run();
        QCOMPARE(sumBins(sim, kin(0), "kinesis.incoming_records", 10, 20), 0.0);
        QCOMPARE(sumBins(sim, kin(0), "kinesis.offered_records", 10, 20), 100.0);
        QVERIFY(sumBins(sim, kin(0), "kinesis.write_throttles", 10, 20) > 100);
        const double lost = total(sim, src(0), "source.sdk_lost");
        QVERIFY2(lost > 50 && lost < 100, qPrintable(QString::number(lost)));
        QCOMPARE(total(sim, kin(0), "kinesis.incoming_records") + lost,
                 total(sim, src(0), "source.generated"));
        checkSdkAccounting(sim, kin(0), "kinesis.write_throttles");
    }
};

QTEST_APPLESS_MAIN(TestThrottleFault)
#include "throttlefault.moc"
