// MainWindow: Simulation > Compare Designs.
#include "ui/mainwindow.h"

#include "ui/compare/comparewindow.h"
#include "ui/fileactions.h"

#include <QAction>
#include <QMenu>

namespace swb {

void MainWindow::addCompareActions(QMenu *simulationMenu)
{
    auto *action = new QAction(tr("&Compare Designs..."), this);
    action->setObjectName(QStringLiteral("actionCompareDesigns"));
    action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    action->setStatusTip(tr("Run the same traffic and fault through several designs and compare "
                            "throughput, p99, losses, concurrency and cost"));
    addAction(action); // the shortcut works while the menu bar is hidden
    simulationMenu->addSeparator();
    simulationMenu->addAction(action);
    connect(action, &QAction::triggered, this, &MainWindow::showCompareWindow);
}

CompareWindow *MainWindow::showCompareWindow()
{
    // One compare window per main window, kept (with its list and results) when closed.
    auto *window =
        findChild<CompareWindow *>(QStringLiteral("compareWindow"), Qt::FindDirectChildrenOnly);
    if (!window)
        window = new CompareWindow(
            m_document, m_pricing, [this] { return m_files->prompter(); }, this);
    window->show();
    window->raise();
    window->activateWindow();
    return window;
}

void MainWindow::compareWithChange(const QString &title, const Design &changed)
{
    // The advisor's structural fix beside the design as it is, run at once on the same traffic.
    CompareWindow *window = showCompareWindow();
    window->addCurrentDesign();
    window->addDesign(title, changed, tr("The design as the fix '%1' makes it").arg(title));
    window->run();
}

} // namespace swb
