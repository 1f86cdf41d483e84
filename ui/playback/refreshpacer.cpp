#include "ui/playback/refreshpacer.h"

#include <algorithm>

namespace swb {

RefreshPacer::RefreshPacer(QObject *parent)
    : QObject(parent)
    , m_timer(this)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RefreshPacer::start);
}

void RefreshPacer::addView(QObject *view, std::function<void()> redraw)
{
    addSteppedView(view, [redraw = std::move(redraw)] {
        redraw();
        return true;
    });
}

void RefreshPacer::addSteppedView(QObject *view, std::function<bool()> step)
{
    for (View &v : m_views) {
        if (v.object == view) {
            v.step = std::move(step);
            return;
        }
    }
    m_views.append({view, std::move(step)});
}

void RefreshPacer::removeView(QObject *view)
{
    for (qsizetype i = 0; i < m_views.size(); ++i) {
        if (m_views.at(i).object == view) {
            m_views.removeAt(i);
            if (m_next > i)
                --m_next; // the refresh under way goes on with the view after it
            else if (m_next == i)
                m_steps = 0; // the view mid-steps is gone: the next one starts afresh
            return;
        }
    }
}

QList<QPair<QObject *, double>> RefreshPacer::longestViewCosts() const
{
    QList<QPair<QObject *, double>> costs;
    for (const View &v : m_views)
        costs.append({v.object.data(), v.longestMs});
    return costs;
}

void RefreshPacer::resetViewCosts()
{
    for (View &v : m_views)
        v.longestMs = 0;
}

void RefreshPacer::markDirty()
{
    m_dirty = true;
    // During a refresh the views still to come show the change; the next one follows it.
    if (m_timer.isActive() || isRefreshing())
        return;
    // The first change after a quiet spell shows at once; later ones wait out the interval.
    const qint64 since = m_sinceLast.isValid() ? m_sinceLast.elapsed() : m_interval;
    m_timer.start(int(std::max<qint64>(0, m_interval - since)));
}

void RefreshPacer::flush()
{
    if (!isRefreshing()) {
        if (!m_dirty)
            return;
        m_timer.stop();
        m_dirty = false;
        m_costMs = 0;
        m_next = 0;
        m_steps = 0;
        ++m_generation;
        QElapsedTimer cost;
        cost.start();
        Q_EMIT refreshDue();
        m_costMs += cost.nsecsElapsed() / 1e6;
    }
    ++m_generation; // the turn already queued, if any, has nothing left to do
    while (isRefreshing())
        redrawOne();
}

void RefreshPacer::start()
{
    m_timer.stop();
    m_dirty = false;
    m_costMs = 0;
    m_next = 0;
    m_steps = 0;
    const quint64 generation = ++m_generation;
    QElapsedTimer cost;
    cost.start();
    Q_EMIT refreshDue();
    m_costMs += cost.nsecsElapsed() / 1e6;
    runNext(generation);
}

void RefreshPacer::runNext(quint64 generation)
{
    if (generation != m_generation || !isRefreshing())
        return;
    redrawOne();
    if (isRefreshing()) {
        // The next view in the next turn: events that arrived meanwhile (a click, a key, a
        // timer) are handled first, since Qt delivers an event posted during a delivery only
        // after the ones already waiting.
        QMetaObject::invokeMethod(
            this, [this, generation] { runNext(generation); }, Qt::QueuedConnection);
    }
}

void RefreshPacer::redrawOne()
{
    while (m_next < m_views.size() && !m_views.at(m_next).object)
        m_views.removeAt(m_next); // destroyed
    if (m_next >= m_views.size()) {
        finish();
        return;
    }
    const std::function<bool()> step = m_views.at(m_next).step;
    const QPointer<QObject> object = m_views.at(m_next).object;
    QElapsedTimer cost;
    cost.start();
    const bool done = step() || ++m_steps >= kMaxSteps;
    const double ms = cost.nsecsElapsed() / 1e6;
    // Advance past the view unless the step removed it (removeView moved m_next on already).
    if (done && m_next >= 0 && m_next < m_views.size() && m_views.at(m_next).object == object) {
        m_steps = 0;
        ++m_next;
    }
    m_costMs += ms;
    // The list may have changed during the redraw (a view removed): find the view again.
    for (View &v : m_views) {
        if (v.object == object)
            v.longestMs = std::max(v.longestMs, ms);
    }
    if (m_next >= m_views.size())
        finish();
}

void RefreshPacer::finish()
{
    m_next = -1;
    m_lastCostMs = m_costMs;
    ++m_count;
    m_interval = std::clamp(int(m_lastCostMs * kCostFactor), kMinIntervalMs, kMaxIntervalMs);
    m_sinceLast.start();
    // Something changed while the views redrew: keep the promise.
    if (m_dirty)
        m_timer.start(m_interval);
}

} // namespace swb
