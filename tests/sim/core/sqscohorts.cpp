// A standard queue's backlog kept as cohorts (core/cohortqueue.h, sqsservice.h): memory bounded
// by the per-message head whatever the backlog, the same run as the per-message model while the
// head is not full, and within statistical error of it once cohorts are merged.
#include "countsagree.h"
#include "simtestutil.h"

#include "core/services/sqs/sqsservice.h"

#include <QtTest>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

using namespace swb::core;
using namespace swb::core::test;

namespace {

constexpr std::size_t kPerMessage = std::numeric_limits<std::size_t>::max();

// 400 msg/s (Poisson, `poison` share poison) into a standard queue whose only consumer, reserved
// concurrency 1, takes batches of 10 in a fixed 100 ms: it drains 100 msg/s, so the backlog grows
// by 300/s until retention (300 s) expires the oldest. Poison messages fail their batch, return
// after the 5 s visibility timeout and go to an unconsumed DLQ on their 3rd receive.
Scenario overload(double seconds, double poison)
{
    Scenario sc;
    sc.seed = 7;
    sc.durationSeconds = seconds;
    sc.binWidthSeconds = 10;
    TrafficSource s = poisson(400);
    s.poisonFraction = poison;
    sc.sources.push_back(s);
    SqsQueue q;
    q.visibilityTimeoutSeconds = 5;
    q.retentionSeconds = 300;
    q.maxReceiveCount = 3;
    sc.queues.push_back(q);
    sc.queues.push_back(SqsQueue{}); // DLQ, nobody consumes it
    LambdaFunction f = fixedLambda(100);
    f.reservedConcurrency = 1;
    sc.lambdas.push_back(f);
    wire(sc, EdgeKind::Traffic, src(0), sqs(0));
    wire(sc, EdgeKind::EventSourceMapping, sqs(0), fn(0)).esm.batchSize = 10;
    wire(sc, EdgeKind::Redrive, sqs(0), sqs(1));
    return sc;
}

// The same overload fed by three sources in turns (Poisson, 400/3 msg/s each): only the first
// sends poison (share `poison`).
Scenario overloadFromThree(double seconds, double poison)
{
    Scenario sc = overload(seconds, 0);
    sc.sources[0].ratePerSecond = 400.0 / 3;
    sc.sources[0].poisonFraction = poison;
    for (int i = 1; i < 3; ++i) {
        TrafficSource s = poisson(400.0 / 3);
        s.name = "src" + std::to_string(i);
        sc.sources.push_back(s);
        wire(sc, EdgeKind::Traffic, src(std::uint32_t(i)), sqs(0));
    }
    return sc;
}

// The overload's queue, consumer and DLQ fed by six sources of 100, 200, ... 600 msg/s
// (Poisson) in turns for `sendFor` seconds. The consumer takes batches of 100 in its fixed 100 ms
// with partial batch responses: it drains 1,000 msg/s, so the backlog grows by 1,100/s while they
// send and is drained afterwards. Only the last source sends poison (share `poison`): only its
// messages fail, and go to the DLQ on their 3rd receive. Retention is the default 4 days:
// nothing expires.
Scenario sixSources(double seconds, double sendFor, double poison)
{
    Scenario sc = overload(seconds, 0);
    sc.seed = 11;
    sc.queues[0].retentionSeconds = SqsQueue{}.retentionSeconds;
    for (Edge &e : sc.edges) {
        e.esm.batchSize = 100;
        e.esm.reportBatchItemFailures = true;
    }
    sc.sources.clear();
    for (std::uint32_t i = 0; i < 6; ++i) {
        TrafficSource s = poisson(0);
        s.name = "src" + std::to_string(i);
        s.pattern = TrafficPattern::Replay;
        s.replay = {{0, 100.0 * (i + 1)}, {sendFor, 0}};
        s.poisonFraction = i == 5 ? poison : 0;
        sc.sources.push_back(s);
        if (i > 0) // the overload wires the first
            wire(sc, EdgeKind::Traffic, src(i), sqs(0));
    }
    return sc;
}

// The backlog's cohorts when each bin closes.
class CohortSampler : public FrameSink
{
public:
    explicit CohortSampler(Simulation &sim)
        : m_sim(sim)
    {}
    void onBinClosed(const Simulation &, std::size_t) override
    {
        cohorts.push_back(m_sim.kernel().service<SqsService>().backlogCohorts(0));
    }
    std::vector<std::size_t> cohorts;

private:
    Simulation &m_sim;
};

void run(Simulation &sim, std::size_t exactHead)
{
    sim.kernel().service<SqsService>().setExactHead(exactHead);
    sim.run();
}

} // namespace

