#include "ui/advisor/advisorrunner.h"

#include <QThread>

namespace swb {

AdvisorRunner::AdvisorRunner(QObject *parent)
    : QObject(parent)
{}

AdvisorRunner::~AdvisorRunner()
{
    stop();
    // A cancelled run stops within 0.01 % of its simulated time.
    for (const QPointer<QThread> &thread : std::as_const(m_threads))
        if (thread)
            thread->wait();
}

void AdvisorRunner::start(const Design &design, std::shared_ptr<const PricingCatalogue> pricing)
{
    stop();
    m_threads.removeIf([](const QPointer<QThread> &t) { return t.isNull(); });
    const quint64 generation = ++m_generation;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_cancel = cancel;
    m_running = true;
    // Posts to this object only; the destructor waits for the thread first.
    auto post = [this, generation](auto f) {
        QMetaObject::invokeMethod(
            this,
            [this, generation, f] {
                if (generation == m_generation)
                    f();
            },
            Qt::QueuedConnection);
    };
    QThread *thread = QThread::create([this, design, pricing, cancel, post] {
        AdviceOptions options;
        options.run.pricing = pricing.get();
        options.run.cancelled = [cancel] { return cancel->load(); };
        post([this] { Q_EMIT progressed(tr("Simulating the design...")); });
        const RunResults run = runToEnd(design, options.run);
        if (cancel->load())
            return;
        if (!run.ok) {
            post([this, error = run.error] {
                m_running = false;
                Q_EMIT failed(error);
            });
            return;
        }
        const Advice advice = advise(design, run, options, [&](int done, int total) {
            post([this, done, total] {
                Q_EMIT progressed(
                    tr("Verifying fix %1 of %2 by re-simulation...").arg(done + 1).arg(total));
            });
        });
        if (cancel->load())
            return;
        post([this, advice] {
            m_running = false;
            if (advice.ok)
                Q_EMIT finished(advice);
            else
                Q_EMIT failed(advice.error);
        });
    });
    thread->setObjectName(QStringLiteral("swb-advisor"));
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_threads.append(thread);
    thread->start(QThread::LowPriority);
}

void AdvisorRunner::stop()
{
    if (!m_running)
        return;
    m_cancel->store(true);
    ++m_generation;
    m_running = false;
}

} // namespace swb
