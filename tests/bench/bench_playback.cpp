// Live playback benchmark (DESIGN.md "Performance targets": the GUI thread never stops answering
// for more than 50 ms at any speed, max included; Pause takes effect within 100 ms). Drives the
// real MainWindow with every dock shown (tabbed docks split apart, the pattern guide opened) and
// the charts showing every series, plays one simulated hour and reports:
//   - GUI-thread stalls: a 5 ms precise timer on the GUI thread; the gaps between its ticks
//     (longest, p99, p95), i.e. how long input would have waited;
//   - Pause latency: a real mouse click on the playback bar's Pause button is posted to the event
//     queue (as the window system would deliver it) every ~1.5 s of wall time; measured from the
//     post to the controller being Paused, and to the last frame batch the worker sent (the run
//     stopped: nothing arrives in the next 400 ms); then Play is clicked the same way;
//   - frames shown per second while playing: view refreshes (RefreshPacer) and chart repaints.
// Reported, never asserted (timing depends on the machine's load; give `uptime` with figures).
// At max speed a small design plays its hour in well under a second, too short to measure:
// the hour is played again (a click on Reset, then on Play, posted as the window system
// delivers them) until at least --min-seconds of wall time (default 10)
// have been spent playing, and the figures cover every run.
// Usage: bench_playback [--design sns-fanout|big20] [--speed max|X] [--window S|whole]
//                       [--hours H] [--min-seconds S]
// Run under Xvfb (xvfb-run -a -s "-screen 0 1920x1200x24") and with QT_QPA_PLATFORM=offscreen.

#include "../postedclick.h"

#include "model/document.h"
#include "model/layout.h"
#include "model/patterns.h"
#include "ui/charts/chartspanel.h"
#include "ui/charts/timechartview.h"
#include "ui/cost/costpanel.h"
#include "ui/cost/pricingsource.h"
#include "ui/mainwindow.h"
#include "ui/playback/framestore.h"
#include "ui/playback/liveoverlay.h"
#include "ui/playback/playbackbar.h"
#include "ui/playback/playbacksession.h"
#include "ui/playback/refreshpacer.h"

#include <QAbstractEventDispatcher>
#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QThread>
#include <QEventLoop>
#include <QTimer>
#include <QToolButton>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <vector>

using namespace swb;

