// MainWindow: the charts, cost and faults docks. The window owns the docks
// only; the panels live in ui/charts, ui/cost and ui/faults and read the playback FrameStore.
#include "ui/mainwindowanalysis.h"

#include "ui/advisor/advisorpanel.h"
#include "ui/charts/chartspanel.h"
#include "ui/cost/costpanel.h"
#include "ui/cost/pricingmenu.h"
#include "ui/docks/findingsdock.h"
#include "ui/docks/inspectordock.h"
#include "ui/faults/faultspanel.h"
#include "ui/mainwindow.h"
#include "ui/playback/framestore.h"

#include <QMenu>
#include <QMenuBar>

namespace swb {

AnalysisDocks setupAnalysisDocks(MainWindow *window)
{
    AnalysisDocks docks;
    auto makeDock = [window](const QString &name, const QString &title, QWidget *content) {
        auto *dock = new QDockWidget(title, window);
        dock->setObjectName(name);
        dock->setWidget(content);
        return dock;
    };
    auto *charts = new ChartsPanel(window->document(), window->pricing());
    charts->setFrameStore(window->frameStore());
    docks.charts = makeDock(QStringLiteral("chartsDock"), MainWindow::tr("Charts"), charts);
    auto *cost = new CostPanel(window->document(), window->pricing());
    cost->setFrameStore(window->frameStore());
    docks.cost = makeDock(QStringLiteral("costDock"), MainWindow::tr("Cost"), cost);
    docks.faults = makeDock(QStringLiteral("faultsDock"), MainWindow::tr("Faults"),
                            new FaultsPanel(window->document()));
    auto *advisor = new AdvisorPanel(window->document(), window->pricing());
    docks.advisor = makeDock(QStringLiteral("advisorDock"), MainWindow::tr("Advisor"), advisor);
    // A finished playback run is diagnosed at once while the advisor is on screen (its fixes
    // are re-simulated on a worker thread); otherwise Diagnose does it when asked.
    QObject::connect(window->frameStore(), &FrameStore::runFinished, advisor, [advisor] {
        if (advisor->isVisible())
            advisor->diagnose();
    });
    QObject::connect(advisor, &AdvisorPanel::blocksActivated, window, &MainWindow::selectAndReveal);
    QObject::connect(advisor, &AdvisorPanel::compareRequested, window,
                     &MainWindow::compareWithChange);

    // The charts under the canvas, as wide as it (so the time axis is long and the inspector
    // stays usable beside them); cost and faults as tabs beside the findings under the
    // inspector. MainWindow::arrangeDefaultDocks sizes them for the window.
    window->addDockWidget(Qt::BottomDockWidgetArea, docks.charts);
    if (window->findingsDock()) {
        window->tabifyDockWidget(window->findingsDock(), docks.cost);
        window->tabifyDockWidget(docks.cost, docks.faults);
        window->tabifyDockWidget(docks.faults, docks.advisor);
        window->findingsDock()->raise();
    } else {
        window->addDockWidget(Qt::RightDockWidgetArea, docks.cost);
        window->addDockWidget(Qt::RightDockWidgetArea, docks.faults);
        window->addDockWidget(Qt::RightDockWidgetArea, docks.advisor);
    }

    addPricingMenu(window);

    // View > Panels was filled with the docks that existed when it was built.
    if (auto *panels = window->menuBar()->findChild<QMenu *>(QStringLiteral("menuPanels"))) {
        for (QDockWidget *d : {docks.charts, docks.cost, docks.faults, docks.advisor})
            panels->addAction(d->toggleViewAction());
    }
    return docks;
}

} // namespace swb
