// Pipeline benchmark through the whole swb_sim path (benchmark b; DESIGN.md target
// < 3 s wall for one simulated hour): the design API Gateway -> SNS -> 3 SQS queues -> 3 Lambdas
// at 1,000 requests/s is built with Document edits (validated like GUI edits), compiled by
// buildScenario() and run by core::Simulation. Prints build time, run wall and CPU time, events/s
// and peak RSS. Run it from a Release build; each duration runs in its own process so each peak
// RSS is its own (memory must follow in-flight work, not duration).
// Usage: bench_pipeline [hours...]   (default: 1)

#include "sim/scenariobuilder.h"

#include "core/benchutil.h"
#include "core/simulation.h"

#include "model/document.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>
#include <cstdlib>

#include <sys/wait.h>
#include <unistd.h>

using namespace swb;

namespace {

void check(bool ok, const QString &error)
{
    if (!ok) {
        std::fprintf(stderr, "bench_pipeline: %s\n", qPrintable(error));
        std::exit(1);
    }
}

Design pipeline(double hours)
{
    Document doc;
    QString error;
    auto add = [&](ComponentKind kind, const char *name) {
        return doc.addComponent(kind, QPointF(), QLatin1String(name));
    };
    auto wire = [&](ComponentId a, ComponentId b, ConnectionKind kind) {
        const ConnectionId id = doc.connectComponents(a, b, kind, &error);
        check(id != InvalidId, error);
        return id;
    };
    const ComponentId traffic = add(ComponentKind::TrafficSource, "clients");
    check(doc.setComponentParam(traffic, QStringLiteral("rate"), 1000.0, &error), error);
    const ComponentId api = add(ComponentKind::ApiGateway, "api");
    const ComponentId topic = add(ComponentKind::SnsTopic, "events");
    wire(traffic, api, ConnectionKind::Traffic);
    wire(api, topic, ConnectionKind::ServiceIntegration);
    for (int i = 0; i < 3; ++i) {
        const ComponentId q =
            doc.addComponent(ComponentKind::SqsQueue, QPointF(), QStringLiteral("queue%1").arg(i));
        const ComponentId f =
            doc.addComponent(ComponentKind::Lambda, QPointF(), QStringLiteral("worker%1").arg(i));
        check(doc.setComponentParam(f, QStringLiteral("memory"), 256, &error), error);
        check(doc.setComponentParam(f, QStringLiteral("duration"), 100.0, &error), error);
        wire(topic, q, ConnectionKind::Subscription);
        wire(q, f, ConnectionKind::EventSourceMapping);
    }
    check(doc.setProjectParam(QStringLiteral("duration"), hours * 3600.0, &error), error);
    check(doc.setProjectParam(QStringLiteral("seed"), 7, &error), error);
    return doc.design();
}

void runOnce(double hours)
{
    QElapsedTimer build;
    build.start();
    const Design design = pipeline(hours);
    const BuildResult r = buildScenario(design);
    check(r.ok, r.errorText());
    const double buildMs = build.nsecsElapsed() / 1e6;

    QElapsedTimer wall;
    wall.start();
    const double cpu0 = core::cpuSeconds();
    core::Simulation sim(r.scenario);
    sim.run();
    const double wallS = wall.nsecsElapsed() / 1e9;
    const double cpuS = core::cpuSeconds() - cpu0;
    const core::Ledger &l = sim.ledger();
    std::printf("bench_pipeline (model -> buildScenario -> Simulation) API->SNS->3xSQS->3xLambda "
                "1000 req/s, %.2f h simulated\n",
                hours);
    std::printf("  design + buildScenario %.2f ms; run wall %.3f s, cpu %.3f s; %llu events, "
                "%.2f M events/s (wall), %.2f M events/s (cpu); peak RSS %.1f MB\n",
                buildMs, wallS, cpuS, static_cast<unsigned long long>(sim.eventsProcessed()),
                double(sim.eventsProcessed()) / wallS / 1e6,
                double(sim.eventsProcessed()) / cpuS / 1e6, core::peakRssMb());
    std::printf(
        "  ledger produced %llu, succeeded %llu, in flight %llu, balanced %s; bins %zu, "
        "series %zu; target < 3 s wall: %s\n",
        static_cast<unsigned long long>(l.produced), static_cast<unsigned long long>(l.succeeded),
        static_cast<unsigned long long>(l.inFlight), l.balanced() ? "yes" : "NO",
        sim.metrics().binCount(), sim.metrics().seriesCount(),
        hours > 1 ? "n/a"
                  : (wallS < 3 ? "met" : "NOT met (compare the cpu time on a loaded machine)"));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QList<double> hours;
    for (int i = 1; i < argc; ++i)
        hours.append(std::atof(argv[i]));
    if (hours.isEmpty())
        hours = {1};
    for (double h : hours) {
        const pid_t child = fork();
        if (child == 0) {
            runOnce(h);
            _exit(0);
        }
        int status = 0;
        waitpid(child, &status, 0);
    }
    return 0;
}
