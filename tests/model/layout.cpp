// Auto-layout: columns by longest path, failure targets after and below their source, no
// overlaps, loops terminate, and the barycentre ordering reaches the fewest crossings on a graph
// where the plain walk order does not (minimum found by brute force over all orders).

#include "model/document.h"
#include "model/layout.h"

#include <QRectF>
#include <QTest>

#include <algorithm>
#include <climits>

using namespace swb;
using K = ComponentKind;
using C = ConnectionKind;

namespace {

ComponentId add(Document &doc, K kind, const char *name)
{
    return doc.addComponent(kind, QPointF(), QLatin1String(name));
}

void wire(Document &doc, ComponentId from, ComponentId to, C kind)
{
    QString error;
    if (!doc.connectComponents(from, to, kind, &error))
        QTest::qFail(qPrintable(error), __FILE__, __LINE__);
}

int column(const QPointF &p)
{
    return qRound((p.x() - kLayoutOrigin.x()) / kColumnPitch);
}

// Wires between adjacent columns cross when their ends are in opposite vertical order.
int crossings(const QList<std::pair<qreal, qreal>> &edges)
{
    int count = 0;
    for (int i = 0; i < edges.size(); ++i) {
        for (int j = i + 1; j < edges.size(); ++j) {
            if ((edges[i].first - edges[j].first) * (edges[i].second - edges[j].second) < 0)
                ++count;
        }
    }
    return count;
}

} // namespace

class TestLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void constants()
    {
        QCOMPARE(kBlockSize, QSizeF(160, 80));
        QVERIFY(kColumnPitch > kBlockSize.width());
        QVERIFY(kRowPitch > kBlockSize.height());
        QVERIFY(autoLayout(Design()).isEmpty());
    }

    void chainIsStraight()
    {
        Document doc;
        const auto s = add(doc, K::TrafficSource, "s");
        const auto api = add(doc, K::ApiGateway, "api");
        const auto fn = add(doc, K::Lambda, "fn");
        const auto db = add(doc, K::Downstream, "db");
        wire(doc, s, api, C::Traffic);
        wire(doc, api, fn, C::SyncInvoke);
        wire(doc, fn, db, C::SyncInvoke);
        const auto pos = autoLayout(doc.design());
        QCOMPARE(pos.size(), 4);
        const QList<ComponentId> chain{s, api, fn, db};
        for (int i = 0; i < chain.size(); ++i)
            QCOMPARE(pos.value(chain[i]),
                     kLayoutOrigin + QPointF(i * kColumnPitch, 0)); // same row, next column
    }

    void longestPathLayering()
    {
        Document doc;
        const auto s = add(doc, K::TrafficSource, "s");
        const auto api = add(doc, K::ApiGateway, "api");
        const auto f1 = add(doc, K::Lambda, "f1");
        const auto f2 = add(doc, K::Lambda, "f2");
        wire(doc, s, api, C::Traffic);
        wire(doc, api, f2, C::SyncInvoke); // short path to f2 ...
        wire(doc, api, f1, C::SyncInvoke);
        wire(doc, f1, f2, C::SyncInvoke); // ... and a longer one: f2 goes after f1
        const auto pos = autoLayout(doc.design());
        QCOMPARE(column(pos.value(s)), 0);
        QCOMPARE(column(pos.value(api)), 1);
        QCOMPARE(column(pos.value(f1)), 2);
        QCOMPARE(column(pos.value(f2)), 3);
    }

    void failureTargetsAfterAndBelow()
    {
        Document doc;
        const auto s = add(doc, K::TrafficSource, "s");
        const auto q = add(doc, K::SqsQueue, "q");
        const auto dlq = add(doc, K::SqsQueue, "dlq"); // created before the worker
        const auto fn = add(doc, K::Lambda, "fn");
        wire(doc, s, q, C::Traffic);
        wire(doc, q, dlq, C::Redrive); // wired before the worker, too
        wire(doc, q, fn, C::EventSourceMapping);
        const auto pos = autoLayout(doc.design());
        QCOMPARE(column(pos.value(dlq)), column(pos.value(q)) + 1);
        QCOMPARE(column(pos.value(fn)), column(pos.value(dlq)));
        QCOMPARE(pos.value(fn).y(), pos.value(q).y()); // the work flow stays on its row
        QVERIFY(pos.value(dlq).y() > pos.value(fn).y());
    }

    void loopsTerminate()
    {
        Document doc;
        const auto s = add(doc, K::TrafficSource, "s");
        const auto q = add(doc, K::SqsQueue, "q");
        const auto fn = add(doc, K::Lambda, "fn");
        wire(doc, s, q, C::Traffic);
        wire(doc, q, fn, C::EventSourceMapping);
        wire(doc, fn, q, C::ServiceIntegration); // the function feeds its own queue
        // And a loop nothing enters.
        const auto a = add(doc, K::Lambda, "a");
        const auto b = add(doc, K::Lambda, "b");
        wire(doc, a, b, C::SyncInvoke);
        wire(doc, b, a, C::SyncInvoke);
        const auto pos = autoLayout(doc.design());
        QCOMPARE(pos.size(), 5);
        QCOMPARE(column(pos.value(fn)), column(pos.value(q)) + 1);
        QCOMPARE(column(pos.value(b)), column(pos.value(a)) + 1);
        checkNoOverlap(pos);
    }

    void barycentreReachesFewestCrossings()
    {
        // Layer 1: A B C D. x is found first (through A) but three of its four parents sit low,
        // so x belongs below y; and A belongs with C and D.
        Document doc;
        const auto s = add(doc, K::TrafficSource, "s");
        const auto api = add(doc, K::ApiGateway, "api");
        wire(doc, s, api, C::Traffic);
        QList<ComponentId> layer1;
        for (const char *name : {"A", "B", "C", "D"})
            layer1.append(add(doc, K::Lambda, name));
        for (ComponentId f : std::as_const(layer1))
            wire(doc, api, f, C::SyncInvoke);
        const auto x = add(doc, K::Downstream, "x");
        const auto y = add(doc, K::Downstream, "y");
        wire(doc, layer1[0], x, C::SyncInvoke);
        wire(doc, layer1[2], x, C::SyncInvoke);
        wire(doc, layer1[3], x, C::SyncInvoke);
        wire(doc, layer1[1], y, C::SyncInvoke);
        const Design &design = doc.design();
        const auto pos = autoLayout(design);
        checkNoOverlap(pos);

        auto crossingsWith = [&](const QHash<ComponentId, qreal> &row) {
            QList<std::pair<qreal, qreal>> edges;
            for (const Connection &w : design.connections) {
                if (row.contains(w.source) && row.contains(w.target)
                    && column(pos.value(w.target)) == 3)
                    edges.append({row.value(w.source), row.value(w.target)});
            }
            return crossings(edges);
        };
        QHash<ComponentId, qreal> actual;
        for (ComponentId id : layer1 + QList<ComponentId>{x, y})
            actual.insert(id, pos.value(id).y());
        // Brute force: every order of layer 1 and of layer 2.
        int best = INT_MAX;
        QList<int> perm{0, 1, 2, 3};
        do {
            for (int swap = 0; swap < 2; ++swap) {
                QHash<ComponentId, qreal> row;
                for (int i = 0; i < 4; ++i)
                    row.insert(layer1[perm[i]], i);
                row.insert(x, swap);
                row.insert(y, 1 - swap);
                best = std::min(best, crossingsWith(row));
            }
        } while (std::next_permutation(perm.begin(), perm.end()));
        QCOMPARE(crossingsWith(actual), best);
        QVERIFY(pos.value(y).y() < pos.value(x).y());
    }

    void deterministic()
    {
        Document doc;
        const auto s = add(doc, K::TrafficSource, "s");
        const auto topic = add(doc, K::SnsTopic, "t");
        wire(doc, s, topic, C::Traffic);
        for (const char *name : {"a", "b", "c"})
            wire(doc, topic, add(doc, K::Lambda, name), C::Subscription);
        QCOMPARE(autoLayout(doc.design()), autoLayout(doc.design()));
        checkNoOverlap(autoLayout(doc.design()));
    }

private:
    void checkNoOverlap(const QHash<ComponentId, QPointF> &pos)
    {
        const QList<QPointF> points = pos.values();
        for (int i = 0; i < points.size(); ++i) {
            for (int j = i + 1; j < points.size(); ++j)
                QVERIFY(!QRectF(points[i], kBlockSize).intersects(QRectF(points[j], kBlockSize)));
        }
    }
};

QTEST_GUILESS_MAIN(TestLayout)
#include "layout.moc"
