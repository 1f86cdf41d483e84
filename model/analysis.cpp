#include "model/analysis.h"

#include "model/analysisrules.h"
#include "model/parametercatalogue.h"
#include "model/wiringrules.h"

#include <QHash>
#include <QQueue>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>

#include <algorithm>
#include <functional>
#include <vector>

namespace swb {

namespace analysis {

QVariant param(const Component &component, const QString &key)
{
    auto it = component.params.constFind(key);
    if (it != component.params.cend())
        return it.value();
    const ParamSpec *spec = catalogue::findComponentParam(component.kind, key);
    return spec ? spec->defaultValue : QVariant();
}

QVariant param(const Connection &connection, const Design &design, const QString &key)
{
    auto it = connection.params.constFind(key);
    if (it != connection.params.cend())
        return it.value();
    const Component *source = design.component(connection.source);
    const ParamSpec *spec =
        source ? catalogue::findConnectionParam(connection.kind, source->kind, key) : nullptr;
    return spec ? spec->defaultValue : QVariant();
}

QString quoted(const QString &name)
{
    return QLatin1Char('\'') + name + QLatin1Char('\'');
}

namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

// The design as index-based adjacency: vertices are the components in id order; only wires whose
// both ends exist take part (a damaged file must not crash the analysis).
struct FlowGraph {
    QList<const Component *> vertices;
    QHash<ComponentId, int> index;
    QList<QList<const Connection *>> out;     // all wires
    QList<QList<const Connection *>> flowOut; // wires that carry work (not OnFailure/Redrive)

