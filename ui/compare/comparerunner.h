#pragma once
// Runs a comparison (sim/comparison.h) on a worker thread so the compare window never blocks:
// progress and the finished rows come back to the GUI thread as signals. Cancel abandons the run
// within 1 % of one design's simulated time; a cancelled run's late signals are dropped (each run
// has a generation number). The destructor cancels and waits for the thread, so closing the
// window or the application never leaves a thread behind.

#include "sim/comparison.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <atomic>
#include <memory>

class QThread;

namespace swb {

class CompareRunner : public QObject
{
    Q_OBJECT

public:
    explicit CompareRunner(QObject *parent = nullptr);
    ~CompareRunner() override;

    // False (and nothing started) while a run is under way. The designs are priced with
    // `pricing` (it replaces options.pricing), kept alive until the worker ends, so choosing
    // another catalogue meanwhile cannot pull it from under the run.
    bool start(const QList<ComparisonInput> &designs, const ComparisonOptions &options,
               std::shared_ptr<const PricingCatalogue> pricing);
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    // done: designs finished so far, fractional (see ComparisonProgress).
    void progressed(double done, int total);
    void finished(const QList<swb::ComparisonRow> &rows);
    void cancelled();

private:
    bool stop(); // true when a run was under way

    quint64 m_generation = 0;
    bool m_running = false;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QList<QPointer<QThread>> m_threads; // finished threads delete themselves
};

} // namespace swb
