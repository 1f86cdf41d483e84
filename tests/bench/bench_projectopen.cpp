// Project open benchmark (DESIGN.md performance targets: opening a 200-block project < 300 ms;
// this measures the file part, the editor's share is the UI's). Builds a 200-block, 300-wire
// design through the Document (so every wire is legal), saves it as .swb and times opening it
// through the registry: median of 20 runs. Also prints the save time.

#include "model/document.h"
#include "model/fileformat.h"
#include "model/projectfile.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace swb;

namespace {

// 40 groups of traffic -> REST API -> function -> queue -> function (200 blocks, 7 wires each),
// plus 20 wires from one group's consumer to the next group's queue (300 wires).
Design buildDesign()
{
    Document doc;
    struct Group {
        ComponentId traffic, api, front, queue, back;
    };
    std::vector<Group> groups;
    for (int i = 0; i < 40; ++i) {
        const double y = 120.0 * i;
        Group g;
        g.traffic = doc.addComponent(ComponentKind::TrafficSource, QPointF(0, y));
        g.api = doc.addComponent(ComponentKind::ApiGateway, QPointF(200, y));
        g.front = doc.addComponent(ComponentKind::Lambda, QPointF(400, y));
        g.queue = doc.addComponent(ComponentKind::SqsQueue, QPointF(600, y));
        g.back = doc.addComponent(ComponentKind::Lambda, QPointF(800, y));
        doc.setComponentParam(g.front, QStringLiteral("memory"), 512);
        doc.setComponentParam(g.queue, QStringLiteral("visibilityTimeout"), 180);
        groups.push_back(g);
    }
    auto connect = [&](ComponentId a, ComponentId b, ConnectionKind kind) {
        QString error;
        if (!doc.connectComponents(a, b, kind, &error))
            qFatal("cannot wire: %s", qPrintable(error));
    };
    for (const Group &g : groups) {
        connect(g.traffic, g.api, ConnectionKind::Traffic);
        connect(g.api, g.front, ConnectionKind::SyncInvoke);
        connect(g.api, g.queue, ConnectionKind::ServiceIntegration);
        connect(g.front, g.queue, ConnectionKind::ServiceIntegration);
        connect(g.queue, g.back, ConnectionKind::EventSourceMapping);
        connect(g.front, g.back, ConnectionKind::AsyncInvoke);
        connect(g.back, g.front, ConnectionKind::AsyncInvoke);
    }
    for (int i = 0; i < 20; ++i)
        connect(groups[i].back, groups[i + 1].queue, ConnectionKind::ServiceIntegration);
    return doc.design();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const Design design = buildDesign();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.swb"));

    constexpr int runs = 20;
    std::vector<double> saves;
    std::vector<double> opens;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        auto writer = FileFormats::forWriting(path);
        if (!writer || !writer->write(path, design))
            qFatal("save failed: %s", writer ? qPrintable(writer->errorString()) : "no format");
        saves.push_back(timer.nsecsElapsed() / 1e6);
    }
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        Design back;
        auto reader = FileFormats::forReading(path);
        if (!reader || !reader->read(path, &back))
            qFatal("open failed: %s", reader ? qPrintable(reader->errorString()) : "no format");
        opens.push_back(timer.nsecsElapsed() / 1e6);
        if (!(back == design))
            qFatal("the design read back differs from the one saved");
    }
    std::printf("project: %lld blocks, %lld wires, %lld bytes\n",
                qlonglong(design.components.size()), qlonglong(design.connections.size()),
                qlonglong(QFileInfo(path).size()));
    std::printf("save: median %.1f ms over %d runs\n", median(saves), runs);
    std::printf("open: median %.1f ms over %d runs (min %.1f, max %.1f; target < 300 ms)\n",
                median(opens), runs, *std::min_element(opens.begin(), opens.end()),
                *std::max_element(opens.begin(), opens.end()));
    return 0;
}
