// Build-time tool: renders the application SVG icon into the PNG sizes of the hicolor theme,
// so the package ships crisp bitmaps for desktops that do not scale SVG.
// Usage: swb_iconrender INPUT.svg OUTPUT_DIR SIZE...
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4) {
        std::fprintf(stderr, "usage: swb_iconrender INPUT.svg OUTPUT_DIR SIZE...\n");
        return 2;
    }
    QSvgRenderer renderer(args.at(1));
    if (!renderer.isValid()) {
        std::fprintf(stderr, "swb_iconrender: cannot read %s\n", qPrintable(args.at(1)));
        return 1;
    }
    for (int i = 3; i < args.size(); ++i) {
        const int size = args.at(i).toInt();
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        renderer.render(&painter);
        painter.end();
        const QString out = QStringLiteral("%1/%2.png").arg(args.at(2)).arg(size);
        if (!image.save(out)) {
            std::fprintf(stderr, "swb_iconrender: cannot write %s\n", qPrintable(out));
            return 1;
        }
    }
    return 0;
}
