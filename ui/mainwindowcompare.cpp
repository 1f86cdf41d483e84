// MainWindow: Simulation > Compare Designs (issue 8, "Compare patterns side by side").
#include "ui/mainwindow.h"

#include <QMenu>

namespace swb {

void MainWindow::addCompareActions(QMenu *simulationMenu)
{
    Q_UNUSED(simulationMenu)
}

} // namespace swb
