#include "ui/compare/comparerunner.h"

#include <QThread>

namespace swb {

CompareRunner::CompareRunner(QObject *parent)
    : QObject(parent)
{}

CompareRunner::~CompareRunner()
{
    stop(); // no signal: the receivers may be half destroyed already
    // A cancelled run stops within 1 % of one design's simulated time.
    for (const QPointer<QThread> &thread : std::as_const(m_threads)) {
        if (thread)
            thread->wait();
    }
}

bool CompareRunner::start(const QList<ComparisonInput> &designs,
                          const ComparisonOptions &runOptions,
                          std::shared_ptr<const PricingCatalogue> pricing)
{
    if (m_running)
        return false;
    ComparisonOptions options = runOptions;
    options.pricing = pricing.get();
    m_threads.removeIf([](const QPointer<QThread> &t) { return t.isNull(); });
    const quint64 generation = ++m_generation;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_cancel = cancel;
    m_running = true;
    // The worker posts to this object; the destructor waits for the thread before this object
    // goes away, and posted events of a destroyed object are discarded.
    QThread *thread = QThread::create([this, designs, options, pricing, cancel, generation] {
        int lastPermille = -1;
        const QList<ComparisonRow> rows =
            compareDesigns(designs, options, [&](double done, int total) {
                const int permille = total > 0 ? int(done / total * 1000) : 1000;
                if (permille != lastPermille) {
                    lastPermille = permille;
                    QMetaObject::invokeMethod(
                        this,
                        [this, generation, done, total] {
                            if (generation == m_generation)
                                Q_EMIT progressed(done, total);
                        },
                        Qt::QueuedConnection);
                }
                return !cancel->load();
            });
        if (cancel->load())
            return;
        QMetaObject::invokeMethod(
            this,
            [this, generation, rows] {
                if (generation != m_generation)
                    return;
                m_running = false;
                Q_EMIT finished(rows);
            },
            Qt::QueuedConnection);
    });
    thread->setObjectName(QStringLiteral("swb-compare"));
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    m_threads.append(thread);
    thread->start();
    return true;
}

bool CompareRunner::stop()
{
    if (!m_running)
        return false;
    m_cancel->store(true);
    ++m_generation; // signals still queued from the cancelled run are ignored
    m_running = false;
    return true;
}

void CompareRunner::cancel()
{
    if (stop())
        Q_EMIT cancelled();
}

} // namespace swb
