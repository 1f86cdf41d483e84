// swb export diagram through the built binary, every output read back with a reader that is not
// the project's writer: SVG with QXmlStreamReader, PNG with QImage, PDF with poppler's pdfinfo
// and pdftotext. Refusals exit 2 (arguments) or 3 (files) with a message and leave an existing
// file as it was.

#include "clitestutil.h"

#include "../diagramtestutil.h"

#include "model/layout.h"
#include "model/patterns.h"

#include <QDir>
#include <QImage>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

#include <cmath>
#include <iterator>

using namespace swb;
using namespace swb::test;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

} // namespace

class TestExportDiagram : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_design; // sqs-lambda: four blocks on three columns, wider than tall
    Design m_model;

    QString out(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_design = out(s("design.swb"));
        QVERIFY(saveDesignFile(m_design, *makePattern(s("sqs-lambda"))));
        QVERIFY(loadDesignFile(m_design, &m_model));
        QVERIFY2(haveTool("pdfinfo") && haveTool("pdftotext"),
                 "pdfinfo/pdftotext missing: install poppler-utils (packaging/setup.sh does)");
    }

    void svgKeepsEveryNameAsText()
    {
        const QString svg = out(s("d.svg"));
        const SwbResult r = runSwb({s("export"), s("diagram"), m_design, svg});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QStringList texts = svgTexts(svg);
        QVERIFY2(!texts.contains(s("<bad xml>")), "the SVG is not well-formed XML");
        for (const Component &c : m_model.components)
            QVERIFY2(namedInSvg(texts, c.name),
                     qPrintable(c.name + s(" not in ") + texts.join(u'|')));
        // Legend (the kinds present) and the default title (the design's name).
        for (const char *kind : {"Traffic source", "SQS queue", "Lambda function"})
            QVERIFY2(texts.contains(s(kind)), kind);
        QVERIFY(texts.contains(m_model.name));
        QVERIFY(!texts.contains(s("Kinesis stream"))); // absent kinds stay out of the legend
        // Vector throughout: the block icons are paths, not embedded bitmaps.
        QVERIFY(!fileBytes(svg).contains("<image"));
    }

    void everyBundledPatternNamesAllItsBlocks()
    {
        for (const QString &id : patternIds()) {
            const QString design = out(id + s(".swb"));
            QVERIFY(saveDesignFile(design, *makePattern(id)));
            const QString svg = out(id + s(".svg"));
            const SwbResult r = runSwb({s("export"), s("diagram"), design, svg});
            QVERIFY2(r.code == 0, qPrintable(id + s(": ") + r.err));
            const QStringList texts = svgTexts(svg);
            Design model;
            QVERIFY(loadDesignFile(design, &model));
            for (const Component &c : model.components)
                QVERIFY2(namedInSvg(texts, c.name), qPrintable(id + s(": ") + c.name));
        }
    }

    void worksWithoutADisplay()
    {
        // No platform chosen and no display at all: swb picks the offscreen platform itself.
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
            env.remove(s(name));
        process.setProcessEnvironment(env);
        const QString png = out(s("headless.png"));
        process.start(s(SWB_CLI_PATH), {s("export"), s("diagram"), m_design, png});
        QVERIFY(process.waitForFinished(60000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        QVERIFY(!QImage(png).isNull());
    }

    void pngSizeFollowsTheScaleAndBackground()
    {
        const QString one = out(s("one.png"));
        const QString two = out(s("two.png"));
        const QString clear = out(s("clear.png"));
        SwbResult r = runSwb({s("export"), s("diagram"), m_design, one});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QImage image1(one);
        QVERIFY(!image1.isNull());
        // The message states the size the file has.
        QVERIFY2(r.out.contains(s("%1 x %2 px").arg(image1.width()).arg(image1.height())),
                 qPrintable(r.out));
        // At scale 1 a pixel is a scene unit: the picture spans every block.
        qreal minX = 1e9, maxX = -1e9;
        for (const Component &c : m_model.components) {
            minX = qMin(minX, c.position.x());
            maxX = qMax(maxX, c.position.x() + kBlockSize.width());
        }
        QVERIFY2(image1.width() >= maxX - minX, qPrintable(QString::number(image1.width())));

        r = runSwb({s("export"), s("diagram"), m_design, two, s("--scale"), s("2")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QImage image2(two);
        QCOMPARE(image2.size(), image1.size() * 2);
        QCOMPARE(image2.pixelColor(0, 0), QColor(Qt::white));

        r = runSwb({s("export"), s("diagram"), m_design, clear, s("--transparent")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QImage transparent(clear);
        QCOMPARE(transparent.size(), image1.size());
        QCOMPARE(transparent.pixelColor(0, 0).alpha(), 0);
        QCOMPARE(image1.pixelColor(0, 0), QColor(Qt::white));
    }

    void pdfIsOneLandscapePageWithTheText()
    {
        const QString pdf = out(s("d.pdf"));
        const SwbResult r = runSwb({s("export"), s("diagram"), m_design, pdf, s("--title"),
                                    s("Payments v2"), s("--date"), s("2024-05-31")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(pdfPageCount(pdf), 1);
        const QSizeF page = pdfPageSize(pdf);
        QVERIFY(!page.isEmpty());
        QVERIFY2(page.width() > page.height(), "a wide diagram gets a landscape page");
        const QString text = pdfPlainText(pdf);
        for (const Component &c : m_model.components)
            QVERIFY2(text.contains(c.name), qPrintable(c.name + s(" not in: ") + text));
        QVERIFY2(text.contains(s("Payments v2")), qPrintable(text));
        // Vector: pdfimages lists no bitmap (only its two header lines).
        const QString images = QString::fromUtf8(runTool(s("pdfimages"), {s("-list"), pdf}));
        QCOMPARE(images.trimmed().split(u'\n').size(), 2);
        QVERIFY2(text.contains(s("2024-05-31")), qPrintable(text));
    }

    // What other tools read: the PNG's resolution grows with --scale so it prints at the same
    // size; the SVG's physical size matches its viewBox at 96 dpi and names CSS font families.
    void exportMetadataForOtherTools()
    {
        for (int scale : {1, 2, 4}) {
            const QString png = out(s("dpi%1.png").arg(scale));
            const SwbResult r = runSwb(
                {s("export"), s("diagram"), m_design, png, s("--scale"), QString::number(scale)});
            QVERIFY2(r.code == 0, qPrintable(r.err));
            const QImage image(png);
            const double dpi = image.dotsPerMeterX() * 0.0254;
            QVERIFY2(std::abs(dpi - 96.0 * scale) < 0.5, qPrintable(QString::number(dpi)));
            QCOMPARE(image.dotsPerMeterY(), image.dotsPerMeterX());
        }
        const QString svg = out(s("meta.svg"));
        QVERIFY(runSwb({s("export"), s("diagram"), m_design, svg}).code == 0);
        QXmlStreamReader xml(fileBytes(svg));
        while (!xml.atEnd() && !(xml.readNext() == QXmlStreamReader::StartElement))
            ;
        QCOMPARE(xml.name().toString(), s("svg"));
        const auto attr = [&xml](const char *name) {
            return xml.attributes().value(QLatin1String(name)).toString();
        };
        QVERIFY2(attr("width").endsWith(s("mm")), qPrintable(attr("width")));
        const double widthMm = attr("width").chopped(2).toDouble();
        const double heightMm = attr("height").chopped(2).toDouble();
        const QStringList box = attr("viewBox").split(u' ');
        QCOMPARE(box.size(), 4);
        QVERIFY2(std::abs(widthMm - box.at(2).toDouble() * 25.4 / 96) < 0.5,
                 qPrintable(attr("width") + s(" vs viewBox ") + attr("viewBox")));
        QVERIFY(std::abs(heightMm - box.at(3).toDouble() * 25.4 / 96) < 0.5);
        const QString text = QString::fromUtf8(fileBytes(svg));
        QVERIFY(!text.contains(s("font-family=\"Sans Serif\"")));
        static const QRegularExpression family(s("font-family=\"([^\"]*)\""));
        int families = 0;
        for (auto it = family.globalMatch(text); it.hasNext(); ++families) {
            const QString value = it.next().captured(1);
            QVERIFY2(value.endsWith(s("sans-serif")) || value.endsWith(s("serif"))
                         || value.endsWith(s("monospace")),
                     qPrintable(value));
        }
        QVERIFY(families > 0);
    }

    // pdftotext finds every block name whole (hyphenated ones too, not split over two lines)
    // and plain words without ligature characters, for every bundled pattern.
    void pdfTextFindsEveryNameWhole()
    {
        for (const QString &id : patternIds()) {
            Design model = *makePattern(id);
            // A long hyphenated name that needs more than the block's line.
            model.components.begin()->name = s("notify-customer-escalation-dlq");
            // One too long for the block even condensed: a caption under it, still one line.
            std::next(model.components.begin())->name =
                s("nightly-reconciliation-worker-for-the-eu-central-and-west-regions-v2");
            const QString design = out(id + s("-long.swb"));
            QVERIFY(saveDesignFile(design, model));
            const QString pdf = out(id + s(".pdf"));
            const SwbResult r = runSwb({s("export"), s("diagram"), design, pdf});
            QVERIFY2(r.code == 0, qPrintable(r.err));
            const QString text = pdfPlainText(pdf);
            for (const Component &c : model.components)
                QVERIFY2(text.contains(c.name),
                         qPrintable(id + s(": ") + c.name + s(" not in: ") + text));
            for (QChar ch : text)
                QVERIFY2(ch.unicode() < 0xFB00 || ch.unicode() > 0xFB06,
                         qPrintable(id + s(": ligature in ") + text));
        }
        const QString pdf = out(s("api-stepfunctions.pdf"));
        const QString text = pdfPlainText(pdf);
        QVERIFY2(text.contains(s("Traffic source")) && text.contains(s("workflow")),
                 qPrintable(text));
    }

    void selectionLeavesOtherBlocksOutAndATallOneIsPortrait()
    {
        // sns-fanout's right-hand column: three blocks stacked, nothing else.
        const QString fanout = out(s("fanout.swb"));
        QVERIFY(saveDesignFile(fanout, *makePattern(s("sns-fanout"))));
        const QStringList chosen = {s("billing-worker"), s("notify-customer-dlq"),
                                    s("billing-dlq")};
        const QString svg = out(s("column.svg"));
        SwbResult r =
            runSwb({s("export"), s("diagram"), fanout, svg, s("--select"), chosen.join(u',')});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QStringList texts = svgTexts(svg);
        QVERIFY(!texts.contains(s("<bad xml>")));
        Design design;
        QVERIFY(loadDesignFile(fanout, &design));
        for (const Component &c : design.components)
            QCOMPARE(namedInSvg(texts, c.name), chosen.contains(c.name));

        const QString pdf = out(s("column.pdf"));
        r = runSwb({s("export"), s("diagram"), fanout, pdf, s("--select"), chosen.join(u','),
                    s("--no-title"), s("--no-legend")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(pdfPageCount(pdf), 1);
        const QSizeF page = pdfPageSize(pdf);
        QVERIFY(!page.isEmpty());
        QVERIFY2(page.width() < page.height(), "a tall diagram gets a portrait page");
        const QString text = pdfPlainText(pdf);
        QVERIFY2(!text.contains(design.name), qPrintable(text));          // --no-title
        QVERIFY2(!text.contains(s("Lambda function")), qPrintable(text)); // --no-legend
    }

    void badArgumentsExitTwoAndTouchNothing()
    {
        const QString existing = out(s("keep.txt"));
        QVERIFY(writeBytes(existing, "previous"));
        const struct {
            QStringList args;
            const char *says;
        } cases[] = {
            {{m_design, existing}, ".svg, .png, .pdf"},
            {{m_design, out(s("a.png")), s("--scale"), s("9")}, "from 1 to 8"},
            {{m_design, out(s("a.png")), s("--scale"), s("big")}, "not a number"},
            {{m_design, out(s("a.svg")), s("--scale"), s("2")}, "PNG only"},
            {{m_design, out(s("a.pdf")), s("--transparent")}, "PNG only"},
            {{m_design, out(s("a.png")), s("--select"), s("nope")}, "job-worker"},
            {{m_design, out(s("a.png")), s("--date"), s("31/05/2024")}, "2024-05-31"},
            {{m_design}, "expects FILE and OUT"},
            {{m_design, out(s("a.png")), s("--bogus")}, "--bogus"},
        };
        for (const auto &c : cases) {
            const SwbResult r = runSwb(QStringList{s("export"), s("diagram")} + c.args);
            QVERIFY2(r.code == 2, qPrintable(c.args.join(u' ') + s(": ") + r.err));
            QVERIFY2(r.err.contains(s(c.says)), qPrintable(r.err));
            QVERIFY2(r.err.contains(s("Usage: swb export")), qPrintable(r.err));
        }
        QCOMPARE(fileBytes(existing), QByteArray("previous"));
        QVERIFY(!QFile::exists(out(s("a.png"))));
        QVERIFY(!QFile::exists(out(s("a.svg"))));
        QVERIFY(!QFile::exists(out(s("a.pdf"))));
    }

    void fileFailuresExitThreeAndLeaveTheOldFile()
    {
        // Unreadable design, and a folder that cannot exist (a file stands in its way).
        SwbResult r = runSwb({s("export"), s("diagram"), out(s("missing.swb")), out(s("x.png"))});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains(s("missing.swb")), qPrintable(r.err));
        const QString blocker = out(s("blocker"));
        QVERIFY(writeBytes(blocker, "a file, not a folder"));
        r = runSwb({s("export"), s("diagram"), m_design, blocker + s("/x.png")});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains(s("Cannot save")), qPrintable(r.err));

        // A failure in the middle of writing: a design so wide that the PNG at scale 8 passes
        // the size limit. The existing picture stays and no temporary file is left behind.
        QTemporaryDir dir;
        Design wide = *makePattern(s("sqs-lambda"));
        wide.components.first().position = QPointF(6000, 0);
        const QString design = dir.filePath(s("wide.swb"));
        QVERIFY(saveDesignFile(design, wide));
        const QString picture = dir.filePath(s("picture.png"));
        QImage old(3, 2, QImage::Format_RGB32);
        old.fill(Qt::red);
        QVERIFY(old.save(picture));
        const QByteArray oldBytes = fileBytes(picture);
        r = runSwb({s("export"), s("diagram"), design, picture, s("--scale"), s("8")});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains(s("smaller scale")), qPrintable(r.err));
        QCOMPARE(fileBytes(picture), oldBytes);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 2);
        // The same design at scale 1 replaces it.
        r = runSwb({s("export"), s("diagram"), design, picture});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(QImage(picture).width() > 6000);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestExportDiagram)
#include "exportdiagram.moc"
