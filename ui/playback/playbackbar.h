#pragma once
// The playback bar: Play/Pause, Step, speed, simulated clock, run duration and seed
// (the project's "duration"/"seed", edited through the undo stack), Reset, Re-run with the stale
// notice, and a timeline slider over the frames already simulated. Dragging the slider back
// scrubs (leaves live); dragging it to the end follows the run again. While a run plays the bar
// measures the speed actually achieved and says so when it falls short of the one requested
// (a slow machine, a heavy design) or, at "max", what "max" is.

#include <QElapsedTimer>
#include <QList>
#include <QPointF>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSlider;
class QSpinBox;
class QToolButton;

namespace swb {

class PlaybackSession;

class PlaybackBar : public QWidget
{
    Q_OBJECT

public:
    explicit PlaybackBar(PlaybackSession *session, QWidget *parent = nullptr);

    QToolButton *playButton() const { return m_play; }
    QToolButton *stepButton() const { return m_step; }
    QToolButton *resetButton() const { return m_reset; }
    QToolButton *rerunButton() const { return m_rerun; }
    QComboBox *speedBox() const { return m_speed; }
    QDoubleSpinBox *durationBox() const { return m_duration; }
    QSpinBox *seedBox() const { return m_seed; }
    QSlider *timeline() const { return m_timeline; }
    QLabel *clockLabel() const { return m_clock; }
    QLabel *staleLabel() const { return m_stale; }
    QLabel *speedNote() const { return m_speedNote; }

    // Selects `multiplier` in the speed box (adding it when it is not one of the offered
    // speeds; <= 0 = max) and applies it.
    void setSpeed(double multiplier);
    // Simulated seconds per wall second over the last ~2 s of playing (0 when unknown).
    double measuredSpeed() const;
    // The note beside the speed box: empty while the run keeps the requested speed, "actual
    // 37x: the machine cannot keep up" (*behind) when it falls short, "≈ 850x" at max
    // (requested <= 0).
    static QString speedNoteText(double requested, double actual, bool *behind);

    // "01:02:03" (hours may exceed 24).
    static QString formatClock(double seconds);

private:
    void syncFromProject();
    void syncState();
    void syncTimeline();
    void syncClock();
    void onSliderMoved(int value);
    void commitDuration();
    void commitSeed();
    void onProgress(double simSeconds);
    void syncSpeedNote();

    PlaybackSession *m_session;
    QToolButton *m_play;
    QToolButton *m_step;
    QToolButton *m_reset;
    QToolButton *m_rerun;
    QComboBox *m_speed;
    QDoubleSpinBox *m_duration;
    QSpinBox *m_seed;
    QSlider *m_timeline;
    QLabel *m_clock;
    QLabel *m_stale;
    QLabel *m_speedNote;
    QElapsedTimer m_wall;
    QList<QPointF> m_progress; // (wall seconds, simulated seconds) while running
    bool m_syncing = false;
};

} // namespace swb
