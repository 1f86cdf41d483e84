// Wiring on the canvas with real mouse drags: a drag from a port to a block creates the wire
// kind AWS allows for that pair and port, an illegal target is refused with AWS's reason, and
// wires follow their blocks.

#include "canvasfixture.h"

#include "model/wiringrules.h"
#include "ui/canvas/wireitem.h"

#include <QApplication>
#include <QSignalSpy>

using namespace swb;
using namespace swb::test;

class CanvasWiringTest : public QObject
{
    Q_OBJECT

private:
    static QStringList messages(const QSignalSpy &spy)
    {
        QStringList list;
        for (const QList<QVariant> &args : spy)
            list.append(args.at(0).toString());
        return list;
    }

private Q_SLOTS:
    void queueToFunctionIsAnEventSourceMapping()
    {
        CanvasFixture f;
        const ComponentId queue = f.add(ComponentKind::SqsQueue, {0, 0}, QStringLiteral("jobs"));
        const ComponentId fn = f.add(ComponentKind::Lambda, {300, 0}, QStringLiteral("worker"));
        f.showAll();
        bool chooserCalled = false;
        f.scene->setConnectionKindChooser([&](const QList<ConnectionKind> &, QPoint) {
            chooserCalled = true;
            return std::optional<ConnectionKind>();
        });
        f.drag(f.port(queue, BlockItem::Port::Output), f.centre(fn));
        QCOMPARE(f.document->design().connections.size(), 1);
        const Connection wire = f.document->design().connections.first();
        QCOMPARE(wire.source, queue);
        QCOMPARE(wire.target, fn);
        // Lambda reads SQS by polling: the only legal wire from the output port.
        QCOMPARE(wire.kind, ConnectionKind::EventSourceMapping);
        QVERIFY(!chooserCalled);
        QVERIFY(f.scene->wireItem(wire.id));
        // One undo step removes it, and its item.
        f.document->undoStack()->undo();
        QVERIFY(f.document->design().connections.isEmpty());
        QVERIFY(!f.scene->wireItem(wire.id));
    }

    void failurePortMakesARedrive()
    {
        CanvasFixture f;
        const ComponentId queue = f.add(ComponentKind::SqsQueue, {0, 0}, QStringLiteral("jobs"));
        const ComponentId dlq = f.add(ComponentKind::SqsQueue, {300, 150}, QStringLiteral("dlq"));
        f.showAll();
        f.drag(f.port(queue, BlockItem::Port::Failure), f.port(dlq, BlockItem::Port::Input));
        QCOMPARE(f.document->design().connections.size(), 1);
        QCOMPARE(f.document->design().connections.first().kind, ConnectionKind::Redrive);
    }

    void severalKindsAskTheChooser()
    {
        CanvasFixture f;
        const ComponentId api = f.add(ComponentKind::ApiGateway, {0, 0}, QStringLiteral("api"));
        const ComponentId fn = f.add(ComponentKind::Lambda, {300, 0}, QStringLiteral("fn"));
        f.showAll();
        // Cancelling the menu creates nothing.
        f.scene->setConnectionKindChooser(
            [](const QList<ConnectionKind> &, QPoint) { return std::optional<ConnectionKind>(); });
        f.drag(f.port(api, BlockItem::Port::Output), f.centre(fn));
        QVERIFY(f.document->design().connections.isEmpty());

        QList<ConnectionKind> offered;
        f.scene->setConnectionKindChooser([&](const QList<ConnectionKind> &kinds, QPoint) {
            offered = kinds;
            return std::optional<ConnectionKind>(ConnectionKind::AsyncInvoke);
        });
        f.drag(f.port(api, BlockItem::Port::Output), f.centre(fn));
        // A REST API proxies to Lambda (sync) or invokes it with InvocationType Event (async).
        QCOMPARE(offered,
                 (QList<ConnectionKind>{ConnectionKind::SyncInvoke, ConnectionKind::AsyncInvoke}));
        QCOMPARE(f.document->design().connections.size(), 1);
        QCOMPARE(f.document->design().connections.first().kind, ConnectionKind::AsyncInvoke);
    }

