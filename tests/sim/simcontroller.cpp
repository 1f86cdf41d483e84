// SimController on a real worker thread: frames in order and batched, pause / resume / step /
// cancel, frames identical to a headless run of the same design and seed.

#include "sim/runresults.h"
#include "sim/simcontroller.h"
#include "sim/simworker.h"

#include "model/patterns.h"
#include "model/pricing.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace swb;

namespace {

constexpr double kDuration = 600; // s: 600 one-second bins

BuildOptions shortRun()
{
    BuildOptions o;
    o.durationSeconds = kDuration;
    return o;
}

// Collects what the controller delivers, checking on delivery that it arrives on the GUI thread
// (the application's; not through qApp, which casts to QGuiApplication once QtGui is linked while
// this test runs a QCoreApplication: UBSan's invalid-downcast finding).
struct Recorder {
    explicit Recorder(SimController *c)
    {
        QObject::connect(c, &SimController::started, c, [this](const SeriesCatalog &cat) {
            catalog = cat;
            ++startedCount;
            startedBeforeFrames = startedBeforeFrames && frames.isEmpty();
            onGuiThread =
                onGuiThread && QThread::currentThread() == QCoreApplication::instance()->thread();
        });
        QObject::connect(c, &SimController::framesReady, c, [this](const MetricFrames &batch) {
            ++batches;
            frames.append(batch);
            onGuiThread =
                onGuiThread && QThread::currentThread() == QCoreApplication::instance()->thread();
        });
        QObject::connect(c, &SimController::finished, c, [this](const RunSummary &s) {
            summary = s;
            ++finishedCount;
        });
    }
    bool contiguousFromZero() const
    {
        for (int i = 0; i < frames.size(); ++i) {
            if (frames[i].bin != i)
                return false;
        }
        return true;
    }
    SeriesCatalog catalog;
    MetricFrames frames;
    RunSummary summary;
    int startedCount = 0;
    int batches = 0;
    int finishedCount = 0;
    bool startedBeforeFrames = true;
    bool onGuiThread = true;
};

} // namespace

class TestSimController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void playToEndEmitsOrderedBatchedFrames();
    void pauseResumeAndStep();
    void stepFromIdle();
    void cancelReturnsToIdleAndRestarts();
    void refusedDesignFails();
    void speedIsClamped();
    void pauseFlagEndsASliceAtOnce();
};

void TestSimController::playToEndEmitsOrderedBatchedFrames()
{
    const Design design = *makePattern(QStringLiteral("sns-fanout"));
    SimController controller;
    QVERIFY(controller.load(design, shortRun()));
    Recorder rec(&controller);
    QSignalSpy states(&controller, &SimController::stateChanged);
    controller.setSpeed(SimController::kAsFastAsPossible);
    controller.play();
    QCOMPARE(controller.state(), SimController::State::Running);
    QTRY_COMPARE_WITH_TIMEOUT(rec.finishedCount, 1, 120000);
    QCOMPARE(controller.state(), SimController::State::Finished);
    QCOMPARE(states.size(), 2); // Running, Finished

    QCOMPARE(rec.startedCount, 1);
    QVERIFY(rec.startedBeforeFrames);
    QVERIFY(rec.onGuiThread);
    QCOMPARE(rec.catalog.binCount, qint64(kDuration));
    QCOMPARE(rec.frames.size(), int(kDuration));
    QVERIFY(rec.contiguousFromZero());
    // Batched: one signal carries many bins (a signal per ~60 ms of wall time).
    QVERIFY2(rec.batches < rec.frames.size(), qPrintable(QString::number(rec.batches)));
    QVERIFY(rec.summary.completed);
    QVERIFY(rec.summary.ledger.balanced());

    // The frames are the run's bins: identical to a headless run of the same design and seed
    // (and so determinism holds across threads).
    RunOptions options;
    options.pricing = &PricingCatalogue::builtIn();
    options.durationSeconds = kDuration;
    const RunResults headless = runToEnd(design, options);
    QVERIFY(headless.ok);
    QCOMPARE(rec.summary.fingerprint, headless.summary.fingerprint);
    QCOMPARE(rec.catalog.series.size(), headless.catalog.series.size());
    for (const MetricFrame &f : std::as_const(rec.frames)) {
        QVERIFY(f.ledger.balanced());
        QCOMPARE(f.simSeconds, double(f.bin + 1) * rec.catalog.binWidthSeconds);
        for (int s = 0; s < f.values.size(); ++s) {
            if (f.values[s] != headless.value(f.bin, s))
                QFAIL(qPrintable(QStringLiteral("bin %1 series %2 differs").arg(f.bin).arg(s)));
        }
    }
}

void TestSimController::pauseResumeAndStep()
{
    SimController controller;
    QVERIFY(controller.load(*makePattern(QStringLiteral("sqs-lambda")), shortRun()));
    Recorder rec(&controller);
    controller.setSpeed(20); // 600 s would take 30 s of wall time
    controller.play();
    QTRY_VERIFY_WITH_TIMEOUT(rec.frames.size() >= 3, 20000);
    controller.pause();
    QCOMPARE(controller.state(), SimController::State::Paused);
    QTest::qWait(300); // let the batch flushed by the pause arrive
    const int atPause = int(rec.frames.size());
    QTest::qWait(500);
    QCOMPARE(int(rec.frames.size()), atPause); // nothing runs while paused
    QVERIFY(atPause < kDuration);

    controller.step();
    QTRY_COMPARE_WITH_TIMEOUT(int(rec.frames.size()), atPause + 1, 10000);
    QTest::qWait(200);
    QCOMPARE(int(rec.frames.size()), atPause + 1); // exactly one bin
    QCOMPARE(controller.state(), SimController::State::Paused);

    controller.setSpeed(SimController::kAsFastAsPossible);
    controller.play();
    QTRY_COMPARE_WITH_TIMEOUT(rec.finishedCount, 1, 120000);
    QCOMPARE(rec.frames.size(), int(kDuration));
    QVERIFY(rec.contiguousFromZero());
    QCOMPARE(controller.state(), SimController::State::Finished);
}

