#include "sim/simcontroller.h"

#include "sim/simworker.h"

#include <QThread>

#include <algorithm>

namespace swb {

SimController::SimController(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<swb::SeriesCatalog>();
    qRegisterMetaType<swb::MetricFrames>();
    qRegisterMetaType<swb::RunSummary>();
}

SimController::~SimController()
{
    stopWorker();
    for (const QPointer<QThread> &t : std::as_const(m_stopping)) {
        if (t)
            t->wait(); // a slice is at most SimWorker::kSliceBudgetMs (plus one bin)
    }
}

bool SimController::load(const Design &design, const BuildOptions &options)
{
    cancel();
    m_build = buildScenario(design, options);
    return m_build.ok;
}

template<typename F>
void SimController::toWorker(F &&f)
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, std::forward<F>(f), Qt::QueuedConnection);
}

bool SimController::startWorker()
{
    if (!m_build.ok) {
        Q_EMIT failed(m_build.errorText().isEmpty() ? tr("No design is loaded")
                                                    : m_build.errorText());
        return false;
    }
    const quint64 gen = ++m_generation;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_pauseRequested = std::make_shared<std::atomic<bool>>(false);
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("swb-simulation"));
    m_worker = new SimWorker(m_build, m_cancel, m_pauseRequested);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);
    // Lambdas with this as context run on the GUI thread (queued): a stale run is filtered out.
    connect(m_worker, &SimWorker::started, this, [this, gen](const SeriesCatalog &c) {
        if (gen == m_generation)
            Q_EMIT started(c);
    });
    connect(m_worker, &SimWorker::framesReady, this, [this, gen](const MetricFrames &f) {
        if (gen == m_generation)
            Q_EMIT framesReady(f);
    });
    connect(m_worker, &SimWorker::progress, this, [this, gen](double t, double d) {
        if (gen == m_generation)
            Q_EMIT progress(t, d);
    });
    connect(m_worker, &SimWorker::finished, this, [this, gen](const RunSummary &s) {
        if (gen != m_generation)
            return;
        setState(State::Finished);
        Q_EMIT finished(s);
    });
    connect(m_worker, &SimWorker::failed, this, [this, gen](const QString &message) {
        if (gen != m_generation)
            return;
        stopWorker();
        setState(State::Idle);
        Q_EMIT failed(message);
    });
    m_thread->start();
    const double speed = m_speed;
    toWorker([w = m_worker.data(), speed] {
        w->setSpeed(speed);
        w->start();
    });
    return true;
}

void SimController::stopWorker()
{
    ++m_generation;
    if (m_cancel)
        m_cancel->store(true);
    if (m_thread) {
        m_thread->quit(); // the worker sees the flag within one bin; no wait on the GUI thread
        m_stopping.append(m_thread);
    }
    m_stopping.removeIf([](const QPointer<QThread> &t) { return t.isNull(); });
    m_thread = nullptr;
    m_worker = nullptr;
    m_cancel.reset();
    m_pauseRequested.reset();
}

void SimController::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void SimController::play()
{
    switch (m_state) {
    case State::Idle:
        if (!startWorker())
            return;
        break;
    case State::Paused:
        break;
    case State::Running:
    case State::Finished:
        return;
    }
    if (m_pauseRequested)
        m_pauseRequested->store(false);
    setState(State::Running);
    toWorker([w = m_worker.data()] { w->play(); });
}

void SimController::pause()
{
    if (m_state != State::Running)
        return;
    // The worker leaves its slice at the next check instead of finishing it (simworker.h); the
    // queued pause() then flushes the frames so far.
    if (m_pauseRequested)
        m_pauseRequested->store(true);
    setState(State::Paused);
    toWorker([w = m_worker.data()] { w->pause(); });
}

void SimController::step()
{
    if (m_state == State::Finished)
        return;
    if (m_state == State::Idle && !startWorker())
        return;
    // Paused first: the worker's finished() (if this step ends the run) moves on to Finished.
    setState(State::Paused);
    toWorker([w = m_worker.data()] { w->stepBin(); });
}

void SimController::setSpeed(double multiplier)
{
    m_speed = multiplier > 0 ? std::clamp(multiplier, kMinSpeed, kMaxSpeed) : kAsFastAsPossible;
    const double speed = m_speed;
    toWorker([w = m_worker.data(), speed] { w->setSpeed(speed); });
}

void SimController::cancel()
{
    stopWorker();
    setState(State::Idle);
}

} // namespace swb
