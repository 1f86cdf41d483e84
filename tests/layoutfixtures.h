#pragma once

// Shared by the layout tests (tests/model/layout.cpp, tests/ui/autolayout.cpp) and the canvas
// screenshots: a generated design of 40 blocks in four independent flows of ten, built through
// Document edits (so every wire passed the wiring rules), all blocks at the origin.

#include "model/document.h"

#include <QTest>

#include <algorithm>
#include <climits>

namespace swb::testing {

struct FlowBuilder {
    Document *doc;
    int flow;

    ComponentId add(ComponentKind kind, const char *name) const
    {
        return doc->addComponent(kind, QPointF(),
                                 QStringLiteral("f%1-%2").arg(flow).arg(QLatin1String(name)));
    }
    void wire(ComponentId from, ComponentId to, ConnectionKind kind) const
    {
        QString error;
        if (doc->connectComponents(from, to, kind, &error) == InvalidId)
            QTest::qFail(qPrintable(error), __FILE__, __LINE__);
    }
};

// Four flows of ten blocks: an API fan-out with queues and DLQs, a stream with two consumers
// and failure destinations, a queue chain with a state machine, and an API with a chain of
// functions. The blocks are added interleaved (one of each flow in turn), so a layout that
// only follows insertion order mixes the flows up.
inline void buildFortyBlocks(Document *doc)
{
    using K = ComponentKind;
    using C = ConnectionKind;
    const FlowBuilder f[4] = {{doc, 1}, {doc, 2}, {doc, 3}, {doc, 4}};
    QList<QList<ComponentId>> b(4);
    const K kinds[4][10] = {
        {K::TrafficSource, K::ApiGateway, K::Lambda, K::SnsTopic, K::SqsQueue, K::Lambda,
         K::SqsQueue, K::SqsQueue, K::Lambda, K::Lambda},
        {K::TrafficSource, K::KinesisStream, K::Lambda, K::Downstream, K::SqsQueue, K::Lambda,
         K::Downstream, K::SnsTopic, K::Lambda, K::SqsQueue},
        {K::TrafficSource, K::SqsQueue, K::Lambda, K::StepFunctions, K::Lambda, K::Lambda,
         K::Lambda, K::Downstream, K::SqsQueue, K::SqsQueue},
        {K::TrafficSource, K::ApiGateway, K::Lambda, K::Lambda, K::Lambda, K::Downstream,
         K::SqsQueue, K::Lambda, K::Downstream, K::SqsQueue},
    };
    const char *names[4][10] = {
        {"traffic", "api", "ingest", "events", "orders-queue", "orders-worker", "orders-dlq",
         "audit-queue", "audit-worker", "notifier"},
        {"traffic", "clicks", "aggregator", "warehouse", "failed-batches", "enricher", "profiles",
         "alerts", "pager", "alerts-dlq"},
        {"traffic", "jobs", "dispatcher", "workflow", "validate", "charge", "ship", "ledger",
         "jobs-dlq", "dispatch-failures"},
        {"traffic", "api", "front", "pricing", "stock", "inventory-db", "async-tasks",
         "task-worker", "search", "tasks-dlq"},
    };
    for (int i = 0; i < 10; ++i) {
        for (int flow = 0; flow < 4; ++flow)
            b[flow].append(f[flow].add(kinds[flow][i], names[flow][i]));
    }
    // 1: traffic -> api -> ingest -> events => orders-queue -> orders-worker (DLQ), audit-queue
    //    -> audit-worker, notifier
    const QList<ComponentId> &a = b[0];
    f[0].wire(a[0], a[1], C::Traffic);
    f[0].wire(a[1], a[2], C::SyncInvoke);
    f[0].wire(a[2], a[3], C::ServiceIntegration);
    f[0].wire(a[3], a[4], C::Subscription);
    f[0].wire(a[4], a[5], C::EventSourceMapping);
    f[0].wire(a[4], a[6], C::Redrive);
    f[0].wire(a[3], a[7], C::Subscription);
    f[0].wire(a[7], a[8], C::EventSourceMapping);
    f[0].wire(a[3], a[9], C::Subscription);
    // 2: traffic -> clicks => aggregator -> warehouse, enricher -> profiles; failures
    const QList<ComponentId> &k = b[1];
    f[1].wire(k[0], k[1], C::Traffic);
    f[1].wire(k[1], k[2], C::EventSourceMapping);
    f[1].wire(k[2], k[3], C::SyncInvoke);
    f[1].wire(k[1], k[4], C::OnFailure);
    f[1].wire(k[1], k[5], C::EventSourceMapping);
    f[1].wire(k[5], k[6], C::SyncInvoke);
    f[1].wire(k[5], k[7], C::ServiceIntegration);
    f[1].wire(k[7], k[8], C::Subscription);
    f[1].wire(k[7], k[9], C::Redrive);
    // 3: traffic -> jobs -> dispatcher -> workflow -> validate, charge, ship; charge -> ledger
    const QList<ComponentId> &j = b[2];
    f[2].wire(j[0], j[1], C::Traffic);
    f[2].wire(j[1], j[2], C::EventSourceMapping);
    f[2].wire(j[2], j[3], C::ServiceIntegration);
    f[2].wire(j[3], j[4], C::ServiceIntegration);
    f[2].wire(j[3], j[5], C::ServiceIntegration);
    f[2].wire(j[3], j[6], C::ServiceIntegration);
    f[2].wire(j[5], j[7], C::SyncInvoke);
    f[2].wire(j[1], j[8], C::Redrive);
    f[2].wire(j[2], j[9], C::OnFailure);
    // 4: traffic -> api -> front -> pricing, stock -> inventory-db; front -> async-tasks ...
    const QList<ComponentId> &p = b[3];
    f[3].wire(p[0], p[1], C::Traffic);
    f[3].wire(p[1], p[2], C::SyncInvoke);
    f[3].wire(p[2], p[3], C::SyncInvoke);
    f[3].wire(p[2], p[4], C::SyncInvoke);
    f[3].wire(p[4], p[5], C::SyncInvoke);
    f[3].wire(p[3], p[5], C::SyncInvoke);
    f[3].wire(p[2], p[6], C::ServiceIntegration);
    f[3].wire(p[6], p[7], C::EventSourceMapping);
    f[3].wire(p[7], p[8], C::SyncInvoke);
    f[3].wire(p[6], p[9], C::Redrive);
}

inline ComponentId addBlock(Document &doc, ComponentKind kind, const char *name)
{
    return doc.addComponent(kind, QPointF(), QLatin1String(name));
}

inline void addWire(Document &doc, ComponentId from, ComponentId to, ConnectionKind kind)
{
    QString error;
    if (doc.connectComponents(from, to, kind, &error) == InvalidId)
        QTest::qFail(qPrintable(error), __FILE__, __LINE__);
}

// A graph where the order of creation crosses and a crossing minimisation must do better:
// s -> api -> A B C D (created in that order); x is wired first (from A) but its parents are
// A, C and D, while y's only parent is B.
struct CrossingGraph {
    QList<ComponentId> layer1; // A B C D
    ComponentId x = InvalidId;
    ComponentId y = InvalidId;

