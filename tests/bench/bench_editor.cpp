// Editor benchmark (DESIGN.md performance targets): a 200-block, 300-wire design, every wire
// legal, auto-laid-out. Measures (1) opening: building the scene and view for the design, and
// re-building an existing scene on Document::replaceDesign (File > Open in an open window);
// (2) the median full repaint of the 1280x800 viewport at 100% zoom, rendered into a QImage,
// 50 repetitions (and, for information, at 50% and fit-to-view). Targets: open < 300 ms,
// repaint < 16 ms. Run from a Release build: QT_QPA_PLATFORM=offscreen ./bench_editor

#include "model/document.h"
#include "model/layout.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"
#include "ui/canvas/blockitem.h"
#include "ui/canvas/wireitem.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace swb;

namespace {

// 40 units of 5 blocks and 6 wires, chained in 10 groups of 4 units (30 chain wires), plus 30
// async invokes: 200 blocks, 300 wires.
// Unit: topic -> queue (subscription), topic -> fnA (subscription), queue -> fnB (poll),
// queue -> dlq (redrive), fnA -> dlq (on failure), fnA -> fnB (sync), fnB -> next topic
// (SDK publish = service integration).
Design makeBigDesign()
{
    Document doc;
    QList<ComponentId> topics, fnBs;
    struct Unit {
        ComponentId topic, queue, fnA, fnB, dlq;
    };
    QList<Unit> units;
    for (int u = 0; u < 40; ++u) {
        const QString n = QString::number(u);
        Unit unit;
        unit.topic = doc.addComponent(ComponentKind::SnsTopic, {}, QStringLiteral("topic-") + n);
        unit.queue = doc.addComponent(ComponentKind::SqsQueue, {}, QStringLiteral("queue-") + n);
        unit.fnA = doc.addComponent(ComponentKind::Lambda, {}, QStringLiteral("notify-") + n);
        unit.fnB = doc.addComponent(ComponentKind::Lambda, {}, QStringLiteral("worker-") + n);
        unit.dlq = doc.addComponent(ComponentKind::SqsQueue, {}, QStringLiteral("dlq-") + n);
        units.append(unit);
    }
    int wires = 0;
    auto wire = [&](ComponentId a, ComponentId b, ConnectionKind kind) {
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
        if (u % 4 != 3)
            wire(x.fnB, units[u + 1].topic, ConnectionKind::ServiceIntegration);
        if (u < 30)
            wire(x.fnA, x.fnB, ConnectionKind::AsyncInvoke);
    }
    Design design = doc.design();
    const QHash<ComponentId, QPointF> positions = autoLayout(design);
    for (auto it = positions.cbegin(); it != positions.cend(); ++it)
        design.components[it.key()].position = it.value();
    std::printf("design: %lld blocks, %lld wires\n", qlonglong(design.components.size()),
                qlonglong(design.connections.size()));
    return design;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// CPU time of this thread: on a shared, overloaded machine (load average well above the core
// count while other builds run) wall time mostly measures waiting for a core.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double g_lastCpuMedian = 0;

double medianRepaintMs(DiagramView &view, int repetitions)
{
    QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    QList<double> times, cpu;
    for (int i = 0; i < repetitions + 3; ++i) {
        QElapsedTimer timer;
        timer.start();
        const double cpu0 = threadCpuMs();
        QPainter painter(&image);
        view.viewport()->render(&painter);
        painter.end();
        const double ms = timer.nsecsElapsed() / 1e6;
        if (i >= 3) { // the first renders fill the icon and glyph caches
            times.append(ms);
            cpu.append(threadCpuMs() - cpu0);
        }
    }
    g_lastCpuMedian = median(cpu);
    return median(times);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const Design design = makeBigDesign();

    // Warm-up outside the timing: fonts, icon renderers.
    {
        Document warm;
        warm.replaceDesign(design);
        DiagramScene scene(&warm);
    }

    Document document;
    QElapsedTimer timer;
    timer.start();
    const double openCpu0 = threadCpuMs();
    document.replaceDesign(design);
    auto *scene = new DiagramScene(&document);
    DiagramView view(scene);
    view.resize(1280, 800);
    view.fitToView();
    const double openMs = timer.nsecsElapsed() / 1e6;
    const double openCpuMs = threadCpuMs() - openCpu0;

    timer.restart();
    document.replaceDesign(design); // File > Open with the window already up
    const double reopenMs = timer.nsecsElapsed() / 1e6;

    view.show();
    QCoreApplication::processEvents();
    view.setZoom(1.0);
    view.centerOn(scene->itemsBoundingRectWithMargin().center());
    const double repaint100 = medianRepaintMs(view, 50);
    const double repaint100Cpu = g_lastCpuMedian;
    // Breakdown at 100%: where the time goes.
    auto setVisible = [&](int type, bool visible) {
        for (QGraphicsItem *item : scene->items()) {
            if (item->type() == type)
                item->setVisible(visible);
        }
    };
    setVisible(WireItem::Type, false);
    const double blocksOnly = medianRepaintMs(view, 20);
    setVisible(BlockItem::Type, false);
    const double backgroundOnly = medianRepaintMs(view, 20);
    setVisible(WireItem::Type, true);
    const double wiresOnly = medianRepaintMs(view, 20);
    setVisible(BlockItem::Type, true);
    const QRectF visible = view.mapToScene(view.viewport()->rect()).boundingRect();
    int visibleBlocks = 0, visibleWires = 0;
    for (QGraphicsItem *item : scene->items(visible)) {
        visibleBlocks += item->type() == BlockItem::Type;
        visibleWires += item->type() == WireItem::Type;
    }
    std::printf("  in view at 100%%: %d blocks, %d wires; background only %.2f ms, blocks only "
                "%.2f ms, wires only %.2f ms\n",
                visibleBlocks, visibleWires, backgroundOnly, blocksOnly, wiresOnly);

    view.setZoom(0.5);
    const double repaint50 = medianRepaintMs(view, 50);
    view.fitToView();
    const double repaintFit = medianRepaintMs(view, 50);
    const double fitZoom = view.zoom();

    std::printf("open (scene + view for the design): %.1f ms   target < 300 ms  %s\n", openMs,
                openMs < 300 ? "OK" : "MISSED");
    std::printf("  (thread CPU time of the open: %.1f ms)\n", openCpuMs);
    std::printf("re-open (replaceDesign, scene rebuild): %.1f ms\n", reopenMs);
    std::printf("full repaint 1280x800 at 100%%: median %.2f ms   target < 16 ms  %s\n", repaint100,
                repaint100 < 16 ? "OK" : "MISSED");
    std::printf("  (thread CPU time of that repaint: median %.2f ms)\n", repaint100Cpu);
    std::printf("full repaint at 50%%: median %.2f ms\n", repaint50);
    std::printf("full repaint fit-to-view (%.0f%%, all 200 blocks): median %.2f ms\n",
                fitZoom * 100, repaintFit);
    delete scene;
    return 0;
}
