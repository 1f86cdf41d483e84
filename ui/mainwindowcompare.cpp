// MainWindow: Simulation > Compare Designs.
#include "ui/mainwindow.h"

#include "ui/compare/comparewindow.h"
#include "ui/fileactions.h"

#include "model/document.h"
#include "model/services/account/account.h"
#include "model/services/traffic/traffic.h"

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
    // The window's one profile replaces every source's rate and pattern and keeps the rest (a
    // spike's start, length and multiplier): it is set to the design's first source's, and the
    // simulated time to the design's, so the comparison runs the traffic the advice was given
    // on (its default, 100 req/s Poisson, would hide a burst).
    CompareWindow *window = showCompareWindow();
    const Design &design = m_document->design();
    for (const Component &c : design.components) {
        if (c.kind != ComponentKind::TrafficSource)
            continue;
        const traffic::Params p = traffic::Params::of(c.params);
        window->setProfile({p.rate, choiceText(p.pattern)},
                           account::Params::of(design.settings).duration);
        break;
    }
    window->addCurrentDesign();
    window->addDesign(title, changed, tr("The design as the fix '%1' makes it").arg(title));
    window->run();
}

} // namespace swb
