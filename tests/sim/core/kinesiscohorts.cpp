// A Kinesis lane's backlog kept as cohorts (services/kinesis/recordbacklog.h): memory bounded by
// the per-record head whatever the backlog, the same run as the per-record model while no lane
// fills its head, and within the 1 s cohort width (or statistical error, for poison draws) of it
// once cohorts are merged.
#include "countsagree.h"
#include "simtestutil.h"

#include "core/services/kinesis/kinesisservice.h"

#include <QtTest>

#include <cmath>
#include <cstdint>
#include <limits>

using namespace swb::core;
using namespace swb::core::test;

namespace {

constexpr std::size_t kPerRecord = std::numeric_limits<std::size_t>::max();

// 900 records/s (Poisson, `poison` share poison) into one shard kept 360 s (0.1 h retention), read
// by a function that takes batches of 100 in a fixed 1 s on 2 lanes (parallelization factor 2):
// it processes 200 records/s, so the backlog grows by 700/s until retention trims the oldest.
// A failing batch is bisected and given up after one retry, to an on-failure queue.
Scenario overload(double seconds, double poison)
{
    Scenario sc;
    sc.seed = 11;
    sc.durationSeconds = seconds;
    sc.binWidthSeconds = 10;
    TrafficSource s = poisson(900);
    s.payloadMeanBytes = 200;
    s.poisonFraction = poison;
    sc.sources.push_back(s);
    KinesisStream k;
    k.shards = 1;
    k.retentionHours = 0.1;
    sc.streams.push_back(k);
    sc.queues.push_back(SqsQueue{}); // on-failure destination, nobody consumes it
    sc.lambdas.push_back(fixedLambda(1000));
    sc.lambdas.back().timeoutSeconds = 60;
    wire(sc, EdgeKind::Traffic, src(0), kin(0));
    Edge &e = wire(sc, EdgeKind::EventSourceMapping, kin(0), fn(0));
    e.esm.batchSize = 100;
    e.esm.parallelizationFactor = 2;
    e.esm.bisectOnError = true;
    e.esm.maxRetryAttempts = 1;
    e.esm.onFailure = sqs(0);
    return sc;
}

KinesisService &kinesis(Simulation &sim)
{
    return sim.kernel().service<KinesisService>();
}

void run(Simulation &sim, std::size_t exactHead)
{
    kinesis(sim).setExactHead(exactHead);
    sim.run();
}

QString pair(const char *name, double a, double b)
{
    return QStringLiteral("%1: %2 vs %3").arg(QLatin1String(name)).arg(a).arg(b);
}

} // namespace

