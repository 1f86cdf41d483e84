// Auto-layout through Graphviz's dot, and the built-in column layout (its fallback), on the same
// graphs: a chain stays on one row; ranks follow the longest path; a DLQ goes after and below
// its source; loops are laid out; crossing minimisation reaches the brute-force minimum on a
// small graph where the order of creation does not. Graphviz's alone: independent flows are
// stacked, never interleaved; no overlaps on every bundled pattern and on a 40-block design;
// Layout selection moves only the selection and lands clear of the other blocks; the
// free-space search.

#include "../layoutfixtures.h"
#include "model/document.h"
#include "model/freespace.h"
#include "model/layout.h"
#include "model/patterns.h"

#include <QRectF>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace swb;
using K = ComponentKind;
using C = ConnectionKind;

namespace {

ComponentId add(Document &doc, K kind, const char *name)
{
    return testing::addBlock(doc, kind, name);
}

void wire(Document &doc, ComponentId from, ComponentId to, C kind)
{
    testing::addWire(doc, from, to, kind);
}

// Rank (column) of each block: the index of its x among the distinct x values.
QHash<ComponentId, int> ranks(const QHash<ComponentId, QPointF> &pos)
{
    QList<qreal> xs;
    for (const QPointF &p : pos)
        xs.append(p.x());
    std::sort(xs.begin(), xs.end());
    xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
    QHash<ComponentId, int> rank;
    for (auto it = pos.cbegin(); it != pos.cend(); ++it)
        rank.insert(it.key(), int(xs.indexOf(it.value().x())));
    return rank;
}

int overlaps(const QHash<ComponentId, QPointF> &pos)
{
    const QList<QPointF> points = pos.values();
    int count = 0;
    for (int i = 0; i < points.size(); ++i) {
        for (int j = i + 1; j < points.size(); ++j)
            count += QRectF(points[i], kBlockSize).intersects(QRectF(points[j], kBlockSize));
    }
    return count;
}

using Engine = QHash<ComponentId, QPointF> (*)(const Design &);

QHash<ComponentId, QPointF> graphviz(const Design &design)
{
    QString error;
    QHash<ComponentId, QPointF> pos = autoLayout(design, &error);
    if (!error.isEmpty())
        QTest::qFail(qPrintable(error), __FILE__, __LINE__);
    return pos;
}

void engines()
{
    QTest::addColumn<Engine>("layout");
    QTest::newRow("graphviz") << &graphviz;
    QTest::newRow("columns") << &columnLayout;
}

} // namespace

Q_DECLARE_METATYPE(Engine)

class TestLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyDesign()
    {
        QVERIFY(autoLayout(Design()).isEmpty());
        QVERIFY(columnLayout(Design()).isEmpty());
    }

    void chainIsStraight_data() { engines(); }
    void chainIsStraight()
    {
        QFETCH(Engine, layout);
        Document doc;
        const auto s = add(doc, K::TrafficSource, "s");
        const auto api = add(doc, K::ApiGateway, "api");
        const auto fn = add(doc, K::Lambda, "fn");
        const auto db = add(doc, K::Downstream, "db");
        wire(doc, s, api, C::Traffic);
        wire(doc, api, fn, C::SyncInvoke);
        wire(doc, fn, db, C::SyncInvoke);
        const auto pos = layout(doc.design());
        QCOMPARE(pos.size(), 4);
        QCOMPARE(pos.value(s), kLayoutOrigin);
        const QList<ComponentId> chain{s, api, fn, db};
        for (int i = 1; i < chain.size(); ++i) {
            QCOMPARE(pos.value(chain[i]).y(), pos.value(s).y());
            // The next column, one block width and one layer gap further.
            QCOMPARE(pos.value(chain[i]).x() - pos.value(chain[i - 1]).x(), kColumnPitch);
        }
    }

    void longestPathRanks_data() { engines(); }
    void longestPathRanks()
    {
        QFETCH(Engine, layout);
        Document doc;
        const auto s = add(doc, K::TrafficSource, "s");
        const auto api = add(doc, K::ApiGateway, "api");
        const auto f1 = add(doc, K::Lambda, "f1");
        const auto f2 = add(doc, K::Lambda, "f2");
        wire(doc, s, api, C::Traffic);
        wire(doc, api, f2, C::SyncInvoke);
        wire(doc, api, f1, C::SyncInvoke);
        wire(doc, f1, f2, C::SyncInvoke);
        const auto rank = ranks(layout(doc.design()));
        QCOMPARE(rank.value(s), 0);
        QCOMPARE(rank.value(api), 1);
        QCOMPARE(rank.value(f1), 2);
        QCOMPARE(rank.value(f2), 3);
    }

    void failureTargetAfterAndBelow_data() { engines(); }
    void failureTargetAfterAndBelow()
    {
        QFETCH(Engine, layout);
        Document doc;
        const auto s = add(doc, K::TrafficSource, "s");
        const auto q = add(doc, K::SqsQueue, "q");
        const auto dlq = add(doc, K::SqsQueue, "dlq"); // created before the worker
        const auto fn = add(doc, K::Lambda, "fn");
        wire(doc, s, q, C::Traffic);
        wire(doc, q, dlq, C::Redrive); // wired before the worker, too
        wire(doc, q, fn, C::EventSourceMapping);
        const auto pos = layout(doc.design());
        const auto rank = ranks(pos);
        QCOMPARE(rank.value(dlq), rank.value(q) + 1);
        QCOMPARE(pos.value(fn).y(), pos.value(q).y()); // the work flow stays on its row
        QVERIFY(pos.value(dlq).y() > pos.value(fn).y());
        QCOMPARE(overlaps(pos), 0);
    }

    void loopsAreLaidOut_data() { engines(); }
    void loopsAreLaidOut()
    {
        QFETCH(Engine, layout);
        Document doc;
        const auto s = add(doc, K::TrafficSource, "s");
        const auto q = add(doc, K::SqsQueue, "q");
        const auto fn = add(doc, K::Lambda, "fn");
        wire(doc, s, q, C::Traffic);
        wire(doc, q, fn, C::EventSourceMapping);
        wire(doc, fn, q, C::ServiceIntegration); // the function feeds its own queue
        const auto a = add(doc, K::Lambda, "a");
        const auto b = add(doc, K::Lambda, "b");
        wire(doc, a, b, C::SyncInvoke); // a loop nothing enters
        wire(doc, b, a, C::SyncInvoke);
        const auto pos = layout(doc.design());
        QCOMPARE(pos.size(), 5);
        QVERIFY(pos.value(fn).x() > pos.value(q).x());
        QCOMPARE(overlaps(pos), 0);
    }

    void crossingMinimisationReachesTheMinimum_data() { engines(); }
    void crossingMinimisationReachesTheMinimum()
    {
        QFETCH(Engine, layout);
        Document doc;
        const testing::CrossingGraph graph(doc);
        const Design &design = doc.design();
        const auto pos = layout(design);
        QCOMPARE(overlaps(pos), 0);
        const int fewest = graph.fewest(design);
        QVERIFY(graph.inCreationOrder(design) > fewest); // the graph needs the minimisation
        QCOMPARE(graph.crossings(design, pos), fewest);
        QCOMPARE(layout(design), pos); // deterministic
    }

    void independentFlowsAreStacked()
    {
        Document doc;
        testing::buildFortyBlocks(&doc);
        const Design &design = doc.design();
        QCOMPARE(design.components.size(), 40);
        QString error;
        const auto pos = autoLayout(design, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(pos.size(), 40);
        QCOMPARE(overlaps(pos), 0);
        // Each flow (names "f<n>-...") occupies its own horizontal band, in flow order.
        QList<QRectF> bands(4);
        for (const Component &c : design.components) {
            const int flow = c.name.mid(1, 1).toInt() - 1;
            bands[flow] |= QRectF(pos.value(c.id), kBlockSize);
        }
        for (int i = 0; i + 1 < 4; ++i) {
            QVERIFY2(bands[i].bottom() + kFlowGap <= bands[i + 1].top() + 0.5,
                     qPrintable(QStringLiteral("flow %1 ends at %2, flow %3 starts at %4")
                                    .arg(i + 1)
                                    .arg(bands[i].bottom())
                                    .arg(i + 2)
                                    .arg(bands[i + 1].top())));
            QCOMPARE(bands[i].left(), kLayoutOrigin.x());
        }
        for (const QPointF &p : pos) {
            QCOMPARE(std::fmod(p.x(), kLayoutGrid), 0.0);
            QCOMPARE(std::fmod(p.y(), kLayoutGrid), 0.0);
        }
        QCOMPARE(autoLayout(design), pos); // deterministic
    }

    void everyPatternWithoutOverlap_data()
    {
        QTest::addColumn<QString>("id");
        for (const QString &id : patternIds())
            QTest::newRow(qPrintable(id)) << id;
    }
    void everyPatternWithoutOverlap()
    {
        QFETCH(QString, id);
        const std::optional<Design> design = makePattern(id);
        QVERIFY(design);
        QString error;
        const auto pos = autoLayout(*design, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(pos.size(), design->components.size());
        QCOMPARE(overlaps(pos), 0);
        // The bundled patterns come laid out by the same function.
        for (const Component &c : design->components)
            QCOMPARE(c.position, pos.value(c.id));
    }

    void layoutSelectionMovesOnlyTheSelection()
    {
        Document doc;
        testing::buildFortyBlocks(&doc);
        QHash<ComponentId, QPointF> all = autoLayout(doc.design());
        doc.moveComponents(all);
        // Scramble flow 2 onto one spot, then lay out just its blocks.
        QList<ComponentId> flow2;
        QHash<ComponentId, QPointF> scrambled;
        for (const Component &c : doc.design().components) {
            if (c.name.startsWith(QLatin1String("f2-"))) {
                flow2.append(c.id);
                scrambled.insert(c.id, all.value(flow2.first()) + QPointF(flow2.size() * 7, 0));
            }
        }
        doc.moveComponents(scrambled);
        QRectF before;
        for (ComponentId id : flow2)
            before |= QRectF(doc.design().component(id)->position, kBlockSize);
        const auto pos = layoutSelection(doc.design(), flow2);
        QCOMPARE(pos.size(), flow2.size());
        QHash<ComponentId, QPointF> after;
        for (const Component &c : doc.design().components)
            after.insert(c.id, pos.value(c.id, c.position));
        QCOMPARE(overlaps(after), 0);
        QRectF laidOut;
        for (const QPointF &p : pos)
            laidOut |= QRectF(p, kBlockSize);
        // Down and right of where the selection was, no further than needed.
        QVERIFY(laidOut.top() >= before.top() && laidOut.left() >= before.left());
    }

    void freeSpace()
    {
        const QRectF block(QPointF(0, 0), kBlockSize);
        // Already free: no move.
        QCOMPARE(nearestFreeOffset({block}, {block.translated(400, 0)}, 20), QPointF());
        // On top of a block: the nearest free spot, clear by the margin.
        const QPointF offset = nearestFreeOffset({block}, {block}, 20);
        QVERIFY(!offset.isNull());
        QVERIFY(!block.translated(offset).adjusted(-20, -20, 20, 20).intersects(block));
        QVERIFY(offset.manhattanLength() <= kBlockSize.height() + 2 * 20 + 2 * kLayoutGrid);
        // Down-right only.
        const QPointF down = nearestFreeOffset({block}, {block}, 20, FreeDirection::DownRight);
        QVERIFY(down.x() >= 0 && down.y() >= 0 && !down.isNull());
    }
};

QTEST_GUILESS_MAIN(TestLayout)
#include "layout.moc"
