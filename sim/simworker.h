#pragma once
// Runs one core::Simulation on a worker thread (internal to SimController). The simulation is
// advanced in slices of at most kSliceBudgetMs of wall time from a zero-delay (or, when paced,
// short) timer, so queued commands (pause, step, speed) are handled between slices. Inside a
// slice the cancel and pause flags (set by the controller on the GUI thread before it queues the
// command) are checked every kEventsPerCheck events, so Pause stops the run within a fraction of a
// millisecond of simulation work however long a metric bin takes, even when the worker is short
// of CPU (DESIGN.md "Performance targets": Pause within 100 ms). Closed bins are collected as
// MetricFrames and sent in one batch at most every kFlushIntervalMs.

#include "sim/metricframe.h"
#include "sim/runsummary.h"
#include "sim/scenariobuilder.h"
#include "sim/seriescatalog.h"

#include "core/simulation.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

namespace swb {

class SimWorker : public QObject, private core::FrameSink
{
    Q_OBJECT

public:
    static constexpr int kSliceBudgetMs = 20;
    static constexpr int kFlushIntervalMs = 60;
    static constexpr int kPacedTickMs = 15;
    // ~0.1-0.5 ms of simulation on a desktop CPU (bench_kernel), the work between two looks at
    // the flags.
    static constexpr std::uint64_t kEventsPerCheck = 1000;

    // cancel: stop for good; pauseRequested: leave the current slice now (the queued pause()
    // that follows does the rest). Both are set on the GUI thread.
    SimWorker(BuildResult build, std::shared_ptr<std::atomic<bool>> cancel,
              std::shared_ptr<std::atomic<bool>> pauseRequested);
    ~SimWorker() override;

    // All called on the worker thread (queued from the controller).
    void start();            // builds the Simulation, emits started()
    void play();             // run (paced by the speed) until paused or finished
    void pause();            // stop after the current slice, flush frames
    void stepBin();          // advance exactly one metric bin, flush
    void setSpeed(double x); // x simulated seconds per wall second; <= 0: as fast as possible

Q_SIGNALS:
    void started(const swb::SeriesCatalog &catalog);
    void framesReady(const swb::MetricFrames &frames);
    void progress(double simSeconds, double durationSeconds);
    void finished(const swb::RunSummary &summary);
    void failed(const QString &message);

private:
    void onBinClosed(const core::Simulation &sim, std::size_t bin) override;
    void tick();
    void scheduleTick();
    void resetPacing();
    void flush();
    void finish();
    bool cancelled() const { return m_cancel->load(std::memory_order_relaxed); }
    bool pauseRequested() const { return m_pauseRequested->load(std::memory_order_relaxed); }

    BuildResult m_build;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::shared_ptr<std::atomic<bool>> m_pauseRequested;
    std::unique_ptr<core::Simulation> m_sim;
    QTimer m_timer;
    MetricFrames m_pending;
    QElapsedTimer m_sinceFlush, m_wall, m_runWall;
    double m_speed = 1.0;
    double m_anchorSim = 0; // pacing: simulated time at m_wall's start
    double m_binWidth = 1;
    double m_wallSeconds = 0;
    bool m_running = false;
    bool m_done = false;
};

} // namespace swb
