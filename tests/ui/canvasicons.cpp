// Block icons: every kind has a valid SVG resource in its family colour, rendered at the sizes
// the palette and the canvas use. Set SWB_ICON_SHEET=/path/sheet.png to also write a contact
// sheet (sizes 16..64 on light and dark backgrounds) for a visual check.

#include "ui/icons.h"

#include <QApplication>
#include <QFile>
#include <QPainter>
#include <QSvgRenderer>
#include <QTest>

using namespace swb;

namespace {

int opaquePixels(const QImage &image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            count += qAlpha(image.pixel(x, y)) > 200;
    }
    return count;
}

} // namespace

class CanvasIconsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyKindHasValidSvg()
    {
        for (ComponentKind kind : allComponentKinds()) {
            const QString path = iconResourcePath(kind);
            QVERIFY2(QFile::exists(path), qPrintable(path));
            QSvgRenderer renderer(path);
            QVERIFY2(renderer.isValid(), qPrintable(path));
        }
    }

    void backgroundIsFamilyColour()
    {
        for (ComponentKind kind : allComponentKinds()) {
            const QImage image = pixmapFor(kind, 64).toImage();
            QCOMPARE(image.size(), QSize(64, 64));
            // (4, 32): inside the rounded background, left of every glyph.
            const QColor sampled = image.pixelColor(4, 32);
            const QColor family = kindColor(kind);
            QVERIFY2(qAbs(sampled.red() - family.red()) <= 2
                         && qAbs(sampled.green() - family.green()) <= 2
                         && qAbs(sampled.blue() - family.blue()) <= 2,
                     qPrintable(componentKindId(kind) + QStringLiteral(" ") + sampled.name()
                                + QStringLiteral(" vs ") + family.name()));
        }
    }

    void familiesAreDistinct()
    {
        // Compute, integration, API, streams and external must be told apart by colour alone.
        const QColor lambda = kindColor(ComponentKind::Lambda);
        const QColor pink = kindColor(ComponentKind::SqsQueue);
        const QColor api = kindColor(ComponentKind::ApiGateway);
        const QColor streams = kindColor(ComponentKind::KinesisStream);
        const QColor grey = kindColor(ComponentKind::Downstream);
        const QList<QColor> colours{lambda, pink, api, streams, grey};
        for (int i = 0; i < colours.size(); ++i) {
            for (int j = i + 1; j < colours.size(); ++j) {
                const int distance = qAbs(colours[i].red() - colours[j].red())
                                     + qAbs(colours[i].green() - colours[j].green())
                                     + qAbs(colours[i].blue() - colours[j].blue());
                QVERIFY2(distance > 60, qPrintable(colours[i].name() + colours[j].name()));
            }
        }
        QCOMPARE(kindColor(ComponentKind::SnsTopic), pink);
        QCOMPARE(kindColor(ComponentKind::StepFunctions), pink);
        QCOMPARE(kindColor(ComponentKind::TrafficSource), grey);
    }

    void glyphIsVisibleAtSmallSizes()
    {
        // The white glyph must survive down-scaling: at 16 px a clear share of the icon's pixels
        // is light (the glyph) and the rest is the family colour.
        for (ComponentKind kind : allComponentKinds()) {
            for (int size : {16, 24, 32, 48, 64}) {
                const QImage image = pixmapFor(kind, size).toImage();
                QCOMPARE(image.width(), size);
                int light = 0;
                for (int y = 0; y < size; ++y) {
                    for (int x = 0; x < size; ++x)
                        light += qGray(image.pixel(x, y)) > 200 && qAlpha(image.pixel(x, y)) > 200;
                }
                const double share = double(light) / (size * size);
                QVERIFY2(share > 0.08 && share < 0.6,
                         qPrintable(QStringLiteral("%1 at %2 px: glyph share %3")
                                        .arg(componentKindId(kind))
                                        .arg(size)
                                        .arg(share)));
                QVERIFY(opaquePixels(image) > size * size / 2);
            }
        }
    }

    void iconHasAllSizes()
    {
        const QIcon icon = iconFor(ComponentKind::Lambda);
        QVERIFY(!icon.isNull());
        QCOMPARE(icon.pixmap(24).size(), QSize(24, 24));
    }

    void contactSheet()
    {
        const QByteArray out = qgetenv("SWB_ICON_SHEET");
        if (out.isEmpty())
            QSKIP("set SWB_ICON_SHEET=/path/sheet.png to write the contact sheet");
        // The last column of each half is the 16 px rendering magnified 4x (nearest neighbour),
        // to judge the smallest size pixel by pixel.
        const QList<int> sizes{16, 24, 32, 48, 64, 16};
        const int cell = 72;
        const int kinds = int(allComponentKinds().size());
        QImage sheet(cell * sizes.size() * 2, cell * kinds, QImage::Format_ARGB32);
        QPainter painter(&sheet);
        for (int half = 0; half < 2; ++half) {
            const QColor bg = half == 0 ? QColor(Qt::white) : QColor(0x1e, 0x1e, 0x1e);
            painter.fillRect(half * cell * sizes.size(), 0, cell * sizes.size(), sheet.height(),
                             bg);
            for (int k = 0; k < kinds; ++k) {
                for (int s = 0; s < sizes.size(); ++s) {
                    const int x = (half * sizes.size() + s) * cell + (cell - sizes[s]) / 2;
                    const int y = k * cell + (cell - sizes[s]) / 2;
                    const QPixmap pixmap = pixmapFor(allComponentKinds()[k], sizes[s]);
                    if (s == sizes.size() - 1)
                        painter.drawPixmap(QRect(x - 24, y - 24, 64, 64), pixmap);
                    else
                        painter.drawPixmap(x, y, pixmap);
                }
            }
        }
        painter.end();
        QVERIFY(sheet.save(QString::fromLocal8Bit(out)));
    }
};

QTEST_MAIN(CanvasIconsTest)
#include "canvasicons.moc"
