#include "model/layout.h"

#include "model/wiringrules.h"

#include <QList>

#include <algorithm>

namespace swb {

namespace {

struct Edge {
    int from = 0;
    int to = 0;
    bool failure = false;
    bool back = false; // closes a loop; ignored for layering
};

// A layered (Sugiyama-style) layout kept deliberately simple: longest-path layering plus
// barycentre ordering. It is the fallback when Graphviz cannot lay a design out, and the
// reference the layout tests compare Graphviz's result against.
class Layouter
{
public:
    explicit Layouter(const Design &design)
    {
        for (const Component &c : design.components) {
            m_index.insert(c.id, int(m_ids.size()));
            m_ids.append(c.id);
            m_isSource.append(c.kind == ComponentKind::TrafficSource);
        }
        const int n = int(m_ids.size());
        m_out.resize(n);
        m_in.resize(n);
        // Work-carrying wires first so the walk follows the main flow before failure branches.
        for (int pass = 0; pass < 2; ++pass) {
            for (const Connection &w : design.connections) {
                const bool failure = isFailureKind(w.kind);
                if (failure != (pass == 1) || !m_index.contains(w.source)
                    || !m_index.contains(w.target) || w.source == w.target)
                    continue;
                m_edges.append({m_index.value(w.source), m_index.value(w.target), failure});
                m_out[m_edges.last().from].append(int(m_edges.size() - 1));
            }
        }
    }

    QHash<ComponentId, QPointF> run()
    {
        walk();
        assignLayers();
        orderLayers();
        QHash<ComponentId, QPointF> positions;
        for (int layer = 0; layer < m_layers.size(); ++layer) {
            for (int row = 0; row < m_layers.at(layer).size(); ++row)
                positions.insert(m_ids.at(m_layers.at(layer).at(row)),
                                 kLayoutOrigin + QPointF(layer * kColumnPitch, row * kRowPitch));
        }
        return positions;
    }

private:
    // Depth-first walk from the traffic sources, then from blocks nothing points to, then from
    // whatever is left (loops with no entry): gives the tie-break order and marks back edges.
    void walk()
    {
        const int n = int(m_ids.size());
        m_order.fill(-1, n);
        m_postorder.clear();
        QList<bool> onStack(n, false);
        QList<bool> hasIncoming(n, false);
        for (const Edge &e : std::as_const(m_edges))
            hasIncoming[e.to] = true;
        int counter = 0;
        auto visit = [&](auto &&self, int v) -> void {
            m_order[v] = counter++;
            onStack[v] = true;
            for (int e : std::as_const(m_out[v])) {
                Edge &edge = m_edges[e];
                if (onStack[edge.to])
                    edge.back = true;
                else if (m_order[edge.to] < 0)
                    self(self, edge.to);
            }
            onStack[v] = false;
            m_postorder.append(v);
        };
        for (int v = 0; v < n; ++v) {
            if (m_isSource[v] && m_order[v] < 0)
                visit(visit, v);
        }
        for (int v = 0; v < n; ++v) {
            if (!hasIncoming[v] && m_order[v] < 0)
                visit(visit, v);
        }
        for (int v = 0; v < n; ++v) {
            if (m_order[v] < 0)
                visit(visit, v);
        }
        for (int e = 0; e < m_edges.size(); ++e) {
            if (!m_edges[e].back)
                m_in[m_edges[e].to].append(e);
        }
    }

    // Longest path from the roots; reverse postorder of the walk is a topological order of the
    // graph without its back edges. A failure wire also adds one layer, which puts a DLQ in the
    // column after its source.
    void assignLayers()
    {
        const int n = int(m_ids.size());
        m_layer.fill(0, n);
        m_failureOnly.fill(false, n);
        for (auto it = m_postorder.crbegin(); it != m_postorder.crend(); ++it) {
            const int v = *it;
            bool anyFlow = false;
            for (int e : std::as_const(m_in[v])) {
                m_layer[v] = std::max(m_layer[v], m_layer[m_edges[e].from] + 1);
                anyFlow = anyFlow || !m_edges[e].failure;
            }
            m_failureOnly[v] = !m_in[v].isEmpty() && !anyFlow;
        }
        const int layers = n ? *std::max_element(m_layer.cbegin(), m_layer.cend()) + 1 : 0;
        m_layers.resize(layers);
        for (int v = 0; v < n; ++v)
            m_layers[m_layer[v]].append(v);
        m_row.fill(0, n);
        for (int l = 0; l < layers; ++l) {
            sortLayer(m_layers[l], [this](int v) { return double(m_order[v]); });
            updateRows(l);
        }
    }

    // Barycentre heuristic: down, up, down. Failure-only blocks stay below the work-carrying ones.
    void orderLayers()
    {
        for (int l = 1; l < m_layers.size(); ++l)
            reorder(l, true);
        for (int l = int(m_layers.size()) - 2; l >= 0; --l)
            reorder(l, false);
        for (int l = 1; l < m_layers.size(); ++l)
            reorder(l, true);
    }

    void reorder(int layer, bool byPredecessors)
    {
        const QList<int> &row = m_row;
        QHash<int, double> key;
        for (int v : std::as_const(m_layers[layer])) {
            double sum = 0;
            int count = 0;
            if (byPredecessors) {
                for (int e : std::as_const(m_in[v])) {
                    sum += row.at(m_edges[e].from);
                    ++count;
                }
            } else {
                for (int e : std::as_const(m_out[v])) {
                    if (!m_edges[e].back) {
                        sum += row.at(m_edges[e].to);
                        ++count;
                    }
                }
            }
            key.insert(v, count ? sum / count : double(row.at(v)));
        }
        sortLayer(m_layers[layer], [&key](int v) { return key.value(v); });
        updateRows(layer);
    }

    void updateRows(int layer)
    {
        for (int r = 0; r < m_layers.at(layer).size(); ++r)
            m_row[m_layers.at(layer).at(r)] = r;
    }

    template<typename KeyFn>
    void sortLayer(QList<int> &layer, KeyFn keyOf)
    {
        std::stable_sort(layer.begin(), layer.end(), [&](int a, int b) {
            if (m_failureOnly[a] != m_failureOnly[b])
                return !m_failureOnly[a];
            return keyOf(a) < keyOf(b); // ties keep the current order (stable sort)
        });
    }

    QHash<ComponentId, int> m_index;
    QList<ComponentId> m_ids;
    QList<bool> m_isSource;
    QList<Edge> m_edges;
    QList<QList<int>> m_out; // edge indices
    QList<QList<int>> m_in;  // edge indices, back edges excluded
    QList<int> m_order;      // discovery order of the walk
    QList<int> m_postorder;
    QList<int> m_layer;
    QList<bool> m_failureOnly;
    QList<QList<int>> m_layers;
    QList<int> m_row; // current row of each block within its layer
};

} // namespace

QHash<ComponentId, QPointF> columnLayout(const Design &design)
{
    return Layouter(design).run();
}

} // namespace swb
