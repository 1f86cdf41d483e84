// RefreshPacer: one refresh spreads the views over event-loop turns (input waits for one view's
// redraw, never for all of them), flush() completes a refresh at once, and views that go away
// are skipped.

#include "ui/playback/refreshpacer.h"

#include <QCoreApplication>
#include <QTest>

#include <memory>

using namespace swb;

class TestRefreshPacer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void viewsRedrawInTurnsOfTheirOwn();
    void flushCompletesARefreshUnderWay();
    void destroyedAndRemovedViewsAreSkipped();
    void changeDuringARefreshGetsAnotherOne();
    void steppedViewTakesATurnPerStep();
};

namespace {

// Turns the event loop until the pacer's timer has started a refresh.
bool waitForRefreshStart(RefreshPacer &pacer, const QStringList &log)
{
    for (int i = 0; i < 1000 && log.isEmpty() && !pacer.isRefreshing(); ++i) {
        QCoreApplication::processEvents();
        QTest::qSleep(1);
    }
    return !log.isEmpty();
}

} // namespace

void TestRefreshPacer::viewsRedrawInTurnsOfTheirOwn()
{
    RefreshPacer pacer;
    QObject a, b, c;
    QStringList log;
    int started = 0;
    connect(&pacer, &RefreshPacer::refreshDue, this, [&] { ++started; });
    pacer.addView(&a, [&] {
        log << QStringLiteral("a");
        // What the window system delivers meanwhile: a click posted while a view redraws.
        QMetaObject::invokeMethod(
            this, [&] { log << QStringLiteral("input"); }, Qt::QueuedConnection);
    });
    pacer.addView(&b, [&] { log << QStringLiteral("b"); });
    pacer.addView(&c, [&] { log << QStringLiteral("c"); });
    pacer.markDirty();
    QVERIFY(waitForRefreshStart(pacer, log));
    QCOMPARE(started, 1);
    QCOMPARE(log, QStringList{QStringLiteral("a")}); // one view in the turn the timer fired
    QVERIFY(pacer.isRefreshing());
    QCoreApplication::processEvents();
    // The click is handled before the next view redraws, and that view has the turn to itself.
    QCOMPARE(log, (QStringList{QStringLiteral("a"), QStringLiteral("input"), QStringLiteral("b")}));
    QCoreApplication::processEvents();
    QCOMPARE(log.last(), QStringLiteral("c"));
    QVERIFY(!pacer.isRefreshing());
    QCOMPARE(pacer.refreshCount(), 1);
    QCoreApplication::processEvents();
    QCOMPARE(log.size(), 4); // nothing more without a change
}

void TestRefreshPacer::flushCompletesARefreshUnderWay()
{
    RefreshPacer pacer;
    QObject a, b, c;
    QStringList log;
    pacer.addView(&a, [&] { log << QStringLiteral("a"); });
    pacer.addView(&b, [&] { log << QStringLiteral("b"); });
    pacer.addView(&c, [&] { log << QStringLiteral("c"); });
    pacer.markDirty();
    QVERIFY(waitForRefreshStart(pacer, log));
    pacer.flush(); // the rest of this refresh, now
    QCOMPARE(log, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    QVERIFY(!pacer.isRefreshing());
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents(); // the turn queued before the flush does nothing
    QCOMPARE(log.size(), 3);
    QCOMPARE(pacer.refreshCount(), 1);
    // Nothing changed since: flush() does nothing; after a change it redraws every view at once.
    pacer.flush();
    QCOMPARE(log.size(), 3);
    pacer.markDirty();
    pacer.flush();
    QCOMPARE(log.size(), 6);
    QCOMPARE(pacer.refreshCount(), 2);
}

void TestRefreshPacer::destroyedAndRemovedViewsAreSkipped()
{
    RefreshPacer pacer;
    auto a = std::make_unique<QObject>();
    QObject b, c;
    QStringList log;
    pacer.addView(a.get(), [&] { log << QStringLiteral("a"); });
    pacer.addView(&b, [&] { log << QStringLiteral("b"); });
    pacer.addView(&c, [&] { log << QStringLiteral("c"); });
    a.reset();
    pacer.removeView(&c);
    pacer.markDirty();
    pacer.flush();
    QCOMPARE(log, QStringList{QStringLiteral("b")});
}

void TestRefreshPacer::changeDuringARefreshGetsAnotherOne()
{
    RefreshPacer pacer;
    QObject a, b;
    QStringList log;
    pacer.addView(&a, [&] { log << QStringLiteral("a"); });
    pacer.addView(&b, [&] { log << QStringLiteral("b"); });
    pacer.markDirty();
    QVERIFY(waitForRefreshStart(pacer, log));
    pacer.markDirty(); // a batch arrives between two views: b shows it, and so will a, later
    QVERIFY(pacer.isDirty());
    QTRY_COMPARE(pacer.refreshCount(), 2);
    QCOMPARE(log, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("a"),
                               QStringLiteral("b")}));
}

QTEST_GUILESS_MAIN(TestRefreshPacer)
void TestRefreshPacer::steppedViewTakesATurnPerStep()
{
    // The charts draw in steps (bookkeeping, then a chart per step): each step has a turn to
    // itself, input posted during a step comes before the next one, and the next view waits
    // until the stepped view says it is done.
    RefreshPacer pacer;
    QObject a, b;
    QStringList log;
    int steps = 0;
    pacer.addSteppedView(&a, [&] {
        log << QStringLiteral("a%1").arg(++steps);
        QMetaObject::invokeMethod(
            this, [&] { log << QStringLiteral("input"); }, Qt::QueuedConnection);
        return steps == 3;
    });
    pacer.addView(&b, [&] { log << QStringLiteral("b"); });
    pacer.markDirty();
    QVERIFY(waitForRefreshStart(pacer, log));
    QCOMPARE(log, QStringList{QStringLiteral("a1")});
    QCoreApplication::processEvents();
    QCOMPARE(log,
             (QStringList{QStringLiteral("a1"), QStringLiteral("input"), QStringLiteral("a2")}));
    QCoreApplication::processEvents();
    QCOMPARE(log.mid(3), (QStringList{QStringLiteral("input"), QStringLiteral("a3")}));
    QVERIFY(pacer.isRefreshing());
    QCoreApplication::processEvents();
    QCOMPARE(log.mid(5), (QStringList{QStringLiteral("input"), QStringLiteral("b")}));
    QVERIFY(!pacer.isRefreshing());

    // flush() runs every remaining step at once; a view that never finishes is cut off after
    // kMaxSteps steps, so a refresh always ends.
    steps = 0;
    log.clear();
    pacer.addSteppedView(&a, [&] {
        ++steps;
        return false;
    });
    pacer.markDirty();
    pacer.flush();
    QVERIFY(!pacer.isRefreshing());
    QCOMPARE(steps, RefreshPacer::kMaxSteps);
    QCOMPARE(log, QStringList{QStringLiteral("b")});
}

#include "refreshpacer.moc"