    explicit FlowGraph(const Design &design)
    {
        for (const Component &c : design.components) {
            index.insert(c.id, int(vertices.size()));
            vertices.append(&c);
        }
        out.resize(vertices.size());
        flowOut.resize(vertices.size());
        for (const Connection &w : design.connections) {
            if (!index.contains(w.source) || !index.contains(w.target))
                continue;
            out[index.value(w.source)].append(&w);
            if (!isFailureKind(w.kind))
                flowOut[index.value(w.source)].append(&w);
        }
    }
    int to(const Connection *w) const { return index.value(w->target); }
    QString name(int v) const { return quoted(vertices.at(v)->name); }
};

// A function that feeds its own queue (or any loop of work-carrying wires) keeps re-processing
// the same message; failure wires are excluded because a DLQ loop needs a failure every turn.
// AWS Lambda stops recursive loops through SQS/SNS after about 16 invocations and drops the
// event (docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html): AWS accepts the
// wiring, so this is a warning.
void checkCycles(const FlowGraph &g, QList<Finding> *findings)
{
    const int n = int(g.vertices.size());
    Graph bg(n);
    for (int v = 0; v < n; ++v) {
        for (const Connection *w : g.flowOut.at(v))
            boost::add_edge(v, g.to(w), bg);
    }
    std::vector<int> group(n);
    const int groups = n ? boost::strong_components(bg, group.data()) : 0;
    QList<QList<int>> members(groups);
    for (int v = 0; v < n; ++v)
        members[group[v]].append(v);
    for (const QList<int> &scc : std::as_const(members)) {
        const int start = scc.first();
        const bool selfLoop = std::any_of(g.flowOut.at(start).cbegin(), g.flowOut.at(start).cend(),
                                          [&](const Connection *w) { return g.to(w) == start; });
        if (scc.size() < 2 && !selfLoop)
            continue;
        // Shortest loop through the lowest-id block, by BFS inside the strong component.
        QHash<int, const Connection *> via;
        QQueue<int> queue;
        queue.enqueue(start);
        const Connection *closing = nullptr;
        while (!queue.isEmpty() && !closing) {
            const int v = queue.dequeue();
            for (const Connection *w : g.flowOut.at(v)) {
                const int t = g.to(w);
                if (group[t] != group[start])
                    continue;
                if (t == start) {
                    closing = w;
                    break;
                }
                if (!via.contains(t)) {
                    via.insert(t, w);
                    queue.enqueue(t);
                }
            }
        }
        QList<const Connection *> loop{closing};
        for (int v = g.index.value(closing->source); v != start; v = g.index.value(via[v]->source))
            loop.prepend(via.value(v));
        Finding f{Severity::Warning, QLatin1String(findingcode::Cycle), {}, {}, {}};
        QStringList names{g.name(start)};
        for (const Connection *w : std::as_const(loop)) {
            names.append(g.name(g.to(w)));
            f.connections.append(w->id);
        }
        for (int v : scc)
            f.components.append(g.vertices.at(v)->id);
        f.message = QStringLiteral("Cycle %1: work flows back to where it started, so one message "
                                   "can circulate without end (Lambda stops such recursive loops "
                                   "after about 16 invocations and drops the event)")
                        .arg(names.join(QStringLiteral(" -> ")));
        findings->append(f);
    }
}

// Blocks no traffic can reach do nothing in a run and cost only their fixed price (shards,
// provisioned concurrency); usually a wire is missing. All wires count, so a DLQ behind a
// redrive is reachable.
void checkReachability(const Design &design, const FlowGraph &g, QList<Finding> *findings)
{
    QList<int> sources;
    for (int v = 0; v < g.vertices.size(); ++v) {
        if (g.vertices.at(v)->kind == ComponentKind::TrafficSource)
            sources.append(v);
    }
    if (sources.isEmpty()) {
        if (!design.components.isEmpty())
            findings->append({Severity::Warning,
                              QLatin1String(findingcode::NoTrafficSource),
                              QStringLiteral("The design has no traffic source: nothing enters "
                                             "it, so a run shows no load and the cost model "
                                             "prices only fixed charges"),
                              {},
                              {}});
        return;
    }
    QList<bool> seen(g.vertices.size(), false);
    QQueue<int> queue;
    for (int s : std::as_const(sources)) {
        seen[s] = true;
        queue.enqueue(s);
        const Component &src = *g.vertices.at(s);
        const bool wired =
            std::any_of(g.out.at(s).cbegin(), g.out.at(s).cend(),
                        [](const Connection *w) { return w->kind == ConnectionKind::Traffic; });
        if (!wired)
            findings->append({Severity::Warning,
                              QLatin1String(findingcode::TrafficSourceUnwired),
                              QStringLiteral("Traffic source %1 is not wired to an entry block, "
                                             "so its load goes nowhere")
                                  .arg(quoted(src.name)),
                              {src.id},
                              {}});
    }
    while (!queue.isEmpty()) {
        const int v = queue.dequeue();
        for (const Connection *w : g.out.at(v)) {
            if (!seen[g.to(w)]) {
                seen[g.to(w)] = true;
                queue.enqueue(g.to(w));
            }
        }
    }
    for (int v = 0; v < g.vertices.size(); ++v) {
        if (seen[v])
            continue;
        const Component &c = *g.vertices.at(v);
        findings->append({Severity::Warning,
                          QLatin1String(findingcode::Unreachable),
                          QStringLiteral("%1 %2 is not reachable from any traffic source: no load "
                                         "ever arrives there")
                              .arg(componentKindName(c.kind), quoted(c.name)),
                          {c.id},
                          {}});
    }
}

// Every path a request can take from a traffic source to a block that passes work nowhere
// further (failure wires excluded), so the user sees the routes the simulator will run.
void listPaths(const FlowGraph &g, QList<Finding> *findings)
{
    int listed = 0;
    bool truncated = false;
    QList<int> stack;
    QList<const Connection *> wires;
    std::function<void(int)> walk; // recursion depth is bounded by the block count
    walk = [&](int v) {
        if (listed >= kMaxListedPaths) {
            truncated = true;
            return;
        }
        stack.append(v);
        if (g.flowOut.at(v).isEmpty()) {
            if (stack.size() > 1) {
                Finding f{Severity::Info, QLatin1String(findingcode::Path), {}, {}, {}};
                QStringList names;
                for (int s : std::as_const(stack)) {
                    names.append(g.name(s));
                    f.components.append(g.vertices.at(s)->id);
                }
                for (const Connection *w : std::as_const(wires))
                    f.connections.append(w->id);
                f.message = QStringLiteral("Path %1").arg(names.join(QStringLiteral(" -> ")));
                findings->append(f);
                ++listed;
            }
        } else {
            for (const Connection *w : g.flowOut.at(v)) {
                if (stack.contains(g.to(w)))
                    continue; // a cycle, reported by checkCycles
                wires.append(w);
                walk(g.to(w));
                wires.removeLast();
            }
        }
        stack.removeLast();
    };
    for (int v = 0; v < g.vertices.size(); ++v) {
        if (g.vertices.at(v)->kind == ComponentKind::TrafficSource)
            walk(v);
    }
    if (truncated)
        findings->append(
            {Severity::Info,
             QLatin1String(findingcode::Path),
             QStringLiteral("More than %1 paths: the rest are not listed").arg(kMaxListedPaths),
             {},
             {}});
}

} // namespace

void checkGraph(const Design &design, QList<Finding> *findings)
{
    const FlowGraph graph(design);
    checkCycles(graph, findings);
    checkReachability(design, graph, findings);
    listPaths(graph, findings);
}

} // namespace analysis

QString severityId(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return QStringLiteral("error");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Info:
        break;
    }
    return QStringLiteral("info");
}

QList<Finding> analyze(const Design &design)
{
    QList<Finding> findings;
    analysis::checkWiring(design, &findings);
    analysis::checkSettings(design, &findings);
    analysis::checkFailureHandling(design, &findings);
    analysis::checkGraph(design, &findings);
    std::stable_sort(findings.begin(), findings.end(), [](const Finding &a, const Finding &b) {
        return int(a.severity) < int(b.severity);
    });
    return findings;
}

bool hasErrors(const QList<Finding> &findings)
{
    return std::any_of(findings.cbegin(), findings.cend(),
                       [](const Finding &f) { return f.severity == Severity::Error; });
}

} // namespace swb