    explicit CrossingGraph(Document &doc)
    {
        using K = ComponentKind;
        const ComponentId s = addBlock(doc, K::TrafficSource, "s");
        const ComponentId api = addBlock(doc, K::ApiGateway, "api");
        addWire(doc, s, api, ConnectionKind::Traffic);
        for (const char *name : {"A", "B", "C", "D"})
            layer1.append(addBlock(doc, K::Lambda, name));
        for (ComponentId f : std::as_const(layer1))
            addWire(doc, api, f, ConnectionKind::SyncInvoke);
        x = addBlock(doc, K::Downstream, "x");
        y = addBlock(doc, K::Downstream, "y");
        addWire(doc, layer1[0], x, ConnectionKind::SyncInvoke);
        addWire(doc, layer1[2], x, ConnectionKind::SyncInvoke);
        addWire(doc, layer1[3], x, ConnectionKind::SyncInvoke);
        addWire(doc, layer1[1], y, ConnectionKind::SyncInvoke);
    }

    // Crossings between layer 1 and {x, y} with the blocks in these rows (any ordered value).
    int crossings(const Design &design, const QHash<ComponentId, qreal> &row) const
    {
        QList<std::pair<qreal, qreal>> edges;
        for (const Connection &w : design.connections) {
            if (layer1.contains(w.source))
                edges.append({row.value(w.source), row.value(w.target)});
        }
        int count = 0;
        for (int i = 0; i < edges.size(); ++i) {
            for (int j = i + 1; j < edges.size(); ++j)
                count +=
                    (edges[i].first - edges[j].first) * (edges[i].second - edges[j].second) < 0;
        }
        return count;
    }
    // Crossings with the rows the layout gave (the blocks' y).
    int crossings(const Design &design, const QHash<ComponentId, QPointF> &pos) const
    {
        QHash<ComponentId, qreal> row;
        for (ComponentId id : layer1 + QList<ComponentId>{x, y})
            row.insert(id, pos.value(id).y());
        return crossings(design, row);
    }
    // Crossings in the order of creation, and the fewest over every order (brute force).
    int inCreationOrder(const Design &design) const
    {
        return crossingsWith(design, {0, 1, 2, 3}, 0);
    }
    int fewest(const Design &design) const
    {
        int best = INT_MAX;
        QList<int> perm{0, 1, 2, 3};
        do {
            for (int swap = 0; swap < 2; ++swap)
                best = std::min(best, crossingsWith(design, perm, swap));
        } while (std::next_permutation(perm.begin(), perm.end()));
        return best;
    }

private:
    int crossingsWith(const Design &design, const QList<int> &perm, int swap) const
    {
        QHash<ComponentId, qreal> row;
        for (int i = 0; i < 4; ++i)
            row.insert(layer1[perm[i]], i);
        row.insert(x, swap);
        row.insert(y, 1 - swap);
        return crossings(design, row);
    }
};

} // namespace swb::testing
