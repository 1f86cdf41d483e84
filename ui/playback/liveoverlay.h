#pragma once
// Maps the frame at the playback position onto the canvas: per block a BlockOverlay (badges,
// trouble severity, tool-tip figures), per wire a flow intensity and health, and moving tokens
// along the wires. Updates follow the store's RefreshPacer (the frame at the position when it says
// so, never every batch) and the token animation is ONE 25 fps timer for the whole scene that stops
// when nothing flows or playback is not running, so a 200-block design costs one repaint pass per
// tick, not one item per message.

#include "model/design.h"
#include "sim/metricframe.h"
#include "sim/seriescatalog.h"
#include "ui/canvas/blockoverlay.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

namespace swb {

class DiagramScene;
class FrameStore;

// What the canvas shows for one frame; pure function of (design, catalog, frame, previous frame).
struct LiveState {
    QHash<ComponentId, BlockOverlay> blocks;
    struct Flow {
        double perSecond = 0; // units per simulated second over the wire
        double intensity = 0; // perSecond / busiest wire's perSecond, 0..1
        int health = 0;       // 0 ok, 1 retrying (amber), 2 throttled/failing (red)
    };
    QHash<ConnectionId, Flow> wires;
};

LiveState computeLiveState(const Design &design, const SeriesCatalog &catalog,
                           const MetricFrame &frame, const MetricFrame *previous);

class LiveOverlay : public QObject
{
    Q_OBJECT

public:
    LiveOverlay(DiagramScene *scene, FrameStore *store, QObject *parent = nullptr);

    // Tokens move only while the simulation plays (a paused run shows still flows).
    void setAnimating(bool animating);
    bool isAnimating() const { return m_animating; }
    bool isTicking() const { return m_tick.isActive(); }

    // Applies the frame at the store's position now (tests; normally paced).
    void refreshNow();
    const LiveState &state() const { return m_state; }

private:
    void refreshIfMoved();
    void onTick();
    void updateTicking();

    DiagramScene *m_scene;
    FrameStore *m_store;
    LiveState m_state;
    QTimer m_tick;
    qint64 m_shown = -2, m_shownFrames = -1;
    QElapsedTimer m_clock;
    qreal m_phase = 0;
    bool m_animating = false;
};

} // namespace swb
