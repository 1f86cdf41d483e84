// Step Functions: a failing Task is retried per its Retry policy
// (interval x backoff^(n-1), max attempts, MaxDelaySeconds, jitter), then caught; every attempt
// counts as a state transition.
#include "simtestutil.h"

#include <QtTest>

using namespace swb::core;
using namespace swb::core::test;

namespace {

Scenario machine(SfnRetry retry, bool catchAll, double errorRate)
{
    Scenario sc;
    sc.durationSeconds = 100;
    sc.binWidthSeconds = 1;
    sc.sources.push_back(poisson(0));
    sc.lambdas.push_back(fixedLambda(100, errorRate));
    StepFunctions m;
    SfnTask t;
    t.lambdaIndex = 0;
    t.retry = retry;
    t.catchAll = catchAll;
    m.tasks.push_back(t);
    sc.stateMachines.push_back(m);
    return sc;
}

} // namespace

class TestStepFunctions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void retriesWithBackoffThenCatch()
    {
        SfnRetry r;
        r.intervalSeconds = 2;
        r.backoffRate = 2;
        r.maxAttempts = 3;
        Simulation sim(machine(r, true, 1.0));
        inject(sim, sfn(0));
        sim.run();
        // Attempts at 0, 0.1 + 2, 2.2 + 4, 6.3 + 8 s; then Catch.
        QCOMPARE(binsWith(sim, fn(0), "lambda.invocations"),
                 (std::vector<std::size_t>{0, 2, 6, 14}));
        QCOMPARE(total(sim, sfn(0), "sfn.retries"), 3.0);
        QCOMPARE(total(sim, sfn(0), "sfn.caught"), 1.0);
        QCOMPARE(total(sim, sfn(0), "sfn.transitions"), 5.0); // 4 attempts + the Catch state
        QCOMPARE(sim.ledger().droppedBy[int(DropReason::SfnCaught)], std::uint64_t(1));
    }

    void maxDelayCapsTheBackoff()
    {
        SfnRetry r;
        r.intervalSeconds = 2;
        r.backoffRate = 3;
        r.maxAttempts = 3;
        r.maxDelaySeconds = 5;
        Simulation sim(machine(r, false, 1.0));
        inject(sim, sfn(0));
        sim.run();
        // Delays 2, min(6, 5), min(18, 5): attempts at 0, 2.1, 7.2, 12.3 s; then failed.
        QCOMPARE(binsWith(sim, fn(0), "lambda.invocations"),
                 (std::vector<std::size_t>{0, 2, 7, 12}));
        QCOMPARE(total(sim, sfn(0), "sfn.failures"), 1.0);
        QCOMPARE(total(sim, sfn(0), "sfn.transitions"), 4.0);
    }

    void fullJitterStaysWithinTheDelay()
    {
        SfnRetry r;
        r.intervalSeconds = 10;
        r.backoffRate = 1;
        r.maxAttempts = 1;
        r.jitter = JitterStrategy::Full;
        Scenario sc = machine(r, false, 1.0);
        Simulation sim(sc);
        for (int i = 0; i < 200; ++i)
            inject(sim, sfn(0));
        sim.run();
        // 200 retries drawn uniformly in [0.1, 10.1] s: all inside, spread over the window
        // (each 1 s bin holds ~20; the chance that one of bins 1-9 is empty is ~1e-8).
        const auto bins = binsWith(sim, fn(0), "lambda.invocations");
        QCOMPARE(bins.size(), std::size_t(400));
        for (std::size_t b : bins)
            QVERIFY(b <= 10);
        for (std::size_t b = 1; b <= 9; ++b)
            QVERIFY(bin(sim, fn(0), "lambda.invocations", b) > 0);
    }

    void successfulChainCountsOneTransitionPerTask()
    {
        Scenario sc = machine(SfnRetry{}, false, 0);
        sc.stateMachines[0].tasks.push_back(sc.stateMachines[0].tasks[0]);
        sc.stateMachines[0].type = WorkflowType::Express;
        Simulation sim(sc);
        inject(sim, sfn(0));
        sim.run();
        QCOMPARE(total(sim, sfn(0), "sfn.transitions"), 2.0);
        QCOMPARE(total(sim, sfn(0), "sfn.succeeded"), 1.0);
        QCOMPARE(total(sim, sfn(0), "sfn.billed_express_requests"), 1.0);
        // 0.2 s rounds up to 0.2 s at 64 MB: 0.0125 GB-s.
        QVERIFY(std::abs(total(sim, sfn(0), "sfn.billed_express_gb_s") - 0.0125) < 1e-9);
        QCOMPARE(sim.ledger().succeeded, std::uint64_t(1));
    }
};

QTEST_APPLESS_MAIN(TestStepFunctions)
#include "stepfunctions.moc"
