// Traffic generators: constant, Poisson, spike, step, replay and diurnal rates, TrafficSpike and
// BadDeploy faults, payload sizes.
#include "simtestutil.h"

#include <QtTest>

#include <cmath>

using namespace swb::core;
using namespace swb::core::test;

namespace {

Scenario sourceOnly(TrafficSource s, double seconds, double bin = 1)
{
    Scenario sc;
    sc.seed = 17;
    sc.durationSeconds = seconds;
    sc.binWidthSeconds = bin;
    sc.sources.push_back(s);
    sc.queues.push_back(SqsQueue{});
    wire(sc, EdgeKind::Traffic, src(0), sqs(0));
    return sc;
}

double generated(const Simulation &sim, std::size_t from, std::size_t to)
{
    return sumBins(sim, src(0), "source.generated", from, to);
}

} // namespace

class TestTraffic : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void constantIsExact()
    {
        TrafficSource s = poisson(10);
        s.pattern = TrafficPattern::Constant;
        Simulation sim(sourceOnly(s, 100));
        sim.run();
        QCOMPARE(total(sim, src(0), "source.generated"), 999.0); // 0.1, 0.2, ... 99.9 s
        for (std::size_t b = 1; b < 99; ++b)
            QCOMPARE(bin(sim, src(0), "source.generated", b), 10.0);
    }

    void spikeStepAndReplayRates()
    {
        // Poisson counts: 100 s at 100/s has sd 1% of the mean; tolerances are 5%.
        TrafficSource s = poisson(100);
        s.pattern = TrafficPattern::Spike;
        s.startSeconds = 100;
        s.durationSeconds = 100;
        s.multiplier = 4;
        Simulation spike(sourceOnly(s, 300));
        spike.run();
        QVERIFY(std::abs(generated(spike, 0, 100) / 100 - 100) < 5);
        QVERIFY(std::abs(generated(spike, 100, 200) / 100 - 400) < 20);
        QVERIFY(std::abs(generated(spike, 200, 300) / 100 - 100) < 5);

        s.pattern = TrafficPattern::Step;
        Simulation step(sourceOnly(s, 300));
        step.run();
        QVERIFY(std::abs(generated(step, 200, 300) / 100 - 400) < 20);

        s.pattern = TrafficPattern::Replay;
        s.replay = {{0, 50}, {100, 0}, {200, 200}};
        Simulation replay(sourceOnly(s, 300));
        replay.run();
        QVERIFY(std::abs(generated(replay, 0, 100) / 100 - 50) < 2.5);
        QCOMPARE(generated(replay, 100, 200), 0.0);
        QVERIFY(std::abs(generated(replay, 200, 300) / 100 - 200) < 10);
    }

    void diurnalPeakOverTroughIsThePeakFactor()
    {
        // One simulated day at a mean of 20/s, peak factor 3: the hour around noon vs the hour
        // around midnight. Each hour holds ~36,000-108,000 arrivals (sd < 0.6%); the cosine's
        // curvature over +-30 min lowers the ratio by ~1%: 3 +- 0.1.
        TrafficSource s = poisson(20);
        s.pattern = TrafficPattern::Diurnal;
        s.diurnalPeakFactor = 3;
        Simulation sim(sourceOnly(s, 86400, 60));
        sim.run();
        const double night = generated(sim, 0, 30) + generated(sim, 1410, 1440);
        const double noon = generated(sim, 690, 750);
        QVERIFY2(std::abs(noon / night - 3) < 0.1, qPrintable(QString::number(noon / night)));
        QVERIFY(std::abs(total(sim, src(0), "source.generated") / 86400 - 20) < 0.2);
    }

    void trafficSpikeFaultMultipliesTheRate()
    {
        TrafficSource s = poisson(100);
        Scenario sc = sourceOnly(s, 200);
        Fault f;
        f.kind = FaultKind::TrafficSpike;
        f.target = src(0);
        f.startSeconds = 50;
        f.durationSeconds = 50;
        f.rateMultiplier = 10;
        sc.faults.push_back(f);
        Simulation sim(sc);
        sim.run();
        QVERIFY(std::abs(generated(sim, 50, 100) / 50 - 1000) < 50);
        QVERIFY(std::abs(generated(sim, 100, 200) / 100 - 100) < 5);
    }

    void badDeployRaisesErrorsAndDurationInItsWindow()
    {
        Scenario sc;
        sc.durationSeconds = 300;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(poisson(50));
        sc.apis.push_back(ApiGateway{});
        sc.lambdas.push_back(fixedLambda(100));
        wire(sc, EdgeKind::Traffic, src(0), api(0));
        wire(sc, EdgeKind::SyncInvoke, api(0), fn(0));
        Fault f;
        f.kind = FaultKind::BadDeploy;
        f.target = fn(0);
        f.startSeconds = 100;
        f.durationSeconds = 100;
        f.errorRate = 1.0;
        f.durationMultiplier = 2;
        sc.faults.push_back(f);
        Simulation sim(sc);
        sim.run();
        QCOMPARE(sumBins(sim, fn(0), "lambda.errors", 0, 100), 0.0);
        // Errors are counted when an invocation ends (200 ms after it starts), so compare
        // totals over the window: only the few calls straddling its edges differ (< 1%).
        const double err = sumBins(sim, fn(0), "lambda.errors", 101, 200);
        const double inv = sumBins(sim, fn(0), "lambda.invocations", 101, 200);
        QVERIFY(std::abs(err / inv - 1) < 0.01);
        QCOMPARE(bin(sim, fn(0), "lambda.duration_ms_max", 150), 200.0);
        QCOMPARE(sumBins(sim, fn(0), "lambda.errors", 201, 300), 0.0);
    }

    void payloadSizeMean()
    {
        // 20,000 lognormal sizes with cv 0.5: standard error 0.35% of the mean; +-2%.
        TrafficSource s = poisson(200);
        s.payloadMeanBytes = 5000;
        s.payloadDistribution = Distribution::LogNormal;
        Scenario sc = sourceOnly(s, 100);
        sc.queues.clear();
        sc.streams.push_back(KinesisStream{});
        sc.streams[0].shards = 4;
        sc.edges[0].to = kin(0);
        Simulation sim(sc);
        sim.run();
        const double mean = total(sim, kin(0), "kinesis.incoming_bytes")
                            / total(sim, kin(0), "kinesis.incoming_records");
        QVERIFY2(std::abs(mean / 5000 - 1) < 0.02, qPrintable(QString::number(mean)));
    }
};

QTEST_APPLESS_MAIN(TestTraffic)
#include "traffic.moc"
