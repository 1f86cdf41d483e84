// MainWindow: menus, actions and their shortcuts.
#include "ui/mainwindow.h"

#include "model/document.h"
#include "model/patterns.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"
#include "ui/docks/findingsdock.h"
#include "ui/docks/inspectordock.h"
#include "ui/docks/palettedock.h"
#include "ui/fileactions.h"
#include "ui/recentfiles.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QMenuBar>
#include <QUndoStack>

namespace swb {

namespace {

QAction *makeAction(QWidget *owner, const QString &name, const QString &text,
                    const QList<QKeySequence> &shortcuts = {})
{
    auto *action = new QAction(text, owner);
    action->setObjectName(name);
    action->setShortcuts(shortcuts);
    owner->addAction(action); // shortcuts work even while the menu bar is hidden
    return action;
}

} // namespace

QAction *MainWindow::action(const QString &objectName) const
{
    return findChild<QAction *>(objectName);
}

void MainWindow::createMenus()
{
    createFileMenu();
    createEditMenu();
    createViewMenu();
    createHelpMenu();
}

void MainWindow::createFileMenu()
{
    QMenu *menu = menuBar()->addMenu(tr("&File"));
    QAction *newBlank =
        makeAction(this, QStringLiteral("actionNew"), tr("&New"), {QKeySequence::New});
    connect(newBlank, &QAction::triggered, m_files, &FileActions::newBlank);
    menu->addAction(newBlank);

    QMenu *patterns = menu->addMenu(tr("New from &Pattern"));
    patterns->setObjectName(QStringLiteral("menuPatterns"));
    for (const QString &id : patternIds()) {
        QAction *action = patterns->addAction(patternTitle(id));
        action->setObjectName(QStringLiteral("actionPattern_") + id);
        action->setStatusTip(patternDescription(id));
        action->setToolTip(patternDescription(id));
        connect(action, &QAction::triggered, this, [this, id] { m_files->newFromPattern(id); });
    }
    patterns->addSeparator();
    QAction *start = patterns->addAction(tr("&Start Page (Gallery)"));
    start->setObjectName(QStringLiteral("actionStartPage"));
    start->setStatusTip(tr("Show the patterns with their drawings, and the recent designs"));
    connect(start, &QAction::triggered, this, &MainWindow::showStartPage);

    QAction *open =
        makeAction(this, QStringLiteral("actionOpen"), tr("&Open..."), {QKeySequence::Open});
    connect(open, &QAction::triggered, m_files, &FileActions::open);
    menu->addAction(open);
    m_recentMenu = menu->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("menuRecent"));
    // Rebuilt when shown: another window may have changed the list.
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    connect(m_files, &FileActions::recentFilesChanged, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();
    menu->addSeparator();

    QAction *save = makeAction(this, QStringLiteral("actionSave"), tr("&Save"),
                               {QKeySequence(Qt::CTRL | Qt::Key_S)});
    connect(save, &QAction::triggered, m_files, &FileActions::save);
    menu->addAction(save);
    QAction *saveAs = makeAction(this, QStringLiteral("actionSaveAs"), tr("Save &As..."),
                                 {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)});
    connect(saveAs, &QAction::triggered, m_files, &FileActions::saveAs);
    menu->addAction(saveAs);
    menu->addSeparator();
    QAction *importSam =
        makeAction(this, QStringLiteral("actionImportSam"), tr("&Import SAM Template..."), {});
    connect(importSam, &QAction::triggered, m_files, &FileActions::importSamTemplate);
    menu->addAction(importSam);
    QMenu *exportMenu = menu->addMenu(tr("&Export"));
    exportMenu->setObjectName(QStringLiteral("menuExport"));
    QAction *exportSam =
        makeAction(this, QStringLiteral("actionExportSam"), tr("&SAM Template..."), {});
    connect(exportSam, &QAction::triggered, m_files, &FileActions::exportSamTemplate);
    exportMenu->addAction(exportSam);
    addExportActions(exportMenu);
    menu->addSeparator();
    QAction *quit = makeAction(this, QStringLiteral("actionQuit"), tr("&Quit"),
                               {QKeySequence(Qt::CTRL | Qt::Key_Q)});
    quit->setMenuRole(QAction::QuitRole);
    // Closing every window runs each one's unsaved-changes prompt; Cancel stops the quit.
    connect(quit, &QAction::triggered, qApp, &QApplication::closeAllWindows, Qt::QueuedConnection);
    menu->addAction(quit);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList paths = RecentFiles::paths();
    for (int i = 0; i < paths.size(); ++i) {
        const QString path = paths.at(i);
        QAction *action = m_recentMenu->addAction(QStringLiteral("&%1 %2")
                                                      .arg(i + 1 == 10 ? 0 : i + 1)
                                                      .arg(QDir::toNativeSeparators(path)));
        connect(action, &QAction::triggered, this, [this, path] { m_files->openRecent(path); });
    }
    if (paths.isEmpty()) {
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    connect(m_recentMenu->addAction(tr("Clear the list")), &QAction::triggered, this, [this] {
        RecentFiles::clear();
        rebuildRecentMenu();
    });
}

void MainWindow::createEditMenu()
{
    QMenu *menu = menuBar()->addMenu(tr("&Edit"));
    // The stack's own actions keep their text descriptive ("Undo Set Timeout of 'orders' ...")
    // and their state; triggering them goes through the window (undo(), redo()), which also
    // brings what changed into view.
    QAction *undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    disconnect(undo, &QAction::triggered, m_document->undoStack(), &QUndoStack::undo);
    connect(undo, &QAction::triggered, this, &MainWindow::undo);
    undo->setObjectName(QStringLiteral("actionUndo"));
    undo->setShortcuts(QKeySequence::Undo);
    addAction(undo);
    QAction *redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    disconnect(redo, &QAction::triggered, m_document->undoStack(), &QUndoStack::redo);
    connect(redo, &QAction::triggered, this, &MainWindow::redo);
    redo->setObjectName(QStringLiteral("actionRedo"));
    redo->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    addAction(redo);
    menu->addAction(undo);
    menu->addAction(redo);
    menu->addSeparator();

    struct Item {
        const char *name;
        QString text;
        QKeySequence key;
        void (DiagramScene::*slot)();
    };
    const Item items[] = {
        {"actionCut", tr("Cu&t"), QKeySequence(Qt::CTRL | Qt::Key_X), nullptr},
        {"actionCopy", tr("&Copy"), QKeySequence(Qt::CTRL | Qt::Key_C),
         &DiagramScene::copySelection},
        {"actionPaste", tr("&Paste"), QKeySequence(Qt::CTRL | Qt::Key_V), &DiagramScene::paste},
        {"actionDuplicate", tr("D&uplicate"), QKeySequence(Qt::CTRL | Qt::Key_D),
         &DiagramScene::duplicateSelection},
        {"actionDelete", tr("&Delete"), QKeySequence(Qt::Key_Delete),
         &DiagramScene::deleteSelection},
        {"actionSelectAll", tr("Select &All"), QKeySequence(Qt::CTRL | Qt::Key_A),
         &DiagramScene::selectAll},
    };
    for (const Item &item : items) {
        // The canvas owns these keys only while it has focus: in the inspector's fields Ctrl+C,
        // Ctrl+V and Del edit the text.
        QAction *action = makeAction(m_view, QLatin1String(item.name), item.text, {item.key});
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        if (item.slot) {
            connect(action, &QAction::triggered, m_scene, item.slot);
        } else { // Cut = copy + delete, one undo step for the delete
            connect(action, &QAction::triggered, this, [this] {
                m_scene->copySelection();
                m_scene->deleteSelection();
            });
        }
        menu->addAction(action);
        if (item.slot == &DiagramScene::duplicateSelection)
            menu->addSeparator();
    }
    menu->addSeparator();
    addCanvasKeyboardActions(menu); // mainwindowkeyboard.cpp
}

void MainWindow::updateEditActions()
{
    const bool hasSelection =
        !m_scene->selectedComponents().isEmpty() || !m_scene->selectedConnections().isEmpty();
    for (const char *name : {"actionCut", "actionCopy", "actionDuplicate", "actionDelete"}) {
        if (QAction *a = action(QLatin1String(name)))
            a->setEnabled(hasSelection);
    }
}

void MainWindow::createViewMenu()
{
    QMenu *menu = menuBar()->addMenu(tr("&View"));
    QAction *zoomIn =
        makeAction(this, QStringLiteral("actionZoomIn"), tr("Zoom &In"),
                   {QKeySequence(Qt::CTRL | Qt::Key_Plus), QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    connect(zoomIn, &QAction::triggered, m_view, &DiagramView::zoomIn);
    QAction *zoomOut = makeAction(this, QStringLiteral("actionZoomOut"), tr("Zoom &Out"),
                                  {QKeySequence(Qt::CTRL | Qt::Key_Minus)});
    connect(zoomOut, &QAction::triggered, m_view, &DiagramView::zoomOut);
    QAction *resetZoom = makeAction(this, QStringLiteral("actionResetZoom"), tr("&Actual Size"));
    connect(resetZoom, &QAction::triggered, m_view, &DiagramView::resetZoom);
    QAction *fit = makeAction(this, QStringLiteral("actionFit"), tr("&Fit to Window"),
                              {QKeySequence(Qt::CTRL | Qt::Key_0)});
    connect(fit, &QAction::triggered, m_view, &DiagramView::fitToView);
    menu->addActions({zoomIn, zoomOut, resetZoom, fit});
    menu->addSeparator();
    addArrangeActions(menu);
    menu->addSeparator();
    QMenu *docks = menu->addMenu(tr("&Panels"));
    docks->setObjectName(QStringLiteral("menuPanels"));
    for (QDockWidget *dock : findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly))
        docks->addAction(dock->toggleViewAction());
}

} // namespace swb
