#pragma once
// Glue between the document, the simulation controller, the frame store and the live canvas
//. Owned by the main window; the playback bar and the Simulation menu call it.
// Play/Step load the current design when no run is loaded; editing the document while a run is
// loaded marks the results stale, and Re-run starts a new run keeping the old one as the ghost.

#include "sim/simcontroller.h"

#include <QObject>

#include <functional>

namespace swb {

class DiagramScene;
class Document;
class FrameStore;
class LiveOverlay;

class PlaybackSession : public QObject
{
    Q_OBJECT

public:
    // The speeds the bar offers; kAsFastAsPossible (0) = "max".
    static const QList<double> &speeds();

    PlaybackSession(Document *document, DiagramScene *scene, QObject *parent = nullptr);
    ~PlaybackSession() override;

    SimController *controller() const { return m_controller; }
    FrameStore *frameStore() const { return m_store; }
    LiveOverlay *liveOverlay() const { return m_overlay; }
    Document *document() const { return m_document; }

    bool isPlaying() const { return m_controller->state() == SimController::State::Running; }

    void togglePlay();
    void play();
    void pause();
    void step();  // one metric bin
    void reset(); // cancel the run and clear its frames
    void rerun(); // new run from the current design; the current run becomes the ghost
    void setSpeed(double multiplier);

    // Asked before a run projected above the size limits starts (sim/runestimate.h) with the
    // question to put; false keeps the run from starting. Unset: such a run starts.
    void setLargeRunConsent(std::function<bool(const QString &question)> consent)
    {
        m_consent = std::move(consent);
    }

Q_SIGNALS:
    void stateChanged(swb::SimController::State state);
    // A run could not start (the design has Error findings); text names the problems.
    void message(const QString &text);

private:
    bool loadDesign();
    void markStale();

    Document *m_document;
    SimController *m_controller;
    FrameStore *m_store;
    LiveOverlay *m_overlay;
    std::function<bool(const QString &)> m_consent;
};

} // namespace swb
