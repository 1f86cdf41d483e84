// Determinism and conservation for every bundled pattern: the same design
// and seed give a byte-identical run (fingerprint over every bin of every series), on the main
// thread or a worker thread; the seed matters; the ledger balances at every metric bin.

#include "sim/metricframe.h"
#include "sim/runresults.h"

#include "core/simulation.h"

#include "model/patterns.h"
#include "model/pricing.h"

#include <QTest>
#include <QThread>

using namespace swb;

namespace {

constexpr double kDuration = 600; // s per run: long enough for retries, scaling and redrives

// Checks the ledger at every closed bin, from inside the run.
class LedgerCheck : public core::FrameSink
{
public:
    void onBinClosed(const core::Simulation &sim, std::size_t bin) override
    {
        ++bins;
        const LedgerSnapshot l = LedgerSnapshot::from(sim.ledger());
        if (!l.balanced() && firstUnbalanced < 0)
            firstUnbalanced = qint64(bin);
        produced = l.produced;
    }
    qint64 bins = 0;
    qint64 firstUnbalanced = -1;
    quint64 produced = 0;
};

RunOptions options(quint64 seed)
{
    RunOptions o;
    o.pricing = &PricingCatalogue::builtIn();
    o.durationSeconds = kDuration;
    o.seed = seed;
    return o;
}

} // namespace

class TestDeterminism : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameSeedSameRun_data();
    void sameSeedSameRun();
    void workerThreadSameRun_data() { sameSeedSameRun_data(); }
    void workerThreadSameRun();
    void ledgerBalancesAtEveryBin_data() { sameSeedSameRun_data(); }
    void ledgerBalancesAtEveryBin();
};

void TestDeterminism::sameSeedSameRun_data()
{
    QTest::addColumn<QString>("pattern");
    QVERIFY(!patternIds().isEmpty());
    for (const QString &id : patternIds())
        QTest::newRow(qPrintable(id)) << id;
}

void TestDeterminism::sameSeedSameRun()
{
    QFETCH(QString, pattern);
    const Design design = *makePattern(pattern);
    const RunResults a = runToEnd(design, options(11));
    const RunResults b = runToEnd(design, options(11));
    QVERIFY2(a.ok, qPrintable(a.error));
    QVERIFY(a.summary.events > 0);
    QCOMPARE(a.summary.fingerprint, b.summary.fingerprint);
    QVERIFY(a.values == b.values);
    // Another seed draws other arrivals: the fingerprint must see it.
    const RunResults c = runToEnd(design, options(12));
    QVERIFY(c.summary.fingerprint != a.summary.fingerprint);
}

void TestDeterminism::workerThreadSameRun()
{
    QFETCH(QString, pattern);
    const Design design = *makePattern(pattern);
    const RunResults here = runToEnd(design, options(5));
    RunResults there;
    QThread *thread = QThread::create([&] { there = runToEnd(design, options(5)); });
    thread->start();
    QVERIFY(thread->wait(120000));
    delete thread;
    QVERIFY(here.ok && there.ok);
    QCOMPARE(there.summary.fingerprint, here.summary.fingerprint);
    QVERIFY(there.values == here.values);
}

void TestDeterminism::ledgerBalancesAtEveryBin()
{
    QFETCH(QString, pattern);
    BuildOptions build;
    build.durationSeconds = kDuration;
    const BuildResult r = buildScenario(*makePattern(pattern), build);
    QVERIFY2(r.ok, qPrintable(r.errorText()));
    core::Simulation sim(r.scenario);
    LedgerCheck check;
    sim.setFrameSink(&check);
    sim.run();
    QCOMPARE(check.bins, qint64(kDuration)); // 1 s bins
    QVERIFY(check.produced > 0);
    QVERIFY2(check.firstUnbalanced < 0,
             qPrintable(QStringLiteral("unbalanced at bin %1").arg(check.firstUnbalanced)));
}

QTEST_GUILESS_MAIN(TestDeterminism)
#include "determinism.moc"