namespace {

// Twenty blocks fed by four traffic sources: an API (API Gateway -> Lambda -> database), an SNS
// fan-out to three SQS queues and their workers, a job queue with a DLQ and a bad deploy on its
// worker from 20 to 25 minutes, and a Kinesis stream with an on-failure queue.
Design twentyBlocks(double seconds)
{
    Document doc;
    auto add = [&](ComponentKind kind, const char *name) {
        return doc.addComponent(kind, QPointF(), QString::fromLatin1(name));
    };
    auto source = [&](const char *name, double rate) {
        const ComponentId id = add(ComponentKind::TrafficSource, name);
        doc.setComponentParam(id, QStringLiteral("rate"), rate);
        return id;
    };
    using K = ComponentKind;
    using C = ConnectionKind;
    const ComponentId apiSrc = source("api-clients", 200), api = add(K::ApiGateway, "orders-api"),
                      apiFn = add(K::Lambda, "orders-service"),
                      db = add(K::Downstream, "orders-db");
    doc.connectComponents(apiSrc, api, C::Traffic);
    doc.connectComponents(api, apiFn, C::SyncInvoke);
    doc.connectComponents(apiFn, db, C::SyncInvoke);
    const ComponentId evSrc = source("order-events", 300), topic = add(K::SnsTopic, "order-topic");
    doc.connectComponents(evSrc, topic, C::Traffic);
    for (const char *name : {"billing", "shipping", "email"}) {
        const ComponentId q =
            add(K::SqsQueue, QStringLiteral("%1-queue").arg(QLatin1String(name)).toLatin1());
        const ComponentId f =
            add(K::Lambda, QStringLiteral("%1-worker").arg(QLatin1String(name)).toLatin1());
        doc.connectComponents(topic, q, C::Subscription);
        doc.connectComponents(q, f, C::EventSourceMapping);
    }
    const ComponentId jobSrc = source("job-submitters", 100), jobs = add(K::SqsQueue, "jobs-queue"),
                      jobFn = add(K::Lambda, "job-worker"), jobDlq = add(K::SqsQueue, "jobs-dlq");
    doc.connectComponents(jobSrc, jobs, C::Traffic);
    doc.connectComponents(jobs, jobFn, C::EventSourceMapping);
    doc.connectComponents(jobs, jobDlq, C::Redrive);
    const ComponentId clickSrc = source("click-clients", 500),
                      stream = add(K::KinesisStream, "clickstream"),
                      clickFn = add(K::Lambda, "click-processor"),
                      failures = add(K::SqsQueue, "click-failures");
    doc.connectComponents(clickSrc, stream, C::Traffic);
    doc.connectComponents(stream, clickFn, C::EventSourceMapping);
    doc.connectComponents(stream, failures, C::OnFailure);
    Fault bad;
    bad.kind = FaultKind::BadDeploy;
    bad.target = jobFn;
    bad.start = 1200;
    bad.duration = 300;
    doc.addFault(bad);
    doc.setProjectParam(QStringLiteral("duration"), seconds);
    doc.moveComponents(autoLayout(doc.design()));
    return doc.design();
}

struct Options {
    QString design = QStringLiteral("sns-fanout");
    double speed = 0;   // max
    double window = -1; // -1: the charts' default
    double hours = 1;
    double minSeconds = 10; // max speed: replay the hour until this much wall time was played
};

Options parse(int argc, char **argv)
{
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const QString key = QString::fromLocal8Bit(argv[i]);
        const QString value = QString::fromLocal8Bit(argv[i + 1]);
        if (key == QLatin1String("--design"))
            o.design = value;
        else if (key == QLatin1String("--speed"))
            o.speed = value == QLatin1String("max") ? 0 : value.toDouble();
        else if (key == QLatin1String("--window"))
            o.window = value == QLatin1String("whole") ? 0 : value.toDouble();
        else if (key == QLatin1String("--hours"))
            o.hours = value.toDouble();
        else if (key == QLatin1String("--min-seconds"))
            o.minSeconds = value.toDouble();
    }
    return o;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

// Every dock in view: tabbed docks are split apart, hidden ones shown.
void showEveryDock(MainWindow *window)
{
    const QList<QDockWidget *> docks = window->findChildren<QDockWidget *>();
    for (QDockWidget *dock : docks)
        dock->show();
    for (QDockWidget *dock : docks) {
        for (QDockWidget *other : window->tabifiedDockWidgets(dock))
            window->splitDockWidget(dock, other, Qt::Horizontal);
    }
}

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// Times (in GUI-thread CPU time, so waiting for a CPU does not count) every event the GUI thread
// delivers at the outermost level, so a stall can be traced to the handler that caused it
// (receiver class and event type), not only measured.
class TimingApplication : public QApplication
{
public:
    using QApplication::QApplication;
    struct Slow {
        double ms;
        QString what;
        double startMs = 0;   // wall time since the stall timer's last tick
        qint64 iteration = 0; // event-loop iteration (the dispatcher's awake() count)
    };
    QElapsedTimer sinceTickWall;
    qint64 iterations = 0;
    std::vector<Slow> slowest; // the longest deliveries, longest first (at most 8 kinds)
    // The deliveries of 1 ms or more since the stall timer's last tick (what one gap was made of).
    std::vector<Slow> sinceTick;