class TestSqsCohorts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void underTheHeadTheRunIsThePerMessageModel()
    {
        // 120 s of overload: the backlog peaks near 36,000 messages, under the 65,536 head.
        Simulation exact(overload(120, 0.02)), perMessage(overload(120, 0.02));
        run(exact, std::size_t(1) << 16);
        run(perMessage, kPerMessage);
        QVERIFY(total(exact, sqs(0), "sqs.visible") > 30000);
        QCOMPARE(exact.fingerprint(), perMessage.fingerprint());
        QCOMPARE(exact.eventsProcessed(), perMessage.eventsProcessed());
    }

    void cohortsKeepThePoolAtTheHeadWhateverTheBacklog()
    {
        // A 1,000-message head: the pool holds the head (plus a refill chunk) and the batches out
        // (the DLQ counts its letters); the per-message model holds every waiting message.
        Simulation merged(overload(600, 0.02)), perMessage(overload(600, 0.02));
        run(merged, 1000);
        run(perMessage, kPerMessage);
        const double peak = total(perMessage, sqs(0), "sqs.visible");
        QVERIFY2(peak > 80000, qPrintable(QString::number(peak)));
        QVERIFY(countsAgree(total(merged, sqs(0), "sqs.visible"), peak));
        QVERIFY(perMessage.kernel().messageSlots() > 80000);
        QVERIFY2(merged.kernel().messageSlots() < 3000,
                 qPrintable(QString::number(merged.kernel().messageSlots())));
    }

    void mergedPoisonCountsAgreeWithThePerMessageModel()
    {
        // Ten minutes: 240,000 messages sent, about 60,000 processed, the rest expired after 300 s.
        Simulation merged(overload(600, 0.02)), perMessage(overload(600, 0.02));
        LedgerChecker ledger;
        merged.setFrameSink(&ledger);
        run(merged, 1000);
        run(perMessage, kPerMessage);
        QVERIFY(ledger.bins > 0);
        QCOMPARE(ledger.unbalanced, 0);
        QVERIFY(merged.ledger().balanced());
        // The traffic is the source's own stream: the same in both runs.
        QCOMPARE(total(merged, sqs(0), "sqs.sent"), total(perMessage, sqs(0), "sqs.sent"));
        // Counts driven by the poison draws (Bernoulli per message in both models, different
        // draws once merged): agree within 4 sigma of their difference.
        for (const char *name : {"sqs.deletes", "sqs.receives", "sqs.to_dlq", "sqs.expired"}) {
            const double a = total(merged, sqs(0), name), b = total(perMessage, sqs(0), name);
            QVERIFY2(
                a > 0 && countsAgree(a, b),
                qPrintable(QStringLiteral("%1: %2 vs %3").arg(QLatin1String(name)).arg(a).arg(b)));
        }
    }

    void mergedSendTimesAgreeWithThePerMessageModel()
    {
        // No poison: the consumer drains exactly 100 msg/s in both runs, so what differs is only
        // the send times interpolated within a cohort, each off by less than its 1 s width.
        Simulation merged(overload(600, 0)), perMessage(overload(600, 0));
        run(merged, 1000);
        run(perMessage, kPerMessage);
        QCOMPARE(total(merged, sqs(0), "sqs.deletes"), total(perMessage, sqs(0), "sqs.deletes"));
        // Expiry: at most the 1 s of excess arrivals (300) a send time can be off by.
        const double ea = total(merged, sqs(0), "sqs.expired"),
                     eb = total(perMessage, sqs(0), "sqs.expired");
        QVERIFY2(eb > 50000 && std::abs(ea - eb) <= 300,
                 qPrintable(QStringLiteral("expired %1 vs %2").arg(ea).arg(eb)));
        // ApproximateAgeOfOldestMessage, every bin: within 1 s.
        for (std::size_t b = 0; b < merged.metrics().binCount(); ++b) {
            const double oa = bin(merged, sqs(0), "sqs.oldest_age_s", b),
                         ob = bin(perMessage, sqs(0), "sqs.oldest_age_s", b);
            QVERIFY2(std::abs(oa - ob) <= 1.0,
                     qPrintable(QStringLiteral("bin %1: %2 vs %3").arg(b).arg(oa).arg(ob)));
        }
        // End-to-end latency quantiles of the processed messages (creation times interpolated
        // too): within 1 s, plus 1% for the latency histogram's buckets (each quantile within
        // 0.4% relative error, core/latencyhistogram.h).
        for (double q : {0.5, 0.99}) {
            const double la = merged.latencyQuantileMs(0, q),
                         lb = perMessage.latencyQuantileMs(0, q);
            QVERIFY2(la > 10000 && std::abs(la - lb) <= 1000 + 0.01 * lb,
                     qPrintable(QStringLiteral("p%1: %2 vs %3 ms").arg(q).arg(la).arg(lb)));
        }
    }

    void sourcesInTurnsKeepOneCohortPerSecond()
    {
        // Three sources feed the queue in turns. A cohort holds the messages sent within 1 s of
        // its first, whatever their sources, so the backlog behind the 1,000-message
        // head, which retention (300 s) keeps to 300 s of sends, is at most 301 cohorts (plus one
        // when a second's boundary splits). Before, a cohort held one source's messages in a row:
        // about one cohort per message, some 80,000 here.
        Simulation merged(overloadFromThree(600, 0.02)), perMessage(overloadFromThree(600, 0.02));
        LedgerChecker ledger;
        merged.setFrameSink(&ledger);
        run(merged, 1000);
        run(perMessage, kPerMessage);
        const std::size_t cohorts = merged.kernel().service<SqsService>().backlogCohorts(0);
        QVERIFY2(cohorts > 250 && cohorts <= 302, qPrintable(QString::number(cohorts)));
        QCOMPARE(ledger.unbalanced, 0);
        QVERIFY(merged.ledger().balanced());
        // Each source gets back its own messages: its processed count (end-to-end, per entry
        // path) agrees with the per-message model's within 4 sigma (countsAgree), and only the
        // first one's poison reaches the DLQ, as in the per-message model.
        for (std::uint32_t i = 0; i < 3; ++i) {
            const double a = total(merged, src(i), "source.e2e_count"),
                         b = total(perMessage, src(i), "source.e2e_count");
            QVERIFY2(a > 15000 && countsAgree(a, b),
                     qPrintable(QStringLiteral("source %1: %2 vs %3").arg(i).arg(a).arg(b)));
        }
        for (const char *name : {"sqs.deletes", "sqs.to_dlq", "sqs.expired"}) {
            const double a = total(merged, sqs(0), name), b = total(perMessage, sqs(0), name);
            QVERIFY2(
                a > 0 && countsAgree(a, b),
                qPrintable(QStringLiteral("%1: %2 vs %3").arg(QLatin1String(name)).arg(a).arg(b)));
        }
    }

    void sixSourcesInTurnsKeepOneCohortPerSecond()
    {
        // 100 s of sends (2,100 msg/s, 210,000 messages) build a backlog of about 110,000
        // (1,100/s more than the consumer takes); by 300 s it is drained. A cohort holds the
        // messages sent within 1 s of its first, of any number of sources (4 inline, the rest in
        // the side store), so at every bin's end the backlog behind the 1,000-message head holds
        // at most one cohort per second of sends it spans, which is at most the age of the
        // oldest message (the bin's sqs.oldest_age_s) plus 1, plus one more when a second's
        // boundary splits. Before the side store, a cohort ended at the first message of a 5th
        // source: about one cohort per 5 messages here, some 20,000 at the peak.
        Simulation merged(sixSources(300, 100, 0.05));
        CohortSampler sampler(merged);
        merged.setFrameSink(&sampler);
        run(merged, 1000);
        QCOMPARE(sampler.cohorts.size(), merged.metrics().binCount());
        double peak = 0;
        for (std::size_t b = 0; b < sampler.cohorts.size(); ++b) {
            const double visible = bin(merged, sqs(0), "sqs.visible", b),
                         age = bin(merged, sqs(0), "sqs.oldest_age_s", b);
            peak = std::max(peak, visible);
            QVERIFY2(double(sampler.cohorts[b]) <= std::ceil(age) + 2,
                     qPrintable(QStringLiteral("bin %1: %2 cohorts, %3 visible, oldest %4 s")
                                    .arg(b)
                                    .arg(sampler.cohorts[b])
                                    .arg(visible)
                                    .arg(age)));
        }
        QVERIFY2(peak > 100000, qPrintable(QString::number(peak)));
        QCOMPARE(merged.kernel().service<SqsService>().backlogCohorts(0), std::size_t(0));
        QVERIFY(merged.ledger().balanced());

        // Each source gets back exactly its own messages: drained and nothing expired, each of
        // the first five sources' messages were all processed (end-to-end count = generated),
        // and the sixth's were processed or dead-lettered, its poison staying with it. Its DLQ
        // letters are 5% of its ~60,000 messages, drawn per message by the source and again
        // per message once in a cohort (with its share of poison there): two binomial draws,
        // sigma <= sqrt(2 x 60,000 x 0.05 x 0.95) = 75; 5 sigma is allowed.
        for (std::uint32_t i = 0; i < 5; ++i) {
            const double generated = total(merged, src(i), "source.generated");
            QVERIFY(generated > 100 * (i + 1) * 95);
            QCOMPARE(total(merged, src(i), "source.e2e_count"), generated);
        }
        const double generated = total(merged, src(5), "source.generated"),
                     letters = total(merged, sqs(0), "sqs.to_dlq");
        QCOMPARE(total(merged, src(5), "source.e2e_count") + letters, generated);
        const double sigma = std::sqrt(2 * generated * 0.05 * 0.95);
        QVERIFY2(std::abs(letters - 0.05 * generated) <= 5 * sigma,
                 qPrintable(QStringLiteral("%1 letters of %2").arg(letters).arg(generated)));
    }
};

QTEST_GUILESS_MAIN(TestSqsCohorts)
#include "sqscohorts.moc"
