#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstring>

namespace {

void setIdentity()
{
    // QSettings and QStandardPaths (recovery copies) derive their locations from these.
    QCoreApplication::setOrganizationName(QStringLiteral("ServerlessWorkbench"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("serverless-workbench.example.org"));
    QCoreApplication::setApplicationName(QStringLiteral("Serverless Workbench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SWB_VERSION));
}

void setUpParser(QCommandLineParser *parser)
{
    parser->setApplicationDescription(QCoreApplication::translate(
        "main", "Design serverless AWS architectures and watch them run."));
    parser->addHelpOption();
    parser->addVersionOption();
    parser->addPositionalArgument(QStringLiteral("file"),
                                  QCoreApplication::translate("main", "A project to open (.swb)."),
                                  QStringLiteral("[file]"));
}

// --help and --version answer without a display (no QApplication, so no platform plugin).
bool wantsTextOnly(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        for (const char *option : {"-h", "--help", "--help-all", "-?", "-v", "--version"}) {
            if (std::strcmp(argv[i], option) == 0)
                return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    if (wantsTextOnly(argc, argv)) {
        QCoreApplication core(argc, argv);
        setIdentity();
        QCommandLineParser parser;
        setUpParser(&parser);
        parser.process(core); // prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    setIdentity();
    QGuiApplication::setDesktopFileName(QStringLiteral("serverless-workbench"));
    QCommandLineParser parser;
    setUpParser(&parser);
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
        if (recovered) { // the recovered work keeps this window; the file opens beside it
            target = new swb::MainWindow;
            target->setAttribute(Qt::WA_DeleteOnClose);
            target->show();
        }
        target->openFile(files.first());
    });
    return app.exec();
}
