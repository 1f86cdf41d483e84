// Kinesis and its Lambda event source mapping: records/s = shards x PF x
// batch / batch duration, shard write throttling above 1,000 records/s or 1 MB/s, a hot key capped
// at one shard, a poison record blocking its shard until max retries / max record age, then the
// on-failure destination, and bisect-on-error isolating the poison record.
#include "sdkaccounting.h"

#include <QtTest>

#include <cmath>

using namespace swb::core;
using namespace swb::core::test;

namespace {

Scenario stream(std::uint32_t shards, double rate, double bytes, double seconds)
{
    Scenario sc;
    sc.seed = 5;
    sc.durationSeconds = seconds;
    sc.binWidthSeconds = 1;
    TrafficSource s = poisson(rate);
    s.payloadMeanBytes = bytes;
    sc.sources.push_back(s);
    KinesisStream k;
    k.shards = shards;
    sc.streams.push_back(k);
    wire(sc, EdgeKind::Traffic, src(0), kin(0));
    return sc;
}

Edge &consumer(Scenario &sc, double ms, std::uint32_t batch, std::uint32_t pf = 1)
{
    sc.lambdas.push_back(fixedLambda(ms));
    sc.lambdas.back().timeoutSeconds = 60;
    Edge &e = wire(sc, EdgeKind::EventSourceMapping, kin(0), fn(0));
    e.esm.batchSize = batch;
    e.esm.parallelizationFactor = pf;
    return e;
}

} // namespace

