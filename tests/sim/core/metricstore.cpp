// MetricStore keeps closed bins only for series that were ever other than +0.0 (a healthy run's
// throttle, dead-letter and out-of-order series store nothing), as 4-byte floats while every value
// is exactly a float (counts), and answers value(), copyRow(), summary() and fingerprint() exactly
// as a dense bins x series table of doubles would: the golden fingerprints hash the dense
// row-major table, so the storage must not show through.
#include "simtestutil.h"

#include <QtTest>

#include <cmath>
#include <cstring>
#include <vector>

using namespace swb::core;
using namespace swb::core::test;

namespace {

// FNV-1a as MetricStore::fingerprint() documents it: the series names, then every closed bin's
// bit pattern, bin by bin, series by series.
std::uint64_t denseFingerprint(const std::vector<std::string> &names,
                               const std::vector<std::vector<double>> &rows)
{
    std::uint64_t h = 0xcbf29ce484222325ull;
    auto mix = [&h](const void *p, std::size_t len) {
        const auto *b = static_cast<const unsigned char *>(p);
        for (std::size_t i = 0; i < len; ++i) {
            h ^= b[i];
            h *= 0x100000001b3ull;
        }
    };
    for (const std::string &n : names)
        mix(n.data(), n.size());
    for (const std::vector<double> &row : rows)
        for (double v : row) {
            std::uint64_t bits;
            std::memcpy(&bits, &v, sizeof bits);
            mix(&bits, sizeof bits);
        }
    return h;
}

bool sameBits(double a, double b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

} // namespace

class TestMetricStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seriesStoreWhatTheyHoldAndReadAsDense()
    {
        MetricStore ms;
        const std::vector<std::string> names = {"fraction", "late",  "never",
                                                "negzero",  "gauge", "promoted"};
        ms.addSeries({}, names[0], "ms", Aggregation::Sum);
        ms.addSeries({}, names[1], "count", Aggregation::Sum);
        ms.addSeries({}, names[2], "count", Aggregation::Sum);
        ms.addSeries({}, names[3], "ratio", Aggregation::Last);
        ms.addSeries({}, names[4], "level", Aggregation::Max);
        ms.addSeries({}, names[5], "ms", Aggregation::Sum);
        ms.start(1.0, 6);
        // The dense table the store must reproduce, recorded alongside.
        std::vector<std::vector<double>> rows;
        double fractionSum = 0, promotedSum = 0;
        for (int b = 0; b < 6; ++b) {
            const double fraction = b + 0.1; // not a float from the first bin: 8 bytes a bin
            ms.add(0, fraction);
            fractionSum += fraction;
            if (b >= 3)
                ms.add(1, 2.0); // first non-zero in bin 3: bins 0-2 read 0
            if (b == 4)
                ms.setLast(3, -0.0); // -0.0 is not +0.0: kept bit for bit (and carried: Last)
            if (b == 2)
                ms.gauge(4, 7.0); // carries over into the following bins
            // Whole numbers in bins 0-2, then out of float range: the column widens and keeps
            // the earlier values.
            const double promoted = b < 3 ? 3.0 : b == 3 ? 1e300 : 0.25;
            ms.add(5, promoted);
            promotedSum += promoted;
            rows.push_back({fraction, b >= 3 ? 2.0 : 0.0, 0.0, b >= 4 ? -0.0 : 0.0,
                            b >= 2 ? 7.0 : 0.0, promoted});
            ms.closeBin();
        }
        QCOMPARE(ms.binCount(), std::size_t(6));
        // fraction and promoted: 8 bytes x 6 bins; late, negzero and gauge: 4 x 6; never: 0.
        QCOMPARE(ms.storedBytes(), std::size_t(2 * 8 * 6 + 3 * 4 * 6));
        std::vector<double> row(ms.seriesCount());
        for (std::size_t b = 0; b < 6; ++b) {
            ms.copyRow(b, row.data());
            for (std::uint32_t s = 0; s < ms.seriesCount(); ++s) {
                QVERIFY2(sameBits(ms.value(b, s), rows[b][s]),
                         qPrintable(QStringLiteral("bin %1 series %2").arg(b).arg(s)));
                QVERIFY(sameBits(row[s], rows[b][s]));
            }
        }
        QCOMPARE(ms.summary(0), fractionSum);
        QCOMPARE(ms.summary(1), 6.0);
        QCOMPARE(ms.summary(2), 0.0);
        QCOMPARE(ms.summary(4), 7.0);
        QCOMPARE(ms.summary(5), promotedSum);
        QCOMPARE(ms.fingerprint(), denseFingerprint(names, rows));
    }

    void aRunStoresOnlyTheSeriesItMoved()
    {
        // Poisson traffic into a fast function: invocations and concurrency move, while the
        // throttle, error, timeout and dead-letter series stay 0.
        Scenario sc;
        sc.durationSeconds = 20;
        sc.binWidthSeconds = 1;
        sc.sources.push_back(poisson(50));
        sc.lambdas.push_back(fixedLambda(10));
        wire(sc, EdgeKind::Traffic, src(0), fn(0));
        Simulation sim(sc);
        sim.run();
        const MetricStore &ms = sim.metrics();
        QCOMPARE(ms.binCount(), std::size_t(20));
        // Per series: nothing when every bin is +0.0, 4 bytes a bin when every bin is exactly a
        // float, else 8.
        std::size_t moved = 0, narrow = 0, expected = 0;
        for (std::uint32_t s = 0; s < ms.seriesCount(); ++s) {
            bool zero = true, floats = true;
            for (std::size_t b = 0; b < ms.binCount(); ++b) {
                const double v = ms.value(b, s);
                zero = zero && sameBits(v, 0.0);
                floats = floats && std::fabs(v) <= 1e30 && double(float(v)) == v;
            }
            if (zero)
                continue;
            ++moved;
            narrow += floats ? 1 : 0;
            expected += ms.binCount() * (floats ? sizeof(float) : sizeof(double));
        }
        QVERIFY(moved > 5);
        QVERIFY(moved < ms.seriesCount());
        QVERIFY(narrow > 0 && narrow < moved); // invocations are counts, durations are not
        QVERIFY(ms.find(fn(0), LmThrottles) != MetricStore::kNoSeries);
        QCOMPARE(ms.summary(ms.find(fn(0), LmThrottles)), 0.0);
        QCOMPARE(ms.storedBytes(), expected);
    }
};

QTEST_APPLESS_MAIN(TestMetricStore)
#include "metricstore.moc"
