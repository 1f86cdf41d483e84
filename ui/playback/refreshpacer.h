#pragma once
// Paces the playback views (canvas overlay, charts, cost panel, playback bar) so a run at any
// speed never floods the GUI thread (DESIGN.md "Performance targets": no stall over 50 ms, Pause
// within 100 ms). The FrameStore marks the pacer dirty on every batch and position change; at most
// once per interval a refresh starts and every view draws the newest state then. When the
// simulation outruns the GUI, intermediate frames are skipped, never queued: a view always shows
// the frame at the playback position when it refreshes.
// A refresh is spread over event-loop turns: each view added with addView() redraws in a turn of
// its own (a stepped view in several), in the order added, so input (Pause, menus, scrubbing) waits
// for one view's redraw at most, never for all of them (on a 20-block design the views together
// cost 15-28 ms of CPU, more than half the 50 ms when the CPU is shared). The interval adapts to
// what the last refresh cost in total, so refreshing takes at most about a quarter of the GUI
// thread's time.

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace swb {

class RefreshPacer : public QObject
{
    Q_OBJECT

public:
    static constexpr int kMinIntervalMs = 40;  // at most 25 refreshes per second
    static constexpr int kMaxIntervalMs = 500; // even a slow machine shows 2 per second
    static constexpr int kCostFactor = 4;      // interval >= 4 x the last refresh's cost

    explicit RefreshPacer(QObject *parent = nullptr);

    // `redraw` draws `view` from the store; called once per refresh, in a turn of its own (never
    // after `view` is destroyed). Adding a view again replaces its function.
    void addView(QObject *view, std::function<void()> redraw);
    // A view whose redraw comes in steps: `step` returns false while it has more to draw, and is
    // called again in the next turn before the next view (at most kMaxSteps times per refresh).
    // A turn then holds one step of one view, never a step and another view's redraw.
    void addSteppedView(QObject *view, std::function<bool()> step);
    static constexpr int kMaxSteps = 32;
    void removeView(QObject *view);

    // Something changed: a refresh follows within one interval (one, however many calls).
    void markDirty();
    bool isDirty() const { return m_dirty; }
    // Refreshes every view now, in this turn, if anything changed since the last refresh or a
    // refresh is under way (tests, the end of a run).
    void flush();
    // A refresh has started and some views still wait for their turn.
    bool isRefreshing() const { return m_next >= 0; }

    qint64 refreshCount() const { return m_count; }
    // The longest redraw of each view so far (ms of the GUI thread), for benchmarks naming what a
    // long turn was; reset with resetViewCosts().
    QList<QPair<QObject *, double>> longestViewCosts() const;
    void resetViewCosts();
    double lastCostMs() const { return m_lastCostMs; }
    int intervalMs() const { return m_interval; }

Q_SIGNALS:
    // A refresh starts (connected slots run in this turn, before the views added with addView).
    void refreshDue();

private:
    struct View {
        QPointer<QObject> object;
        std::function<bool()> step;
        double longestMs = 0;
    };
    void start();
    void runNext(quint64 generation);
    void redrawOne();
    void finish();

    QTimer m_timer;
    QElapsedTimer m_sinceLast;
    QList<View> m_views;
    qsizetype m_next = -1;    // the next view to redraw in the refresh under way; -1: none
    int m_steps = 0;          // steps the view m_next has taken in this refresh
    quint64 m_generation = 0; // turns queued for an earlier refresh are ignored
    double m_costMs = 0;      // CPU of the refresh under way so far
    bool m_dirty = false;
    qint64 m_count = 0;
    double m_lastCostMs = 0;
    int m_interval = kMinIntervalMs;
};

} // namespace swb