void TestSimController::stepFromIdle()
{
    SimController controller;
    QVERIFY(controller.load(*makePattern(QStringLiteral("api-lambda")), shortRun()));
    Recorder rec(&controller);
    controller.step();
    QCOMPARE(controller.state(), SimController::State::Paused);
    QTRY_COMPARE_WITH_TIMEOUT(int(rec.frames.size()), 1, 10000);
    QCOMPARE(rec.frames[0].bin, qint64(0));
    QCOMPARE(rec.startedCount, 1);
    controller.step();
    QTRY_COMPARE_WITH_TIMEOUT(int(rec.frames.size()), 2, 10000);
    QCOMPARE(rec.frames[1].bin, qint64(1));
}

void TestSimController::cancelReturnsToIdleAndRestarts()
{
    SimController controller;
    QVERIFY(controller.load(*makePattern(QStringLiteral("kinesis-lambda")), shortRun()));
    Recorder rec(&controller);
    controller.setSpeed(10);
    controller.play();
    QTRY_VERIFY_WITH_TIMEOUT(!rec.frames.isEmpty(), 20000);
    controller.cancel();
    QCOMPARE(controller.state(), SimController::State::Idle);
    const int atCancel = int(rec.frames.size());
    QTest::qWait(500);
    QCOMPARE(int(rec.frames.size()), atCancel); // a cancelled run delivers nothing more
    QCOMPARE(rec.finishedCount, 0);

    // A fresh run starts from bin 0 with a new catalogue.
    rec.frames.clear();
    controller.setSpeed(SimController::kAsFastAsPossible);
    controller.play();
    QTRY_COMPARE_WITH_TIMEOUT(rec.finishedCount, 1, 120000);
    QCOMPARE(rec.startedCount, 2);
    QCOMPARE(rec.frames.size(), int(kDuration));
    QVERIFY(rec.contiguousFromZero());
}

void TestSimController::refusedDesignFails()
{
    Design design = *makePattern(QStringLiteral("sqs-lambda"));
    // Visibility timeout below the function timeout: Lambda rejects the mapping (aws-behaviour.md
    // §4).
    for (Component &c : design.components) {
        if (c.kind == ComponentKind::SqsQueue)
            c.params.insert(QStringLiteral("visibilityTimeout"), 1LL);
    }
    SimController controller;
    QVERIFY(!controller.load(design));
    QVERIFY(!controller.build().errors().isEmpty());
    QSignalSpy failed(&controller, &SimController::failed);
    controller.play();
    QCOMPARE(failed.size(), 1);
    QVERIFY(failed.at(0).at(0).toString().contains(QLatin1String("visibility")));
    QCOMPARE(controller.state(), SimController::State::Idle);
}

void TestSimController::speedIsClamped()
{
    SimController controller;
    controller.setSpeed(0.01);
    QCOMPARE(controller.speed(), SimController::kMinSpeed);
    controller.setSpeed(5000);
    QCOMPARE(controller.speed(), SimController::kMaxSpeed);
    controller.setSpeed(-1);
    QCOMPARE(controller.speed(), SimController::kAsFastAsPossible);
}

void TestSimController::pauseFlagEndsASliceAtOnce()
{
    // The worker on this thread, so its slices run in this event loop: with the pause flag set
    // (what SimController::pause() does before queueing pause()) a slice at max speed must not
    // advance the run at all, however many turns it is given; cleared, the run goes to its end.
    const BuildResult build = buildScenario(*makePattern(QStringLiteral("sqs-lambda")), shortRun());
    QVERIFY(build.ok);
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    auto pauseFlag = std::make_shared<std::atomic<bool>>(true);
    SimWorker worker(build, cancel, pauseFlag);
    int frames = 0;
    double simSeconds = -1;
    bool finished = false;
    connect(&worker, &SimWorker::framesReady, this,
            [&](const MetricFrames &batch) { frames += int(batch.size()); });
    connect(&worker, &SimWorker::progress, this, [&](double t, double) { simSeconds = t; });
    connect(&worker, &SimWorker::finished, this, [&] { finished = true; });
    worker.setSpeed(SimController::kAsFastAsPossible);
    worker.start();
    worker.play();
    QTest::qWait(300); // many zero-timer ticks; without the flag the first one advances the run
    worker.pause();
    QCOMPARE(simSeconds, 0.0);
    QCOMPARE(frames, 0);
    QVERIFY(!finished);

    pauseFlag->store(false);
    worker.play();
    QTRY_VERIFY_WITH_TIMEOUT(finished, 60000);
    QCOMPARE(frames, int(kDuration));
}

QTEST_GUILESS_MAIN(TestSimController)
#include "simcontroller.moc"
