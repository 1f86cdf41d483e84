#include "sim/runsummary.h"

#include "sim/scenariobuilder.h"

#include "core/simulation.h"

#include <QRegularExpression>

namespace swb {

namespace {

class Reader
{
public:
    Reader(const core::MetricStore &store, core::ComponentRef ref)
        : m_store(store)
        , m_ref(ref)
    {}
    // Whole-run summary of one series (Sum: total, Max: peak); 0 when the core lacks it.
    double operator()(const char *name) const
    {
        const std::uint32_t s = m_store.find(m_ref, name);
        return s == core::MetricStore::kNoSeries ? 0.0 : m_store.summary(s);
    }

private:
    const core::MetricStore &m_store;
    core::ComponentRef m_ref;
};

} // namespace

RunSummary summarizeRun(const BuildResult &build, const core::Simulation &sim)
{
    RunSummary out;
    const core::MetricStore &store = sim.metrics();
    QList<ComponentId> ids = build.refs.keys();
    std::sort(ids.begin(), ids.end());
    for (ComponentId id : ids) {
        const core::ComponentRef ref = build.refOf(id);
        const Reader v(store, ref);
        ComponentSummary c;
        c.id = id;
        c.name = build.componentName(id);
        switch (ref.kind) {
        case core::ComponentKind::TrafficSource:
            c.kind = ComponentKind::TrafficSource;
            c.latencyP99Ms = sim.latencyQuantileMs(ref.index, 0.99);
            break;
        case core::ComponentKind::ApiGateway:
            c.kind = ComponentKind::ApiGateway;
            c.throttles = v("apigw.throttled_429");
            c.errors = v("apigw.errors_5xx") + v("apigw.timeouts_504");
            break;
        case core::ComponentKind::SnsTopic:
            c.kind = ComponentKind::SnsTopic;
            c.throttles = v("sns.publish_throttles"); // FIFO topics' throughput limit
            c.dlqCount = v("sns.dlq");
            c.errors = v("sns.delivery_failures");
            c.retries = v("sns.delivery_retries");
            break;
        case core::ComponentKind::SqsQueue:
            c.kind = ComponentKind::SqsQueue;
            c.peakConcurrency = v("sqs.pollers");
            c.maxBacklog = v("sqs.visible");
            c.dlqCount = v("sqs.to_dlq");
            break;
        case core::ComponentKind::KinesisStream:
            c.kind = ComponentKind::KinesisStream;
            c.throttles = v("kinesis.write_throttles");
            c.maxIteratorAgeS = v("kinesis.iterator_age_s");
            c.dlqCount = v("kinesis.on_failure");
            break;
        case core::ComponentKind::StepFunctions:
            c.kind = ComponentKind::StepFunctions;
            c.throttles = v("sfn.start_throttles");
            c.errors = v("sfn.failures");
            c.retries = v("sfn.retries");
            break;
        case core::ComponentKind::Lambda:
            c.kind = ComponentKind::Lambda;
            c.peakConcurrency = v("lambda.concurrency");
            c.throttles = v("lambda.throttles");
            c.maxBacklog = v("lambda.async_queue");
            c.dlqCount = v("lambda.dlq");
            c.errors = v("lambda.errors") + v("lambda.timeouts");
            c.retries = v("lambda.retries");
            break;
        case core::ComponentKind::Downstream:
            c.kind = ComponentKind::Downstream;
            c.peakConcurrency = v("downstream.connections");
            c.throttles = v("downstream.rejections");
            break;
        case core::ComponentKind::None:
            continue;
        }
        out.components.append(c);
    }
    out.peakAccountConcurrency = Reader(store, {})("account.concurrency");
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
