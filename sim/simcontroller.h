#pragma once
// Plays a design on a worker thread for the GUI (DESIGN.md "Data flow" 2). Lives on the GUI
// thread and never runs the engine there: load() compiles the design (fast, synchronous, so a
// refusal can show its findings at once), then a SimWorker on its own QThread runs the core in
// slices. Everything the GUI needs arrives as value types over queued connections:
//   started(SeriesCatalog)            once per run, before any frame
//   framesReady(MetricFrames)         one batch every ~60 ms of wall time (or on pause/step/end);
//                                     frames arrive in bin order and never repeat, so the GUI can
//                                     keep them all and scrub over them
//   progress(simSeconds, duration)    with every batch
//   finished(RunSummary)              once, when the run reaches its duration
//   failed(message)                   the design could not be run
// Run states: Idle -> Running <-> Paused -> Finished; step() advances one metric bin (from Idle or
// Paused; the controller is Paused afterwards unless the run ended); cancel() returns to Idle from
// any state (the loaded design stays, play() starts a fresh run).

#include "sim/metricframe.h"
#include "sim/runsummary.h"
#include "sim/scenariobuilder.h"
#include "sim/seriescatalog.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <memory>

class QThread;

namespace swb {

class SimWorker;

class SimController : public QObject
{
    Q_OBJECT

public:
    enum class State { Idle, Running, Paused, Finished };
    Q_ENUM(State)

    static constexpr double kMinSpeed = 0.1;         // x real time
    static constexpr double kMaxSpeed = 1000;        // x real time
    static constexpr double kAsFastAsPossible = 0.0; // setSpeed() value: no pacing

    explicit SimController(QObject *parent = nullptr);
    ~SimController() override; // cancels a running run and waits for its thread

    // Compiles the design; refused (false) when it has Error findings, see build().findings.
    // Cancels any current run first.
    bool load(const Design &design, const BuildOptions &options = {});
    const BuildResult &build() const { return m_build; }
    bool isLoaded() const { return m_build.ok; }

    State state() const { return m_state; }
    double speed() const { return m_speed; }

    void play();
    void pause();
    void step();
    // Simulated seconds per wall second, clamped to [kMinSpeed, kMaxSpeed];
    // kAsFastAsPossible (or any value <= 0) runs unpaced.
    void setSpeed(double multiplier);
    void cancel();

Q_SIGNALS:
    void stateChanged(swb::SimController::State state);
    void started(const swb::SeriesCatalog &catalog);
    void framesReady(const swb::MetricFrames &frames);
    void progress(double simSeconds, double durationSeconds);
    void finished(const swb::RunSummary &summary);
    void failed(const QString &message);

private:
    bool startWorker();
    void stopWorker();
    void setState(State state);
    template<typename F>
    void toWorker(F &&f);

    BuildResult m_build;
    State m_state = State::Idle;
    double m_speed = 1.0;
    quint64 m_generation = 0; // signals of a cancelled run are ignored
    QPointer<QThread> m_thread;
    QPointer<SimWorker> m_worker;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::shared_ptr<std::atomic<bool>> m_pauseRequested; // seen by the worker inside a slice
    QList<QPointer<QThread>> m_stopping; // cancelled threads still finishing their slice
};

} // namespace swb
