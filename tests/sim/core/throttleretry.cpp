// Kinesis PutRecord and Step Functions StartExecution throttles reach the producer, whose SDK
// retries them in the standard mode, then gives up (aws-behaviour.md §5, §6, §10): the same
// rule as an SQS FIFO queue's and an SNS topic's quotas (requestquota.cpp). A retried record
// keeps its partition key, so it goes to the same shard. API Gateway's direct integration does
// not retry: its client gets a 5xx.
#include "sdkaccounting.h"

#include <QtTest>

#include <cmath>

using namespace swb::core;
using namespace swb::core::test;

namespace {

// A client putting `rate` 100-byte records/s into a stream of `shards` shards nobody reads.
Scenario intoStream(double rate, std::uint32_t shards = 1)
{
    Scenario sc;
    sc.durationSeconds = 60;
    sc.binWidthSeconds = 1;
    sc.sources.push_back(constantSource(rate));
    KinesisStream k;
    k.shards = shards;
    sc.streams.push_back(k);
    wire(sc, EdgeKind::Traffic, src(0), kin(0));
    return sc;
}

// A client starting `rate` executions/s of a one-Task Standard machine whose StartExecution
// bucket holds and refills 100 (the Region's figures are larger; a small one keeps the run short).
Scenario intoStateMachine(double rate)
{
    Scenario sc;
    sc.durationSeconds = 60;
    sc.binWidthSeconds = 1;
    sc.sources.push_back(constantSource(rate));
    sc.lambdas.push_back(fixedLambda(10));
    StepFunctions m;
    m.startBurst = m.startRate = 100;
    m.tasks.push_back(SfnTask{});
    sc.stateMachines.push_back(m);
    wire(sc, EdgeKind::Traffic, src(0), sfn(0));
    return sc;
}

// `sc` with its client calling an API (one that never throttles: 10,000 requests/s) whose direct
// integration forwards each request to `target`.
Scenario behindApi(Scenario sc, ComponentRef target)
{
    sc.edges.clear();
    ApiGateway a;
    a.rateLimit = a.burstLimit = 10000;
    sc.apis.push_back(a);
    wire(sc, EdgeKind::Traffic, src(0), api(0));
    wire(sc, EdgeKind::ServiceIntegration, api(0), target);
    return sc;
}

// An API's direct integration does not retry: each throttle of `target` is the client's 5xx at
// once, and the request is rejected.
void checkAnswered5xx(const Simulation &sim, ComponentRef target, const char *throttles)
{
    const double t = total(sim, target, throttles);
    QVERIFY(t > 0);
    QCOMPARE(total(sim, api(0), "apigw.errors_5xx"), t);
    QCOMPARE(total(sim, src(0), "source.sdk_retries"), 0.0);
    QCOMPARE(double(sim.ledger().rejected), t);
    QVERIFY(sim.ledger().balanced());
}

double perSecond(const Simulation &sim, ComponentRef c, const char *name, std::size_t from,
                 std::size_t to)
{
    return sumBins(sim, c, name, from, to) / double(to - from);
}

} // namespace

