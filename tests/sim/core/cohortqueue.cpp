// CohortQueue (core/cohortqueue.h) on its own: units of several entry paths arriving in turns
// share cohorts (one per second of arrivals, whatever the number of paths: kPaths inline, the
// rest in the side store; wider ones once the queue spans more than kSpanCohorts seconds), and
// what comes back out keeps each path's units and poison, the queue's order and its order stamps.
#include "core/cohortqueue.h"

#include <QtTest>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

using namespace swb::core;

namespace {

// Unit i of paths sources fed in turns (0, 1, 2, 0, 1, 2, ...), `perSecond` units a second in
// all, evenly spaced; the every other unit of paths 0 and 5 is poison, all of paths 2 and 4,
// none of the others (paths 4 and 5 are beyond a cohort's kPaths inline ones).
CohortQueue::Unit inTurns(std::uint32_t i, std::uint32_t paths, std::uint32_t perSecond)
{
    CohortQueue::Unit u;
    u.at = Ticks(i) * kTicksPerSecond / perSecond;
    u.since = u.at;
    u.created = u.at - 1000;
    u.bytes = 100 + i % 7;
    u.path = static_cast<std::uint16_t>(i % paths);
    u.poison = u.path == 2 || u.path == 4 || ((u.path == 0 || u.path == 5) && (i / paths) % 2 == 0);
    u.stamp = i;
    return u;
}

} // namespace

