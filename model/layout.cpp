#include "model/layout.h"

#include "model/freespace.h"
#include "model/wiringrules.h"

#include <graphviz/gvc.h>

#include <QByteArray>
#include <QMap>
#include <QRectF>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <numeric>

namespace swb {

namespace {

constexpr double kPointsPerInch = 72; // Graphviz sizes nodes in inches, places them in points

// Graphviz keeps global state (the error handler, the attribute dictionaries): one layout at a
// time in the process (the compare runner builds patterns on worker threads).
std::mutex &graphvizMutex()
{
    static std::mutex mutex;
    return mutex;
}

QString &graphvizMessages()
{
    static QString text;
    return text;
}

int collectMessage(char *message)
{
    graphvizMessages() += QString::fromLocal8Bit(message);
    return 0;
}

// One context for the process: creating it reads the plug-in configuration (Debian keeps it in
// the graphviz library folder, written when libgvc is installed).
GVC_t *graphvizContext()
{
    static GVC_t *context = [] {
        agseterrf(&collectMessage);
        agseterr(AGERR); // warnings are not errors; errors are collected for the message
        return gvContext();
    }();
    return context;
}

void set(void *object, const char *name, const QByteArray &value)
{
    agsafeset(object, const_cast<char *>(name), const_cast<char *>(value.constData()),
              const_cast<char *>(""));
}

QByteArray inches(qreal units)
{
    return QByteArray::number(units / kPointsPerInch, 'f', 4);
}

qreal snap(qreal v)
{
    return std::round(v / kLayoutGrid) * kLayoutGrid;
}

// The weakly connected parts of the design (independent flows), each as its block ids in the
// order Graphviz should meet them: breadth first from the traffic sources along work wires,
// then failure wires, then what is left by id. Flows come in the order of their first block.
QList<QList<ComponentId>> flows(const Design &design)
{
    QHash<ComponentId, ComponentId> parent;
    for (ComponentId id : design.components.keys())
        parent.insert(id, id);
    auto find = [&](ComponentId v) {
        while (parent.value(v) != v) {
            parent[v] = parent.value(parent.value(v));
            v = parent.value(v);
        }
        return v;
    };
    for (const Connection &c : design.connections) {
        if (parent.contains(c.source) && parent.contains(c.target))
            parent[find(c.source)] = find(c.target);
    }
    QList<ComponentId> starts; // traffic sources first, then the rest, each by id
    for (const Component &c : design.components) {
        if (c.kind == ComponentKind::TrafficSource)
            starts.append(c.id);
    }
    for (const Component &c : design.components) {
        if (c.kind != ComponentKind::TrafficSource)
            starts.append(c.id);
    }
    QMap<int, QList<ComponentId>> byFirst; // first start index -> blocks in visit order
    QHash<ComponentId, int> flowOf;        // root -> key in byFirst
    QSet<ComponentId> seen;
    for (int i = 0; i < starts.size(); ++i) {
        const ComponentId start = starts.at(i);
        if (seen.contains(start))
            continue;
        const ComponentId root = find(start);
        const int key = flowOf.value(root, i);
        flowOf.insert(root, key);
        QList<ComponentId> &order = byFirst[key];
        QList<ComponentId> queue{start};
        seen.insert(start);
        for (int q = 0; q < queue.size(); ++q) {
            for (bool failurePass : {false, true}) {
                for (const Connection *c : design.outgoing(queue.at(q))) {
                    if (isFailureKind(c->kind) != failurePass || seen.contains(c->target)
                        || !design.components.contains(c->target))
                        continue;
                    seen.insert(c->target);
                    queue.append(c->target);
                }
            }
        }
        order.append(queue);
    }
    return byFirst.values();
}

// Lays out one flow with dot; top-left positions relative to the flow's own top-left.
bool layOutFlow(const Design &design, const QList<ComponentId> &blocks,
                QHash<ComponentId, QPointF> *out, QString *error)
{
    GVC_t *gvc = graphvizContext();
    if (!gvc) {
        *error = QStringLiteral("Graphviz could not start");
        return false;
    }
    Agraph_t *graph = agopen(const_cast<char *>("flow"), Agdirected, nullptr);
    set(graph, "rankdir", "LR");
    set(graph, "ranksep", inches(kLayerGap));
    set(graph, "nodesep", inches(kRowGap));
    set(graph, "splines", "false"); // only the positions are used: the editor routes the wires
    set(graph, "newrank", "true");
    QHash<ComponentId, Agnode_t *> nodes;
    for (ComponentId id : blocks) {
        Agnode_t *node = agnode(graph, QByteArray("b" + QByteArray::number(id)).data(), 1);
        set(node, "shape", "box");
        set(node, "fixedsize", "true");
        set(node, "width", inches(kBlockSize.width()));
        set(node, "height", inches(kBlockSize.height()));
        set(node, "label", "");
        nodes.insert(id, node);
    }
    for (ComponentId id : blocks) {
        for (const Connection *c : design.outgoing(id)) {
            Agnode_t *target = nodes.value(c->target);
            if (!target || c->target == c->source)
                continue;
            const bool failure = isFailureKind(c->kind);
            Agedge_t *edge = agedge(graph, nodes.value(id), target,
                                    QByteArray("w" + QByteArray::number(c->id)).data(), 1);
            // The editor's ports: work leaves on the right, failures at the bottom, everything
            // enters on the left. The main flow weighs more, so it is kept straight.
            set(edge, "tailport", failure ? "s" : "e");
            set(edge, "headport", "w");
            set(edge, "weight", failure ? "1" : "4");
        }
    }
    graphvizMessages().clear();
    const bool ok = gvLayout(gvc, graph, "dot") == 0;
    if (ok) {
        const boxf box = GD_bb(graph);
        for (auto it = nodes.cbegin(); it != nodes.cend(); ++it) {
            const pointf centre = ND_coord(it.value());
            // Graphviz's y axis points up; the canvas's down.
            const QPointF topLeft(centre.x - box.LL.x - kBlockSize.width() / 2,
                                  box.UR.y - centre.y - kBlockSize.height() / 2);
            out->insert(it.key(), QPointF(snap(topLeft.x()), snap(topLeft.y())));
        }
        gvFreeLayout(gvc, graph);
    } else {
        const QString why = graphvizMessages().trimmed();
        *error = why.isEmpty() ? QStringLiteral("Graphviz's dot layout is not available")
                               : QStringLiteral("Graphviz: %1").arg(why);
    }
    agclose(graph);
    return ok;
}

// Moves positions so their bounding box's top-left is at origin; returns the box's size.
QSizeF normalise(QHash<ComponentId, QPointF> *positions, QPointF origin)
{
    QRectF box;
    for (const QPointF &p : std::as_const(*positions))
        box |= QRectF(p, kBlockSize);
    for (QPointF &p : *positions)
        p += origin - box.topLeft();
    return box.size();
}

Design restrictedTo(const Design &design, const QList<ComponentId> &ids)
{
    Design part;
    for (ComponentId id : ids) {
        if (const Component *c = design.component(id))
            part.components.insert(id, *c);
    }
    for (const Connection &c : design.connections) {
        if (part.components.contains(c.source) && part.components.contains(c.target))
            part.connections.insert(c.id, c);
    }
    return part;
}

} // namespace

QHash<ComponentId, QPointF> autoLayout(const Design &design, QString *error)
{
    QHash<ComponentId, QPointF> positions;
    if (design.components.isEmpty())
        return positions;
    const std::lock_guard<std::mutex> lock(graphvizMutex());
    qreal top = kLayoutOrigin.y();
    for (const QList<ComponentId> &flow : flows(design)) {
        QHash<ComponentId, QPointF> part;
        QString why;
        if (!layOutFlow(design, flow, &part, &why)) {
            if (error)
                *error = why + QStringLiteral("; blocks placed in simple columns instead");
            return columnLayout(design);
        }
        const QSizeF size = normalise(&part, QPointF(kLayoutOrigin.x(), top));
        positions.insert(part);
        top += size.height() + kFlowGap;
    }
    return positions;
}

QHash<ComponentId, QPointF> layoutSelection(const Design &design, const QList<ComponentId> &ids,
                                            QString *error)
{
    QRectF before;
    for (ComponentId id : ids) {
        if (const Component *c = design.component(id))
            before |= QRectF(c->position, kBlockSize);
    }
    if (before.isNull())
        return {};
    QHash<ComponentId, QPointF> positions = autoLayout(restrictedTo(design, ids), error);
    normalise(&positions, QPointF(snap(before.left()), snap(before.top())));
    QList<QRectF> others;
    for (const Component &c : design.components) {
        if (!positions.contains(c.id))
            others.append(QRectF(c.position, kBlockSize));
    }
    QList<QRectF> group;
    for (const QPointF &p : std::as_const(positions))
        group.append(QRectF(p, kBlockSize));
    const QPointF offset = nearestFreeOffset(others, group, kRowGap / 2, FreeDirection::DownRight);
    for (QPointF &p : positions)
        p += offset;
    return positions;
}

} // namespace swb