class TestThrottleRetry : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void throttledPutsAreRetriedThenLost()
    {
        // 2,000 records/s into one shard (1,000/s): the shard takes its 1,000 per 1 s bin once
        // the first second's burst is spent (+-1 at bin edges); the SDK retries the rest twice
        // and gives up, so in steady state 1,000/s are lost. 5 % on the loss rate: a mean over
        // 50,000 losses in 50 s, with the retries' 3 s of delay cancelling in a stationary run.
        // Without the retries the identity in checkSdkAccounting fails (sdk_retries 0).
        Simulation sim(intoStream(2000));
        sim.run();
        for (std::size_t b = 3; b < 60; ++b)
            QVERIFY2(std::abs(bin(sim, kin(0), "kinesis.incoming_records", b) - 1000) <= 1,
                     qPrintable(QString::number(b)));
        const double lost = perSecond(sim, src(0), "source.sdk_lost", 5, 55);
        QVERIFY2(std::abs(lost - 1000) <= 50, qPrintable(QString::number(lost)));
        QVERIFY(total(sim, src(0), "source.sdk_retries") > 0);
        checkSdkAccounting(sim, kin(0), "kinesis.write_throttles");
        // Each record is offered once, however often it is retried.
        QCOMPARE(total(sim, kin(0), "kinesis.offered_records"),
                 total(sim, src(0), "source.generated"));
        QVERIFY(total(sim, kin(0), "kinesis.write_throttles")
                > total(sim, kin(0), "kinesis.offered_records"));
    }

    void aRetriedRecordKeepsItsShard()
    {
        // Three partition keys on two shards: key 0 shares its shard with one other key (the
        // stream's key hash; checked first: 1,400 records/s spread evenly over the keys pass
        // untouched, so no shard has all three, and 1,800/s with half on key 0 are throttled,
        // so key 0's shard has another key). With 60 % of 2,000 records/s on key 0 and 20 % on
        // each other key, the hot shard is offered 1,600/s and takes 1,000; the cold one takes
        // its own 400/s. The SDK retries the hot shard's throttled records with their keys, so
        // they never reach the cold shard: 1,400/s in all. Had a retry drawn a new key, a third
        // of the retries would go to the cold shard (1,645/s, measured so). The cold share is
        // binomial: sd sqrt(100,000 x 0.16) = 126 records over 50 s, 0.2 % of the 70,000 in
        // all; 1 % is 5 sd.
        Scenario sc = intoStream(1400, 2);
        sc.streams[0].partitionKeyCount = 3;
        Simulation even(sc);
        even.run();
        QCOMPARE(total(even, kin(0), "kinesis.write_throttles"), 0.0);
        sc.sources[0].ratePerSecond = 1800;
        sc.streams[0].skew = KeySkew::HotKey;
        sc.streams[0].hotKeyFraction = 0.5;
        Simulation halfOnKey0(sc);
        halfOnKey0.run();
        QVERIFY(total(halfOnKey0, kin(0), "kinesis.write_throttles") > 0);

        sc.sources[0].ratePerSecond = 2000;
        sc.streams[0].hotKeyFraction = 0.6;
        Simulation sim(sc);
        sim.run();
        const double in = perSecond(sim, kin(0), "kinesis.incoming_records", 5, 55);
        QVERIFY2(std::abs(in - 1400) <= 14, qPrintable(QString::number(in)));
        checkSdkAccounting(sim, kin(0), "kinesis.write_throttles");
    }

    void functionCodeRetriesItsPuts()
    {
        // A function sends each result to a one-shard stream at 1,500/s: its code's SDK retries
        // the throttled puts (lambda.sdk_retries), then gives up (lambda.sdk_lost).
        Scenario sc;
        sc.durationSeconds = 30;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(constantSource(1500));
        sc.lambdas.push_back(fixedLambda(10));
        sc.streams.push_back(KinesisStream{});
        wire(sc, EdgeKind::AsyncInvoke, src(0), fn(0));
        wire(sc, EdgeKind::ServiceIntegration, fn(0), kin(0));
        Simulation sim(sc);
        sim.run();
        const double retries = total(sim, fn(0), "lambda.sdk_retries");
        const double lost = total(sim, fn(0), "lambda.sdk_lost");
        QVERIFY2(retries > 0 && lost > 0, qPrintable(QString::number(retries)));
        QCOMPARE(total(sim, kin(0), "kinesis.write_throttles"), retries + lost);
        QCOMPARE(double(sim.ledger().rejected), lost);
        QVERIFY(sim.ledger().balanced());
    }

    void apiDirectIntegrationAnswers5xx()
    {
        // API Gateway -> PutRecord at 1,500/s into one shard: each throttle is the client's 5xx
        // at once, nothing is retried, every record is offered once.
        Simulation sim(behindApi(intoStream(1500), kin(0)));
        sim.run();
        checkAnswered5xx(sim, kin(0), "kinesis.write_throttles");
        QCOMPARE(total(sim, kin(0), "kinesis.offered_records"),
                 total(sim, kin(0), "kinesis.incoming_records")
                     + total(sim, kin(0), "kinesis.write_throttles"));
    }

    void throttledStartsAreRetriedThenLost()
    {
        // 150 starts/s against a bucket of 100 refilling 100/s: 100 executions per 1 s bin once
        // the burst is spent (+-1), 50/s lost after the SDK's retries. 5 % on the loss rate: a
        // mean over 2,500 losses in 50 s, where the only randomness, the backoff jitter, moves
        // losses by at most 3 s across the window's edges.
        Simulation sim(intoStateMachine(150));
        sim.run();
        for (std::size_t b = 3; b < 60; ++b)
            QVERIFY2(std::abs(bin(sim, sfn(0), "sfn.executions", b) - 100) <= 1,
                     qPrintable(QString::number(b)));
        const double lost = perSecond(sim, src(0), "source.sdk_lost", 5, 55);
        QVERIFY2(std::abs(lost - 50) <= 2.5, qPrintable(QString::number(lost)));
        QVERIFY(total(sim, src(0), "source.sdk_retries") > 0);
        checkSdkAccounting(sim, sfn(0), "sfn.start_throttles");
        QCOMPARE(total(sim, sfn(0), "sfn.offered_starts"), total(sim, src(0), "source.generated"));
    }

    void apiStartExecutionAnswers5xx()
    {
        // API Gateway -> StartExecution at 150/s against a 100/s bucket.
        Simulation sim(behindApi(intoStateMachine(150), sfn(0)));
        sim.run();
        checkAnswered5xx(sim, sfn(0), "sfn.start_throttles");
    }
};

QTEST_APPLESS_MAIN(TestThrottleRetry)
#include "throttleretry.moc"