    bool notify(QObject *receiver, QEvent *event) override
    {
        // Only the GUI thread's deliveries (notify() also runs for the worker's timer).
        if (m_depth++ > 0 || QThread::currentThread() != thread()) {
            const bool r = QApplication::notify(receiver, event);
            --m_depth;
            return r;
        }
        const double cpuBefore = threadCpuMs();
        const double startMs = sinceTickWall.isValid() ? sinceTickWall.nsecsElapsed() / 1e6 : 0;
        const QEvent::Type type = event->type(); // the event may be gone afterwards
        const char *cls = receiver->metaObject()->className();
        QString what = QStringLiteral("%1 %2").arg(QLatin1String(cls)).arg(int(type));
        if (type == QEvent::MetaCall)
            what = QStringLiteral("%1 queued call").arg(QLatin1String(cls));
        else if (type == QEvent::Timer && receiver->parent())
            // A QTimer's owner says whose timer it is (the pacer, the overlay's animation...).
            what = QStringLiteral("%1 timer (of %2)")
                       .arg(QLatin1String(cls),
                            QLatin1String(receiver->parent()->metaObject()->className()));
        else if (type == QEvent::Timer)
            what = QStringLiteral("%1 timer").arg(QLatin1String(cls));
        else if ((type == QEvent::Paint || type == QEvent::UpdateRequest) && receiver->parent())
            what = QStringLiteral("%1 paint (in %2)")
                       .arg(QLatin1String(cls),
                            QLatin1String(receiver->parent()->metaObject()->className()));
        else if (type == QEvent::Paint || type == QEvent::UpdateRequest)
            what = QStringLiteral("%1 paint").arg(QLatin1String(cls));
        const bool r = QApplication::notify(receiver, event);
        --m_depth;
        const double ms = threadCpuMs() - cpuBefore;
        if (ms >= 0.2 && sinceTick.size() < 256)
            sinceTick.push_back({ms, what, startMs, iterations});
        record(ms, what);
        return r;
    }

private:
    void record(double ms, const QString &what)
    {
        if (ms < 5)
            return;
        for (Slow &s : slowest) {
            if (s.what == what) {
                s.ms = std::max(s.ms, ms);
                std::sort(slowest.begin(), slowest.end(),
                          [](const Slow &a, const Slow &b) { return a.ms > b.ms; });
                return;
            }
        }
        slowest.push_back({ms, what});
        std::sort(slowest.begin(), slowest.end(),
                  [](const Slow &a, const Slow &b) { return a.ms > b.ms; });
        if (slowest.size() > 8)
            slowest.pop_back();
    }
    int m_depth = 0;
};

} // namespace