class TestCohortQueue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sourcesInTurnsShareCohorts()
    {
        // 3 sources in turns, 300 units/s in all for 60 s: 18,000 units. A cohort takes the
        // units within 1 s of its first, whatever their path (3 <= kPaths), so the queue holds
        // one cohort per second of arrivals: 60 here (61 if a boundary falls just so). One per
        // path change, as when a cohort held one path, would be 18,000.
        static_assert(CohortQueue::kPaths >= 3);
        CohortQueue q;
        constexpr std::uint32_t kUnits = 18000;
        std::array<std::uint64_t, 3> pushed{}, pushedPoison{}, pushedBytes{};
        for (std::uint32_t i = 0; i < kUnits; ++i) {
            const CohortQueue::Unit u = inTurns(i, 3, 300);
            pushed[u.path] += 1;
            pushedPoison[u.path] += u.poison;
            pushedBytes[u.path] += u.bytes;
            q.push(u);
        }
        QVERIFY2(q.cohorts() <= 61, qPrintable(QString::number(q.cohorts())));
        QCOMPARE(q.size(), std::uint64_t(kUnits));

        // Out again: every path gets back exactly its units, in `at` and stamp order; path 1's
        // are never poison and path 2's always (each path keeps its own share); path 0's half
        // are, drawn per unit: 3,000 of 6,000 expected, within 5 sigma (sqrt(6000 / 4) = 39).
        std::array<std::uint64_t, 3> popped{}, poppedPoison{};
        std::uint64_t bytes = 0;
        Ticks lastAt = 0;
        std::uint32_t lastStamp = 0;
        while (!q.empty()) {
            const CohortQueue::Unit u = q.pop();
            QVERIFY(u.path < 3);
            popped[u.path] += 1;
            poppedPoison[u.path] += u.poison;
            bytes += u.bytes;
            QVERIFY(u.at >= lastAt && u.stamp >= lastStamp);
            lastAt = u.at;
            lastStamp = u.stamp;
        }
        QCOMPARE(popped, pushed);
        QCOMPARE(poppedPoison[1], std::uint64_t(0));
        QCOMPARE(poppedPoison[2], pushed[2]);
        QVERIFY2(std::abs(double(poppedPoison[0]) - double(pushedPoison[0])) <= 5 * 39,
                 qPrintable(QString::number(poppedPoison[0])));
        QCOMPARE(bytes, pushedBytes[0] + pushedBytes[1] + pushedBytes[2]);
    }

    void anyNumberOfPathsInTurnsShareCohorts_data()
    {
        QTest::addColumn<std::uint32_t>("paths");
        QTest::newRow("6 paths") << 6u;
        QTest::newRow("40 paths") << 40u;
    }

    void anyNumberOfPathsInTurnsShareCohorts()
    {
        // More sources than a cohort holds inline, in turns: 100 s at 100 units/s, evenly
        // spaced, so every second is one cohort of exactly 100 units (units at 0, 10, ... 990 ms
        // after its first): 100 cohorts. Before the side store, a unit of a 5th path started a
        // new cohort: one per 4 units, 2,500 here. Each cohort's paths beyond kPaths are one
        // extra each in the side store: 100 x (6 - 4) with 6 paths, and with 40 every cohort's
        // 100 units cover all 40 paths, so 100 x 36.
        QFETCH(std::uint32_t, paths);
        CohortQueue q;
        constexpr std::uint32_t kUnits = 10000;
        std::vector<std::uint64_t> pushed(paths), pushedPoison(paths);
        std::uint64_t pushedBytes = 0;
        Ticks pushedAt = 0;
        for (std::uint32_t i = 0; i < kUnits; ++i) {
            const CohortQueue::Unit u = inTurns(i, paths, 100);
            pushed[u.path] += 1;
            pushedPoison[u.path] += u.poison;
            pushedBytes += u.bytes;
            pushedAt += u.at;
            q.push(u);
        }
        QCOMPARE(q.cohorts(), std::size_t(100));
        QCOMPARE(q.extraPaths(), std::size_t(100 * (paths - CohortQueue::kPaths)));
        QCOMPARE(q.size(), std::uint64_t(kUnits));

        // Out again, cohort by cohort (100 units each). Every path gets back exactly its units,
        // inline or extra; `at` is exact (evenly spaced units) and bytes sum exactly; `at` and
        // stamps never decrease. Poison: paths 2 and 4 always, the paths never poisoned never;
        // paths 0 and 5 half of theirs, drawn per unit with their share in each cohort: a sum of
        // Bernoulli trials, sigma <= sqrt(n) / 2 for n units (20.4 for 1,667 units with 6 paths,
        // 7.9 for 250 with 40), and 5 sigma is allowed (the draws are fixed hashes, so the run
        // is the same every time; 5 sigma only says the hashes behave like fair draws).
        // The path draw's probabilities: without replacement, uniformly over the cohort's units
        // left, a path's units are spread evenly through their cohort, so about half of them come
        // out in the first half of it (hypergeometric, sigma <= sqrt(n) / 2; 5 sigma allowed).
        // The same holds for the units of the paths each cohort keeps in the side store (the
        // paths after the first kPaths to arrive in it: cohort c's first unit is of path
        // 100 c mod paths). Drawing the extras only after the inline paths, or not in proportion
        // to their units, would put those units all in the second halves.
        std::vector<std::uint64_t> popped(paths), poppedPoison(paths), early(paths);
        std::uint64_t extraUnits = 0, extraEarly = 0;
        std::uint64_t bytes = 0;
        Ticks at = 0, lastAt = 0;
        std::uint32_t lastStamp = 0;
        for (std::uint32_t k = 0; !q.empty(); ++k) {
            const CohortQueue::Unit u = q.pop();
            QVERIFY(u.path < paths);
            popped[u.path] += 1;
            poppedPoison[u.path] += u.poison;
            early[u.path] += k % 100 < 50;
            if ((u.path + paths - (k / 100) * 100 % paths) % paths >= CohortQueue::kPaths) {
                extraUnits += 1;
                extraEarly += k % 100 < 50;
            }
            bytes += u.bytes;
            at += u.at;
            QVERIFY(u.at >= lastAt && u.stamp >= lastStamp);
            lastAt = u.at;
            lastStamp = u.stamp;
        }
        QCOMPARE(popped, pushed);
        QCOMPARE(bytes, pushedBytes);
        QCOMPARE(at, pushedAt);
        QCOMPARE(q.extraPaths(), std::size_t(0)); // the side store is freed with its cohorts
        QVERIFY2(std::abs(double(extraEarly) - double(extraUnits) / 2)
                     <= 5 * std::sqrt(double(extraUnits)) / 2,
                 qPrintable(QStringLiteral("%1 of the %2 units of extra paths in the first halves")
                                .arg(extraEarly)
                                .arg(extraUnits)));
        for (std::uint32_t p = 0; p < paths; ++p) {
            const double n = double(pushed[p]), sigma = std::sqrt(n) / 2;
            if (p == 0 || p == 5)
                QVERIFY2(std::abs(double(poppedPoison[p]) - double(pushedPoison[p])) <= 5 * sigma,
                         qPrintable(QStringLiteral("path %1: %2 poison of %3 pushed")
                                        .arg(p)
                                        .arg(poppedPoison[p])
                                        .arg(pushedPoison[p])));
            else
                QCOMPARE(poppedPoison[p], pushedPoison[p]); // none or all
            QVERIFY2(std::abs(double(early[p]) - n / 2) <= 5 * sigma,
                     qPrintable(QStringLiteral("path %1: %2 of %3 units in the first halves")
                                    .arg(p)
                                    .arg(early[p])
                                    .arg(pushed[p])));
        }
    }

    void aGrowingBacklogWidensItsCohorts()
    {
        // A consumer that never catches up: units arrive for a week, 5 a second on average at
        // random (exponential gaps, fixed seed), and none is taken until the end. Up to
        // kSpanCohorts seconds of span a cohort is 1 s of arrivals, as it always was; beyond, it
        // is 1/kSpanCohorts of the span, so a week is at most maxCohorts(week) = 24,554 cohorts
        // (3 MB) instead of one per second (604,800, 73 MB).
        static_assert(CohortQueue::kSpanCohorts == 4096);
        std::mt19937_64 rng(17);
        std::exponential_distribution<double> gap(5.0);
        std::vector<Ticks> at;
        double t = 0;
        CohortQueue q;
        auto pushUntil = [&](double seconds) {
            for (t += gap(rng); t < seconds; t += gap(rng)) {
                CohortQueue::Unit u;
                u.at = u.since = u.created = static_cast<Ticks>(t * kTicksPerSecond);
                u.bytes = 100;
                u.stamp = static_cast<std::uint32_t>(at.size());
                at.push_back(u.at);
                q.push(u);
            }
        };
        // Within the first 4,000 s (less than kSpanCohorts): the cohorts of a fixed 1 s width,
        // each starting at the first unit 1 s or more after the previous one's first (about 3,333
        // of them: 1 s plus the mean 0.2 s to the next arrival).
        pushUntil(4000);
        std::size_t fixedWidth = 0;
        for (Ticks first = -kTicksPerSecond; Ticks a : at) {
            if (a - first >= kTicksPerSecond) {
                first = a;
                ++fixedWidth;
            }
        }
        QCOMPARE(q.cohorts(), fixedWidth);
        const double week = 7 * 86400.0;
        pushUntil(week);
        const double bound = CohortQueue::maxCohorts(week);
        QCOMPARE(bound, 24554.0);
        QVERIFY2(q.cohorts() <= bound && q.cohorts() > 0.9 * bound,
                 qPrintable(QStringLiteral("%1 cohorts, bound %2").arg(q.cohorts()).arg(bound)));
        QCOMPARE(q.size(), std::uint64_t(at.size()));

        // Half taken, then another day: the span is measured from the oldest cohort left, and
        // the bound still holds for it.
        std::size_t taken = 0;
        double worst = 0; // the largest error of a unit's `at` over the bound allowed for it
        auto take = [&](std::size_t n) {
            for (; n > 0; --n, ++taken) {
                const CohortQueue::Unit u = q.pop();
                // Within its cohort's width: 1 s, or 1/kSpanCohorts of the span when it joined.
                const double err = std::abs(double(u.at - at[taken])) / kTicksPerSecond;
                const double allowed = std::max(1.0, double(at[taken]) / kTicksPerSecond
                                                         / double(CohortQueue::kSpanCohorts - 1));
                worst = std::max(worst, err / allowed);
                QCOMPARE(u.stamp, std::uint32_t(taken)); // the order stamps come back in order
            }
        };
        take(at.size() / 2);
        pushUntil(week + 86400);
        const double span = double(at.back() - at[taken]) / kTicksPerSecond;
        QVERIFY2(q.cohorts() <= CohortQueue::maxCohorts(span),
                 qPrintable(QStringLiteral("%1 cohorts, bound %2")
                                .arg(q.cohorts())
                                .arg(CohortQueue::maxCohorts(span))));
        take(q.size());
        QVERIFY(q.empty());
        QVERIFY2(worst < 1, qPrintable(QString::number(worst)));
    }

    void theSideStoreIsReused()
    {
        // A queue filled and drained again and again keeps the side store it reached at its
        // first peak: the extras of taken cohorts make room for the new ones (no allocation per
        // unit or cohort once the store has grown).
        CohortQueue q;
        std::size_t reserved = 0;
        for (int round = 0; round < 5; ++round) {
            for (std::uint32_t i = 0; i < 3000; ++i) {
                CohortQueue::Unit u = inTurns(i, 12, 100);
                u.at += Ticks(round) * 100 * kTicksPerSecond;
                q.push(u);
            }
            QCOMPARE(q.extraPaths(), std::size_t(30 * 8));
            while (!q.empty())
                q.pop();
            if (round == 0)
                reserved = q.extraBytes();
            QVERIFY(reserved > 0);
            QCOMPARE(q.extraBytes(), reserved);
        }
    }

    void takingWhilePushingKeepsEveryPathsCount_data()
    {
        QTest::addColumn<std::uint32_t>("paths");
        QTest::addColumn<std::uint32_t>("popEvery");
        QTest::newRow("2 paths") << 2u << 3u;
        QTest::newRow("6 paths") << 6u << 3u;
        QTest::newRow("40 paths") << 40u << 3u;
        QTest::newRow("6 paths, emptied each time") << 6u << 1u;
    }

    void takingWhilePushingKeepsEveryPathsCount()
    {
        // The front cohort is also the back one while units are taken and pushed in turns: the
        // path draw is without replacement over what is left, inline and extra paths alike, so
        // the counts stay exact; a cohort emptied while it is the back one takes its extras
        // with it, and the next unit starts a fresh one.
        QFETCH(std::uint32_t, paths);
        QFETCH(std::uint32_t, popEvery);
        CohortQueue q;
        std::vector<std::uint64_t> pushed(paths), popped(paths);
        for (std::uint32_t i = 0; i < 5000; ++i) {
            const CohortQueue::Unit u = inTurns(i, paths, 10000);
            pushed[u.path] += 1;
            q.push(u);
            if (i % popEvery == popEvery - 1)
                popped[q.pop().path] += 1;
        }
        while (!q.empty())
            popped[q.pop().path] += 1;
        QCOMPARE(popped, pushed);
        QCOMPARE(q.extraPaths(), std::size_t(0));
    }
};

QTEST_APPLESS_MAIN(TestCohortQueue)
#include "cohortqueue.moc"
