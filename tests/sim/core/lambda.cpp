// Lambda behaviour: Erlang B throttling with reserved concurrency, maximum
// rate = concurrency / duration, async retries ~1 and ~2 minutes then on-failure destination,
// reserved concurrency 0 as a kill switch, account pool sharing, cold starts and idle expiry.
#include "simtestutil.h"

#include "core/services/lambda/lambdaservice.h"

#include <QtTest>

#include <cmath>

using namespace swb::core;
using namespace swb::core::test;

namespace {

double erlangB(int c, double a)
{
    double b = 1;
    for (int k = 1; k <= c; ++k)
        b = a * b / (k + a * b);
    return b;
}

Scenario apiToLambda(double rate, LambdaFunction f, double seconds)
{
    Scenario sc;
    sc.seed = 11;
    sc.durationSeconds = seconds;
    sc.binWidthSeconds = 1;
    sc.sources.push_back(poisson(rate));
    sc.apis.push_back(ApiGateway{});
    sc.lambdas.push_back(f);
    wire(sc, EdgeKind::Traffic, src(0), api(0));
    wire(sc, EdgeKind::SyncInvoke, api(0), fn(0));
    return sc;
}

} // namespace

class TestLambda : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void throttledFractionMatchesErlangB_data()
    {
        QTest::addColumn<int>("c");
        QTest::addColumn<double>("load");
        QTest::newRow("c=10 A=8") << 10 << 8.0;
        QTest::newRow("c=5 A=5") << 5 << 5.0;
        QTest::newRow("c=20 A=14") << 20 << 14.0;
    }
    void throttledFractionMatchesErlangB()
    {
        // Sync invokes are lost calls (429, no queue): an M/M/c/c system, so the throttled
        // fraction is Erlang B. Exponential 100 ms durations, no cold start (init time would add
        // to the holding time). 2,000 s at 50-140 req/s = 100k-280k requests: the binomial
        // standard error of the fraction is < 0.0015 and bin-to-bin correlation over a 0.1 s
        // holding time inflates it by a small factor, so +-0.012 absolute is > 4 sigma.
        QFETCH(int, c);
        QFETCH(double, load);
        LambdaFunction f = fixedLambda(100);
        f.durationDistribution = Distribution::Exponential;
        f.reservedConcurrency = c;
        f.idleExpirySeconds = 1e9;
        Simulation sim(apiToLambda(load / 0.1, f, 2000));
        sim.run();
        const double req = total(sim, api(0), "apigw.requests");
        const double thr = total(sim, fn(0), "lambda.throttles");
        const double expected = erlangB(c, load);
        QVERIFY2(
            std::abs(thr / req - expected) < 0.012,
            qPrintable(QStringLiteral("measured %1 expected %2").arg(thr / req).arg(expected)));
        QVERIFY(total(sim, fn(0), "lambda.concurrency") <= c);
        QVERIFY(sim.ledger().balanced());
    }

    void maxRateIsConcurrencyOverDuration()
    {
        // Overloaded (1,000 req/s offered): 20 environments x 1 / 0.2 s = 100 completions/s.
        // A freed environment waits ~1 ms for the next arrival, so utilisation is ~99.5%; +-2%.
        LambdaFunction f = fixedLambda(200);
        f.reservedConcurrency = 20;
        Simulation sim(apiToLambda(1000, f, 120));
        sim.run();
        const double ok = sumBins(sim, fn(0), "lambda.invocations", 20, 120) / 100.0;
        QVERIFY2(std::abs(ok - 100) < 2, qPrintable(QString::number(ok)));
        QCOMPARE(total(sim, fn(0), "lambda.concurrency"), 20.0);
    }

    void asyncRetriesAfterOneAndTwoMinutesThenOnFailure()
    {
        Scenario sc;
        sc.durationSeconds = 300;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(poisson(0)); // path 0 for the injected event
        sc.lambdas.push_back(fixedLambda(100, 1.0));
        sc.queues.push_back(SqsQueue{});
        wire(sc, EdgeKind::OnFailure, fn(0), sqs(0));
        Simulation sim(sc);
        inject(sim, fn(0));
        sim.run();
        // Attempt 1 at 0 s fails at 0.1 s; retry 1 at 60.1 s; retry 2 at 180.2 s (aws-behaviour.md
        // §1).
        QCOMPARE(binsWith(sim, fn(0), "lambda.invocations"),
                 (std::vector<std::size_t>{0, 60, 180}));
        QCOMPARE(total(sim, fn(0), "lambda.retries"), 2.0);
        QCOMPARE(binsWith(sim, fn(0), "lambda.dlq"), (std::vector<std::size_t>{180}));
        QCOMPARE(total(sim, sqs(0), "sqs.dlq_received"), 1.0);
        QCOMPARE(sim.ledger().deadLettered, std::uint64_t(1));
        QVERIFY(sim.ledger().balanced());
    }

    void asyncMaxRetryZeroAndNoDestinationDiscards()
    {
        Scenario sc;
        sc.durationSeconds = 100;
        sc.sources.push_back(poisson(0));
        LambdaFunction f = fixedLambda(100, 1.0);
        f.async.maxRetryAttempts = 0;
        sc.lambdas.push_back(f);
        Simulation sim(sc);
        inject(sim, fn(0));
        sim.run();
        QCOMPARE(total(sim, fn(0), "lambda.invocations"), 1.0);
        QCOMPARE(sim.ledger().droppedBy[int(DropReason::AsyncDiscarded)], std::uint64_t(1));
    }

    void asyncThrottlesRetryUntilMaxEventAge()
    {
        // Reserved 1 and a 1,000 s function: a second event is throttled and retried with
        // backoff 1, 2, 4 ... s until MaximumEventAgeInSeconds (60 s), then on-failure.
        Scenario sc;
        sc.durationSeconds = 200;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(poisson(0));
        LambdaFunction f = fixedLambda(100000);
        f.timeoutSeconds = 900;
        f.reservedConcurrency = 1;
        f.async.maxEventAgeSeconds = 60;
        sc.lambdas.push_back(f);
        sc.queues.push_back(SqsQueue{});
        wire(sc, EdgeKind::OnFailure, fn(0), sqs(0));
        Simulation sim(sc);
        inject(sim, fn(0));
        inject(sim, fn(0));
        sim.run();
        // Throttles at 0, 1, 3, 7, 15, 31 s (backoff doubling), then expiry at 60 s.
        QCOMPARE(binsWith(sim, fn(0), "lambda.throttles"),
                 (std::vector<std::size_t>{0, 1, 3, 7, 15, 31}));
        QCOMPARE(binsWith(sim, fn(0), "lambda.dlq"), (std::vector<std::size_t>{60}));
    }

    void apiIntegrationTimeoutReturns504()
    {
        // A 2 s function behind a 1 s integration timeout: 504 at 1 s, the function still runs
        // to its end and is billed for 2 s.
        ApiGateway a;
        a.integrationTimeoutMs = 1000;
        a.overheadMs = 0;
        Scenario sc;
        sc.durationSeconds = 10;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(poisson(0));
        sc.apis.push_back(a);
        LambdaFunction f = fixedLambda(2000);
        f.memoryMb = 1024;
        sc.lambdas.push_back(f);
        wire(sc, EdgeKind::SyncInvoke, api(0), fn(0));
        Simulation sim(sc);
        inject(sim, api(0));
        sim.run();
        QCOMPARE(binsWith(sim, api(0), "apigw.timeouts_504"), (std::vector<std::size_t>{1}));
        // The client waited the timeout: 1,000 ms within the histogram's 0.4% bucket error.
        QVERIFY(std::abs(bin(sim, api(0), "apigw.latency_p99_ms", 1) - 1000) < 5);
        QCOMPARE(total(sim, fn(0), "lambda.billed_gb_s"), 2.0);
        QCOMPARE(sim.ledger().droppedBy[int(DropReason::IntegrationTimeout)], std::uint64_t(1));
        QVERIFY(sim.ledger().balanced());
    }

    void reservedZeroIsAKillSwitch()
    {
        LambdaFunction f = fixedLambda(100);
        f.reservedConcurrency = 0;
        Scenario sc = apiToLambda(20, f, 60);
        sc.lambdas.push_back(f); // second function: async, with a DLQ
        sc.queues.push_back(SqsQueue{});
        wire(sc, EdgeKind::DeadLetter, fn(1), sqs(0));
        Simulation sim(sc);
        for (int i = 0; i < 5; ++i)
            inject(sim, fn(1));
        sim.run();
        // Sync: every request throttled. Async: straight to the DLQ, no retries (aws-behaviour.md
        // §1).
        QCOMPARE(total(sim, fn(0), "lambda.invocations"), 0.0);
        QCOMPARE(total(sim, fn(0), "lambda.throttles"), total(sim, api(0), "apigw.requests"));
        QVERIFY(total(sim, api(0), "apigw.requests") > 1000);
        QCOMPARE(total(sim, fn(1), "lambda.invocations"), 0.0);
        QCOMPARE(total(sim, fn(1), "lambda.retries"), 0.0);
        QCOMPARE(bin(sim, sqs(0), "sqs.dlq_received", 0), 5.0);
        QVERIFY(sim.ledger().balanced());
    }

    void accountPoolIsSharedAndReservationsGuarantee()
    {
        // Account limit 200, A reserves 50, B and C share the 150 unreserved; all overloaded.
        Scenario sc;
        sc.durationSeconds = 60;
        sc.account.concurrencyLimit = 200;
        sc.account.unreservedMinimum = 100;
        for (int i = 0; i < 3; ++i) {
            sc.sources.push_back(poisson(2000));
            sc.apis.push_back(ApiGateway{});
            LambdaFunction f = fixedLambda(1000);
            f.reservedConcurrency = i == 0 ? 50 : -1;
            sc.lambdas.push_back(f);
            wire(sc, EdgeKind::Traffic, src(i), api(i));
            wire(sc, EdgeKind::SyncInvoke, api(i), fn(i));
        }
        Simulation sim(sc);
        sim.run();
        QCOMPARE(total(sim, fn(0), "lambda.concurrency"), 50.0);
        QVERIFY(total(sim, fn(1), "lambda.concurrency") + total(sim, fn(2), "lambda.concurrency")
                >= 150);
        QCOMPARE(total(sim, {}, "account.concurrency"), 200.0);
        QCOMPARE(total(sim, {}, "account.unreserved_concurrency"), 150.0);
    }

    void coldStartsProvisionedAndIdleExpiry()
    {
        Scenario sc;
        sc.durationSeconds = 2000;
        sc.binWidthSeconds = 10;
        sc.sources.push_back(poisson(0));
        LambdaFunction f = fixedLambda(100);
        f.idleExpirySeconds = 600;
        f.coldStartMs = 500;
        sc.lambdas.push_back(f);
        LambdaFunction g = f;
        g.provisionedConcurrency = 2;
        sc.lambdas.push_back(g);
        Simulation sim(sc);
        // Invocations at 0 (cold), 300 (warm: idle 300 s), 1,000 (cold again: idle > 600 s).
        for (double t : {0.0, 300.0, 1000.0}) {
            sim.runUntil(t);
            inject(sim, fn(0));
            inject(sim, fn(1));
        }
        sim.run();
        QCOMPARE(total(sim, fn(0), "lambda.cold_starts"), 2.0);
        QCOMPARE(total(sim, fn(1), "lambda.cold_starts"), 0.0); // provisioned: pre-initialised
        // The environment idle since 1,000 s was reclaimed at 1,600 s, before the run's end.
        QCOMPARE(sim.kernel().service<LambdaService>().idleEnvironments(0), std::size_t(0));
    }

    void scalingRateLimitsNewEnvironments()
    {
        // Current rule: +1,000 environments per 10 s per function (bucket of 1,000, refilled
        // continuously). 5,000 req/s of 100 s calls with a 10,000 account limit: concurrency
        // reaches 1,000 at once and then grows ~100/s: 1,000 + 100 x 20 = 3,000 at 20 s (+-2%).
        Scenario sc;
        sc.durationSeconds = 21;
        sc.binWidthSeconds = 1;
        sc.account.concurrencyLimit = 10000;
        sc.sources.push_back(poisson(5000));
        sc.apis.push_back(ApiGateway{});
        LambdaFunction f = fixedLambda(100000);
        f.timeoutSeconds = 900;
        sc.lambdas.push_back(f);
        wire(sc, EdgeKind::Traffic, src(0), api(0));
        wire(sc, EdgeKind::SyncInvoke, api(0), fn(0));
        Simulation sim(sc);
        sim.run();
        const double at0 = bin(sim, fn(0), "lambda.concurrency", 0);
        const double at20 = bin(sim, fn(0), "lambda.concurrency", 20);
        QVERIFY2(std::abs(at0 - 1100) < 30, qPrintable(QString::number(at0)));
        QVERIFY2(std::abs(at20 - 3100) < 60, qPrintable(QString::number(at20)));
    }

    void legacyScalingBurstThen500PerMinute()
    {
        // 2018 rule: account burst of 3,000, then +500 per minute (refilled continuously).
        // Same overload as above: ~3,000 at once, ~3,500 after one minute (+-1%).
        Scenario sc;
        sc.durationSeconds = 61;
        sc.binWidthSeconds = 1;
        sc.account.concurrencyLimit = 10000;
        sc.account.scaling = ScalingMode::Legacy2018;
        sc.sources.push_back(poisson(5000));
        sc.apis.push_back(ApiGateway{});
        LambdaFunction f = fixedLambda(100000);
        f.timeoutSeconds = 900;
        sc.lambdas.push_back(f);
        wire(sc, EdgeKind::Traffic, src(0), api(0));
        wire(sc, EdgeKind::SyncInvoke, api(0), fn(0));
        Simulation sim(sc);
        sim.run();
        const double at0 = bin(sim, fn(0), "lambda.concurrency", 0);
        const double at60 = bin(sim, fn(0), "lambda.concurrency", 59);
        QVERIFY2(std::abs(at0 - 3008) < 30, qPrintable(QString::number(at0)));
        QVERIFY2(std::abs(at60 - 3500) < 35, qPrintable(QString::number(at60)));
    }
};

QTEST_APPLESS_MAIN(TestLambda)
#include "lambda.moc"
