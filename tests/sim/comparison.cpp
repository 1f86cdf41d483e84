// Side-by-side comparison: the same profile and seed through each bundled pattern gives exactly
// the figures `swb simulate` prints for that pattern with the profile applied by `swb set`; the
// chart series agree with the run's totals (p99 included for queue and stream patterns); faults
// land on the matching block kind; a progress callback can cancel mid-run.

#include "sim/comparison.h"

#include "../comparetestutil.h"

#include "model/patterns.h"
#include "model/pricing.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace swb;

namespace {

QList<ComparisonInput> bundledPatterns()
{
    QList<ComparisonInput> designs;
    for (const QString &id : patternIds())
        designs.append({id, *makePattern(id), QString()});
    return designs;
}

} // namespace

class TestComparison : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void figuresEqualSwbSimulate()
    {
        QTemporaryDir dir;
        ComparisonOptions options;
        options.pricing = &PricingCatalogue::builtIn();
        options.traffic.rate = 40;
        options.traffic.pattern = QStringLiteral("constant");
        options.durationSeconds = 300;
        options.seed = 7;
        const QList<ComparisonInput> designs = bundledPatterns();
        int progressCalls = 0;
        const auto rows = compareDesigns(designs, options, [&](double, int) {
            ++progressCalls;
            return true;
        });
        QVERIFY(progressCalls > designs.size());
        QCOMPARE(rows.size(), designs.size());
        for (int i = 0; i < rows.size(); ++i) {
            const ComparisonRow &row = rows.at(i);
            QVERIFY2(row.ok, qPrintable(row.error));
            const test::SimulatedFigures expected =
                test::simulateWithProfile(dir.path(), designs.at(i).name, designs.at(i).design, 40,
                                          QStringLiteral("constant"), 300, 7);
            QVERIFY2(expected.ok, qPrintable(expected.problem));
            const QStringList cells = comparisonCells(row);
            QCOMPARE(cells.first(), designs.at(i).name);
            QCOMPARE(cells.mid(1, expected.cells.size()), expected.cells);
        }
    }

    void chartSeriesAgreeWithTheRun()
    {
        ComparisonOptions options;
        options.pricing = &PricingCatalogue::builtIn();
        options.traffic.rate = 50;
        options.durationSeconds = 200;
        const auto rows = compareDesigns(bundledPatterns(), options);
        for (const ComparisonRow &row : rows) {
            QVERIFY2(row.ok, qPrintable(row.error));
            const auto bins = std::size_t(std::ceil(200 / row.binWidthSeconds - 1e-9));
            QCOMPARE(row.throughput.size(), bins);
            QCOMPARE(row.p99Ms.size(), bins);
            QCOMPARE(row.concurrency.size(), bins);
            // Per-bin rates add up to the run's succeeded units (to rounding of the sums).
            double units = 0;
            for (double perSecond : row.throughput)
                units += perSecond * row.binWidthSeconds;
            QVERIFY2(std::abs(units - row.headline.throughputPerS * 200) < 1e-6,
                     qPrintable(row.name));
            // Every pattern (queue and stream ones too) has bins with a latency; the peak bin of
            // account concurrency is the run's peak.
            int withLatency = 0;
            for (double p99 : row.p99Ms) {
                if (!std::isnan(p99)) {
                    ++withLatency;
                    QVERIFY(p99 > 0);
                }
            }
            QVERIFY2(withLatency > int(bins) / 2, qPrintable(row.name));
            QCOMPARE(*std::max_element(row.concurrency.begin(), row.concurrency.end()),
                     row.peakConcurrency);
        }
    }

    void faultGoesToTheMatchingKind()
    {
        ComparisonOptions options;
        options.pricing = &PricingCatalogue::builtIn();
        options.fault = ComparisonFault{FaultKind::Outage, 10, 20, QString()};
        QStringList notes;
        QString error;
        const auto api =
            applyComparison(*makePattern(QStringLiteral("api-lambda")), options, &notes, &error);
        QVERIFY2(api, qPrintable(error));
        QCOMPARE(api->faults.size(), 1);
        QCOMPARE(api->component(api->faults.first().target)->kind, ComponentKind::Downstream);
        const auto sqs =
            applyComparison(*makePattern(QStringLiteral("sqs-lambda")), options, &notes, &error);
        QVERIFY(sqs);
        QVERIFY(sqs->faults.isEmpty());
        QVERIFY(notes.join(QLatin1Char(' ')).contains(QLatin1String("ran without")));
    }

    void badProfileIsRefusedWithAMessage()
    {
        ComparisonOptions options;
        options.pricing = &PricingCatalogue::builtIn();
        options.traffic.pattern = QStringLiteral("zigzag");
        QString error;
        QVERIFY(
            !applyComparison(*makePattern(QStringLiteral("sqs-lambda")), options, nullptr, &error));
        QVERIFY2(error.contains(QLatin1String("poisson")), qPrintable(error));
        const QString problem = validateComparisonOptions(options);
        QVERIFY2(problem.contains(QLatin1String("zigzag"))
                     && problem.contains(QLatin1String("poisson")),
                 qPrintable(problem));
        options = ComparisonOptions();
        options.traffic.rate = -5;
        QVERIFY(validateComparisonOptions(options).contains(QLatin1String("rate")));
        options = ComparisonOptions();
        options.durationSeconds = 0;
        QVERIFY(validateComparisonOptions(options).contains(QLatin1String("duration")));
        options = ComparisonOptions();
        options.fault = ComparisonFault{FaultKind::BadDeploy, 700, 60, QString()};
        QVERIFY(validateComparisonOptions(options).contains(QLatin1String("never")));
        QVERIFY(validateComparisonOptions(ComparisonOptions()).isEmpty());
    }

    void brokenDesignGetsItsErrorInItsRow()
    {
        Design broken = test::brokenDesign();
        QList<ComparisonInput> designs = bundledPatterns().mid(0, 1);
        designs.append({QStringLiteral("broken"), broken, QString()});
        designs.append(bundledPatterns().mid(2, 1));
        ComparisonOptions options;
        options.pricing = &PricingCatalogue::builtIn();
        options.durationSeconds = 60;
        const auto rows = compareDesigns(designs, options);
        QCOMPARE(rows.size(), 3);
        QVERIFY(rows.at(0).ok && rows.at(2).ok);
        QVERIFY(!rows.at(1).ok);
        QVERIFY(!rows.at(1).error.isEmpty());
        const QStringList cells = comparisonCells(rows.at(1));
        QCOMPARE(cells.size(), comparisonColumns().size());
        QVERIFY2(cells.last().startsWith(QLatin1String("not run: ")), qPrintable(cells.last()));
        QCOMPARE(cells.at(1), QStringLiteral("-"));
    }

    void progressCanCancelMidRun()
    {
        ComparisonOptions options;
        options.pricing = &PricingCatalogue::builtIn();
        options.durationSeconds = 600;
        double last = 0;
        int callsAfterCancel = 0;
        bool backwards = false;
        bool cancelled = false;
        const auto rows = compareDesigns(bundledPatterns(), options, [&](double done, int total) {
            if (cancelled)
                ++callsAfterCancel;
            backwards = backwards || done < last || done > total;
            last = done;
            cancelled = cancelled || done >= 1.5; // halfway through the second design
            return !cancelled;
        });
        QVERIFY(!backwards);
        QCOMPARE(rows.size(), 1); // the first design finished, the second was abandoned
        QCOMPARE(callsAfterCancel, 0);
        QVERIFY(last >= 1.5 && last < 1.6); // within 1 % of the second run's simulated time
    }

    void csvQuotesWhatNeedsIt()
    {
        ComparisonRow row;
        row.name = QStringLiteral("a \"quoted\", name");
        row.error = QStringLiteral("line one\nline two");
        const QString csv = comparisonCsv({row});
        const QStringList lines = csv.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines.at(1).startsWith(QLatin1String("\"a \"\"quoted\"\", name\",-,")));
        QVERIFY(lines.at(1).contains(QLatin1String("line one; line two")));
    }
};

QTEST_GUILESS_MAIN(TestComparison)
#include "comparison.moc"
