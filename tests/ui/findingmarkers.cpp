// Findings on the canvas, with real mouse events: a warning marks its block (the message in the
// block's tool tip), a click on the marker selects the block and shows the finding in the
// Findings dock, fixing the design takes the marker away; an error outranks a warning on the
// same block; a finding about a wire marks the wire's label, and a click there selects the wire
// and shows it. The playback's bottom badge never covers the failure port.

#include "mainwindowtestutil.h"
#include "model/analysis.h"
#include "model/document.h"
#include "ui/canvas/blockitem.h"
#include "ui/canvas/canvasmetrics.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"
#include "ui/canvas/wireitem.h"
#include "ui/docks/findingsdock.h"
#include "ui/mainwindow.h"

#include <QListWidget>
#include <QTest>

using namespace swb;

namespace {

QRectF portCircle(const BlockItem *block, BlockItem::Port port)
{
    const qreal r = canvas::kPortRadius;
    return QRectF(block->portPos(port) - QPointF(r, r), QSizeF(2 * r, 2 * r));
}

} // namespace

class TestFindingMarkers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_findingmarkers")); }
    void init() { test::resetGuiTestState(); }

    void warningMarksItsBlockAndLeadsToFindings()
    {
        MainWindow w(test::pricing());
        test::showActive(w);
        Document *doc = w.document();
        const ComponentId source = doc->addComponent(ComponentKind::TrafficSource, {0, 0});
        const ComponentId queue =
            doc->addComponent(ComponentKind::SqsQueue, {300, 0}, QStringLiteral("jobs"));
        const ComponentId fn = doc->addComponent(ComponentKind::Lambda, {600, 0});
        QVERIFY(doc->connectComponents(source, queue, ConnectionKind::Traffic) != InvalidId);
        QVERIFY(doc->connectComponents(queue, fn, ConnectionKind::EventSourceMapping) != InvalidId);
        w.findingsDock()->refresh();

        // The analysis warns that the queue has no DLQ: its block carries the marker.
        const BlockItem *block = w.scene()->blockItem(queue);
        QCOMPARE(block->findingMarker().severity, FindingMarker::Severity::Warning);
        QString message;
        for (const Finding &f : w.findingsDock()->findings()) {
            if (f.code == QLatin1String(findingcode::QueueNoDlq))
                message = f.message;
        }
        QVERIFY(!message.isEmpty());
        QVERIFY(block->findingMarker().messages.contains(message));
        QVERIFY(block->toolTip().contains(message.toHtmlEscaped()));
        // A block no warning or error names has no marker (advice, Info, marks nothing).
        for (const Finding &f : w.findingsDock()->findings())
            QVERIFY(f.severity == Severity::Info || !f.components.contains(fn));
        QVERIFY(w.scene()->blockItem(fn)->findingMarker().isEmpty());

        // A click on the marker (its outer half, outside the block's body) selects the queue
        // and shows its finding.
        w.view()->resetZoom();
        w.view()->centerOn(block);
        const QPointF at = block->mapRectToScene(BlockItem::markerRect()).topLeft() + QPointF(3, 3);
        QVERIFY(!block->sceneBoundingRect().isEmpty());
        QTest::mouseClick(w.view()->viewport(), Qt::LeftButton, {}, w.view()->mapFromScene(at));
        QCOMPARE(w.scene()->selectedComponents(), QList<ComponentId>{queue});
        QListWidget *list = w.findingsDock()->list();
        QVERIFY(list->currentItem());
        QCOMPARE(list->currentItem()->text(), message);
        QVERIFY(w.findingsDock()->isVisible());
        QCOMPARE(doc->design().component(queue)->position, QPointF(300, 0)); // not dragged

        // With a DLQ the warning, and the marker, go.
        const ComponentId dlq = doc->addComponent(ComponentKind::SqsQueue, {300, 200});
        QVERIFY(doc->connectComponents(queue, dlq, ConnectionKind::Redrive) != InvalidId);
        w.findingsDock()->refresh();
        QVERIFY(w.scene()->blockItem(queue)->findingMarker().isEmpty());
        QVERIFY(!w.scene()->blockItem(queue)->toolTip().contains(message.toHtmlEscaped()));
    }

    void wireFindingMarksTheWireAndLeadsToFindings()
    {
        MainWindow w(test::pricing());
        test::showActive(w);
        Document *doc = w.document();
        const ComponentId queue =
            doc->addComponent(ComponentKind::SqsQueue, {0, 0}, QStringLiteral("jobs"));
        const ComponentId fn = doc->addComponent(ComponentKind::Lambda, {400, 0});
        const ConnectionId poll =
            doc->connectComponents(queue, fn, ConnectionKind::EventSourceMapping);
        QVERIFY(poll != InvalidId);
        // A function timeout above the queue's 30 s visibility timeout: Lambda refuses the
        // mapping, an error about the wire.
        QVERIFY(doc->setComponentParam(fn, QStringLiteral("timeout"), 60));
        w.findingsDock()->refresh();
        QString message;
        for (const Finding &f : w.findingsDock()->findings()) {
            if (f.code == QLatin1String(findingcode::VisibilityBelowFunctionTimeout)) {
                QVERIFY(f.connections.contains(poll));
                message = f.message;
            }
        }
        QVERIFY(!message.isEmpty());
        WireItem *wire = w.scene()->wireItem(poll);
        QCOMPARE(wire->findingMarker().severity, FindingMarker::Severity::Error);
        QVERIFY(wire->findingMarker().messages.contains(message));
        QVERIFY(wire->toolTip().contains(message.toHtmlEscaped()));
        QCoreApplication::processEvents(); // the labels are placed again, the marker's wider
        const QRectF marker = wire->markerRect();
        QVERIFY(!marker.isEmpty());
        QVERIFY(wire->labelRect().contains(marker));

        w.view()->resetZoom();
        w.view()->centerOn(marker.center());
        QTest::mouseClick(w.view()->viewport(), Qt::LeftButton, {},
                          w.view()->mapFromScene(marker.center()));
        QCOMPARE(w.scene()->selectedConnections(), QList<ConnectionId>{poll});
        QVERIFY(w.scene()->selectedComponents().isEmpty());
        QListWidget *list = w.findingsDock()->list();
        QVERIFY(list->currentItem());
        QCOMPARE(list->currentItem()->text(), message);

        // Fixed: the marker goes and the label narrows again.
        const qreal wide = wire->labelRect().width();
        QVERIFY(doc->setComponentParam(fn, QStringLiteral("timeout"), 3));
        w.findingsDock()->refresh();
        QVERIFY(wire->findingMarker().isEmpty());
        QVERIFY(wire->markerRect().isEmpty());
        QVERIFY(wire->labelRect().width() < wide);
    }

    void errorOutranksWarningAndMarkersSurviveUndo()
    {
        MainWindow w(test::pricing());
        test::showActive(w);
        Document *doc = w.document();
        const ComponentId fn = doc->addComponent(ComponentKind::Lambda, {0, 0});
        Finding warning{
            Severity::Warning, QStringLiteral("w"), QStringLiteral("a warning"), {fn}, {}};
        Finding error{Severity::Error, QStringLiteral("e"), QStringLiteral("an error"), {fn}, {}};
        Finding info{Severity::Info, QStringLiteral("i"), QStringLiteral("advice"), {fn}, {}};
        w.scene()->setFindings({warning, error, info});
        const FindingMarker marker = w.scene()->blockItem(fn)->findingMarker();
        QCOMPARE(marker.severity, FindingMarker::Severity::Error);
        QCOMPARE(marker.messages,
                 (QStringList{QStringLiteral("a warning"), QStringLiteral("an error")}));
        // The block comes back by redo after a delete: with its marker until the next analysis.
        doc->removeItems({fn}, {});
        doc->undoStack()->undo();
        QCOMPARE(w.scene()->blockItem(fn)->findingMarker(), marker);
    }

    void bottomBadgeLeavesTheFailurePortFree()
    {
        MainWindow w(test::pricing());
        test::showActive(w);
        Document *doc = w.document();
        const ComponentId fn = doc->addComponent(ComponentKind::Lambda, {0, 0});
        const BlockItem *block = w.scene()->blockItem(fn);
        QVERIFY(block->hasPort(BlockItem::Port::Failure));
        for (const QString &text :
             {QStringLiteral("3 err"), QStringLiteral("backlog 12.3k msgs")}) {
            BlockOverlay overlay;
            overlay.bottomBadge = text;
            overlay.severity = BlockOverlay::Severity::Error;
            w.scene()->setBlockOverlay(fn, overlay);
            const QRectF badge = block->bottomBadgeRect();
            QVERIFY(!badge.isEmpty());
            QVERIFY2(!badge.intersects(portCircle(block, BlockItem::Port::Failure)),
                     qPrintable(text));
        }
        // The findings marker keeps clear of every port too.
        for (BlockItem::Port port :
             {BlockItem::Port::Input, BlockItem::Port::Output, BlockItem::Port::Failure}) {
            if (block->hasPort(port))
                QVERIFY(!BlockItem::markerRect().intersects(portCircle(block, port)));
        }
    }
};

QTEST_MAIN(TestFindingMarkers)
#include "findingmarkers.moc"
