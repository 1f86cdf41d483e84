// Block names on the canvas are shown whole: one line when they fit, else two lines broken at a
// word (a separator or a camelCase boundary) at the largest size that fits, shrinking to 10 px;
// only a name too long for that is elided, whole in the block's tool tip. Also: every bundled
// pattern opens with its wire labels clear of the blocks.
#include "canvasfixture.h"

#include "model/patterns.h"
#include "ui/canvas/blockname.h"
#include "ui/canvas/canvasmetrics.h"
#include "ui/canvas/labellayout.h"
#include "ui/canvas/wireitem.h"

#include <QFontMetricsF>
#include <QtTest>

using namespace swb;

namespace {

constexpr qreal kTextWidth = 102; // the block's text column (blockitem.cpp: 160 - 50 - 8)

QString withoutSpaces(QString text)
{
    return text.remove(QLatin1Char(' '));
}

} // namespace

class TestBlockNames : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyNameFitsWhole_data()
    {
        QTest::addColumn<QString>("name");
        for (ComponentKind kind : allComponentKinds())
            QTest::newRow(qPrintable(componentKindName(kind))) << componentKindName(kind);
        for (const char *name :
             {"notify-customer-dlq", "OrderProcessingFunction", "orders-fanout-topic-prod",
              "payment-events-stream", "checkout_api_gateway", "image-resize-worker-v2",
              "InventoryReservationStateMachine"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }
    void everyNameFitsWhole()
    {
        QFETCH(QString, name);
        test::CanvasFixture f;
        const ComponentId id = f.add(ComponentKind::Lambda, {0, 0}, name);
        const BlockItem *block = f.scene->blockItem(id);
        const QStringList lines = block->nameLines();
        QVERIFY(lines.size() == 1 || lines.size() == 2);
        // Whole: the lines read the name, nothing elided.
        QCOMPARE(withoutSpaces(lines.join(QString())), withoutSpaces(name));
        const canvas::BlockNameLayout layout = canvas::layoutBlockName(name, kTextWidth);
        QVERIFY(!layout.elided);
        QCOMPARE(layout.lines, lines);
        QVERIFY(layout.pixelSize >= canvas::kNameMinPx);
        const QFontMetricsF metrics(canvas::blockFont(layout.pixelSize, true));
        for (const QString &line : lines)
            QVERIFY2(metrics.horizontalAdvance(line) <= kTextWidth, qPrintable(line));
    }

    void wordsStayTogether()
    {
        // The default name of a state machine breaks between words, never inside one.
        const canvas::BlockNameLayout sfn =
            canvas::layoutBlockName(QStringLiteral("Step Functions state machine"), kTextWidth);
        QCOMPARE(sfn.lines.size(), 2);
        for (const QString &line : sfn.lines) {
            QVERIFY2(!line.endsWith(QLatin1String("st")) && !line.startsWith(QLatin1String("ate")),
                     qPrintable(sfn.lines.join(QLatin1Char('|'))));
        }
        const canvas::BlockNameLayout camel =
            canvas::layoutBlockName(QStringLiteral("OrderProcessingFunction"), kTextWidth);
        QCOMPARE(camel.lines.size(), 2);
        QVERIFY2(camel.lines.first() == QLatin1String("OrderProcessing")
                     || camel.lines.first() == QLatin1String("Order"),
                 qPrintable(camel.lines.join(QLatin1Char('|'))));
    }

    void aSlightlyLongNameStaysOnOneLine()
    {
        // Shrunk a size or two rather than broken after its prefix ("f2-" over "aggregator").
        const QString name = QStringLiteral("f2-aggregator");
        QVERIFY(QFontMetricsF(canvas::blockFont(canvas::kNamePx, true)).horizontalAdvance(name)
                > kTextWidth);
        const canvas::BlockNameLayout layout = canvas::layoutBlockName(name, kTextWidth);
        QCOMPARE(layout.lines, QStringList{name});
        QVERIFY(layout.pixelSize >= canvas::kOneLineMinPx && layout.pixelSize < canvas::kNamePx);
    }

    void onlyAnOverlongNameIsElided()
    {
        test::CanvasFixture f;
        const QString name = QStringLiteral(
            "this-is-a-very-long-function-name-that-no-block-could-ever-hold-on-two-lines");
        const ComponentId id = f.add(ComponentKind::Lambda, {0, 0}, name);
        const BlockItem *block = f.scene->blockItem(id);
        const canvas::BlockNameLayout layout = canvas::layoutBlockName(name, kTextWidth);
        QVERIFY(layout.elided);
        QCOMPARE(block->nameLines().size(), 2);
        QVERIFY(block->nameLines().last().endsWith(QChar(0x2026)));
        QVERIFY(block->toolTip().contains(name));
    }

    void patternsOpenWithLabelsClearOfBlocks()
    {
        for (const QString &pattern : patternIds()) {
            test::CanvasFixture f;
            f.document->replaceDesign(*makePattern(pattern));
            QCoreApplication::processEvents(); // the scene places labels after a change
            QList<QRectF> blocks = f.scene->blockRects();
            for (QGraphicsItem *item : f.scene->items()) {
                if (item->type() != WireItem::Type)
                    continue;
                auto *wire = static_cast<WireItem *>(item);
                const LabelClashes clashes = labelClashes(wire->labelRect(), wire, blocks, {}, {});
                QVERIFY2(clashes.blocks == 0,
                         qPrintable(QStringLiteral("%1: label '%2' touches a block")
                                        .arg(pattern, wire->label())));
            }
        }
    }
};

QTEST_MAIN(TestBlockNames)
#include "blocknames.moc"
