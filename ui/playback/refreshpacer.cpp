#include "ui/playback/refreshpacer.h"

#include <algorithm>

namespace swb {

RefreshPacer::RefreshPacer(QObject *parent)
    : QObject(parent)
    , m_timer(this)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RefreshPacer::refresh);
}

void RefreshPacer::markDirty()
{
    m_dirty = true;
    if (m_timer.isActive())
        return;
    // The first change after a quiet spell shows at once; later ones wait out the interval.
    const qint64 since = m_sinceLast.isValid() ? m_sinceLast.elapsed() : m_interval;
    m_timer.start(int(std::max<qint64>(0, m_interval - since)));
}

void RefreshPacer::flush()
{
    if (m_dirty)
        refresh();
}

void RefreshPacer::refresh()
{
    m_timer.stop();
    m_dirty = false;
    QElapsedTimer cost;
    cost.start();
    Q_EMIT refreshDue();
    m_lastCostMs = cost.nsecsElapsed() / 1e6;
    ++m_count;
    m_interval = std::clamp(int(m_lastCostMs * kCostFactor), kMinIntervalMs, kMaxIntervalMs);
    m_sinceLast.start();
    // A view may have marked the pacer dirty while refreshing: keep the promise.
    if (m_dirty)
        m_timer.start(m_interval);
}

} // namespace swb
