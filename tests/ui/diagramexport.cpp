// Diagram export (ui/export/diagramexport.h) in-process: PNG sizes equal diagramSize x scale,
// the editor's selection and theme never reach the file and the live scene is left as it was,
// selection-only / legend / title / live-badge options, paintDiagram fits, centres and keeps
// text when small, refusals leave existing files. Outputs are read back with QImage and
// QXmlStreamReader. The menu flow is in diagramexportmenu.cpp.

#include "mainwindowtestutil.h"

#include "../diagramtestutil.h"

#include "model/document.h"
#include "model/patterns.h"
#include "ui/canvas/blockitem.h"
#include "ui/canvas/diagramscene.h"
#include "ui/export/diagramexport.h"

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QSvgGenerator>
#include <QTemporaryDir>
#include <QtMath>

using namespace swb;
using namespace swb::test;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe6));
    return p;
}

// The bounding box of the pixels that are not white.
QRect inkBox(const QImage &image)
{
    QRect box;
    for (int y = 0; y < image.height(); ++y) {
        const QRgb *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            if ((line[x] & 0xFFFFFF) != 0xFFFFFF)
                box |= QRect(x, y, 1, 1);
        }
    }
    return box;
}

struct Fixture {
    Document document;
    DiagramScene scene{&document};
    explicit Fixture(const char *pattern) { document.replaceDesign(*makePattern(s(pattern))); }
    ComponentId id(const char *name) const
    {
        const Component *c = document.design().componentByName(s(name));
        return c ? c->id : InvalidId;
    }
};

} // namespace

