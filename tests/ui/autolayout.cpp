// Auto-layout on the canvas, on every bundled pattern and on a generated 40-block design with
// four independent flows: after Graphviz's layout no block overlaps another, no routed wire
// crosses a block, no label overlaps a block, another label or another wire, and the wires
// cross each other no more often than under the built-in column layout (the counts are printed:
// "crossings: column N, graphviz M").

#include "../layoutfixtures.h"
#include "model/document.h"
#include "model/layout.h"
#include "model/patterns.h"
#include "ui/canvas/blockitem.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/labellayout.h"
#include "ui/canvas/wireitem.h"
#include "ui/canvas/wirerouter.h"

#include <QTest>

using namespace swb;

namespace {

struct Figures {
    int crossings = 0;
    int blockOverlaps = 0;
    QStringList wiresThroughBlocks;
    QStringList labelClashes;
};

QString nameOf(const Design &design, ComponentId id)
{
    const Component *c = design.component(id);
    return c ? c->name : QString::number(id);
}

Figures measure(const Document &doc, const DiagramScene &scene)
{
    Figures f;
    const Design &design = doc.design();
    QList<const WireItem *> wires;
    for (const Connection &c : design.connections)
        wires.append(scene.wireItem(c.id));
    const QList<QRectF> blocks = scene.blockRects();
    for (int i = 0; i < blocks.size(); ++i) {
        for (int j = i + 1; j < blocks.size(); ++j)
            f.blockOverlaps += blocks[i].intersects(blocks[j]);
    }
    for (int i = 0; i < wires.size(); ++i) {
        for (int j = i + 1; j < wires.size(); ++j)
            f.crossings +=
                wirerouting::crossings(wires[i]->drawnPolyline(), wires[j]->drawnPolyline());
    }
    for (const WireItem *wire : std::as_const(wires)) {
        const QList<QPointF> points = wire->drawnPolyline();
        const QString name =
            QStringLiteral("%1 -> %2")
                .arg(nameOf(design, wire->sourceId()), nameOf(design, wire->targetId()));
        for (const Component &c : design.components) {
            const QRectF body = scene.blockItem(c.id)->mapRectToScene(BlockItem::bodyRect());
            for (int i = 0; i + 1 < points.size(); ++i) {
                if (wirerouting::segmentCrosses(points.at(i), points.at(i + 1), body)) {
                    f.wiresThroughBlocks.append(name + QStringLiteral(" crosses ") + c.name);
                    break;
                }
            }
        }
        QList<QRectF> otherLabels;
        for (const WireItem *other : std::as_const(wires)) {
            if (other != wire)
                otherLabels.append(other->labelRect());
        }
        const LabelClashes clash =
            labelClashes(wire->labelRect(), wire, blocks, otherLabels, wires);
        if (!clash.isClear())
            f.labelClashes.append(QStringLiteral("label of %1 overlaps %2 block(s), %3 label(s), "
                                                 "%4 wire(s)")
                                      .arg(name)
                                      .arg(clash.blocks)
                                      .arg(clash.labels)
                                      .arg(clash.wires));
    }
    return f;
}

Figures arrange(Document &doc, DiagramScene &scene, const QHash<ComponentId, QPointF> &positions)
{
    doc.moveComponents(positions);
    QCoreApplication::processEvents(); // the scene re-routes and places labels once, coalesced
    return measure(doc, scene);
}

} // namespace

class TestAutoLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void layoutIsClean_data()
    {
        QTest::addColumn<QString>("design");
        for (const QString &id : patternIds())
            QTest::newRow(qPrintable(id)) << id;
        QTest::newRow("forty-blocks") << QStringLiteral("forty-blocks");
    }

    void layoutIsClean()
    {
        QFETCH(QString, design);
        Document doc;
        if (design == QLatin1String("forty-blocks")) {
            testing::buildFortyBlocks(&doc);
        } else {
            const std::optional<Design> pattern = makePattern(design);
            QVERIFY(pattern);
            doc.replaceDesign(*pattern);
        }
        DiagramScene scene(&doc);
        const Figures before = arrange(doc, scene, columnLayout(doc.design()));
        QString error;
        const QHash<ComponentId, QPointF> positions = autoLayout(doc.design(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const Figures after = arrange(doc, scene, positions);
        qInfo("%s: %lld blocks, %lld wires; crossings: column %d, graphviz %d", qPrintable(design),
              qlonglong(doc.design().components.size()), qlonglong(doc.design().connections.size()),
              before.crossings, after.crossings);
        QCOMPARE(after.blockOverlaps, 0);
        QVERIFY2(after.wiresThroughBlocks.isEmpty(),
                 qPrintable(after.wiresThroughBlocks.join(QStringLiteral("; "))));
        QVERIFY2(after.labelClashes.isEmpty(),
                 qPrintable(after.labelClashes.join(QStringLiteral("; "))));
        QVERIFY2(after.crossings <= before.crossings,
                 qPrintable(QStringLiteral("%1 crossings after the layout, %2 before")
                                .arg(after.crossings)
                                .arg(before.crossings)));
    }

    void routesAvoidABlockInTheWay()
    {
        // Three blocks in a row, a wire from the first to the third: the straight route would
        // cut through the middle one; the router goes round it.
        Document doc;
        const ComponentId a =
            doc.addComponent(ComponentKind::Lambda, QPointF(0, 0), QStringLiteral("a"));
        const ComponentId b =
            doc.addComponent(ComponentKind::Lambda, QPointF(280, 0), QStringLiteral("b"));
        const ComponentId c =
            doc.addComponent(ComponentKind::Lambda, QPointF(560, 0), QStringLiteral("c"));
        QVERIFY(doc.connectComponents(a, c, ConnectionKind::SyncInvoke) != InvalidId);
        DiagramScene scene(&doc);
        QCoreApplication::processEvents();
        const Figures f = measure(doc, scene);
        QVERIFY2(f.wiresThroughBlocks.isEmpty(),
                 qPrintable(f.wiresThroughBlocks.join(QStringLiteral("; "))));
        QVERIFY(scene.wireItem(doc.design().connections.firstKey())->routePoints().size() > 2);
        Q_UNUSED(b);
    }
};

QTEST_MAIN(TestAutoLayout)
#include "autolayout.moc"
