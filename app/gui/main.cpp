#include "sim/simcontroller.h"
#include "model/pricing.h"
#include "ui/cost/pricingsource.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>
#include <cstring>
#include <optional>

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
    parser->addPositionalArgument(
        QStringLiteral("file"),
        QCoreApplication::translate("main", "A design to open (.swb or .swb.yaml)."),
        QStringLiteral("[file]"));
    parser->addOption({QStringLiteral("play"),
                       QCoreApplication::translate(
                           "main", "Start playing the opened design at once (demos, screenshots, "
                                   "scripted checks).")});
    parser->addOption(
        {QStringLiteral("speed"),
         QCoreApplication::translate("main", "Playback speed for --play: simulated seconds per "
                                             "wall second, 0.1 to 1000, or 'max' (default 1)."),
         QStringLiteral("x")});
}

// --speed's value: 0.1..1000 or "max" (kAsFastAsPossible); nullopt with *error set otherwise.
std::optional<double> parseSpeed(const QString &text, QString *error)
{
    if (text.compare(QLatin1String("max"), Qt::CaseInsensitive) == 0)
        return swb::SimController::kAsFastAsPossible;
    QString number = text;
    if (number.endsWith(QLatin1Char('x'), Qt::CaseInsensitive))
        number.chop(1);
    bool ok = false;
    const double value = number.toDouble(&ok);
    if (ok && value >= swb::SimController::kMinSpeed && value <= swb::SimController::kMaxSpeed)
        return value;
    *error = QCoreApplication::translate("main", "--speed %1: expected a number from 0.1 to 1000 "
                                                 "(simulated seconds per wall second) or 'max'")
                 .arg(text);
    return std::nullopt;
}

struct PlayOptions {
    QStringList files;
    bool play = false;
    double speed = 1;
};

// The file, --play and --speed from a parsed command line; false (message printed) when they
// do not fit together.
bool readPlayOptions(const QCommandLineParser &parser, PlayOptions *options)
{
    options->files = parser.positionalArguments();
    options->play = parser.isSet(QStringLiteral("play"));
    options->speed = 1;
    if (parser.isSet(QStringLiteral("speed"))) {
        QString error;
        const std::optional<double> speed =
            parseSpeed(parser.value(QStringLiteral("speed")), &error);
        if (!speed) {
            std::fprintf(stderr, "serverless-workbench: %s\n", qPrintable(error));
            return false;
        }
        options->speed = *speed;
        if (!options->play) {
            std::fprintf(stderr, "serverless-workbench: --speed applies to --play\n");
            return false;
        }
    }
    if (options->play && options->files.isEmpty()) {
        std::fprintf(stderr, "serverless-workbench: --play needs a FILE to open\n");
        return false;
    }
    return true;
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

    // --play and --speed are checked before a display is needed, so a script gets its error
    // (exit 2) on a headless machine too. A Qt option (-platform, -style...) is unknown to this
    // first parse; they are checked again once QApplication has taken its options out.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    QCommandLineParser parser;
    setUpParser(&parser);
    PlayOptions options;
    if (parser.parse(arguments) && !readPlayOptions(parser, &options))
        return 2;

    QApplication app(argc, argv);
    setIdentity();
    QGuiApplication::setDesktopFileName(QStringLiteral("serverless-workbench"));
    parser.process(app); // reports unknown options and exits
    if (!readPlayOptions(parser, &options))
        return 2;
    const QStringList files = options.files;
    const bool play = options.play;
    const double speed = options.speed;

    // The application's one pricing catalogue: the shipped prices, or the file the user chose
    // in Settings > Pricing Catalogue... (remembered across starts). Every window prices with it.
    auto *pricing = new swb::PricingSource(swb::PricingCatalogue::builtIn(), &app);
    QString pricingError;
    const bool pricingRestored = pricing->restore(&pricingError);

    auto *window = new swb::MainWindow(pricing);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    // After the event loop starts, so dialogs (recovery, open errors) have a shown parent.
    QTimer::singleShot(0, window, [window, pricingRestored, pricingError, files, play, speed] {
        if (!pricingRestored)
            QMessageBox::warning(window, swb::MainWindow::tr("Pricing Catalogue"), pricingError);
        window->openAtStartup(files, play, speed);
    });
    return app.exec();
}
