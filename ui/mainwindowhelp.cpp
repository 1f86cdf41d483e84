// MainWindow: the Help menu and the pattern guide.
#include "ui/mainwindow.h"

#include "model/document.h"
#include "model/layout.h"
#include "model/patternadvisor.h"
#include "model/patterns.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"
#include "ui/guide/aboutdialog.h"
#include "ui/guide/helpwindow.h"
#include "ui/guide/patternaxesdialog.h"
#include "ui/guide/patternguidepanel.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QMenuBar>

#include <algorithm>

namespace swb {

namespace {

// The blocks' extent: all of them, or only those listed.
QRectF blocksRect(const Design &design, const QList<ComponentId> &only = {})
{
    QRectF rect;
    for (const Component &c : design.components) {
        if (only.isEmpty() || only.contains(c.id))
            rect |= QRectF(c.position, kBlockSize);
    }
    return rect;
}

// Where the inserted pattern goes: beside the existing design (to its right, top-aligned), never
// on top of it, so the user keeps what they built and can compare the two; on an empty canvas at
// the layout origin.
QPointF placementBeside(const Design &existing, const Design &pattern)
{
    const QRectF have = blocksRect(existing);
    const QRectF add = blocksRect(pattern);
    const QPointF target =
        have.isNull() ? kLayoutOrigin : QPointF(have.right() + 2 * kLayerGap, have.top());
    return DiagramScene::snapToGrid(target - add.topLeft());
}

// One instance per main window, created on first use and raised afterwards.
template<typename Window, typename... Args>
Window *showSingle(MainWindow *owner, Args... args)
{
    auto *window = owner->findChild<Window *>(QString(), Qt::FindDirectChildrenOnly);
    if (!window)
        window = new Window(args..., owner);
    window->show();
    window->raise();
    window->activateWindow();
    return window;
}

} // namespace

QList<qint64> MainWindow::insertRecommendedPattern(const QString &patternId, const Workload &load,
                                                   QString *error)
{
    const std::optional<Design> pattern = makeRecommendedPattern(patternId, load, error);
    if (!pattern)
        return {};
    // Inserted into this design rather than opened in a new window: the architect is usually
    // weighing the pattern against what is already drawn, and Undo takes it out in one step.
    const QList<ComponentId> added =
        m_scene->insertAndSelect(*pattern, placementBeside(m_document->design(), *pattern),
                                 tr("Create %1").arg(patternTitle(patternId)));
    // Reveal all of it: zoom out if it does not fit, then centre on it.
    const QRectF area = blocksRect(m_document->design(), added);
    const QSizeF room = m_view->viewport()->size();
    const double fit =
        std::min(room.width() / (area.width() + 80), room.height() / (area.height() + 80));
    if (fit < m_view->zoom())
        m_view->setZoom(std::max(fit, DiagramView::kMinZoom));
    m_view->centerOn(area.center());
    return added;
}

void MainWindow::createHelpMenu()
{
    auto *guide = new PatternGuidePanel;
    auto *dock = new QDockWidget(tr("Pattern Guide"), this);
    dock->setObjectName(QStringLiteral("patternGuideDock"));
    dock->setWidget(guide);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    dock->hide(); // opened from Help > Pattern Guide or View > Panels
    // View > Panels was filled with the docks that existed when it was built.
    if (auto *panels = menuBar()->findChild<QMenu *>(QStringLiteral("menuPanels")))
        panels->addAction(dock->toggleViewAction());
    connect(guide, &PatternGuidePanel::createRequested, this,
            [this, guide](const QString &id, const Workload &load) {
                QString error;
                const QList<qint64> added = insertRecommendedPattern(id, load, &error);
                if (added.isEmpty()) {
                    guide->showOutcome(tr("Could not create %1: %2").arg(patternTitle(id), error),
                                       true);
                    return;
                }
                guide->showOutcome(tr("Added %1 (%2 blocks), selected on the canvas. Edit > "
                                      "Undo removes it.")
                                       .arg(patternTitle(id))
                                       .arg(added.size()),
                                   false);
            });
    connect(guide, &PatternGuidePanel::axesRequested, this,
            [this] { showSingle<PatternAxesDialog>(this, m_pricing); });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    auto add = [this, help](const QString &name, const QString &text, auto slot) {
        auto *action = new QAction(text, this);
        action->setObjectName(name);
        addAction(action); // shortcuts work while the menu bar is hidden
        help->addAction(action);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    add(QStringLiteral("actionUserGuide"), tr("&User Guide"), [this] {
        showSingle<HelpWindow>(this);
    })->setShortcuts(QKeySequence::HelpContents);
    add(QStringLiteral("actionPatternGuide"), tr("&Pattern Guide"), [dock] {
        dock->show();
        dock->raise();
    });
    add(QStringLiteral("actionPatternAxes"), tr("&Compare the Channels on Six Axes..."),
        [this] { showSingle<PatternAxesDialog>(this, m_pricing); });
    help->addSeparator();
    add(QStringLiteral("actionAbout"), tr("&About Serverless Workbench"), [this] {
        auto *about = new AboutDialog(this);
        about->setAttribute(Qt::WA_DeleteOnClose);
        about->open();
    })->setMenuRole(QAction::AboutRole);
    add(QStringLiteral("actionAboutQt"), tr("About &Qt"), [] {
        QApplication::aboutQt();
    })->setMenuRole(QAction::AboutQtRole);
}

} // namespace swb
