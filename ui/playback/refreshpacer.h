#pragma once
// Paces the playback views (canvas overlay, charts, cost panel, playback bar) so a run at any
// speed never floods the GUI thread (DESIGN.md "Performance targets": no stall over 50 ms, Pause
// within 100 ms). The FrameStore marks the pacer dirty on every batch and position change; at most
// once per interval it emits refreshDue() and every view draws the newest state then. When the
// simulation outruns the GUI, intermediate frames are skipped, never queued: a view always shows
// the frame at the playback position when it refreshes. The interval adapts to what the last
// refresh cost, so refreshing takes at most about a quarter of the GUI thread's time and input
// (Pause, menus, scrubbing) is handled between refreshes.

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace swb {

class RefreshPacer : public QObject
{
    Q_OBJECT

public:
    static constexpr int kMinIntervalMs = 40;  // at most 25 refreshes per second
    static constexpr int kMaxIntervalMs = 500; // even a slow machine shows 2 per second
    static constexpr int kCostFactor = 4;      // interval >= 4 x the last refresh's cost

    explicit RefreshPacer(QObject *parent = nullptr);

    // Something changed: a refresh follows within one interval (one, however many calls).
    void markDirty();
    bool isDirty() const { return m_dirty; }
    // Refreshes now if anything changed since the last refresh (tests, the end of a run).
    void flush();

    qint64 refreshCount() const { return m_count; }
    double lastCostMs() const { return m_lastCostMs; }
    int intervalMs() const { return m_interval; }

Q_SIGNALS:
    // Every view connected redraws the state at the store's playback position.
    void refreshDue();

private:
    void refresh();

    QTimer m_timer;
    QElapsedTimer m_sinceLast;
    bool m_dirty = false;
    qint64 m_count = 0;
    double m_lastCostMs = 0;
    int m_interval = kMinIntervalMs;
};

} // namespace swb
