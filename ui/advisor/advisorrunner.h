#pragma once
// Runs the advisor off the GUI thread: the design's run, then each fix's verification run
// (sim/advisor.h), posting progress and the result back. A new start or stop() abandons the
// previous work; its late results are ignored.

#include "sim/advisor.h"

#include "model/pricing.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <memory>

class QThread;

namespace swb {

class AdvisorRunner : public QObject
{
    Q_OBJECT

public:
    explicit AdvisorRunner(QObject *parent = nullptr);
    ~AdvisorRunner() override;

    // Starts on a copy of `design`; the catalogue is kept alive for the run.
    void start(const Design &design, std::shared_ptr<const PricingCatalogue> pricing);
    void stop();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progressed(const QString &what);
    void finished(const swb::Advice &advice);
    void failed(const QString &error);

private:
    quint64 m_generation = 0;
    bool m_running = false;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QList<QPointer<QThread>> m_threads;
};

} // namespace swb
