// Diagram export (ui/export/diagramexport.h) in-process and through File > Export > Diagram...:
// PNG sizes equal diagramSize x scale, the editor's decorations and theme never reach the file
// and the live scene is left as it was, selection-only / legend / title / live-badge options,
// paintDiagram fits and centres, refusals leave existing files, and the menu flow with real
// clicks in the options dialog. Outputs are read back with QImage and QXmlStreamReader.
// Set SWB_DIAGRAM_SHOTS=/some/dir to also write the options dialog's screenshot.

#include "mainwindowtestutil.h"

#include "../diagramtestutil.h"

#include "model/document.h"
#include "model/patterns.h"
#include "ui/canvas/diagramscene.h"
#include "ui/export/diagramexport.h"
#include "ui/fileactions.h"
#include "ui/mainwindow.h"
#include "ui/canvas/blockitem.h"
#include "ui/playback/framestore.h"
#include "ui/playback/liveoverlay.h"
#include "sim/simcontroller.h"
#include "ui/playback/playbacksession.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
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

    void menuActionWithTheOptionsDialog()
    {
        MainWindow w;
        auto prompter = std::make_unique<test::ScriptedPrompter>();
        test::ScriptedPrompter *script = prompter.get();
        w.setPrompter(std::move(prompter));
        QVERIFY(w.files()->newFromPattern(s("sqs-lambda")));
        QAction *action = w.action(s("actionExportDiagram"));
        QVERIFY(action);
        QVERIFY(w.findChild<QMenu *>(s("menuExport"))->actions().contains(action));
        const QString path = out(s("menu.png"));
        script->savePath = path;

        bool seen = false;
        bool selectionEnabled = true;
        bool badgesEnabled = true;
        test::whenModalAppears(
            [](QWidget *modal) { return modal->objectName() == s("diagramExportDialog"); },
            [&](QWidget *dialog) {
                selectionEnabled =
                    dialog->findChild<QCheckBox *>(s("selectionOnlyCheck"))->isEnabled();
                badgesEnabled = dialog->findChild<QCheckBox *>(s("liveBadgesCheck"))->isEnabled();
                auto *transparent = dialog->findChild<QCheckBox *>(s("transparentCheck"));
                QTest::mouseClick(transparent, Qt::LeftButton);
                auto *legend = dialog->findChild<QCheckBox *>(s("legendCheck"));
                QTest::mouseClick(legend, Qt::LeftButton);
                auto *scale = dialog->findChild<QDoubleSpinBox *>(s("scaleSpin"));
                scale->setFocus();
                QTest::keyClick(scale, Qt::Key_A, Qt::ControlModifier);
                QTest::keyClicks(scale, s("3"));
                if (qEnvironmentVariableIsSet("SWB_DIAGRAM_SHOTS"))
                    dialog->grab().save(QDir(qEnvironmentVariable("SWB_DIAGRAM_SHOTS"))
                                            .filePath(s("diagram-export-dialog.png")));
                auto *buttons = dialog->findChild<QDialogButtonBox *>(s("buttonBox"));
                QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
            },
            &seen);
        action->trigger();
        QVERIFY(seen);
        QVERIFY2(script->errors.isEmpty(), qPrintable(script->errors.join(u'\n')));
        QVERIFY(!selectionEnabled); // nothing selected
        QVERIFY(!badgesEnabled);    // no run loaded
        const QImage image(path);
        QVERIFY(!image.isNull());
        DiagramExportOptions chosen;
        chosen.legend = false;
        const QSizeF size = diagramSize(*w.scene(), chosen);
        QCOMPARE(image.size(), QSize(qCeil(size.width() * 3), qCeil(size.height() * 3)));
        QCOMPARE(image.pixelColor(0, 0).alpha(), 0);
        QVERIFY2(w.statusBar()->currentMessage().contains(s("menu.png")),
                 qPrintable(w.statusBar()->currentMessage()));

        // Cancel writes nothing; a name without a known ending is refused before the dialog.
        script->savePath = out(s("cancelled.svg"));
        seen = false;
        test::whenModalAppears(
            [](QWidget *modal) { return modal->objectName() == s("diagramExportDialog"); },
            [](QWidget *dialog) {
                auto *buttons = dialog->findChild<QDialogButtonBox *>(s("buttonBox"));
                QTest::mouseClick(buttons->button(QDialogButtonBox::Cancel), Qt::LeftButton);
            },
            &seen);
        action->trigger();
        QVERIFY(seen);
        QVERIFY(!QFile::exists(out(s("cancelled.svg"))));
        script->savePath = out(s("diagram.gif"));
        action->trigger();
        QCOMPARE(script->errors.size(), 1);
        QVERIFY2(script->errors.first().contains(s(".svg, .png, .pdf")),
                 qPrintable(script->errors.first()));
        QVERIFY(!QFile::exists(out(s("diagram.gif"))));
    }

    void liveBadgesFromALoadedRun()
    {
        MainWindow w;
        auto prompter = std::make_unique<test::ScriptedPrompter>();
        test::ScriptedPrompter *script = prompter.get();
        w.setPrompter(std::move(prompter));
        QVERIFY(w.files()->newFromPattern(s("sqs-lambda")));
        // A few one-second bins of the run, paused: the canvas shows their badges.
        for (int i = 1; i <= 3; ++i) {
            w.playback()->step();
            QTRY_COMPARE(w.frameStore()->frameCount(), qint64(i));
        }
        QTRY_COMPARE(w.playback()->controller()->state(), SimController::State::Paused);
        // The overlay coalesces refreshes on a timer: flush it so the badges are final.
        w.playback()->liveOverlay()->refreshNow();
        const ComponentId worker = w.document()->design().componentByName(s("job-worker"))->id;
        QVERIFY(!w.scene()->blockItem(worker)->overlay().topBadge.isEmpty());
        const QString badge = w.scene()->blockItem(worker)->overlay().topBadge;

        script->savePath = out(s("run.svg"));
        bool seen = false;
        bool badgesEnabled = false;
        test::whenModalAppears(
            [](QWidget *modal) { return modal->objectName() == s("diagramExportDialog"); },
            [&](QWidget *dialog) {
                auto *badges = dialog->findChild<QCheckBox *>(s("liveBadgesCheck"));
                badgesEnabled = badges->isEnabled();
                QTest::mouseClick(badges, Qt::LeftButton);
                auto *buttons = dialog->findChild<QDialogButtonBox *>(s("buttonBox"));
                QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
            },
            &seen);
        w.action(s("actionExportDiagram"))->trigger();
        QVERIFY(seen);
        QVERIFY(badgesEnabled);
        QVERIFY2(script->errors.isEmpty(), qPrintable(script->errors.join(u'\n')));
        const QStringList texts = svgTexts(out(s("run.svg")));
        QVERIFY2(texts.contains(badge), qPrintable(badge + s(" not in ") + texts.join(u'|')));
        if (qEnvironmentVariableIsSet("SWB_DIAGRAM_SHOTS")) {
            DiagramExportOptions live;
            live.liveBadges = true;
            live.scale = 2;
            exportDiagram(*w.scene(),
                          QDir(qEnvironmentVariable("SWB_DIAGRAM_SHOTS")).filePath(s("badges.png")),
                          live, nullptr);
        }
        w.playback()->reset();
        w.document()->markSaved();
    }
};

QTEST_MAIN(TestDiagramExport)
#include "diagramexport.moc"
