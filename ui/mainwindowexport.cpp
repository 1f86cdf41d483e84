// MainWindow: File > Export entries beyond SAM (issue 6): diagram, cost sheet, results.
#include "ui/mainwindow.h"

#include "ui/export/diagramexportdialog.h"

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

} // namespace

void MainWindow::addExportActions(QMenu *exportMenu)
{
    addDiagramExportAction(this, exportMenu);
}

} // namespace swb
