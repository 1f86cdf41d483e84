// Sweeps: the grid's numbers do not depend on the thread count, more reserved
// concurrency means fewer throttles, and a bad value fails before anything runs.

#include "sim/sweep.h"

#include "model/patterns.h"
#include "model/pricing.h"

#include <QTest>

using namespace swb;

class TestSweep : public QObject
{
    Q_OBJECT

private:
    static SweepResult sweep(int threads)
    {
        const Design design = *makePattern(QStringLiteral("sqs-lambda"));
        SweepAxis axis;
        const QString problem =
            parseSweepAxis(QStringLiteral("job-worker.reservedConcurrency=2,5,20"), &axis);
        if (!problem.isEmpty())
            qFatal("%s", qPrintable(problem));
        SweepOptions options;
        options.pricing = &PricingCatalogue::builtIn();
        options.durationSeconds = 300;
        options.seeds = 2;
        options.threads = threads;
        return runSweep(design, {axis}, options);
    }

private Q_SLOTS:
    void sameNumbersWithOneAndTwoThreads()
    {
        const SweepResult one = sweep(1);
        const SweepResult two = sweep(2);
        QVERIFY2(one.ok, qPrintable(one.error));
        QVERIFY2(two.ok, qPrintable(two.error));
        QCOMPARE(one.cells.size(), 3);
        for (qsizetype c = 0; c < one.cells.size(); ++c) {
            QCOMPARE(one.cells[c].runs.size(), 2);
            for (qsizetype s = 0; s < 2; ++s)
                QCOMPARE(headlineValues(one.cells[c].runs[s]),
                         headlineValues(two.cells[c].runs[s]));
        }
    }

    // The sqs-lambda pattern's traffic needs far more than 2 environments: throttles must fall
    // as reserved concurrency rises, and throughput must rise. The gaps are hundreds of
    // throttles, far beyond the seed-to-seed spread (tens), so the order is not luck.
    void throttlesFallAsConcurrencyRises()
    {
        const SweepResult result = sweep(0);
        QVERIFY2(result.ok, qPrintable(result.error));
        const int throttles = 2, throughput = 0;
        QVERIFY(result.cells[0].mean[throttles] > result.cells[1].mean[throttles]);
        QVERIFY(result.cells[1].mean[throttles] > result.cells[2].mean[throttles]);
        QVERIFY(result.cells[0].mean[throughput] < result.cells[1].mean[throughput]);
        QVERIFY(result.cells[1].mean[throughput] < result.cells[2].mean[throughput]);
        QCOMPARE(result.cells[0].assignments.first().value, QStringLiteral("2"));
        QVERIFY(result.cells[0].halfWidth95[throttles] >= 0);
    }

    void badValueFailsBeforeRunning()
    {
        const Design design = *makePattern(QStringLiteral("sqs-lambda"));
        SweepAxis axis;
        QVERIFY(parseSweepAxis(QStringLiteral("job-worker.timeout=3,901"), &axis).isEmpty());
        const SweepResult result = runSweep(design, {axis}, SweepOptions{});
        QVERIFY(!result.ok);
        QCOMPARE(result.failure, SweepResult::Failure::BadValue);
        QVERIFY2(result.error.contains(QStringLiteral("allowed 1 to 900 s")),
                 qPrintable(result.error));
    }

    void axisSyntax()
    {
        SweepAxis axis;
        QVERIFY(!parseSweepAxis(QStringLiteral("no-equals"), &axis).isEmpty());
        QVERIFY(!parseSweepAxis(QStringLiteral("a.b="), &axis).isEmpty());
        QVERIFY(parseSweepAxis(QStringLiteral("my.fn.memory=128, 256"), &axis).isEmpty());
        QCOMPARE(axis.target, QStringLiteral("my.fn"));
        QCOMPARE(axis.values, (QStringList{QStringLiteral("128"), QStringLiteral("256")}));
    }

    // Published two-sided 95% t quantiles.
    void studentQuantiles()
    {
        QCOMPARE(studentT95(2), 12.706);
        QCOMPARE(studentT95(4), 3.182);
        QCOMPARE(studentT95(11), 2.228);
        QCOMPARE(studentT95(1000), 1.960);
        QCOMPARE(studentT95(1), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestSweep)
#include "sweep.moc"
