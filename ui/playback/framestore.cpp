#include "ui/playback/framestore.h"

#include "sim/simcontroller.h"
#include "ui/playback/refreshpacer.h"

#include <limits>

namespace swb {

FrameStore::FrameStore(QObject *parent)
    : QObject(parent)
    , m_pacer(new RefreshPacer(this))
{}

FrameStore::~FrameStore() = default;

void FrameStore::connectTo(SimController *controller)
{
    connect(controller, &SimController::started, this, &FrameStore::beginRun);
    connect(controller, &SimController::framesReady, this, &FrameStore::appendFrames);
    connect(controller, &SimController::finished, this, &FrameStore::finishRun);
}

double FrameStore::value(qint64 bin, int series) const
{
    if (bin < 0 || bin >= m_frames.size())
        return std::numeric_limits<double>::quiet_NaN();
    const QList<double> &values = m_frames.at(bin).values;
    if (series < 0 || series >= values.size())
        return std::numeric_limits<double>::quiet_NaN();
    return values.at(series);
}

QList<double> FrameStore::seriesValues(int series) const
{
    QList<double> out;
    if (series < 0 || series >= m_catalog.series.size())
        return out;
    out.reserve(m_frames.size());
    for (const MetricFrame &f : m_frames)
        out.append(series < f.values.size() ? f.values.at(series)
                                            : std::numeric_limits<double>::quiet_NaN());
    return out;
}

double FrameStore::simSecondsAt(qint64 bin) const
{
    if (bin < 0 || bin >= m_frames.size())
        return 0;
    return m_frames.at(bin).simSeconds;
}

qint64 FrameStore::position() const
{
    if (m_frames.isEmpty())
        return -1;
    return m_live ? m_frames.size() - 1 : m_position;
}

void FrameStore::setPosition(qint64 bin)
{
    if (m_frames.isEmpty())
        return;
    const qint64 last = m_frames.size() - 1;
    bin = qBound<qint64>(0, bin, last);
    const qint64 before = position();
    const bool wasLive = m_live;
    // Reaching the newest frame means "follow the run again" (dragging the slider
    // to the end returns to live).
    m_live = bin == last;
    m_position = bin;
    if (wasLive != m_live)
        Q_EMIT liveChanged(m_live);
    if (before != position()) {
        m_pacer->markDirty();
        Q_EMIT positionChanged(position());
    }
}

void FrameStore::setLive(bool live)
{
    if (live == m_live)
        return;
    const qint64 before = position();
    m_live = live;
    if (!live)
        m_position = qMax<qint64>(0, before);
    Q_EMIT liveChanged(m_live);
    m_pacer->markDirty();
    if (before != position())
        Q_EMIT positionChanged(position());
}

void FrameStore::setStale(bool stale)
{
    if (stale == m_stale)
        return;
    m_stale = stale;
    Q_EMIT staleChanged(stale);
}

void FrameStore::clear()
{
    const bool had = !m_frames.isEmpty() || !m_catalog.series.isEmpty();
    m_frames.clear();
    m_catalog = {};
    m_summary = {};
    m_finished = false;
    m_position = -1;
    const bool wasLive = m_live;
    m_live = true;
    setStale(false);
    if (!wasLive)
        Q_EMIT liveChanged(true);
    m_pacer->markDirty();
    if (had) {
        Q_EMIT positionChanged(-1);
        Q_EMIT cleared();
    }
}

void FrameStore::clearGhost()
{
    if (!m_ghost)
        return;
    m_ghost.reset();
    m_pacer->markDirty();
    Q_EMIT ghostChanged();
}

void FrameStore::beginRun(const SeriesCatalog &catalog)
{
    // The run being replaced becomes the ghost so the charts can compare.
    if (!m_frames.isEmpty()) {
        auto ghost = std::make_unique<FrameStore>();
        ghost->m_catalog = m_catalog;
        ghost->m_frames = m_frames;
        ghost->m_summary = m_summary;
        ghost->m_finished = m_finished;
        m_ghost = std::move(ghost);
        Q_EMIT ghostChanged();
    }
    m_catalog = catalog;
    m_frames.clear();
    m_frames.reserve(catalog.binCount > 0 ? qMin<qint64>(catalog.binCount, 1 << 20) : 0);
    m_summary = {};
    m_finished = false;
    m_position = -1;
    const bool wasLive = m_live;
    m_live = true;
    setStale(false);
    if (!wasLive)
        Q_EMIT liveChanged(true);
    m_pacer->markDirty();
    Q_EMIT runStarted(m_catalog);
    Q_EMIT positionChanged(-1);
}

void FrameStore::appendFrames(const MetricFrames &frames)
{
    if (frames.isEmpty())
        return;
    const qint64 first = m_frames.size();
    m_frames.append(frames);
    m_pacer->markDirty();
    Q_EMIT framesAppended(first, frames.size());
    if (m_live || m_position < 0) {
        m_live = true;
        Q_EMIT positionChanged(position());
    }
}

void FrameStore::finishRun(const RunSummary &summary)
{
    m_summary = summary;
    m_finished = true;
    m_pacer->markDirty();
    Q_EMIT runFinished(summary);
}

} // namespace swb