class TestDiagramExport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString out(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(s("tst_ui_diagramexport")); }
    void init() { test::resetGuiTestState(); }

    void formatsBySuffix()
    {
        QCOMPARE(diagramFormatForPath(s("a/b.SVG")), DiagramFormat::Svg);
        QCOMPARE(diagramFormatForPath(s("b.png")), DiagramFormat::Png);
        QCOMPARE(diagramFormatForPath(s("c.Pdf")), DiagramFormat::Pdf);
        QVERIFY(!diagramFormatForPath(s("d.jpg")));
        QVERIFY(!diagramFormatForPath(s("png")));
    }

    void pngSizeIsDiagramSizeTimesScale()
    {
        Fixture f("sns-fanout");
        DiagramExportOptions options;
        const QSizeF size = diagramSize(f.scene, options);
        QVERIFY(size.width() > 400 && size.height() > 200);
        for (double scale : {1.0, 2.0, 1.5}) {
            options.scale = scale;
            const QString path = out(s("scale-%1.png").arg(scale));
            QString error;
            QVERIFY2(exportDiagram(f.scene, path, options, &error), qPrintable(error));
            const QImage image(path);
            QCOMPARE(image.size(),
                     QSize(qCeil(size.width() * scale), qCeil(size.height() * scale)));
        }
    }

    void editorStateNeverReachesTheFile()
    {
        // A plain export of a fresh scene ...
        Fixture plain("sqs-lambda");
        QString error;
        QVERIFY(exportDiagram(plain.scene, out(s("plain.png")), {}, &error));
        // ... equals one made while everything is selected on a dark-themed canvas.
        Fixture busy("sqs-lambda");
        busy.scene.setPalette(darkPalette());
        busy.scene.selectAll();
        const QList<ComponentId> selected = busy.scene.selectedComponents();
        QSignalSpy selectionSignals(&busy.scene, &DiagramScene::selectionIdsChanged);
        QVERIFY2(exportDiagram(busy.scene, out(s("busy.png")), {}, &error), qPrintable(error));
        QCOMPARE(QImage(out(s("busy.png"))), QImage(out(s("plain.png"))));
        // The live scene is as it was: same selection, no selection signals, same palette.
        QCOMPARE(busy.scene.selectedComponents(), selected);
        QCOMPARE(selectionSignals.count(), 0);
        QCOMPARE(busy.scene.palette().base().color(), darkPalette().base().color());
        // The picture is light whatever the theme: its corner is the white sheet.
        QCOMPARE(QImage(out(s("plain.png"))).pixelColor(0, 0), QColor(Qt::white));
    }

    void optionsShapeTheContent()
    {
        Fixture f("sqs-lambda");
        const QString title = f.document.design().name;
        QString error;
        QVERIFY(exportDiagram(f.scene, out(s("all.svg")), {}, &error));
        const QStringList all = svgTexts(out(s("all.svg")));
        QVERIFY2(all.contains(title) && all.contains(s("Lambda function")),
                 qPrintable(all.join(u'|')));

        DiagramExportOptions bare;
        bare.titleBlock = false;
        bare.legend = false;
        QVERIFY(exportDiagram(f.scene, out(s("bare.svg")), bare, &error));
        const QStringList texts = svgTexts(out(s("bare.svg")));
        QVERIFY(!texts.contains(title));
        QVERIFY(!texts.contains(s("Lambda function")));
        QVERIFY(texts.contains(s("job-worker")));
        QVERIFY(diagramSize(f.scene, bare).height() < diagramSize(f.scene, {}).height());

        DiagramExportOptions named;
        named.title = s("Payments v2");
        named.date = QDate(2024, 5, 31);
        QVERIFY(exportDiagram(f.scene, out(s("named.svg")), named, &error));
        const QStringList namedTexts = svgTexts(out(s("named.svg")));
        QVERIFY(namedTexts.contains(s("Payments v2")));
        QVERIFY(namedTexts.contains(s("2024-05-31")));

        // Selection only: the chosen blocks, not the others; a smaller sheet.
        f.scene.selectItems({f.id("jobs-queue"), f.id("job-worker")});
        DiagramExportOptions partial;
        partial.selectionOnly = true;
        partial.legend = false;
        QVERIFY(exportDiagram(f.scene, out(s("part.svg")), partial, &error));
        const QStringList part = svgTexts(out(s("part.svg")));
        QVERIFY(part.contains(s("jobs-queue")) && part.contains(s("job-worker")));
        QVERIFY(!part.contains(s("jobs-traffic")) && !part.contains(s("jobs-dlq")));
        QVERIFY(diagramSize(f.scene, partial).width() < diagramSize(f.scene, bare).width());
    }

    // A name too long for the block even condensed is drawn whole, on one line, as a caption
    // under the block, inside the picture: not cut at the block's edge nor at the sheet's.
    void aNameTooLongForTheBlockIsAWholeCaption()
    {
        Fixture f("sqs-lambda");
        const QString name =
            s("nightly-reconciliation-worker-for-the-eu-central-and-west-regions-v2");
        const ComponentId worker = f.id("job-worker");
        QVERIFY(f.document.renameComponent(worker, name));
        f.scene.selectItems({worker});
        DiagramExportOptions alone;
        alone.selectionOnly = true;
        alone.legend = false;
        alone.titleBlock = false;
        QString error;
        QVERIFY2(exportDiagram(f.scene, out(s("long.svg")), alone, &error), qPrintable(error));
        QVERIFY2(svgTexts(out(s("long.svg"))).contains(name),
                 qPrintable(svgTexts(out(s("long.svg"))).join(u'|')));
        QVERIFY2(exportDiagram(f.scene, out(s("long.png")), alone, &error), qPrintable(error));
        const QImage image(out(s("long.png")));
        const QRect ink = inkBox(image);
        // The caption (about 500 units of bold 12 px text) is far wider than the block (160),
        // and the sheet's white margin stays on every side of it.
        QVERIFY2(ink.width() > 2.5 * BlockItem::bodyRect().width(),
                 qPrintable(s("ink %1 px wide").arg(ink.width())));
        QVERIFY2(ink.left() > 0 && ink.top() > 0 && ink.right() < image.width() - 1
                     && ink.bottom() < image.height() - 1,
                 qPrintable(s("ink touches the edge of a %1x%2 picture")
                                .arg(image.width())
                                .arg(image.height())));
        // Taller than the block alone: the caption sits below it.
        QVERIFY(ink.height() > BlockItem::bodyRect().height() + 10);
    }

    void liveBadgesOnlyWhenAsked()
    {
        Fixture f("sqs-lambda");
        BlockOverlay overlay;
        overlay.topBadge = s("87 conc");
        overlay.severity = BlockOverlay::Severity::Warning;
        f.scene.setBlockOverlay(f.id("job-worker"), overlay);
        QString error;
        QVERIFY(exportDiagram(f.scene, out(s("quiet.svg")), {}, &error));
        QVERIFY(!svgTexts(out(s("quiet.svg"))).contains(s("87 conc")));
        DiagramExportOptions live;
        live.liveBadges = true;
        QVERIFY(exportDiagram(f.scene, out(s("live.svg")), live, &error));
        QVERIFY(svgTexts(out(s("live.svg"))).contains(s("87 conc")));
    }

    void paintDiagramFitsAndCentres()
    {
        Fixture f("api-lambda"); // a wide design: one row of four blocks
        QImage image(1000, 1000, QImage::Format_RGB32);
        image.fill(Qt::white);
        const QRect target(100, 100, 800, 800);
        {
            QPainter painter(&image);
            paintDiagram(painter, target, f.scene, {});
        }
        const QRect ink = inkBox(image);
        QVERIFY2(
            target.contains(ink),
            qPrintable(
                s("%1 %2 %3 %4").arg(ink.x()).arg(ink.y()).arg(ink.width()).arg(ink.height())));
        const QSizeF size = diagramSize(f.scene, {});
        const double scale = 800.0 / size.width(); // the width limits a wide diagram
        // Centred vertically (the ink's middle within a few pixels of the target's) and the
        // height used is the diagram's height at that scale, give or take the sheet margins.
        QVERIFY(qAbs(ink.center().y() - target.center().y()) < 0.05 * size.height() * scale + 3);
        QVERIFY(ink.height() <= size.height() * scale + 1);
        QVERIFY(ink.width() > 0.9 * 800);
    }

    void smallPaintKeepsTheText()
    {
        // Drawn at a quarter size (as a report page does), the names stay text: exports never
        // fall back to the canvas's simplified far-zoom drawing.
        Fixture f("sns-fanout");
        const QSizeF size = diagramSize(f.scene, {});
        const QString path = out(s("small.svg"));
        {
            QSvgGenerator generator;
            generator.setFileName(path);
            generator.setSize(QSize(qCeil(size.width() / 4), qCeil(size.height() / 4)));
            QPainter painter(&generator);
            paintDiagram(painter, QRectF(QPointF(), size / 4), f.scene, {});
        }
        const QStringList texts = svgTexts(path);
        for (const Component &c : f.document.design().components)
            QVERIFY2(namedInSvg(texts, c.name), qPrintable(c.name));
        QVERIFY(texts.contains(s("subscription"))); // wire labels too
    }

    void refusalsSayWhyAndKeepFiles()
    {
        Fixture f("sqs-lambda");
        const QString existing = out(s("keep.png"));
        QVERIFY(writeBytes(existing, "previous"));
        QString error;
        QVERIFY(!exportDiagram(f.scene, out(s("d.bmp")), {}, &error));
        QVERIFY2(error.contains(s(".svg, .png, .pdf")), qPrintable(error));
        DiagramExportOptions partial;
        partial.selectionOnly = true; // nothing is selected
        QVERIFY(!exportDiagram(f.scene, existing, partial, &error));
        QVERIFY2(error.contains(s("no block is selected")), qPrintable(error));
        DiagramExportOptions huge;
        huge.scale = 12;
        QVERIFY(!exportDiagram(f.scene, existing, huge, &error));
        QVERIFY2(error.contains(s("1 to 8")), qPrintable(error));
        QVERIFY(!exportDiagram(f.scene, existing + s("/inside.svg"), {}, &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(fileBytes(existing), QByteArray("previous"));
        Fixture empty("sqs-lambda");
        empty.document.replaceDesign(Design());
        QVERIFY(!exportDiagram(empty.scene, out(s("empty.svg")), {}, &error));
        QVERIFY2(error.contains(s("no blocks")), qPrintable(error));
        QVERIFY(!QFile::exists(out(s("empty.svg"))));
    }

    // Found by fuzzing: block coordinates of 1e308 or 2^63 reached QSizeF::toSize() in the SVG
    // export and a signed overflow in the PNG one. A move now stops at the canvas edge, and the
    // exports draw the whole extent or say why not.
    void farBlocksStopAtTheCanvasEdgeAndExport()
    {
        Fixture f("sqs-lambda");
        const ComponentId queue = f.id("jobs-queue");
        const ComponentId worker = f.id("job-worker");
        f.document.moveComponents(
            {{queue, QPointF(1e308, -std::ldexp(1.0, 63))}, {worker, QPointF(qQNaN(), -1e308)}});
        QCOMPARE(f.document.design().component(queue)->position, QPointF(1e7, -1e7));
        QCOMPARE(f.document.design().component(worker)->position, QPointF(0, -1e7));
        const QSizeF size = diagramSize(f.scene, {});
        QVERIFY2(size.width() >= 1e7 && size.width() < 1.1e7,
                 qPrintable(QString::number(size.width())));
        QString error;
        QVERIFY2(exportDiagram(f.scene, out(s("far.svg")), {}, &error), qPrintable(error));
        QVERIFY2(exportDiagram(f.scene, out(s("far.pdf")), {}, &error), qPrintable(error));
        QVERIFY(!exportDiagram(f.scene, out(s("far.png")), {}, &error));
        QVERIFY2(error.contains(s("choose a smaller scale or export SVG or PDF")),
                 qPrintable(error));
        QVERIFY(!QFile::exists(out(s("far.png"))));
    }
};

QTEST_MAIN(TestDiagramExport)
#include "diagramexport.moc"
