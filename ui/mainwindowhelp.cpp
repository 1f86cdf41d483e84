// MainWindow: the Help menu (issue 8, "About and help").
#include "ui/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QMessageBox>

namespace swb {

void MainWindow::createHelpMenu()
{
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    auto *about = new QAction(tr("&About"), this);
    about->setObjectName(QStringLiteral("actionAbout"));
    connect(about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Serverless Workbench"),
                           tr("<b>Serverless Workbench</b> %1<p>Design serverless AWS "
                              "architectures and watch them run before deploying them.</p>")
                               .arg(QApplication::applicationVersion()));
    });
    help->addAction(about);
}

} // namespace swb
