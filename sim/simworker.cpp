#include "sim/simworker.h"

#include <algorithm>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace swb {

SimWorker::SimWorker(BuildResult build, std::shared_ptr<std::atomic<bool>> cancel,
                     std::shared_ptr<std::atomic<bool>> pauseRequested)
    : m_build(std::move(build))
    , m_cancel(std::move(cancel))
    , m_pauseRequested(std::move(pauseRequested))
    , m_timer(this)
{
    // m_timer is a child, so moveToThread() takes it along to the worker thread.
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SimWorker::tick);
}

SimWorker::~SimWorker()
{
    if (m_sim)
        m_sim->setFrameSink(nullptr);
}

void SimWorker::start()
{
#ifdef Q_OS_LINUX
    // When CPUs are short (other programs, a two-core laptop) the GUI thread comes first: the
    // simulation runs 5 nice levels below it, so Pause and repaints are not queued behind a run
    // at max speed (DESIGN.md "Performance targets", 50 ms). With a CPU to spare this changes
    // nothing. QThread::setPriority cannot lower a normal (SCHED_OTHER) thread on Linux; the
    // per-thread nice value can.
    const auto tid = static_cast<id_t>(syscall(SYS_gettid));
    errno = 0;
    const int nice = getpriority(PRIO_PROCESS, tid);
    if (errno == 0)
        setpriority(PRIO_PROCESS, tid, std::min(19, nice + 5));
#endif
    m_sim = std::make_unique<core::Simulation>(m_build.scenario);
    m_sim->setFrameSink(this);
    m_binWidth = m_sim->metrics().binWidthSeconds();
    m_sinceFlush.start();
    Q_EMIT started(makeSeriesCatalog(m_build, m_sim->metrics(), m_sim->durationSeconds()));
}

void SimWorker::play()
{
    if (!m_sim || m_done || m_running)
        return;
    m_running = true;
    m_runWall.start();
    resetPacing();
    scheduleTick();
}

void SimWorker::pause()
{
    if (m_running) {
        m_running = false;
        m_wallSeconds += m_runWall.elapsed() / 1000.0;
    }
    m_timer.stop();
    flush();
}

void SimWorker::stepBin()
{
    if (!m_sim || m_done)
        return;
    pause();
    const std::size_t closed = m_sim->metrics().binCount();
    QElapsedTimer t;
    t.start();
    m_sim->runUntil(std::min(double(closed + 1) * m_binWidth, m_sim->durationSeconds()));
    m_wallSeconds += t.elapsed() / 1000.0;
    flush();
    if (m_sim->finished())
        finish();
}

void SimWorker::setSpeed(double x)
{
    m_speed = x;
    resetPacing();
}

void SimWorker::resetPacing()
{
    m_wall.start();
    m_anchorSim = m_sim ? m_sim->now() : 0;
}

void SimWorker::scheduleTick()
{
    // As fast as possible: yield to the event loop only (queued commands), then continue.
    m_timer.start(m_speed > 0 ? kPacedTickMs : 0);
}

void SimWorker::tick()
{
    if (!m_running || m_done || cancelled())
        return;
    QElapsedTimer slice;
    slice.start();
    const double end = m_sim->durationSeconds();
    const double target =
        m_speed > 0 ? std::min(end, m_anchorSim + m_speed * m_wall.elapsed() / 1000.0) : end;
    // At most one bin and kEventsPerCheck events at a time, so the wall-time budget and the
    // flags are checked often; stopping between two events changes nothing in the results
    // (Simulation::runUntil). The clock is in whole microseconds, hence the tolerance.
    while (m_sim->now() < target - 1e-6 && !m_sim->finished() && !cancelled() && !pauseRequested()
           && slice.elapsed() < kSliceBudgetMs) {
        const double binEnd = double(m_sim->metrics().binCount() + 1) * m_binWidth;
        m_sim->runUntil(std::min({binEnd, target, end}), kEventsPerCheck);
    }
    if (cancelled())
        return;
    if (m_sinceFlush.elapsed() >= kFlushIntervalMs)
        flush();
    if (m_sim->finished()) {
        m_running = false;
        m_wallSeconds += m_runWall.elapsed() / 1000.0;
        finish();
        return;
    }
    scheduleTick();
}

void SimWorker::onBinClosed(const core::Simulation &sim, std::size_t bin)
{
    const core::MetricStore &store = sim.metrics();
    MetricFrame frame;
    frame.bin = qint64(bin);
    frame.simSeconds = std::min(double(bin + 1) * m_binWidth, sim.durationSeconds());
    frame.values.resize(qsizetype(store.seriesCount()));
    store.copyRow(bin, frame.values.data());
    frame.ledger = LedgerSnapshot::from(sim.ledger());
    m_pending.append(std::move(frame));
}

void SimWorker::flush()
{
    m_sinceFlush.restart();
    if (!m_sim)
        return;
    if (!m_pending.isEmpty()) {
        Q_EMIT framesReady(m_pending);
        m_pending.clear();
    }
    Q_EMIT progress(m_sim->now(), m_sim->durationSeconds());
}

void SimWorker::finish()
{
    m_done = true;
    flush();
    RunSummary summary = summarizeRun(m_build, *m_sim);
    summary.wallSeconds = m_wallSeconds;
    Q_EMIT finished(summary);
}

} // namespace swb
