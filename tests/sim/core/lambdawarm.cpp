// Lambda's warm-environment series: warm environments (mean and max per bin), time-averaged
// concurrency, provisioned utilisation, exact idle expiry; and the single-server analytic case
// (Poisson arrivals, idle expiry) for the mean number of warm environments and P(cold).
#include "simtestutil.h"

#include "core/services/lambda/lambdaservice.h"

#include <QtTest>

#include <cmath>

using namespace swb::core;
using namespace swb::core::test;

class TestLambdaWarm : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void idleEnvironmentCountsUntilItsExpiry()
    {
        // fn 0: one async invoke at 0 s, cold (0.5 s init) + 1 s run: busy [0, 1.5 s), idle from
        // 1.5 s, reclaimed at 61.5 s (idle expiry 60 s) even though nothing starts afterwards.
        // fn 1: the same with 2 provisioned environments: no cold start, busy [0, 1 s).
        Scenario sc;
        sc.durationSeconds = 100;
        sc.binWidthSeconds = 10;
        sc.sources.push_back(poisson(0));
        LambdaFunction f = fixedLambda(1000);
        f.coldStartMs = 500;
        f.idleExpirySeconds = 60;
        sc.lambdas.push_back(f);
        LambdaFunction g = f;
        g.provisionedConcurrency = 2;
        sc.lambdas.push_back(g);
        Simulation sim(sc);
        inject(sim, fn(0));
        inject(sim, fn(1));
        sim.run();
        for (std::size_t b = 0; b < 10; ++b) {
            const double warmMean = b < 6 ? 1.0 : b == 6 ? 0.15 : 0.0; // 1.5 of 10 s in bin 6
            QCOMPARE(bin(sim, fn(0), "lambda.warm_environments_mean", b), warmMean);
            QCOMPARE(bin(sim, fn(0), "lambda.warm_environments", b), b <= 6 ? 1.0 : 0.0);
            QCOMPARE(bin(sim, fn(0), "lambda.concurrency_mean", b), b == 0 ? 0.15 : 0.0);
            QCOMPARE(bin(sim, fn(0), "lambda.provisioned_utilization", b), 0.0);
            // Provisioned environments are always warm; 1 of 2 busy for 1 s of bin 0.
            QCOMPARE(bin(sim, fn(1), "lambda.warm_environments_mean", b), 2.0);
            QCOMPARE(bin(sim, fn(1), "lambda.warm_environments", b), 2.0);
            QCOMPARE(bin(sim, fn(1), "lambda.concurrency_mean", b), b == 0 ? 0.1 : 0.0);
            QCOMPARE(bin(sim, fn(1), "lambda.provisioned_utilization", b), b == 0 ? 0.05 : 0.0);
        }
        QCOMPARE(bin(sim, fn(0), "lambda.concurrency", 0), 1.0); // the max beside the mean
        QCOMPARE(sim.kernel().service<LambdaService>().idleEnvironments(0), std::size_t(0));
    }

    void singleServerMatchesClosedForm()
    {
        // One environment (reserved concurrency 1; a sync call while it is busy is throttled and
        // lost), Poisson arrivals at rate l, run time d, init time c, idle expiry T. After each
        // end the next accepted arrival comes after G ~ Exp(l) (memoryless); it is cold iff
        // G >= T, so P(cold) = p = exp(-l T). Renewal-reward over one end-to-end cycle:
        //   E[cycle] = 1/l + d + c p
        //   mean warm        = (E[min(G, T)] + d + c p) / E[cycle],  E[min(G, T)] = (1 - p) / l
        //   mean concurrency = (d + c p) / E[cycle]
        // l = 1/60 s, T = 60 s, d = 1 s, c = 0.5 s over 30 days: ~42,000 cycles. Standard errors:
        // P(cold) sqrt(p(1-p)/n) = 0.0023; mean warm ~0.002 (cycle sd ~25 s / (61 s sqrt(n)));
        // mean concurrency ~0.0001. Tolerances 0.012, 0.01 and 0.0005 are ~5 sigma each.
        const double l = 1.0 / 60, T = 60, d = 1, c = 0.5;
        Scenario sc;
        sc.seed = 21;
        sc.durationSeconds = 30 * 86400;
        sc.binWidthSeconds = 3600;
        sc.sources.push_back(poisson(l));
        sc.apis.push_back(ApiGateway{});
        LambdaFunction f = fixedLambda(d * 1000);
        f.coldStartMs = c * 1000;
        f.idleExpirySeconds = T;
        f.reservedConcurrency = 1;
        sc.lambdas.push_back(f);
        wire(sc, EdgeKind::Traffic, src(0), api(0));
        wire(sc, EdgeKind::SyncInvoke, api(0), fn(0));
        Simulation sim(sc);
        sim.run();
        const double p = std::exp(-l * T);
        const double cycle = 1 / l + d + c * p;
        const double warm = ((1 - p) / l + d + c * p) / cycle;
        const double busy = (d + c * p) / cycle;
        const double invocations = total(sim, fn(0), "lambda.invocations");
        QVERIFY(invocations > 40000);
        const double pCold = total(sim, fn(0), "lambda.cold_starts") / invocations;
        const auto msg = [](double got, double want) {
            return QStringLiteral("measured %1 expected %2").arg(got).arg(want);
        };
        QVERIFY2(std::abs(pCold - p) < 0.012, qPrintable(msg(pCold, p)));
        // The Mean series' summary is the average of the 720 equal bins: the run's time-average.
        const double warmMean = total(sim, fn(0), "lambda.warm_environments_mean");
        QVERIFY2(std::abs(warmMean - warm) < 0.01, qPrintable(msg(warmMean, warm)));
        const double busyMean = total(sim, fn(0), "lambda.concurrency_mean");
        QVERIFY2(std::abs(busyMean - busy) < 0.0005, qPrintable(msg(busyMean, busy)));
        QCOMPARE(total(sim, fn(0), "lambda.warm_environments"), 1.0);
        QVERIFY(sim.ledger().balanced());
    }
};

QTEST_APPLESS_MAIN(TestLambdaWarm)
#include "lambdawarm.moc"