class TestKinesis : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void throughputIsShardsTimesPfTimesBatchOverDuration()
    {
        // 2 shards x PF 2 x 100 records / 1 s = 400 records/s while every lane has a backlog
        // (800 records/s offered, under the 1,000/s shard limit). Each lane invokes back to
        // back, so the rate is exact up to the lanes' start-up phase; +-2% over 100 s.
        Scenario sc = stream(2, 800, 100, 120);
        consumer(sc, 1000, 100, 2);
        Simulation sim(sc);
        sim.run();
        const double rate = sumBins(sim, src(0), "source.e2e_count", 20, 120) / 100.0;
        QVERIFY2(std::abs(rate - 400) < 8, qPrintable(QString::number(rate)));
        QCOMPARE(total(sim, fn(0), "lambda.concurrency"), 4.0);     // shards x PF
        QVERIFY(total(sim, kin(0), "kinesis.iterator_age_s") > 30); // backlog grows
        QVERIFY(sim.ledger().balanced());
    }

    void writesAbove1000RecordsPerSecondAreThrottled()
    {
        // 2,000 records/s of 100 B into one shard: ~1,000/s accepted. Poisson counts over 60 s
        // have sd ~0.3%; the token bucket's 1 s burst adds at most 1,000 records: +-3%.
        Simulation sim(stream(1, 2000, 100, 60));
        sim.run();
        const double in = total(sim, kin(0), "kinesis.incoming_records") / 60.0;
        QVERIFY2(std::abs(in - 1000) < 30, qPrintable(QString::number(in)));
        QVERIFY(total(sim, kin(0), "kinesis.write_throttles") > 55000);
        // The client's SDK retries each throttled record twice, then gives up (throttleretry.cpp).
        checkSdkAccounting(sim, kin(0), "kinesis.write_throttles");
    }

    void writesAbove1MBPerSecondAreThrottled()
    {
        // 500 records/s of 4 KiB = 2 MiB/s into one shard: 1 MiB/s = 256 records/s accepted.
        // The byte bucket holds at most 1 s of burst (1 MiB over 60 s = 1.7%): +-3%.
        Simulation sim(stream(1, 500, 4096, 60));
        sim.run();
        const double bytes = total(sim, kin(0), "kinesis.incoming_bytes") / 60.0;
        QVERIFY2(std::abs(bytes - 1048576) < 0.03 * 1048576, qPrintable(QString::number(bytes)));
    }

    void hotKeyIsCappedAtOneShard()
    {
        // Every record carries the same partition key: 4 shards, but only one takes writes.
        // Same tolerance argument as the record-limit test (1 s of burst over 60 s): +-3%.
        Scenario sc = stream(4, 3000, 100, 60);
        sc.streams[0].skew = KeySkew::HotKey;
        sc.streams[0].hotKeyFraction = 1.0;
        Simulation sim(sc);
        sim.run();
        const double in = total(sim, kin(0), "kinesis.incoming_records") / 60.0;
        QVERIFY2(std::abs(in - 1000) < 30, qPrintable(QString::number(in)));
        // Uniform keys over the same 4 shards take all 3,000 records/s.
        sc.streams[0].skew = KeySkew::Uniform;
        Simulation even(sc);
        even.run();
        QCOMPARE(total(even, kin(0), "kinesis.write_throttles"), 0.0);
    }

    void poisonRecordBlocksShardUntilMaxRetries()
    {
        Scenario sc = stream(1, 20, 100, 120);
        Edge &e = consumer(sc, 2000, 100);
        e.esm.maxRetryAttempts = 5;
        e.esm.onFailure = sqs(0);
        sc.queues.push_back(SqsQueue{});
        Simulation sim(sc);
        inject(sim, kin(0), true);
        sim.run();
        // 1 + 5 attempts of 2 s: the shard is blocked ~12 s, its iterator age climbs past 10 s,
        // then the batch goes to the on-failure destination and the shard catches up.
        QCOMPARE(total(sim, fn(0), "lambda.retries"), 5.0);
        const double failed = total(sim, kin(0), "kinesis.on_failure");
        QVERIFY(failed >= 1 && failed <= 100);
        QCOMPARE(total(sim, sqs(0), "sqs.dlq_received"), failed);
        QCOMPARE(double(sim.ledger().deadLettered), failed);
        QCOMPARE(total(sim, kin(0), "kinesis.blocked_shards"), 1.0);
        QVERIFY(total(sim, kin(0), "kinesis.iterator_age_s") >= 10);
        QVERIFY(bin(sim, kin(0), "kinesis.iterator_age_s", 119) < 4);
        QCOMPARE(bin(sim, kin(0), "kinesis.blocked_shards", 119), 0.0);
        QVERIFY(sim.ledger().balanced());
    }

    void poisonRecordBlocksShardUntilMaxRecordAge()
    {
        Scenario sc = stream(1, 20, 100, 150);
        Edge &e = consumer(sc, 500, 100);
        e.esm.maxRecordAgeSeconds = 60; // retries infinite (-1)
        Simulation sim(sc);
        inject(sim, kin(0), true);
        sim.run();
        // Blocked until the oldest record is 60 s old (+ one 0.5 s attempt): iterator age peaks
        // at 60-62 s, then the batch is discarded (no destination) and the shard moves on.
        const double peak = total(sim, kin(0), "kinesis.iterator_age_s");
        QVERIFY2(peak >= 59 && peak <= 63, qPrintable(QString::number(peak)));
        QVERIFY(sim.ledger().droppedBy[int(DropReason::StreamDiscarded)] >= 1);
        QVERIFY(bin(sim, kin(0), "kinesis.iterator_age_s", 149) < 4);
    }

    void bisectIsolatesThePoisonRecord()
    {
        Scenario sc = stream(1, 50, 100, 200);
        Edge &e = consumer(sc, 100, 100);
        e.esm.bisectOnError = true;
        e.esm.maxRetryAttempts = 2;
        e.esm.onFailure = sqs(0);
        sc.queues.push_back(SqsQueue{});
        Simulation sim(sc);
        sim.runUntil(5); // a backlog builds before the poison record
        inject(sim, kin(0), true);
        sim.run();
        QCOMPARE(total(sim, kin(0), "kinesis.on_failure"), 1.0);
        QCOMPARE(sim.ledger().deadLettered, std::uint64_t(1));
        QCOMPARE(total(sim, fn(0), "lambda.retries"), 2.0);
        QVERIFY(sim.ledger().balanced());
    }

    void unconsumedRecordsExpireAfterRetention()
    {
        Scenario sc = stream(2, 10, 100, 7300);
        sc.binWidthSeconds = 100;
        sc.streams[0].retentionHours = 1;
        Simulation sim(sc);
        sim.run();
        QVERIFY(sim.ledger().expired > 0);
        QVERIFY(total(sim, kin(0), "kinesis.iterator_age_s") <= 3700);
        QVERIFY(sim.ledger().balanced());
    }
};

QTEST_APPLESS_MAIN(TestKinesis)
#include "kinesis.moc"
