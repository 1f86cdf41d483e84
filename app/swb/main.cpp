#include "cli/cli.h"

#include <QGuiApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    // Diagram export renders with QtGui; the offscreen platform keeps swb usable without a
    // display (CI, SSH) unless the caller chose a platform.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    swb::cli::Io io{out, err};
    return swb::cli::run(app.arguments(), io);
}
