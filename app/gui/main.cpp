#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

int main(int argc, char *argv[]) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ServerlessWorkbench"));
    QApplication::setOrganizationDomain(QStringLiteral("serverless-workbench.example.org"));
    QApplication::setApplicationName(QStringLiteral("Serverless Workbench"));
    QApplication::setApplicationVersion(QStringLiteral(SWB_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("serverless-workbench"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Design serverless AWS architectures and watch them run."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QApplication::translate("main", "A project to open (.swb)."),
                                 QStringLiteral("[file]"));
    parser.process(app);

    auto *window = new swb::MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    const QStringList files = parser.positionalArguments();
    // After the event loop starts, so dialogs (recovery, open errors) have a shown parent.
    QTimer::singleShot(0, window, [window, files] {
        const bool recovered = window->offerRecovery() > 0;
        if (files.isEmpty())
            return;
        swb::MainWindow *target = window;
        if (recovered) { // the recovered work keeps this window
            target = new swb::MainWindow;
            target->setAttribute(Qt::WA_DeleteOnClose);
            target->show();
        }
        target->openFile(files.first());
    });
    return app.exec();
}