    void illegalTargetIsRefusedWithReason()
    {
        CanvasFixture f;
        const ComponentId api = f.add(ComponentKind::ApiGateway, {0, 0}, QStringLiteral("api"));
        const ComponentId topic = f.add(ComponentKind::SnsTopic, {300, 0}, QStringLiteral("t"));
        const ComponentId fn = f.add(ComponentKind::Lambda, {300, 200}, QStringLiteral("fn"));
        QVERIFY(f.document->setComponentParam(api, QStringLiteral("type"), QStringLiteral("HTTP")));
        f.showAll();
        QSignalSpy spy(f.scene.get(), &DiagramScene::statusMessage);
        const int undoBefore = f.document->undoStack()->count();

        // Hover first: the live feedback while the button is still down.
        const QPoint from = f.toView(f.port(api, BlockItem::Port::Output));
        const QPoint over = f.toView(f.centre(topic));
        QTest::mousePress(f.viewport(), Qt::LeftButton, {}, from);
        f.mouseMove(from + QPoint(20, 0), Qt::LeftButton);
        // The function is a legal target of an HTTP API (proxy integration): lit while dragging.
        QCOMPARE(f.scene->blockItem(fn)->wireTarget(), BlockItem::WireTarget::Legal);
        f.mouseMove(over, Qt::LeftButton);
        QCOMPARE(f.scene->blockItem(topic)->wireTarget(), BlockItem::WireTarget::Illegal);
        const QString expected =
            checkWire(f.document->design(), api, topic, ConnectionKind::ServiceIntegration).reason;
        QVERIFY(expected.contains(QStringLiteral("HTTP APIs")));
        QVERIFY2(messages(spy).contains(expected), qPrintable(messages(spy).join(u'|')));
        QTest::mouseRelease(f.viewport(), Qt::LeftButton, {}, over);

        QVERIFY(f.document->design().connections.isEmpty());
        QCOMPARE(f.document->undoStack()->count(), undoBefore);
        // The refusal shows in the status bar with its reason, long enough to read it.
        QVERIFY(spy.last().at(0).toString().contains(expected));
        QVERIFY(spy.last().at(1).toInt() >= 5000);
        // Highlights are gone after the drag.
        QCOMPARE(f.scene->blockItem(topic)->wireTarget(), BlockItem::WireTarget::None);
        QCOMPARE(f.scene->blockItem(fn)->wireTarget(), BlockItem::WireTarget::None);
    }

    void wrongPortNamesTheRightOne()
    {
        CanvasFixture f;
        const ComponentId queue = f.add(ComponentKind::SqsQueue, {0, 0}, QStringLiteral("jobs"));
        const ComponentId dlq = f.add(ComponentKind::SqsQueue, {300, 0}, QStringLiteral("dlq"));
        f.showAll();
        QSignalSpy spy(f.scene.get(), &DiagramScene::statusMessage);
        // Queue to queue is only a redrive, which leaves from the failure port.
        f.drag(f.port(queue, BlockItem::Port::Output), f.centre(dlq));
        QVERIFY(f.document->design().connections.isEmpty());
        QVERIFY(spy.last().at(0).toString().contains(QStringLiteral("failure port")));
    }

    void duplicateWireIsRefused()
    {
        CanvasFixture f;
        const ComponentId queue = f.add(ComponentKind::SqsQueue, {0, 0}, QStringLiteral("jobs"));
        const ComponentId fn = f.add(ComponentKind::Lambda, {300, 0}, QStringLiteral("worker"));
        QVERIFY(f.document->connectComponents(queue, fn, ConnectionKind::EventSourceMapping));
        f.showAll();
        QSignalSpy spy(f.scene.get(), &DiagramScene::statusMessage);
        f.drag(f.port(queue, BlockItem::Port::Output), f.centre(fn));
        QCOMPARE(f.document->design().connections.size(), 1);
        QVERIFY(spy.last().at(0).toString().contains(QStringLiteral("already connected")));
    }

    void dropOnEmptyCanvasDoesNothing()
    {
        CanvasFixture f;
        const ComponentId queue = f.add(ComponentKind::SqsQueue, {0, 0}, QStringLiteral("jobs"));
        f.showAll();
        f.drag(f.port(queue, BlockItem::Port::Output), QPointF(400, 300));
        QVERIFY(f.document->design().connections.isEmpty());
        // No stray preview items are left behind: only the block remains.
        QCOMPARE(f.scene->items().size(), 1);
    }

    void wireFollowsMovedBlock()
    {
        CanvasFixture f;
        const ComponentId queue = f.add(ComponentKind::SqsQueue, {0, 0}, QStringLiteral("jobs"));
        const ComponentId fn = f.add(ComponentKind::Lambda, {300, 0}, QStringLiteral("worker"));
        const ConnectionId id =
            f.document->connectComponents(queue, fn, ConnectionKind::EventSourceMapping);
        f.showAll();
        WireItem *wire = f.scene->wireItem(id);
        QVERIFY(wire->shape().contains(f.port(fn, BlockItem::Port::Input) - QPointF(2, 0)));
        // Move the function by the model (as undo would) and by mouse.
        f.document->moveComponents({{fn, QPointF(300, 200)}});
        QVERIFY(wire->shape().contains(QPointF(298, 240)));
        QVERIFY(!wire->shape().contains(QPointF(298, 40)));
        f.drag(f.centre(fn), f.centre(fn) + QPointF(0, 100));
        QCOMPARE(f.document->design().component(fn)->position, QPointF(300, 300));
        QVERIFY(wire->shape().contains(QPointF(298, 340)));
    }
};

QTEST_MAIN(CanvasWiringTest)
#include "canvaswiring.moc"
