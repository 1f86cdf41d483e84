#pragma once
// Runs one core::Simulation on a worker thread (internal to SimController). The simulation is
// advanced in slices of at most kSliceBudgetMs of wall time from a zero-delay (or, when paced,
// short) timer, so queued commands (pause, step, speed) are handled between slices and the
// cancel flag is seen within one metric bin. Closed bins are collected as MetricFrames and sent
// in one batch at most every kFlushIntervalMs.

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

class SimWorker : public QObject, private core::FrameSink {
    Q_OBJECT

public:
    static constexpr int kSliceBudgetMs = 20;
    static constexpr int kFlushIntervalMs = 60;
    static constexpr int kPacedTickMs = 15;

    SimWorker(BuildResult build, std::shared_ptr<std::atomic<bool>> cancel);
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

    BuildResult m_build;
    std::shared_ptr<std::atomic<bool>> m_cancel;
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
