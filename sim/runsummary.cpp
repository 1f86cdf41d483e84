#include "sim/runsummary.h"

#include "sim/scenariobuilder.h"
#include "sim/services/simservice.h"

#include "core/simulation.h"

#include <QRegularExpression>

namespace swb {

RunSummary summarizeRun(const BuildResult &build, const core::Simulation &sim)
{
    RunSummary out;
    const core::MetricStore &store = sim.metrics();
    QList<ComponentId> ids = build.refs.keys();
    std::sort(ids.begin(), ids.end());
    for (ComponentId id : ids) {
        const core::ComponentRef ref = build.refOf(id);
        ComponentSummary c;
        c.id = id;
        c.name = build.componentName(id);
        const SimService *service = simServiceOf(ref.kind);
        if (!service)
            continue;
        c.kind = service->kind;
        service->summarize(SummaryReader(store, ref), sim, ref, &c);
        out.components.append(c);
    }
    out.peakAccountConcurrency = SummaryReader(store, {})("account.concurrency");
    out.ledger = LedgerSnapshot::from(sim.ledger());
    out.simSeconds = sim.now();
    out.events = sim.eventsProcessed();
    out.fingerprint = sim.fingerprint();
    out.completed = sim.finished();
    // The core names wires by scenario edge index: say which blocks they join instead.
    static const QRegularExpression edgeRef(QStringLiteral("^edge (\\d+):"));
    for (const std::string &w : sim.warnings()) {
        QString text = QString::fromStdString(w);
        const QRegularExpressionMatch m = edgeRef.match(text);
        const qsizetype edge = m.hasMatch() ? m.captured(1).toLongLong() : -1;
        if (edge >= 0 && edge < build.edgeConnections.size()) {
            const core::Edge &e = build.scenario.edges[std::size_t(edge)];
            text.replace(0, m.capturedLength(),
                         QStringLiteral("wire '%1' -> '%2':")
                             .arg(build.componentName(build.componentOf(e.from)),
                                  build.componentName(build.componentOf(e.to))));
        }
        out.warnings.append(text);
    }
    return out;
}

} // namespace swb
