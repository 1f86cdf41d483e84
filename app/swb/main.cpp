#include "cli/cli.h"

#include <QDir>
#include <QApplication>

#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
    // Diagram export renders with QtWidgets; the offscreen platform keeps swb usable without a
    // display (CI, SSH) unless the caller chose a platform.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Without a session (CI, cron) Qt falls back to a private runtime folder but warns about it
    // on stderr, which would pollute the command's output; take the same fallback quietly.
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        const QByteArray dir = QDir::tempPath().toLocal8Bit() + "/runtime-"
                               + QByteArray::number(uint(getuid()));
        ::mkdir(dir.constData(), 0700);
        qputenv("XDG_RUNTIME_DIR", dir);
    }
    // QApplication, not QGuiApplication: diagram export renders a QGraphicsScene (widgets).
    QApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    swb::cli::Io io{out, err};
    return swb::cli::run(app.arguments(), io);
}
