// MainWindow: the commands that make the canvas usable from the keyboard alone.
#include "ui/mainwindow.h"

#include "model/document.h"
#include "ui/canvas/connectdialog.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"
#include "ui/docks/inspectordock.h"
#include "ui/docks/palettedock.h"
#include "ui/spaceguard.h"
#include "ui/undorouter.h"

#include <QAction>
#include <QLineEdit>
#include <QMenu>
#include <QShortcut>
#include <QStatusBar>

namespace swb {

namespace {

constexpr int kMessageMs = 6000;

} // namespace

void MainWindow::addCanvasKeyboardActions(QMenu *editMenu)
{
    // Canvas keys, like Delete and Ctrl+D: only while the canvas has the focus, so F2 and
    // Ctrl+K keep their meaning in other panels.
    auto add = [this, editMenu](const char *name, const QString &text, const QKeySequence &key,
                                auto slot) {
        auto *action = new QAction(text, m_view);
        action->setObjectName(QLatin1String(name));
        if (!key.isEmpty())
            action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_view->addAction(action);
        connect(action, &QAction::triggered, this, slot);
        editMenu->addAction(action);
        return action;
    };
    add("actionRename", tr("Re&name"), QKeySequence(Qt::Key_F2), [this] {
        const ComponentId id = m_scene->currentComponent();
        if (id != InvalidId)
            m_scene->beginRename(id);
    });
    add("actionConnectTo", tr("Co&nnect to..."), QKeySequence(Qt::CTRL | Qt::Key_K),
        &MainWindow::connectCurrentTo)
        ->setStatusTip(tr("Wire the current block to another, choosing from the wires AWS "
                          "allows"));
    // Enter is the canvas's own key (DiagramView); the menu names it.
    add("actionInspect", tr("Edit in &Inspector") + QStringLiteral("\tEnter"), QKeySequence(),
        &MainWindow::inspectCurrent);

    // From anywhere: to the palette's search field; Enter there adds the block it found.
    auto *addBlock = new QAction(tr("Add &Block..."), this);
    addBlock->setObjectName(QStringLiteral("actionAddBlock"));
    addBlock->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    addBlock->setStatusTip(tr("Search the block palette; Enter adds the block found"));
    addAction(addBlock);
    editMenu->addAction(addBlock);
    connect(addBlock, &QAction::triggered, this, [this] {
        m_palette->show();
        m_palette->raise();
        m_palette->searchField()->setFocus(Qt::ShortcutFocusReason);
        m_palette->searchField()->selectAll();
    });

    connect(m_view, &DiagramView::contextMenuRequested, this, &MainWindow::showCanvasMenu);
    // Escape in the inspector goes back to the canvas (an edited field commits on leaving).
    auto *back = new QShortcut(QKeySequence(Qt::Key_Escape), m_inspector);
    back->setContext(Qt::WidgetWithChildrenShortcut);
    connect(back, &QShortcut::activated, this,
            [this] { m_view->setFocus(Qt::ShortcutFocusReason); });
    // Ctrl+Z / Ctrl+Shift+Z from any field of this window act on the design.
    new UndoRouter(this, m_inspector);
    keepSpaceForFocusedControls(this);
}

void MainWindow::inspectCurrent()
{
    const ComponentId id = m_scene->currentComponent();
    if (id != InvalidId)
        Q_EMIT m_scene->componentActivated(id);
}

void MainWindow::connectCurrentTo()
{
    const ComponentId source = m_scene->currentComponent();
    const Component *src = m_document->design().component(source);
    if (!src) {
        statusBar()->showMessage(tr("Select the block to connect from (Tab goes from block to "
                                    "block)"),
                                 kMessageMs);
        return;
    }
    ConnectDialog dialog(m_document->design(), source, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ConnectDialog::Choice choice = dialog.choice();
    QString error;
    const ConnectionId id =
        m_document->connectComponents(source, choice.target, choice.kind, &error);
    if (id == InvalidId) {
        statusBar()->showMessage(tr("Wire refused: %1").arg(error), kMessageMs);
        return;
    }
    // The source stays current, so the next Ctrl+K wires it again (a fan-out, a DLQ).
    m_scene->setCurrentComponent(source);
    m_view->setFocus(Qt::OtherFocusReason);
    statusBar()->showMessage(tr("Connected %1 to %2 (%3)")
                                 .arg(src->name,
                                      m_document->design().component(choice.target)->name,
                                      connectionKindName(choice.kind)),
                             kMessageMs);
}

void MainWindow::showCanvasMenu(QPoint globalPos)
{
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("canvasMenu"));
    const bool onBlock = m_scene->currentComponent() != InvalidId
                         && m_scene->selectedComponents().contains(m_scene->currentComponent());
    const bool anything =
        !m_scene->selectedComponents().isEmpty() || !m_scene->selectedConnections().isEmpty();
    if (onBlock) {
        menu.addAction(action(QStringLiteral("actionInspect")));
        menu.addAction(action(QStringLiteral("actionRename")));
        menu.addAction(action(QStringLiteral("actionConnectTo")));
        menu.addSeparator();
    }
    if (anything) {
        for (const char *name : {"actionCut", "actionCopy", "actionDuplicate", "actionDelete"})
            menu.addAction(action(QLatin1String(name)));
    }
    menu.addAction(action(QStringLiteral("actionPaste")));
    menu.addSeparator();
    if (m_scene->selectedComponents().size() > 1)
        menu.addAction(action(QStringLiteral("actionLayoutSelection")));
    menu.addAction(action(QStringLiteral("actionAutoLayout")));
    menu.addAction(action(QStringLiteral("actionSelectAll")));
    menu.exec(globalPos);
}

} // namespace swb
