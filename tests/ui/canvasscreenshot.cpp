// The SNS fan-out pattern on the canvas at 50%, 100% and 200% zoom, in light and dark palettes:
// no block overlaps another, no wire label sits on a block, and every rendering shows the
// design (not a blank or mis-themed canvas). Set SWB_CANVAS_SHOTS=/some/dir to also write the
// PNGs (canvas-<light|dark>-<zoom>.png) for a visual check.

#include "model/document.h"
#include "model/patterns.h"
#include "model/wiringrules.h"
#include "ui/canvas/blockitem.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"
#include "ui/canvas/wireitem.h"

#include <QApplication>
#include <QDir>
#include <QTest>

using namespace swb;

namespace {

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Button, QColor(0x33, 0x33, 0x33));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3a));
    p.setColor(QPalette::ToolTipText, QColor(0xf0, 0xf0, 0xf0));
    return p;
}

// Share of pixels whose colour is close to c.
double share(const QImage &image, QColor c)
{
    int close = 0;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            const QColor p = image.pixelColor(x, y);
            close +=
                qAbs(p.red() - c.red()) + qAbs(p.green() - c.green()) + qAbs(p.blue() - c.blue())
                < 30;
        }
    }
    return double(close) / ((image.height() / 2) * (image.width() / 2));
}

} // namespace

class CanvasScreenshotTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void labelsSitOnTheirOwnLeg_data()
    {
        QTest::addColumn<QString>("pattern");
        for (const QString &id : patternIds())
            QTest::newRow(qPrintable(id)) << id;
    }

    // Wires fanning out of one port share their first leg and trunk; a label placed there sits
    // beside the wrong target ("task 3" next to task 2's block). Where siblings from the same
    // port carry different labels, each label must sit level with its own target's input.
    void labelsSitOnTheirOwnLeg()
    {
        QFETCH(QString, pattern);
        const std::optional<Design> design = makePattern(pattern);
        QVERIFY(design);
        Document document;
        document.replaceDesign(*design);
        DiagramScene scene(&document);
        QCoreApplication::processEvents(); // the label layout runs queued
        auto label = [&](const Connection &c) { return scene.wireItem(c.id)->label(); };
        int checked = 0;
        for (const Connection &c : design->connections) {
            const bool ambiguous = std::any_of(
                design->connections.cbegin(), design->connections.cend(), [&](const Connection &o) {
                    return o.source == c.source && o.id != c.id
                           && isFailureKind(o.kind) == isFailureKind(c.kind)
                           && label(o) != label(c);
                });
            if (!ambiguous)
                continue;
            ++checked;
            const QRectF target = scene.blockItem(c.target)->mapRectToScene(BlockItem::bodyRect());
            const qreal y = scene.wireItem(c.id)->labelRect().center().y();
            QVERIFY2(
                y > target.top() && y < target.bottom(),
                qPrintable(label(c) + QStringLiteral(" to ") + design->component(c.target)->name));
        }
        if (pattern == QLatin1String("api-stepfunctions"))
            QCOMPARE(checked, 3); // task 1, 2 and 3 leave the state machine's one port
    }

    void layoutIsUncluttered()
    {
        const std::optional<Design> design = makePattern(QStringLiteral("sns-fanout"));
        QVERIFY(design);
        Document document;
        document.replaceDesign(*design);
        DiagramScene scene(&document);
        QList<BlockItem *> blocks;
        QList<WireItem *> wires;
        for (const Component &c : design->components)
            blocks.append(scene.blockItem(c.id));
        for (const Connection &c : design->connections)
            wires.append(scene.wireItem(c.id));
        QCOMPARE(blocks.size(), design->components.size());
        for (int i = 0; i < blocks.size(); ++i) {
            const QRectF a = blocks[i]->mapRectToScene(BlockItem::bodyRect());
            for (int j = i + 1; j < blocks.size(); ++j)
                QVERIFY(!a.intersects(blocks[j]->mapRectToScene(BlockItem::bodyRect())));
        }
        // Wire labels sit in the gaps between blocks, never on a block.
        for (WireItem *wire : wires) {
            const QRectF label = wire->labelRect();
            QVERIFY(!label.isEmpty());
            for (BlockItem *block : blocks) {
                QVERIFY2(
                    !label.intersects(block->mapRectToScene(BlockItem::bodyRect())),
                    qPrintable(wire->label() + QStringLiteral(" on ") + block->component()->name));
            }
        }
    }

    void rendersInLightAndDark_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::addColumn<double>("zoom");
        for (bool dark : {false, true}) {
            for (double zoom : {0.5, 1.0, 2.0})
                QTest::addRow("%s-%d", dark ? "dark" : "light", int(zoom * 100)) << dark << zoom;
        }
    }

    void rendersInLightAndDark()
    {
        QFETCH(bool, dark);
        QFETCH(double, zoom);
        const QPalette original = QApplication::palette();
        if (dark)
            QApplication::setPalette(darkPalette());
        const QColor base = QApplication::palette().color(QPalette::Base);
        {
            const std::optional<Design> design = makePattern(QStringLiteral("sns-fanout"));
            Document document;
            document.replaceDesign(*design);
            DiagramScene scene(&document);
            DiagramView view(&scene);
            view.resize(1280, 760);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            view.setZoom(zoom);
            view.centerOn(scene.itemsBoundingRectWithMargin().center());
            // Select one block and one wire so the highlight is part of the check.
            scene.selectItems({design->components.firstKey()}, {design->connections.firstKey()});
            const QImage image = view.grab().toImage();
            // The canvas colour dominates, but the design covers a real part of the view.
            const double background = share(image, base);
            QVERIFY2(background > 0.4 && background < 0.97,
                     qPrintable(QString::number(background)));
            const QByteArray dir = qgetenv("SWB_CANVAS_SHOTS");
            if (!dir.isEmpty()) {
                QDir().mkpath(QString::fromLocal8Bit(dir));
                QVERIFY(image.save(QStringLiteral("%1/canvas-%2-%3.png")
                                       .arg(QString::fromLocal8Bit(dir),
                                            dark ? QStringLiteral("dark") : QStringLiteral("light"))
                                       .arg(int(zoom * 100))));
            }
        }
        QApplication::setPalette(original);
    }
};

QTEST_MAIN(CanvasScreenshotTest)
#include "canvasscreenshot.moc"