class TestKinesisCohorts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void underTheHeadTheRunIsThePerRecordModel()
    {
        // 60 s of overload with some poison: each lane's backlog peaks near 21,000 records, under
        // a 32,768 head, and the runs are the same event for event.
        Simulation exact(overload(60, 0.001)), perRecord(overload(60, 0.001));
        run(exact, std::size_t(1) << 15);
        run(perRecord, kPerRecord);
        QVERIFY(total(exact, kin(0), "kinesis.iterator_age_s") > 30);
        QVERIFY2(kinesis(exact).waiting().records > 30000,
                 qPrintable(QString::number(kinesis(exact).waiting().records)));
        QCOMPARE(kinesis(exact).waiting().cohorts, std::size_t(0));
        QCOMPARE(exact.fingerprint(), perRecord.fingerprint());
        QCOMPARE(exact.eventsProcessed(), perRecord.eventsProcessed());
    }

    void cohortsKeepTheBacklogSmallWhateverItsSize()
    {
        // Ten minutes: about 250,000 records wait (360 s of 700/s). With a 1,000-record head the
        // lanes hold 2 x 1,000 records one by one and about one cohort per lane per second of
        // backlog (plus one per second at the head's edge); the per-record model holds them all.
        Simulation merged(overload(600, 0)), perRecord(overload(600, 0));
        run(merged, 1000);
        run(perRecord, kPerRecord);
        const std::uint64_t waiting = kinesis(perRecord).waiting().records;
        QVERIFY2(waiting > 200000, qPrintable(QString::number(waiting)));
        QCOMPARE(kinesis(perRecord).waiting().cohorts, std::size_t(0));
        QVERIFY(countsAgree(double(kinesis(merged).waiting().records), double(waiting)));
        const std::size_t cohorts = kinesis(merged).waiting().cohorts;
        QVERIFY2(cohorts > 2 * 300 && cohorts <= 2 * 362, qPrintable(QString::number(cohorts)));
    }

    void twoSourcesInTurnsKeepTheSameCohortsAndTheOrder()
    {
        // The same 900 records/s written by two producers in turns (450/s each): a cohort holds
        // the records of any number of entry paths, so the lanes keep the cohort count
        // of one source (before, a cohort held one producer's records in a row: about one per
        // record, some 250,000 here), and the sequence numbers taken back out still grow along
        // each lane, so the order counter stays at 0.
        Scenario two = overload(600, 0);
        two.sources[0].ratePerSecond = 450;
        two.sources.push_back(two.sources[0]);
        wire(two, EdgeKind::Traffic, src(1), kin(0));
        Simulation merged(two);
        run(merged, 1000);
        const std::size_t cohorts = kinesis(merged).waiting().cohorts;
        QVERIFY2(cohorts > 2 * 300 && cohorts <= 2 * 362, qPrintable(QString::number(cohorts)));
        QCOMPARE(total(merged, kin(0), "kinesis.out_of_order"), 0.0);
        QVERIFY(total(merged, src(0), "source.e2e_count") > 50000);
        QVERIFY(total(merged, src(1), "source.e2e_count") > 50000);
    }

    void mergedRunsAgreeWithThePerRecordModelWithinTheCohortWidth()
    {
        // No poison: both runs process exactly 200 records/s, so what differs is only the write
        // and creation times interpolated within a cohort, each off by less than its 1 s width.
        Simulation merged(overload(600, 0)), perRecord(overload(600, 0));
        LedgerChecker ledger;
        merged.setFrameSink(&ledger);
        run(merged, 1000);
        run(perRecord, kPerRecord);
        QVERIFY(ledger.bins > 0);
        QCOMPARE(ledger.unbalanced, 0);
        QVERIFY(merged.ledger().balanced());
        QCOMPARE(total(merged, kin(0), "kinesis.incoming_records"),
                 total(perRecord, kin(0), "kinesis.incoming_records"));
        QCOMPARE(total(merged, fn(0), "lambda.invocations"),
                 total(perRecord, fn(0), "lambda.invocations"));
        // Retention expiry (per record age): at most the records written within the 1 s a write
        // time can be off by, a Poisson count of mean 900: 900 + 4 sigma (120).
        const double ea = total(merged, kin(0), "kinesis.expired"),
                     eb = total(perRecord, kin(0), "kinesis.expired");
        QVERIFY2(eb > 90000 && std::abs(ea - eb) <= 1020,
                 qPrintable(pair("kinesis.expired", ea, eb)));
        // Iterator age, every bin: within the 1 s cohort width.
        for (std::size_t b = 0; b < merged.metrics().binCount(); ++b) {
            const double a = bin(merged, kin(0), "kinesis.iterator_age_s", b),
                         p = bin(perRecord, kin(0), "kinesis.iterator_age_s", b);
            QVERIFY2(std::abs(a - p) <= 1.0,
                     qPrintable(QStringLiteral("bin %1: ").arg(b) + pair("iterator age", a, p)));
        }
        // End-to-end latency quantiles of the processed records: within 1 s, plus 1% for the
        // latency histogram's buckets (each quantile within 0.4%, core/latencyhistogram.h).
        for (double q : {0.5, 0.99}) {
            const double la = merged.latencyQuantileMs(0, q),
                         lb = perRecord.latencyQuantileMs(0, q);
            QVERIFY2(la > 100000 && std::abs(la - lb) <= 1000 + 0.01 * lb,
                     qPrintable(pair("latency quantile", la, lb)));
        }
    }

    void mergedPoisonCountsAgreeWithThePerRecordModel()
    {
        // 1 in 100 records is poison: a batch holding one fails, is bisected down to it and the
        // record goes to the on-failure queue after one retry. The poison draws differ once
        // merged (Bernoulli per record in both models): the counts driven by them agree within
        // 4 sigma of their difference. (Not the expiries: each poison record costs its lane
        // about 8 one-second invocations of 100 records, so they differ by far more.)
        Simulation merged(overload(600, 0.01)), perRecord(overload(600, 0.01));
        run(merged, 1000);
        run(perRecord, kPerRecord);
        QVERIFY(merged.ledger().balanced());
        const double f = total(merged, kin(0), "kinesis.on_failure"),
                     g = total(perRecord, kin(0), "kinesis.on_failure");
        // About 30 give-ups in 600 s: a poison record holds its lane for its bisections and
        // retries, and the lane's next batch of 100 finds the next one.
        QVERIFY2(f > 20 && countsAgree(f, g), qPrintable(pair("kinesis.on_failure", f, g)));
        const double a = total(merged, fn(0), "lambda.errors"),
                     b = total(perRecord, fn(0), "lambda.errors");
        QVERIFY2(a > 0 && countsAgree(a, b), qPrintable(pair("lambda.errors", a, b)));
    }

    void anUnconsumedStreamKeepsItsRecordsAsCohortsUntilRetention()
    {
        // No consumer: every record waits for the 360 s retention in its shard; expiry runs at
        // each 10 s bin, so up to 370 s of records wait, one cohort per second.
        auto unconsumed = [] {
            Scenario sc = overload(900, 0);
            sc.edges.pop_back(); // the event source mapping
            return sc;
        };
        Simulation merged(unconsumed()), perRecord(unconsumed());
        run(merged, 1000);
        run(perRecord, kPerRecord);
        const double ea = total(merged, kin(0), "kinesis.expired"),
                     eb = total(perRecord, kin(0), "kinesis.expired");
        QVERIFY2(eb > 400000 && std::abs(ea - eb) <= 1020, // as above: 1 s of writes
                 qPrintable(pair("kinesis.expired", ea, eb)));
        QVERIFY(kinesis(perRecord).waiting().records > 300000);
        QVERIFY2(kinesis(merged).waiting().cohorts <= 372,
                 qPrintable(QString::number(kinesis(merged).waiting().cohorts)));
    }
};

QTEST_GUILESS_MAIN(TestKinesisCohorts)
#include "kinesiscohorts.moc"
