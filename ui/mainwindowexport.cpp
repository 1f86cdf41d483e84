// MainWindow: File > Export entries beyond SAM: diagram, cost sheet, results.
#include "ui/mainwindow.h"

#include "ui/export/costexportwindow.h"
#include "ui/export/diagramexportdialog.h"
#include "ui/export/resultsexport.h"

#include <QAction>
#include <QMenu>

namespace swb {

namespace {

// File > Export > Diagram... (ui/export/diagramexportdialog.h has the flow).
void addDiagramExportAction(MainWindow *window, QMenu *exportMenu)
{
    auto *action = new QAction(MainWindow::tr("&Diagram..."), window);
    action->setObjectName(QStringLiteral("actionExportDiagram"));
    QObject::connect(action, &QAction::triggered, window,
                     [window] { exportDiagramFromWindow(window); });
    exportMenu->addAction(action);
}

// File > Export > Cost Sheet... and Results... (ui/export/costexportwindow.h, resultsexport.h).
void addCostExportActions(MainWindow *window, QMenu *exportMenu)
{
    auto *cost = new QAction(MainWindow::tr("&Cost Sheet..."), window);
    cost->setObjectName(QStringLiteral("actionExportCost"));
    cost->setStatusTip(MainWindow::tr("The monthly bill as CSV, Excel workbook or PDF report: "
                                      "measured in the current run, or the analytic estimate"));
    QObject::connect(cost, &QAction::triggered, window, [window] { exportCostFromWindow(window); });
    exportMenu->addAction(cost);
    auto *results = new QAction(MainWindow::tr("&Results..."), window);
    results->setObjectName(QStringLiteral("actionExportResults"));
    results->setStatusTip(MainWindow::tr("The current run's time series as CSV or JSON"));
    QObject::connect(results, &QAction::triggered, window,
                     [window] { exportResultsFromWindow(window); });
    exportMenu->addAction(results);
}

} // namespace

void MainWindow::addExportActions(QMenu *exportMenu)
{
    addDiagramExportAction(this, exportMenu);
    addCostExportActions(this, exportMenu);
}

} // namespace swb
