#pragma once
// Keeps every MetricFrame of the current run for the playback GUI: the live canvas, the
// playback bar and the charts read the frame at the playback position from here. Frames arrive in
// batches from SimController::framesReady (bin order, never repeated, DESIGN.md "Data flow" 2), so
// appending is one QList::append per batch and the GUI thread never waits on the worker.
// The playback position is a bin index; "live" means it follows the newest frame. After a re-run
// the previous run's frames and catalog stay available as the ghost run (what-if comparison).
// Views do not redraw per batch: they follow pacer()->refreshDue() (ui/playback/refreshpacer.h),
// which the store marks dirty on every batch and position change.

#include "sim/metricframe.h"
#include "sim/runsummary.h"
#include "sim/seriescatalog.h"

#include <QObject>

#include <memory>

namespace swb {

class RefreshPacer;
class SimController;

class FrameStore : public QObject
{
    Q_OBJECT

public:
    explicit FrameStore(QObject *parent = nullptr);
    ~FrameStore() override;

    // Coalesces redraws of every view of this store (a child of the store).
    RefreshPacer *pacer() const { return m_pacer; }

    // Follows a controller: started -> beginRun, framesReady -> appendFrames, finished ->
    // finishRun.
    void connectTo(SimController *controller);

    const SeriesCatalog &catalog() const { return m_catalog; }
    qint64 frameCount() const { return m_frames.size(); }
    bool isEmpty() const { return m_frames.isEmpty(); }
    const MetricFrames &frames() const { return m_frames; }
    // bin must be in [0, frameCount()).
    const MetricFrame &frame(qint64 bin) const { return m_frames.at(bin); }
    // NaN when the bin or the series is out of range.
    double value(qint64 bin, int series) const;
    // One value per frame held so far, for series `series` (empty when out of range).
    QList<double> seriesValues(int series) const;
    // Simulated seconds at the end of bin (0 when out of range).
    double simSecondsAt(qint64 bin) const;

    // Playback position: a bin index in [0, frameCount()), -1 when there are no frames.
    qint64 position() const;
    // Clamps; moving to the newest frame returns to live, any earlier bin leaves live.
    void setPosition(qint64 bin);
    bool isLive() const { return m_live; }
    void setLive(bool live);

    bool isFinished() const { return m_finished; }
    const RunSummary &summary() const { return m_summary; }

    // Results no longer match the document (what-if edit while a run is loaded).
    bool isStale() const { return m_stale; }
    void setStale(bool stale);

    // The previous run (null before the first re-run). Its position is not used.
    const FrameStore *ghost() const { return m_ghost.get(); }
    // Forgets the previous run (another design was loaded, or the user removed it).
    void clearGhost();

    // Drops the current run (and keeps the ghost).
    void clear();

    // Data entry points (used by connectTo; public for tests and replay).
    // beginRun moves a non-empty current run into the ghost.
    void beginRun(const SeriesCatalog &catalog);
    void appendFrames(const MetricFrames &frames);
    void finishRun(const RunSummary &summary);

Q_SIGNALS:
    void runStarted(const swb::SeriesCatalog &catalog);
    void framesAppended(qint64 firstNewBin, qint64 count);
    void positionChanged(qint64 bin);
    void liveChanged(bool live);
    void staleChanged(bool stale);
    void runFinished(const swb::RunSummary &summary);
    void cleared();
    void ghostChanged();

private:
    SeriesCatalog m_catalog;
    MetricFrames m_frames;
    RunSummary m_summary;
    qint64 m_position = -1;
    bool m_live = true;
    bool m_finished = false;
    bool m_stale = false;
    std::unique_ptr<FrameStore> m_ghost;
    RefreshPacer *m_pacer;
};

} // namespace swb
