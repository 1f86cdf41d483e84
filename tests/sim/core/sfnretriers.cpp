// Step Functions retriers and throttling (aws-behaviour.md §6): several retriers per Task
// evaluated in order (AWS's documented A, B, C, B, B example), every attempt a billed transition,
// and the Standard StateTransition (5,000 burst / 1,500 per s) and StartExecution (1,300 / 300)
// token buckets.
#include "simtestutil.h"

#include "core/services/stepfunctions/sfnretry.h"

#include <QtTest>

using namespace swb::core;
using namespace swb::core::test;

namespace {

SfnRetry retrier(std::uint32_t errors, double interval, std::uint32_t maxAttempts)
{
    SfnRetry r;
    r.errors = errors;
    r.intervalSeconds = interval;
    r.maxAttempts = maxAttempts;
    return r; // BackoffRate 2.0 (default)
}

// A Standard machine with one Task on a 100 ms Lambda, driven by a constant source.
Scenario machine(double rate, double seconds, double errorRate = 0)
{
    Scenario sc;
    sc.seed = 3;
    sc.durationSeconds = seconds;
    sc.binWidthSeconds = 1;
    TrafficSource s = poisson(rate);
    s.pattern = TrafficPattern::Constant;
    sc.sources.push_back(s);
    LambdaFunction f = fixedLambda(100, errorRate);
    sc.lambdas.push_back(f);
    sc.account.concurrencyLimit = 100000; // keep Lambda out of the way
    StepFunctions m;
    SfnTask t;
    t.lambdaIndex = 0;
    m.tasks.push_back(t);
    sc.stateMachines.push_back(m);
    wire(sc, EdgeKind::Traffic, src(0), sfn(0));
    return sc;
}

} // namespace

