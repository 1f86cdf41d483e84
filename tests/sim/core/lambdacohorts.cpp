// Throttled async events kept as retry cohorts (services/lambda/lambdaasync.cpp): the pool and the
// timers bounded whatever the async backlog, the same run as the per-event model while few wait,
// and within statistical error of it once cohorts are merged.
#include "simtestutil.h"

#include "core/services/lambda/lambdaservice.h"

#include <QtTest>

#include <cmath>
#include <cstdint>

using namespace swb::core;
using namespace swb::core::test;

namespace {

constexpr std::uint32_t kPerEvent = UINT32_MAX;

// 50 events/s (Poisson) invoked asynchronously on a function of reserved concurrency 1 that runs
// a fixed 100 ms: it takes at most 10/s, the rest are throttled and retried with backoff (1 s
// doubling to 5 min) until their 600 s maximum event age, then go to an on-failure queue nobody
// consumes. About 24,000 events wait at once.
Scenario overload(double seconds)
{
    Scenario sc;
    sc.seed = 3;
    sc.durationSeconds = seconds;
    sc.binWidthSeconds = 10;
    sc.sources.push_back(poisson(50));
    LambdaFunction f = fixedLambda(100);
    f.reservedConcurrency = 1;
    f.async.maxEventAgeSeconds = 600;
    sc.lambdas.push_back(f);
    sc.queues.push_back(SqsQueue{});
    wire(sc, EdgeKind::AsyncInvoke, src(0), fn(0));
    wire(sc, EdgeKind::OnFailure, fn(0), sqs(0));
    return sc;
}

void run(Simulation &sim, std::uint32_t exactAsync)
{
    sim.kernel().service<LambdaService>().setExactAsync(exactAsync);
    sim.run();
}

} // namespace

class TestLambdaCohorts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void underTheLimitTheRunIsThePerEventModel()
    {
        Simulation exact(overload(900)), perEvent(overload(900));
        run(exact, 1u << 16);
        run(perEvent, kPerEvent);
        QVERIFY(total(exact, fn(0), "lambda.async_queue") > 20000);
        QCOMPARE(exact.fingerprint(), perEvent.fingerprint());
        QCOMPARE(exact.eventsProcessed(), perEvent.eventsProcessed());
    }

    void mergedCohortsAgreeWithThePerEventModel()
    {
        Simulation merged(overload(1800)), perEvent(overload(1800));
        LedgerChecker ledger;
        merged.setFrameSink(&ledger);
        run(merged, 200);
        run(perEvent, kPerEvent);
        QVERIFY(ledger.bins > 0);
        QCOMPARE(ledger.unbalanced, 0);
        QVERIFY(merged.ledger().balanced());

        // Memory: the pool holds the 200 per-event waiters and the run in flight; the other
        // 25,000 wait in cohorts.
        QVERIFY(perEvent.kernel().messageSlots() > 20000);
        QVERIFY2(merged.kernel().messageSlots() < 1000,
                 qPrintable(QString::number(merged.kernel().messageSlots())));

        // The function is saturated in both: invocations are its capacity (about 10/s; fresh
        // arrivals take a freed slot at once in both models), within 1% (measured: 0.4%; the
        // models differ in which waiting event takes a slot, not in how soon one does).
        const double ia = total(merged, fn(0), "lambda.invocations"),
                     ib = total(perEvent, fn(0), "lambda.invocations");
        QVERIFY2(ib > 15000 && std::abs(ia - ib) <= 0.01 * ib,
                 qPrintable(QStringLiteral("invocations %1 vs %2").arg(ia).arg(ib)));
        // Expired events (on-failure) are what the function could not take: arrivals minus
        // invocations, so within the same 1% of the invocations.
        const double da = total(merged, fn(0), "lambda.dlq"),
                     db = total(perEvent, fn(0), "lambda.dlq");
        QVERIFY2(db > 40000 && std::abs(da - db) <= 0.01 * ib,
                 qPrintable(QStringLiteral("on-failure %1 vs %2").arg(da).arg(db)));
        // Every waiting event retries on the same backoff schedule in both models, a merged one
        // at its interpolated due time (under 1 s off): throttles within 2% (measured: 0.2%).
        const double ta = total(merged, fn(0), "lambda.throttles"),
                     tb = total(perEvent, fn(0), "lambda.throttles");
        QVERIFY2(std::abs(ta - tb) <= 0.02 * tb,
                 qPrintable(QStringLiteral("throttles %1 vs %2").arg(ta).arg(tb)));
        // The backlog: arrivals minus what ran and expired, within 2% at its peak.
        const double qa = total(merged, fn(0), "lambda.async_queue"),
                     qb = total(perEvent, fn(0), "lambda.async_queue");
        QVERIFY2(std::abs(qa - qb) <= 0.02 * qb,
                 qPrintable(QStringLiteral("async queue %1 vs %2").arg(qa).arg(qb)));
    }
};

QTEST_GUILESS_MAIN(TestLambdaCohorts)
#include "lambdacohorts.moc"
