// GUI-thread stall benchmark (DESIGN.md: "the GUI thread is never blocked > 50 ms by a running
// simulation"): while SimController plays one simulated hour of the pipeline benchmark's design
// (API Gateway -> SNS -> 3 SQS -> 3 Lambdas at 1,000 req/s) as fast as possible on its worker
// thread, a 5 ms QTimer on the main thread records the longest gap between its ticks, and the
// frame batches are counted. Reported, never asserted (timing depends on the machine's load).
// Usage: bench_guistall [hours]   (default: 1)

#include "sim/simcontroller.h"

#include "model/document.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>
#include <cstdlib>

using namespace swb;

namespace {

Design pipeline(double hours)
{
    Document doc;
    const ComponentId traffic =
        doc.addComponent(ComponentKind::TrafficSource, QPointF(), QStringLiteral("clients"));
    doc.setComponentParam(traffic, QStringLiteral("rate"), 1000.0);
    const ComponentId api =
        doc.addComponent(ComponentKind::ApiGateway, QPointF(), QStringLiteral("api"));
    const ComponentId topic =
        doc.addComponent(ComponentKind::SnsTopic, QPointF(), QStringLiteral("events"));
    doc.connectComponents(traffic, api, ConnectionKind::Traffic);
    doc.connectComponents(api, topic, ConnectionKind::ServiceIntegration);
    for (int i = 0; i < 3; ++i) {
        const ComponentId q =
            doc.addComponent(ComponentKind::SqsQueue, QPointF(), QStringLiteral("queue%1").arg(i));
        const ComponentId f =
            doc.addComponent(ComponentKind::Lambda, QPointF(), QStringLiteral("worker%1").arg(i));
        doc.setComponentParam(f, QStringLiteral("memory"), 256);
        doc.connectComponents(topic, q, ConnectionKind::Subscription);
        doc.connectComponents(q, f, ConnectionKind::EventSourceMapping);
    }
    doc.setProjectParam(QStringLiteral("duration"), hours * 3600.0);
    return doc.design();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const double hours = argc > 1 ? std::atof(argv[1]) : 1.0;
    SimController controller;
    if (!controller.load(pipeline(hours))) {
        std::fprintf(stderr, "bench_guistall: %s\n", qPrintable(controller.build().errorText()));
        return 1;
    }
    QElapsedTimer wall, sinceTick;
    qint64 longestGapMs = 0, ticks = 0, batches = 0, frames = 0, longestHandlerUs = 0;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(5);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        longestGapMs = std::max(longestGapMs, sinceTick.restart());
        ++ticks;
    });
    QObject::connect(&controller, &SimController::framesReady, [&](const MetricFrames &f) {
        QElapsedTimer handler;
        handler.start();
        ++batches;
        frames += f.size();
        longestHandlerUs = std::max(longestHandlerUs, handler.nsecsElapsed() / 1000);
    });
    QObject::connect(&controller, &SimController::finished, &app, &QCoreApplication::quit);
    controller.setSpeed(SimController::kAsFastAsPossible);
    wall.start();
    sinceTick.start();
    ticker.start();
    controller.play();
    app.exec();
    std::printf("bench_guistall: %.0f h simulated as fast as possible in %.2f s wall\n", hours,
                wall.elapsed() / 1000.0);
    std::printf("  main-thread 5 ms timer: %lld ticks, longest gap %lld ms (goal < 50 ms)\n",
                static_cast<long long>(ticks), static_cast<long long>(longestGapMs));
    std::printf("  framesReady: %lld signals carrying %lld frames (%.1f frames per signal)\n",
                static_cast<long long>(batches), static_cast<long long>(frames),
                batches ? double(frames) / double(batches) : 0.0);
    return 0;
}
