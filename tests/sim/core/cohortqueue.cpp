// CohortQueue (core/cohortqueue.h) on its own: units of several entry paths arriving in turns
// share cohorts (one per second of arrivals, up to kPaths paths each), and what comes back out
// keeps each path's units and poison, the queue's order and its order stamps.
#include "core/cohortqueue.h"

#include <QtTest>

#include <array>
#include <cmath>
#include <cstdint>

using namespace swb::core;

namespace {

// Unit i of paths sources fed in turns (0, 1, 2, 0, 1, 2, ...), `perSecond` units a second in
// all, evenly spaced; path 0's every other unit is poison, path 1 never, path 2 always.
CohortQueue::Unit inTurns(std::uint32_t i, std::uint32_t paths, std::uint32_t perSecond)
{
    CohortQueue::Unit u;
    u.at = Ticks(i) * kTicksPerSecond / perSecond;
    u.since = u.at;
    u.created = u.at - 1000;
    u.bytes = 100 + i % 7;
    u.path = static_cast<std::uint16_t>(i % paths);
    u.poison = u.path == 2 || (u.path == 0 && (i / paths) % 2 == 0);
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

    void morePathsThanACohortHoldsStartAnother()
    {
        // The limit of the bound: kPaths + 1 sources in turns within one second. The unit of a
        // path a full cohort does not hold starts a new one (joining an earlier cohort would take
        // it out ahead of later units), so each cohort then holds kPaths units: 500 units make
        // 125 cohorts. sim/runestimate.cpp assumes no bound for designs with that many sources.
        CohortQueue q;
        const std::uint32_t paths = CohortQueue::kPaths + 1;
        for (std::uint32_t i = 0; i < 100 * paths; ++i)
            q.push(inTurns(i, paths, 100 * paths));
        QCOMPARE(q.cohorts(), std::size_t(100 * paths / CohortQueue::kPaths));
    }

    void takingWhilePushingKeepsEveryPathsCount()
    {
        // The front cohort is also the back one while units are taken and pushed in turns: the
        // path draw is without replacement over what is left, so the counts stay exact.
        CohortQueue q;
        std::array<std::uint64_t, 2> pushed{}, popped{};
        for (std::uint32_t i = 0; i < 5000; ++i) {
            const CohortQueue::Unit u = inTurns(i, 2, 10000);
            pushed[u.path] += 1;
            q.push(u);
            if (i % 3 == 2)
                popped[q.pop().path] += 1;
        }
        while (!q.empty())
            popped[q.pop().path] += 1;
        QCOMPARE(popped, pushed);
    }
};

QTEST_APPLESS_MAIN(TestCohortQueue)
#include "cohortqueue.moc"
