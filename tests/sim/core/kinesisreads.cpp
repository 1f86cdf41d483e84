// Kinesis read limits (aws-behaviour.md §5 "Shard read (shared)" and "Enhanced fan-out"):
// standard consumers of one stream share 2 MB/s, 2,000 records/s and 5 GetRecords calls/s per
// shard; enhanced fan-out consumers each get their own 2 MB/s per shard, pushed with ~70 ms
// propagation instead of the shared ~1 per second poll.
#include "simtestutil.h"

#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace swb::core;
using namespace swb::core::test;

namespace {

// One shard written at `rate` records/s of `bytes` each, read by `consumers` Lambda functions
// (10 ms, batch 100), each through its own event source mapping.
Scenario fanOut(double rate, double bytes, int consumers, bool efo, double seconds)
{
    Scenario sc;
    sc.seed = 11;
    sc.durationSeconds = seconds;
    sc.binWidthSeconds = 1;
    TrafficSource s = poisson(rate);
    s.payloadMeanBytes = bytes;
    sc.sources.push_back(s);
    sc.streams.push_back(KinesisStream{});
    wire(sc, EdgeKind::Traffic, src(0), kin(0));
    for (int i = 0; i < consumers; ++i) {
        sc.lambdas.push_back(fixedLambda(10));
        Edge &e = wire(sc, EdgeKind::EventSourceMapping, kin(0), fn(static_cast<std::uint32_t>(i)));
        e.esm.batchSize = 100;
        e.esm.enhancedFanOut = efo;
    }
    return sc;
}

// Records processed per second by all consumers together between two times (each consumer's
// success counts one end-to-end completion).
double readRate(const Simulation &sim, std::size_t from, std::size_t to)
{
    return sumBins(sim, src(0), "source.e2e_count", from, to) / double(to - from);
}

double medianP50(const Simulation &sim)
{
    std::vector<double> v;
    for (std::size_t b = 5; b < sim.metrics().binCount(); ++b)
        if (bin(sim, src(0), "source.e2e_count", b) > 0)
            v.push_back(bin(sim, src(0), "source.e2e_p50_ms", b));
    std::sort(v.begin(), v.end());
    return v.empty() ? -1 : v[v.size() / 2];
}

} // namespace

class TestKinesisReads : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sharedConsumersSplitTheRecordLimit()
    {
        // 900 records/s of 100 B (under the 1,000/s write limit), 3 standard consumers want
        // 2,700 reads/s: together they get the shard's 2,000 records/s. Tolerance: the bucket
        // holds 1 s of burst (2,000 over 100 s = 1%) and Poisson writes have sd ~0.3% over
        // 100 s; a shortfall would be reads lost to throttled-call back-off, allowed 3%.
        Simulation sim(fanOut(900, 100, 3, false, 120));
        sim.run();
        const double rate = readRate(sim, 20, 120);
        QVERIFY2(rate <= 2000 * 1.01 && rate >= 2000 * 0.97, qPrintable(QString::number(rate)));
        // The unread backlog grows by ~700 records/s: the oldest unread record ages.
        QVERIFY(bin(sim, kin(0), "kinesis.iterator_age_s", 119) > 30);
        QVERIFY(total(sim, kin(0), "kinesis.read_throttles") > 0);
        QVERIFY(sim.ledger().balanced());
        // Two consumers want 1,800 reads/s, under the limit: they keep up.
        Simulation two(fanOut(900, 100, 2, false, 120));
        two.run();
        QVERIFY2(std::abs(readRate(two, 20, 120) - 1800) < 1800 * 0.03,
                 qPrintable(QString::number(readRate(two, 20, 120))));
        QVERIFY(bin(two, kin(0), "kinesis.iterator_age_s", 119) < 3);
    }

    void sharedConsumersSplitTheByteLimit()
    {
        // 200 records/s of 4 KiB = 0.78 MiB/s written (under the 1 MiB/s write limit); 3
        // consumers want 2.34 MiB/s of the shard's shared 2 MiB/s, so together they read
        // 2 MiB/s = 512 records/s (same tolerance argument as above).
        Simulation sim(fanOut(200, 4096, 3, false, 120));
        sim.run();
        const double rate = readRate(sim, 20, 120);
        QVERIFY2(rate <= 512 * 1.02 && rate >= 512 * 0.97, qPrintable(QString::number(rate)));
        QVERIFY(bin(sim, kin(0), "kinesis.iterator_age_s", 119) > 10);
    }

    void sixConsumersHitTheGetRecordsLimit()
    {
        // Light traffic, so only the call limit can bite: each consumer polls each shard about
        // once per second, on its own phase. Five consumers make 5 calls/s, the shard's limit;
        // a sixth makes 6/s and some calls are refused, yet every record is still read.
        Simulation five(fanOut(20, 100, 5, false, 60));
        five.run();
        QCOMPARE(total(five, kin(0), "kinesis.read_throttles"), 0.0);
        Simulation six(fanOut(20, 100, 6, false, 60));
        six.run();
        const double throttled = total(six, kin(0), "kinesis.read_throttles");
        QVERIFY2(throttled >= 20, qPrintable(QString::number(throttled)));
        // Calls that returned records: at most 5/s plus the bucket's 5-call burst.
        const double calls = total(six, kin(0), "kinesis.read_calls");
        QVERIFY2(calls <= 5 * 60 + 5 && calls > 4 * 60, qPrintable(QString::number(calls)));
        QVERIFY(six.ledger().balanced());
        QCOMPARE(six.ledger().expired + six.ledger().dropped, std::uint64_t(0));
        QVERIFY(bin(six, kin(0), "kinesis.iterator_age_s", 59) < 3);
        // Refused polls are retried later: the median end-to-end latency rises.
        QVERIFY(medianP50(six) > medianP50(five));
    }

    void enhancedFanOutGivesEachConsumerTheFullRate()
    {
        // Same 900 records/s as the first test: 3 enhanced fan-out consumers each read all of
        // it (2,700/s together) where 3 shared consumers were held to 2,000/s. Poisson sd ~0.3%
        // over 100 s, bucket start-up 1 s: +-2%.
        Simulation sim(fanOut(900, 100, 3, true, 120));
        sim.run();
        const double rate = readRate(sim, 20, 120);
        QVERIFY2(std::abs(rate - 2700) < 2700 * 0.02, qPrintable(QString::number(rate)));
        QVERIFY(bin(sim, kin(0), "kinesis.iterator_age_s", 119) < 1);
        QCOMPARE(total(sim, kin(0), "kinesis.read_throttles"), 0.0);
    }

    void enhancedFanOutLowersLatency()
    {
        // One consumer, 50 records/s, 10 ms function: a shared consumer sees a record at its
        // next one-second poll (median wait ~0.5 s); enhanced fan-out pushes it ~70 ms after
        // the write (aws-behaviour.md §5, a ⚠ figure) in pushes at most 10 ms apart.
        Simulation shared(fanOut(50, 100, 1, false, 120));
        shared.run();
        Simulation efo(fanOut(50, 100, 1, true, 120));
        efo.run();
        const double pShared = medianP50(shared), pEfo = medianP50(efo);
        QVERIFY2(pShared > 350 && pShared < 700, qPrintable(QString::number(pShared)));
        QVERIFY2(pEfo >= 70 && pEfo < 100, qPrintable(QString::number(pEfo)));
    }
};

QTEST_APPLESS_MAIN(TestKinesisReads)
#include "kinesisreads.moc"