class TestSfnRetriers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void documentedComplexRetryScenario()
    {
        // Step Functions developer guide, "Complex retry scenarios": Retry = [{ErrorEquals
        // [ErrorA, ErrorB], IntervalSeconds 1, BackoffRate 2.0, MaxAttempts 2}, {ErrorEquals
        // [ErrorC], IntervalSeconds 5}], Catch States.ALL. The task fails with ErrorA, ErrorB,
        // ErrorC, ErrorB, ErrorB: waits of 1 and 2 s (first retrier), 5 s (second), 4 s (first
        // retrier again, third visit), then the fifth error, the third ErrorB, is past the
        // first retrier's two retries for ErrorB and goes to Catch.
        const std::uint8_t A = 0, B = 1, C = 2;
        const SfnRetry rs[] = {retrier((1u << A) | (1u << B), 1, 2), retrier(1u << C, 5, 3)};
        SfnAttempts st;
        const std::uint8_t errors[] = {A, B, C, B, B};
        const int expectRetrier[] = {0, 0, 1, 0, -1};
        const double expectDelay[] = {1, 2, 5, 4, 0};
        for (int i = 0; i < 5; ++i) {
            const SfnRetryDecision d = sfnNextRetry(rs, 2, st, errors[i]);
            QCOMPARE(d.retrier, expectRetrier[i]);
            if (d.retrier >= 0)
                QCOMPARE(d.delaySeconds, expectDelay[i]);
        }
        // An error no retrier names is caught at once; MaxAttempts 0 never retries.
        SfnAttempts fresh;
        QCOMPARE(sfnNextRetry(rs, 2, fresh, 3).retrier, -1);
        const SfnRetry never[] = {retrier(1u << A, 1, 0), retrier(0xFFFFFFFFu, 1, 3)};
        QCOMPARE(sfnNextRetry(never, 2, fresh, A).retrier, -1);
        QCOMPARE(sfnNextRetry(never, 2, fresh, B).retrier, 1);
    }

    void retriersPickedByErrorInTheEngine()
    {
        // A function that always fails (a handled error): the first retrier only names
        // Lambda.TooManyRequestsException, so the second (States.ALL, 2 retries from 3 s)
        // handles it: attempts at 0, 0.1 + 3, 3.2 + 6 s, then Catch. Every attempt and the
        // Catch are billed transitions.
        Scenario sc = machine(0, 30, 1.0);
        SfnTask &t = sc.stateMachines[0].tasks[0];
        t.retriers = {retrier(1u << SfnErrThrottled, 1, 5), retrier(0xFFFFFFFFu, 3, 2)};
        t.catchAll = true;
        Simulation sim(sc);
        inject(sim, sfn(0));
        sim.run();
        QCOMPARE(binsWith(sim, fn(0), "lambda.invocations"), (std::vector<std::size_t>{0, 3, 9}));
        QCOMPARE(total(sim, sfn(0), "sfn.retries"), 2.0);
        QCOMPARE(total(sim, sfn(0), "sfn.caught"), 1.0);
        QCOMPARE(total(sim, sfn(0), "sfn.transitions"), 4.0);
        // A throttled invoke (reserved concurrency 0 = kill switch) is the first retrier's:
        // 5 retries, 1, 2, 4, 8, 16 s apart.
        sc.lambdas[0].reservedConcurrency = 0;
        sc.durationSeconds = 60;
        Simulation throttled(sc);
        inject(throttled, sfn(0));
        throttled.run();
        QCOMPARE(total(throttled, sfn(0), "sfn.retries"), 5.0);
        QCOMPARE(total(throttled, sfn(0), "sfn.transitions"), 7.0); // 6 attempts + Catch
        QCOMPARE(binsWith(throttled, fn(0), "lambda.throttles"),
                 (std::vector<std::size_t>{0, 1, 3, 7, 15, 31}));
    }

    void transitionsAbove1500PerSecondAreDelayed()
    {
        // 2,000 executions/s of one Task: 2,000 transitions/s against a bucket of 5,000 that
        // refills 1,500/s. StartExecution is raised out of the way here. The burst lasts
        // 5,000 / 500 = 10 s; after that the transitions run at the refill rate and each waits
        // longer: by t = 60 s the debt is 500 x 50 = 25,000 transitions = 16.7 s of delay.
        // Constant arrivals make this exact up to one event's rounding: +-0.1 s.
        Scenario sc = machine(2000, 60);
        sc.stateMachines[0].startBurst = 1e6;
        sc.stateMachines[0].startRate = 1e6;
        Simulation sim(sc);
        sim.run();
        const double delay = bin(sim, sfn(0), "sfn.transition_delay_s", 59);
        QVERIFY2(std::abs(delay - 25000.0 / 1500.0) < 0.1, qPrintable(QString::number(delay)));
        QCOMPARE(bin(sim, sfn(0), "sfn.throttled_transitions", 5), 0.0); // within the burst
        // Admitted transitions (attempts started) run at the refill rate: 1,500 per 1 s bin.
        QCOMPARE(bin(sim, sfn(0), "sfn.transitions", 40), 1500.0);
        QVERIFY(sim.ledger().balanced());
        // Below the refill rate nothing is delayed.
        Scenario calm = machine(1400, 60);
        calm.stateMachines[0].startBurst = 1e6;
        calm.stateMachines[0].startRate = 1e6;
        Simulation ok(calm);
        ok.run();
        QCOMPARE(total(ok, sfn(0), "sfn.throttled_transitions"), 0.0);
        // Express workflows have no transition bucket.
        sc.stateMachines[0].type = WorkflowType::Express;
        Simulation express(sc);
        express.run();
        QCOMPARE(total(express, sfn(0), "sfn.throttled_transitions"), 0.0);
    }

    void startExecutionAbove300PerSecondIsRejected()
    {
        // 500 StartExecution/s through an API Gateway direct integration: the bucket (1,300,
        // 300/s) admits 1,300 + 300 x 60 = 19,300 in 60 s; the rest are refused and the API
        // answers them with a 5xx. Constant arrivals: exact up to one call.
        Scenario sc = machine(500, 60);
        sc.edges.clear();
        sc.apis.push_back(ApiGateway{});
        wire(sc, EdgeKind::Traffic, src(0), api(0));
        wire(sc, EdgeKind::ServiceIntegration, api(0), sfn(0));
        Simulation sim(sc);
        sim.run();
        const double started = total(sim, sfn(0), "sfn.executions");
        QVERIFY2(std::abs(started - 19300) <= 2, qPrintable(QString::number(started)));
        const double refused = total(sim, sfn(0), "sfn.start_throttles");
        QCOMPARE(refused, total(sim, src(0), "source.generated") - started);
        QCOMPARE(total(sim, api(0), "apigw.errors_5xx"), refused);
        QCOMPARE(double(sim.ledger().rejected), refused);
        // Other Regions (800 / 150 per s): fewer admitted.
        sc.stateMachines[0].startBurst = 800;
        sc.stateMachines[0].startRate = 150;
        Simulation other(sc);
        other.run();
        QVERIFY(std::abs(total(other, sfn(0), "sfn.executions") - (800 + 150 * 60)) <= 2);
    }
};

QTEST_APPLESS_MAIN(TestSfnRetriers)
#include "sfnretriers.moc"
