// Live-canvas animation benchmark (target: "median frame time with 200 blocks animating stays
// under 16 ms"): a 200-block, 300-wire design with a live overlay on every block and moving tokens
// on every wire. Each measured frame does what playback does per display frame at worst: apply a
// new metric frame (LiveOverlay::refreshNow: badges, severities, flows), advance the token phase
// of every wire (what the scene-wide 30 fps timer does) and repaint the whole view synchronously.
// Frames are synthetic (fixed seed) so the figure measures the GUI, not the engine.
// Usage: bench_animation [frames]   (default 200). Reported, never asserted.

#include "model/document.h"
#include "sim/seriescatalog.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"
#include "ui/canvas/wireitem.h"
#include "ui/playback/framestore.h"
#include "ui/playback/liveoverlay.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>

#include <algorithm>
#include <cstdio>

using namespace swb;

namespace {

// 40 units of 5 blocks and 7-8 wires (topic -> queue -> worker, topic -> notifier, DLQs,
// chained to the next unit's topic), trimmed to 300 wires: 200 blocks, 300 wires.
Design makeDesign()
{
    Document doc;
    struct Unit {
        ComponentId topic, queue, fnA, fnB, dlq;
    };
    QList<Unit> units;
    for (int u = 0; u < 40; ++u) {
        const QString n = QString::number(u);
        const qreal x = (u % 8) * 5 * 240.0, y = (u / 8) * 320.0;
        units.append(
            {doc.addComponent(ComponentKind::SnsTopic, {x, y}, QStringLiteral("topic-") + n),
             doc.addComponent(ComponentKind::SqsQueue, {x + 240, y}, QStringLiteral("queue-") + n),
             doc.addComponent(ComponentKind::Lambda, {x + 240, y + 140},
                              QStringLiteral("notify-") + n),
             doc.addComponent(ComponentKind::Lambda, {x + 480, y}, QStringLiteral("worker-") + n),
             doc.addComponent(ComponentKind::SqsQueue, {x + 720, y + 140},
                              QStringLiteral("dlq-") + n)});
    }
    int wires = 0;
    auto wire = [&](ComponentId a, ComponentId b, ConnectionKind kind) {
        if (wires >= 300)
            return;
        QString error;
        if (doc.connectComponents(a, b, kind, &error) == InvalidId)
            qFatal("illegal benchmark wire: %s", qPrintable(error));
        ++wires;
    };
    for (int u = 0; u < units.size(); ++u) {
        const Unit &x = units[u];
        wire(x.topic, x.queue, ConnectionKind::Subscription);
        wire(x.topic, x.fnA, ConnectionKind::Subscription);
        wire(x.queue, x.fnB, ConnectionKind::EventSourceMapping);
        wire(x.queue, x.dlq, ConnectionKind::Redrive);
        wire(x.fnA, x.dlq, ConnectionKind::OnFailure);
        wire(x.fnA, x.fnB, ConnectionKind::SyncInvoke);
        if (u + 1 < units.size())
            wire(x.fnB, units[u + 1].topic, ConnectionKind::ServiceIntegration);
        wire(x.fnA, x.fnB, ConnectionKind::AsyncInvoke);
    }
    return doc.design();
}

const char *const kNames[] = {"lambda.concurrency",   "lambda.invocations", "lambda.throttles",
                              "lambda.errors",        "lambda.retries",     "lambda.dlq",
                              "sqs.visible",          "sqs.oldest_age_s",   "sqs.sent",
                              "sqs.to_dlq",           "sqs.dlq_received",   "sns.publishes",
                              "sns.delivery_failures"};

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int frames = argc > 1 ? std::max(10, atoi(argv[1])) : 200;

    Document document;
    document.replaceDesign(makeDesign());
    auto *scene = new DiagramScene(&document);
    DiagramView view(scene);
    view.resize(1600, 1000);
    view.show();
    view.fitToView();
    QCoreApplication::processEvents();

    SeriesCatalog catalog;
    for (const Component &c : document.design().components)
        for (const char *name : kNames)
            catalog.series.append({QLatin1String(name), {}, {}, c.id, c.name});
    catalog.binCount = frames;
    catalog.durationSeconds = frames;
    QRandomGenerator rng(20261125);
    MetricFrames data;
    for (int b = 0; b < frames; ++b) {
        MetricFrame f;
        f.bin = b;
        f.simSeconds = b + 1;
        for (int s = 0; s < catalog.series.size(); ++s)
            f.values.append(rng.bounded(4) == 0 ? 0.0 : rng.bounded(500.0));
        data.append(f);
    }
    FrameStore store;
    store.beginRun(catalog);
    store.appendFrames(data);
    LiveOverlay overlay(scene, &store);

    QList<WireItem *> wires;
    for (const Connection &c : document.design().connections)
        wires.append(scene->wireItem(c.id));
    QList<double> times;
    QElapsedTimer timer;
    for (int i = 0; i < frames; ++i) {
        timer.start();
        store.setPosition(i);
        overlay.refreshNow();
        for (WireItem *w : std::as_const(wires))
            w->setFlowPhase(i / 30.0);
        view.viewport()->repaint();
        times.append(timer.nsecsElapsed() / 1e6);
    }
    std::sort(times.begin(), times.end());
    std::printf("bench_animation: %lld blocks, %lld wires, %d frames at fit-to-view (%.0f%%)\n",
                qint64(document.design().components.size()),
                qint64(document.design().connections.size()), frames, view.transform().m11() * 100);
    std::printf("  frame (overlay refresh + token phase + full repaint): median %.2f ms, "
                "p95 %.2f ms, max %.2f ms (target median < 16 ms)\n",
                times.at(times.size() / 2), times.at(times.size() * 95 / 100), times.last());

    // Breakdown: the overlay computation alone, and a repaint with nothing changed.
    QList<double> refresh, paint;
    for (int i = 0; i < frames; ++i) {
        timer.start();
        store.setPosition(i);
        overlay.refreshNow();
        refresh.append(timer.nsecsElapsed() / 1e6);
        timer.start();
        view.viewport()->repaint();
        paint.append(timer.nsecsElapsed() / 1e6);
    }
    std::sort(refresh.begin(), refresh.end());
    std::sort(paint.begin(), paint.end());
    std::printf("  breakdown: overlay refresh median %.2f ms, repaint median %.2f ms\n",
                refresh.at(refresh.size() / 2), paint.at(paint.size() / 2));

    // Same at 100% zoom (labels and badges painted in full detail).
    view.resetTransform();
    view.centerOn(scene->itemsBoundingRect().center());
    times.clear();
    for (int i = 0; i < frames; ++i) {
        timer.start();
        store.setPosition(frames - 1 - i);
        overlay.refreshNow();
        for (WireItem *w : std::as_const(wires))
            w->setFlowPhase(i / 30.0);
        view.viewport()->repaint();
        times.append(timer.nsecsElapsed() / 1e6);
    }
    std::sort(times.begin(), times.end());
    std::printf("  at 100%% zoom: median %.2f ms, p95 %.2f ms, max %.2f ms\n",
                times.at(times.size() / 2), times.at(times.size() * 95 / 100), times.last());
    return 0;
}