int main(int argc, char **argv)
{
    TimingApplication app(argc, argv);
    const Options options = parse(argc, argv);
    std::optional<Design> design;
    if (options.design == QLatin1String("big20"))
        design = twentyBlocks(options.hours * 3600);
    else
        design = makePattern(options.design);
    if (!design) {
        std::fprintf(stderr, "bench_playback: unknown design %s\n", qPrintable(options.design));
        return 2;
    }
    design->settings.insert(QStringLiteral("duration"), options.hours * 3600);

    PricingSource pricing(PricingCatalogue::builtIn()); // the shipped prices, as the app
    MainWindow window(&pricing);
    window.resize(1600, 1000);
    window.show();
    showEveryDock(&window);
    window.document()->replaceDesign(*design);
    auto *charts = window.findChild<ChartsPanel *>();
    auto *bar = window.findChild<PlaybackBar *>(QStringLiteral("playbackBar"));
    if (options.window >= 0)
        charts->setWindowSeconds(options.window);
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 500)
        app.processEvents();

    SimController *controller = window.simController();
    FrameStore *store = window.frameStore();
    QElapsedTimer wall, sinceTick;
    std::vector<double> gaps;
    gaps.reserve(1 << 16);
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(5);
    // CPU time the GUI thread itself used during each gap: a long gap with little CPU is the
    // operating system running other threads (the worker, other processes), not our handlers.
    std::vector<double> busy;
    busy.reserve(1 << 16);
    double cpuAtTick = threadCpuMs();
    // The GUI-thread gap with the most CPU of its own, and the deliveries it was made of; and the
    // longest gap, traced delivery by delivery with the event-loop iterations they fell in.
    double worstBusy = 0, worstBusyWall = 0, longestWall = 0, longestCpu = 0;
    qint64 longestIterations = 0, iterationAtTick = 0;
    std::vector<TimingApplication::Slow> worstParts, longestParts;
    QObject::connect(QAbstractEventDispatcher::instance(), &QAbstractEventDispatcher::awake,
                     [&] { ++app.iterations; });
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        gaps.push_back(sinceTick.nsecsElapsed() / 1e6);
        sinceTick.restart();
        app.sinceTickWall.restart();
        const double cpu = threadCpuMs();
        std::vector<TimingApplication::Slow> parts;
        for (const auto &p : app.sinceTick) {
            if (p.ms >= 1)
                parts.push_back(p);
        }
        if (cpu - cpuAtTick > worstBusy) {
            worstBusy = cpu - cpuAtTick;
            worstBusyWall = gaps.back();
            worstParts = parts;
        }
        if (gaps.back() > longestWall) {
            longestWall = gaps.back();
            longestCpu = cpu - cpuAtTick;
            longestParts = app.sinceTick;
            longestIterations = app.iterations - iterationAtTick;
        }
        iterationAtTick = app.iterations;
        app.sinceTick.clear();
        busy.push_back(cpu - cpuAtTick);
        cpuAtTick = cpu;
    });
    // Frames shown while the run plays (not while paused): view refreshes and chart repaints.
    qint64 chartPaints = 0, refreshes = 0;
    struct PaintCounter : QObject {
        qint64 *count;
        SimController *controller;
        bool eventFilter(QObject *, QEvent *e) override
        {
            if (e->type() == QEvent::Paint && controller->state() == SimController::State::Running)
                ++*count;
            return false;
        }
    } counter;
    counter.count = &chartPaints;
    counter.controller = controller;
    QObject::connect(store->pacer(), &RefreshPacer::refreshDue, [&] {
        refreshes += controller->state() == SimController::State::Running ? 1 : 0;
    });
    for (int c = 0; c < ChartsPanel::ChartCount; ++c)
        charts->chartView(ChartsPanel::Chart(c))->viewport()->installEventFilter(&counter);

    // Pause / resume cycles.
    std::vector<double> toPaused, toStopped;
    qint64 clickPosted = -1, pausedAt = -1, lastBatchAt = -1;
    bool pausing = false;
    // A Pause that lands as the worker finishes the hour stops nothing (the run ends on its own,
    // and the next run's batches would count as "not stopped"): left out of "run stopped".
    int runsStarted = 0, runAtClick = 0, pausesAtRunEnd = 0;
    QObject::connect(controller, &SimController::started, [&] { ++runsStarted; });
    // Wall time spent playing (the controller Running), measured, not estimated from the clicks.
    qint64 playingNs = 0, runningSince = -1;
    wall.start();
    QObject::connect(controller, &SimController::stateChanged, [&](SimController::State s) {
        if (pausing && s == SimController::State::Paused && pausedAt < 0)
            pausedAt = wall.nsecsElapsed();
        if (s == SimController::State::Running && runningSince < 0) {
            runningSince = wall.nsecsElapsed();
        } else if (s != SimController::State::Running && runningSince >= 0) {
            playingNs += wall.nsecsElapsed() - runningSince;
            runningSince = -1;
        }
    });
    QObject::connect(controller, &SimController::framesReady,
                     [&](const MetricFrames &) { lastBatchAt = wall.nsecsElapsed(); });
    QObject::connect(controller, &SimController::progress,
                     [&](double, double) { lastBatchAt = wall.nsecsElapsed(); });
    // Every 1.5 s of wall time; every 0.25 s at max speed, where an hour may take under a second.
    QTimer pauser;
    pauser.setInterval(options.speed > 0 ? 1500 : 250);
    QObject::connect(&pauser, &QTimer::timeout, [&] {
        if (controller->state() != SimController::State::Running)
            return;
        pausing = true;
        pausedAt = -1;
        clickPosted = wall.nsecsElapsed();
        runAtClick = runsStarted;
        test::postClick(bar->playButton());
        // 400 ms later: the run has stopped if nothing arrived since; resume.
        QTimer::singleShot(400, [&] {
            if (pausedAt >= 0) {
                toPaused.push_back((pausedAt - clickPosted) / 1e6);
                if (runsStarted == runAtClick
                    && controller->state() == SimController::State::Paused)
                    toStopped.push_back((std::max(lastBatchAt, pausedAt) - clickPosted) / 1e6);
                else
                    ++pausesAtRunEnd;
            }
            pausing = false;
            if (controller->state() == SimController::State::Paused)
                test::postClick(bar->playButton());
        });
    });

    bool finished = false;
    QObject::connect(controller, &SimController::finished, [&] { finished = true; });
    app.slowest.clear(); // the run only, not the window's first paint
    app.sinceTick.clear();
    store->pacer()->resetViewCosts();
    window.startPlayback(options.speed);
    sinceTick.start();
    app.sinceTickWall.start();
    cpuAtTick = threadCpuMs();
    ticker.start();
    pauser.start();
    int runs = 0;
    for (;;) {
        while (!finished)
            app.processEvents(QEventLoop::WaitForMoreEvents);
        ++runs;
        const double played = playingNs / 1e9;
        if (options.speed > 0 || played >= options.minSeconds || runs >= 100)
            break;
        finished = false; // once more, as a user would: a click on Reset, then one on Play
        test::postClick(bar->resetButton());
        // Wait for Idle as the window does: blocked in the event loop until stateChanged says so
        // (a processEvents poll would add its own GUI-thread turns to the measured gaps).
        QEventLoop untilIdle;
        const auto idle = QObject::connect(controller, &SimController::stateChanged, &untilIdle,
                                           [&](SimController::State state) {
                                               if (state == SimController::State::Idle)
                                                   untilIdle.quit();
                                           });
        QTimer::singleShot(5000, &untilIdle, &QEventLoop::quit); // a reset that never ends
        if (controller->state() != SimController::State::Idle)
            untilIdle.exec();
        QObject::disconnect(idle);
        test::postClick(bar->playButton());
    }
    const double seconds = wall.elapsed() / 1000.0;
    ticker.stop();
    pauser.stop();
    const double playing = std::max(1e-9, playingNs / 1e9);
    const double pausedSeconds = seconds - playing; // paused by the clicks, or between runs

    std::printf("bench_playback: %s, %.1f simulated h at %s, charts window %s, platform %s\n",
                qPrintable(options.design), options.hours,
                options.speed > 0 ? qPrintable(QStringLiteral("%1x").arg(options.speed)) : "max",
                options.window < 0    ? "default"
                : options.window == 0 ? "whole run"
                                      : qPrintable(QStringLiteral("%1 s").arg(options.window)),
                qPrintable(QGuiApplication::platformName()));
    std::printf("  %d run%s of the hour, wall %.2f s (%.1f s of it not playing: paused by the %zu "
                "Pause clicks, or between runs)\n",
                runs, runs == 1 ? "" : "s", seconds, pausedSeconds, toPaused.size());
    std::printf("  GUI-thread gaps (5 ms timer, %zu ticks): longest %.1f ms, p99 %.1f ms, "
                "p95 %.1f ms (goal: longest < 50 ms)\n",
                gaps.size(), gaps.empty() ? 0.0 : *std::max_element(gaps.begin(), gaps.end()),
                percentile(gaps, 0.99), percentile(gaps, 0.95));
    std::printf("  GUI-thread CPU within a gap (its own work): longest %.1f ms, p99 %.1f ms "
                "(the rest of a gap is the thread waiting for a CPU)\n",
                busy.empty() ? 0.0 : *std::max_element(busy.begin(), busy.end()),
                percentile(busy, 0.99));
    std::printf("  Pause click -> Paused: max %.1f ms, median %.1f ms; -> run stopped (last "
                "batch): max %.1f ms, median %.1f ms (goal < 100 ms; %d Pause%s landing as "
                "the run ended left out)\n",
                toPaused.empty() ? 0.0 : *std::max_element(toPaused.begin(), toPaused.end()),
                percentile(toPaused, 0.5),
                toStopped.empty() ? 0.0 : *std::max_element(toStopped.begin(), toStopped.end()),
                percentile(toStopped, 0.5), pausesAtRunEnd, pausesAtRunEnd == 1 ? "" : "s");
    std::printf("  frames shown while playing: %lld view refreshes (%.1f per s), %lld chart "
                "repaints (%.1f per s, 6 charts)\n",
                static_cast<long long>(refreshes), refreshes / playing,
                static_cast<long long>(chartPaints), chartPaints / playing);
    std::printf("  frames held: %lld bins of %g s\n", static_cast<long long>(store->frameCount()),
                store->catalog().binWidthSeconds);
    std::printf(
        "  the gap with the most GUI-thread CPU: %.1f ms CPU in %.1f ms; deliveries of 1 ms "
        "or more in it:",
        worstBusy, worstBusyWall);
    for (const auto &part : worstParts)
        std::printf(" [%.1f #%lld] %s %.1f ms;", part.startMs,
                    static_cast<long long>(part.iteration - worstParts.front().iteration),
                    qPrintable(part.what), part.ms);
    std::printf("\n");
    std::printf("  the longest gap, %.1f ms (%.1f ms GUI-thread CPU, %lld event-loop iterations); "
                "its deliveries of 0.2 ms or more (start ms, iteration, what, CPU ms):",
                longestWall, longestCpu, static_cast<long long>(longestIterations));
    const qint64 firstIteration = longestParts.empty() ? 0 : longestParts.front().iteration;
    for (const auto &part : longestParts)
        std::printf(" [%.1f #%lld] %s %.1f;", part.startMs,
                    static_cast<long long>(part.iteration - firstIteration), qPrintable(part.what),
                    part.ms);
    std::printf("\n");
    std::printf("  longest redraw per paced view (GUI-thread wall ms):");
    for (const auto &view : store->pacer()->longestViewCosts())
        std::printf(" %s %.1f;", view.first ? view.first->metaObject()->className() : "(gone)",
                    view.second);
    std::printf("\n");
    std::printf("  longest event deliveries on the GUI thread (its CPU time):");
    for (const auto &slow : app.slowest)
        std::printf(" %s %.1f ms;", qPrintable(slow.what), slow.ms);
    std::printf("\n");
    // What one refresh of each view costs (GUI-thread CPU), replaying 20 positions of the run
    // with the playhead followed: the canvas overlay, the charts (every chart redrawn), the cost
    // panel and the playback bar.
    auto *cost = window.findChild<CostPanel *>();
    LiveOverlay *overlay = window.playback()->liveOverlay();
    std::vector<double> overlayMs, chartsMs, costMs;
    for (int k = 1; k <= 20; ++k) {
        store->setPosition(store->frameCount() * k / 21);
        double t = threadCpuMs();
        overlay->refreshNow();
        overlayMs.push_back(threadCpuMs() - t);
        t = threadCpuMs();
        charts->refreshNow();
        chartsMs.push_back(threadCpuMs() - t);
        t = threadCpuMs();
        cost->refresh();
        costMs.push_back(threadCpuMs() - t);
    }
    std::printf("  one refresh, GUI-thread CPU (median / max of 20 positions): canvas overlay "
                "%.1f / %.1f ms, all charts %.1f / %.1f ms, cost panel %.1f / %.1f ms\n",
                percentile(overlayMs, 0.5), percentile(overlayMs, 1), percentile(chartsMs, 0.5),
                percentile(chartsMs, 1), percentile(costMs, 0.5), percentile(costMs, 1));
    window.document()->markSaved();
    return 0;
}
