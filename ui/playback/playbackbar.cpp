#include "ui/playback/playbackbar.h"

#include "model/document.h"
#include "ui/playback/framestore.h"
#include "ui/playback/playbacksession.h"
#include "ui/playback/refreshpacer.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>

#include <algorithm>
#include <cmath>
#include <limits>

namespace swb {

namespace {

QToolButton *makeButton(QWidget *parent, const QString &name, const QString &text,
                        const QString &tip)
{
    auto *b = new QToolButton(parent);
    b->setObjectName(name);
    b->setText(text);
    b->setToolTip(tip);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return b;
}

} // namespace

QString PlaybackBar::formatClock(double seconds)
{
    const qint64 s = std::isfinite(seconds) ? qMax<qint64>(0, qint64(std::floor(seconds))) : 0;
    return QStringLiteral("%1:%2:%3")
        .arg(s / 3600, 2, 10, QLatin1Char('0'))
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

PlaybackBar::PlaybackBar(PlaybackSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_play(makeButton(this, QStringLiteral("playButton"), tr("Play"), tr("Play / pause (Space)")))
    , m_step(
          makeButton(this, QStringLiteral("stepButton"), tr("Step"), tr("Advance one metric bin")))
    , m_reset(makeButton(this, QStringLiteral("resetButton"), tr("Reset"),
                         tr("Stop the run and clear its results")))
    , m_rerun(makeButton(this, QStringLiteral("rerunButton"), tr("Re-run"),
                         tr("Run the edited design again; the previous run stays as the ghost")))
    , m_speed(new QComboBox(this))
    , m_duration(new QDoubleSpinBox(this))
    , m_seed(new QSpinBox(this))
    , m_timeline(new QSlider(Qt::Horizontal, this))
    , m_clock(new QLabel(this))
    , m_stale(new QLabel(this))
    , m_speedNote(new QLabel(this))
{
    setObjectName(QStringLiteral("playbackBar"));
    m_speed->setObjectName(QStringLiteral("speedBox"));
    for (double s : PlaybackSession::speeds())
        m_speed->addItem(s > 0 ? QStringLiteral("%1x").arg(s) : tr("max"), s);
    m_speed->setCurrentIndex(1); // 1x, SimController's default
    m_speed->setToolTip(tr("Simulated seconds per wall-clock second"));

    m_duration->setObjectName(QStringLiteral("durationBox"));
    m_duration->setRange(1, 604800); // the catalogue's "duration" bounds
    m_duration->setDecimals(0);
    m_duration->setSuffix(tr(" s"));
    m_duration->setKeyboardTracking(false);
    m_duration->setToolTip(tr("Simulated duration of a run (project setting)"));
    m_seed->setObjectName(QStringLiteral("seedBox"));
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setKeyboardTracking(false);
    m_seed->setToolTip(tr("Random seed: same design + same seed = identical results"));

    m_timeline->setObjectName(QStringLiteral("timeline"));
    m_timeline->setRange(0, 0);
    m_timeline->setEnabled(false);
    m_timeline->setToolTip(tr("Drag back to replay what was simulated; to the end to follow live"));
    m_clock->setObjectName(QStringLiteral("clockLabel"));
    m_clock->setMinimumWidth(
        m_clock->fontMetrics().horizontalAdvance(QStringLiteral("000:00:00 / 000:00:00  live ")));
    m_stale->setObjectName(QStringLiteral("staleLabel"));
    m_stale->setText(tr("results are stale \u2014 Re-run"));
    m_stale->setStyleSheet(QStringLiteral("color: #b35900; font-weight: bold;"));
    m_stale->hide();
    m_rerun->hide();
    m_speedNote->setObjectName(QStringLiteral("speedNote"));
    m_speedNote->setToolTip(tr("Simulated seconds per wall-clock second actually achieved"));
    m_speedNote->hide();
    m_wall.start();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->addWidget(m_play);
    layout->addWidget(m_step);
    layout->addWidget(m_reset);
    layout->addWidget(m_speed);
    layout->addWidget(m_speedNote);
    layout->addWidget(m_timeline, 1);
    layout->addWidget(m_clock);
    layout->addWidget(m_stale);
    layout->addWidget(m_rerun);
    layout->addWidget(new QLabel(tr("Duration"), this));
    layout->addWidget(m_duration);
    layout->addWidget(new QLabel(tr("Seed"), this));
    layout->addWidget(m_seed);

    connect(m_play, &QToolButton::clicked, session, &PlaybackSession::togglePlay);
    connect(m_step, &QToolButton::clicked, session, &PlaybackSession::step);
    connect(m_reset, &QToolButton::clicked, session, &PlaybackSession::reset);
    connect(m_rerun, &QToolButton::clicked, session, &PlaybackSession::rerun);
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this] {
        m_session->setSpeed(m_speed->currentData().toDouble());
        m_progress.clear();
        syncSpeedNote();
    });
    connect(m_duration, &QDoubleSpinBox::valueChanged, this, &PlaybackBar::commitDuration);
    connect(m_seed, &QSpinBox::valueChanged, this, &PlaybackBar::commitSeed);
    connect(m_timeline, &QSlider::valueChanged, this, &PlaybackBar::onSliderMoved);

    FrameStore *store = session->frameStore();
    // The slider and the clock follow the pacer, not every batch (refreshpacer.h).
    store->pacer()->addView(this, [this] { syncTimeline(); });
    connect(store, &FrameStore::runStarted, this, &PlaybackBar::syncTimeline);
    connect(store, &FrameStore::runFinished, this, &PlaybackBar::syncTimeline);
    connect(store, &FrameStore::cleared, this, &PlaybackBar::syncTimeline);
    connect(store, &FrameStore::liveChanged, this, &PlaybackBar::syncClock);
    connect(store, &FrameStore::staleChanged, this, [this](bool stale) {
        m_stale->setVisible(stale);
        m_rerun->setVisible(stale);
    });
    connect(session, &PlaybackSession::stateChanged, this, &PlaybackBar::syncState);
    connect(session->controller(), &SimController::progress, this, &PlaybackBar::onProgress);
    connect(session->document(), &Document::projectChanged, this, &PlaybackBar::syncFromProject);
    connect(session->document(), &Document::designReset, this, &PlaybackBar::syncFromProject);
    syncFromProject();
    syncState();
    syncTimeline();
}

void PlaybackBar::syncFromProject()
{
    const QVariantMap &settings = m_session->document()->design().settings;
    m_syncing = true;
    m_duration->setValue(settings.value(QStringLiteral("duration"), 3600).toDouble());
    m_seed->setValue(int(qMin<qint64>(settings.value(QStringLiteral("seed"), 1).toLongLong(),
                                      std::numeric_limits<int>::max())));
    m_syncing = false;
    syncClock();
}

void PlaybackBar::commitDuration()
{
    if (m_syncing)
        return;
    // Through the document, so the change is one undo step and marks results stale.
    m_session->document()->setProjectParam(QStringLiteral("duration"), m_duration->value());
}

void PlaybackBar::commitSeed()
{
    if (m_syncing)
        return;
    m_session->document()->setProjectParam(QStringLiteral("seed"), qint64(m_seed->value()));
}

void PlaybackBar::setSpeed(double multiplier)
{
    if (multiplier > 0)
        multiplier = std::clamp(multiplier, SimController::kMinSpeed, SimController::kMaxSpeed);
    else
        multiplier = SimController::kAsFastAsPossible;
    int index = m_speed->findData(multiplier);
    if (index < 0) {
        // Kept in order among the offered speeds (max last).
        index = 0;
        while (index < m_speed->count() - 1 && m_speed->itemData(index).toDouble() < multiplier)
            ++index;
        m_speed->insertItem(index, QStringLiteral("%1x").arg(multiplier), multiplier);
    }
    m_speed->setCurrentIndex(index);
    m_session->setSpeed(multiplier); // also when the index did not change
}

void PlaybackBar::onProgress(double simSeconds)
{
    if (!m_session->isPlaying()) {
        m_progress.clear();
        return;
    }
    const double wall = m_wall.elapsed() / 1000.0;
    m_progress.append(QPointF(wall, simSeconds));
    while (m_progress.size() > 2 && m_progress.at(1).x() < wall - 2.0)
        m_progress.removeFirst();
    syncSpeedNote();
}

double PlaybackBar::measuredSpeed() const
{
    if (m_progress.size() < 2)
        return 0;
    const QPointF &a = m_progress.first();
    const QPointF &b = m_progress.last();
    return b.x() - a.x() >= 0.5 ? (b.y() - a.y()) / (b.x() - a.x()) : 0;
}

QString PlaybackBar::speedNoteText(double requested, double actual, bool *behind)
{
    *behind = false;
    if (!(actual > 0))
        return QString();
    const QString x =
        actual >= 10 ? QString::number(qRound64(actual)) : QString::number(actual, 'f', 1);
    if (requested <= 0)
        return tr("\u2248 %1x").arg(x); // what "max" reaches
    // 15% of slack: pacing runs in 15 ms ticks and bins close in steps.
    if (actual < 0.85 * requested) {
        *behind = true;
        return tr("actual %1x: the machine cannot keep up").arg(x);
    }
    return QString();
}

void PlaybackBar::syncSpeedNote()
{
    const double requested = m_speed->currentData().toDouble();
    bool behind = false;
    const QString text =
        m_session->isPlaying() ? speedNoteText(requested, measuredSpeed(), &behind) : QString();
    m_speedNote->setStyleSheet(behind ? QStringLiteral("color: #b35900; font-weight: bold;")
                                      : QString());
    if (m_speedNote->text() != text)
        m_speedNote->setText(text);
    m_speedNote->setVisible(!text.isEmpty());
}

void PlaybackBar::syncState()
{
    const SimController::State s = m_session->controller()->state();
    if (s != SimController::State::Running)
        m_progress.clear();
    syncSpeedNote();
    m_play->setText(s == SimController::State::Running ? tr("Pause") : tr("Play"));
    m_step->setEnabled(s != SimController::State::Finished && s != SimController::State::Running);
}

void PlaybackBar::syncTimeline()
{
    const FrameStore *store = m_session->frameStore();
    m_syncing = true;
    m_timeline->setEnabled(store->frameCount() > 0);
    m_timeline->setRange(0, int(qMax<qint64>(0, store->frameCount() - 1)));
    // While the user drags the handle, the handle stays under the mouse.
    if (!m_timeline->isSliderDown())
        m_timeline->setValue(int(qMax<qint64>(0, store->position())));
    m_syncing = false;
    syncClock();
}

void PlaybackBar::onSliderMoved(int value)
{
    if (m_syncing)
        return;
    m_session->frameStore()->setPosition(value);
}

void PlaybackBar::syncClock()
{
    const FrameStore *store = m_session->frameStore();
    const double duration = store->catalog().durationSeconds > 0
                                ? store->catalog().durationSeconds
                                : m_session->document()
                                      ->design()
                                      .settings.value(QStringLiteral("duration"), 3600)
                                      .toDouble();
    const double now = store->position() >= 0 ? store->simSecondsAt(store->position()) : 0;
    QString text = QStringLiteral("%1 / %2").arg(formatClock(now), formatClock(duration));
    if (store->frameCount() > 0)
        text += store->isLive() ? tr("  live") : tr("  replay");
    m_clock->setText(text);
}

} // namespace swb
