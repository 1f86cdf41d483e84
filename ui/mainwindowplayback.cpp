// MainWindow: live simulation playback — the playback bar under the canvas, the
// Simulation menu and the live canvas overlay. The window only owns the session; everything else
// lives in ui/playback/.
#include "ui/mainwindow.h"

#include "ui/canvas/diagramscene.h"
#include "ui/fileactions.h"
#include "ui/prompter.h"
#include "ui/playback/framestore.h"
#include "ui/playback/playbackbar.h"
#include "ui/playback/playbacksession.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>

namespace swb {

FrameStore *MainWindow::frameStore() const
{
    return m_playback ? m_playback->frameStore() : nullptr;
}

SimController *MainWindow::simController() const
{
    return m_playback ? m_playback->controller() : nullptr;
}

void MainWindow::startPlayback(double speed)
{
    if (auto *bar = findChild<PlaybackBar *>(QStringLiteral("playbackBar")))
        bar->setSpeed(speed);
    else
        m_playback->setSpeed(speed);
    m_playback->play();
}

void MainWindow::setupPlayback()
{
    m_playback = new PlaybackSession(m_document, m_scene, this);
    m_playback->setLargeRunConsent([this](const QString &question) {
        return files()->prompter()->confirm(this, tr("Large run"),
                                            tr("This run is large: %1").arg(question), tr("Run"));
    });
    auto *bar = new PlaybackBar(m_playback, this);
    auto *toolBar = new QToolBar(tr("Playback"), this);
    toolBar->setObjectName(QStringLiteral("playbackToolBar"));
    toolBar->setMovable(false);
    toolBar->addWidget(bar);
    addToolBar(Qt::BottomToolBarArea, toolBar);

    auto *menu = new QMenu(tr("&Simulation"), this);
    menu->setObjectName(QStringLiteral("simulationMenu"));
    auto add = [this, menu](const QString &name, const QString &text, const QKeySequence &key,
                            void (PlaybackSession::*slot)()) {
        auto *action = new QAction(text, this);
        action->setObjectName(name);
        action->setShortcut(key);
        addAction(action); // shortcuts work while the menu bar is hidden
        menu->addAction(action);
        connect(action, &QAction::triggered, m_playback, slot);
        return action;
    };
    QAction *play = add(QStringLiteral("actionPlayPause"), tr("&Play / Pause"),
                        QKeySequence(Qt::Key_Space), &PlaybackSession::togglePlay);
    add(QStringLiteral("actionStep"), tr("&Step one bin"), QKeySequence(Qt::Key_Period),
        &PlaybackSession::step);
    add(QStringLiteral("actionResetRun"), tr("&Reset"), QKeySequence(), &PlaybackSession::reset);
    add(QStringLiteral("actionRerun"), tr("Re-&run"), QKeySequence(Qt::CTRL | Qt::Key_R),
        &PlaybackSession::rerun);
    connect(m_playback, &PlaybackSession::stateChanged, play, [play](SimController::State s) {
        play->setText(s == SimController::State::Running ? tr("&Pause") : tr("&Play"));
    });
    addCompareActions(menu);
    // Before Help, the last menu.
    const QList<QAction *> menus = menuBar()->actions();
    menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.last(), menu);

    connect(m_playback, &PlaybackSession::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
}

} // namespace swb
