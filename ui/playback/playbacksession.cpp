#include "ui/playback/playbacksession.h"

#include "model/document.h"
#include "sim/runestimate.h"
#include "ui/playback/framestore.h"
#include "ui/playback/liveoverlay.h"

#include <QFileInfo>

namespace swb {

const QList<double> &PlaybackSession::speeds()
{
    static const QList<double> list{0.1, 1, 10, 100, 1000, SimController::kAsFastAsPossible};
    return list;
}

PlaybackSession::PlaybackSession(Document *document, DiagramScene *scene, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_controller(new SimController(this))
    , m_store(new FrameStore(this))
    , m_overlay(new LiveOverlay(scene, m_store, this))
{
    m_store->connectTo(m_controller);
    connect(m_controller, &SimController::stateChanged, this, [this](SimController::State s) {
        m_overlay->setAnimating(s == SimController::State::Running);
        Q_EMIT stateChanged(s);
    });
    connect(m_controller, &SimController::failed, this, &PlaybackSession::message);
    // What-if: any edit after a run makes its figures describe another design.
    connect(document, &Document::componentAdded, this, &PlaybackSession::markStale);
    connect(document, &Document::componentRemoved, this, &PlaybackSession::markStale);
    connect(document, &Document::componentChanged, this, &PlaybackSession::markStale);
    connect(document, &Document::connectionAdded, this, &PlaybackSession::markStale);
    connect(document, &Document::connectionRemoved, this, &PlaybackSession::markStale);
    connect(document, &Document::connectionChanged, this, &PlaybackSession::markStale);
    connect(document, &Document::faultsChanged, this, &PlaybackSession::markStale);
    connect(document, &Document::projectChanged, this, &PlaybackSession::markStale);
    // A different design: neither the old run nor its ghost means anything on this canvas.
    connect(document, &Document::designReset, this, [this] {
        reset();
        m_store->clearGhost();
    });
}

PlaybackSession::~PlaybackSession() = default;

void PlaybackSession::markStale()
{
    if (!m_store->isEmpty())
        m_store->setStale(true);
}

bool PlaybackSession::loadDesign()
{
    // A run projected to need more events or memory than the limits starts only if the user
    // says so (the estimate is in the question).
    const RunEstimate estimate = estimateRun(m_document->design());
    if (estimate.exceedsLimits() && m_consent
        && !m_consent(estimate.refusal(tr("start it anyway.")))) {
        Q_EMIT message(tr("Run not started: projected to need %1").arg(estimate.text()));
        return false;
    }
    BuildOptions options;
    if (!m_document->filePath().isEmpty())
        options.baseDirectory = QFileInfo(m_document->filePath()).absolutePath();
    if (!m_controller->load(m_document->design(), options)) {
        Q_EMIT message(tr("Cannot simulate: %1").arg(m_controller->build().errorText()));
        return false;
    }
    return true;
}

void PlaybackSession::togglePlay()
{
    if (isPlaying())
        pause();
    else
        play();
}

void PlaybackSession::play()
{
    switch (m_controller->state()) {
    case SimController::State::Running:
        return;
    case SimController::State::Paused:
        m_controller->play();
        return;
    case SimController::State::Idle:
    case SimController::State::Finished:
        // A finished or stale run is replaced; the replaced run becomes the ghost.
        if (loadDesign())
            m_controller->play();
        return;
    }
}

void PlaybackSession::pause()
{
    m_controller->pause();
}

void PlaybackSession::step()
{
    switch (m_controller->state()) {
    case SimController::State::Finished:
        return;
    case SimController::State::Idle:
        if (!loadDesign())
            return;
        break;
    case SimController::State::Running:
    case SimController::State::Paused:
        break;
    }
    // Stepping shows the newest bin.
    m_store->setLive(true);
    m_controller->step();
}

void PlaybackSession::reset()
{
    m_controller->cancel();
    m_store->clear();
}

void PlaybackSession::rerun()
{
    if (loadDesign())
        m_controller->play();
}

void PlaybackSession::setSpeed(double multiplier)
{
    m_controller->setSpeed(multiplier);
}

} // namespace swb
