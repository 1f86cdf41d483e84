// Messages about refusals do not outstay their welcome, and the refusal bubble stays in the
// editor: dragging a wire onto a target AWS refuses shows the reason next to the cursor in the
// canvas but not, full-size, inside the Overview; the status bar's "Wire refused" expires and
// is cleared by the next successful edit. Real mouse events.

#include "mainwindowtestutil.h"
#include "model/document.h"
#include "ui/canvas/blockitem.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"
#include "ui/canvas/minimapview.h"
#include "ui/mainwindow.h"

#include <QMouseEvent>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>

using namespace swb;

namespace {

void moveWithButton(QWidget *viewport, QPoint pos)
{
    QMouseEvent event(QEvent::MouseMove, pos, viewport->mapToGlobal(pos), Qt::NoButton,
                      Qt::LeftButton, {});
    QApplication::sendEvent(viewport, &event);
}

} // namespace

class TestStatusMessages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_statusmessages")); }
    void init() { test::resetGuiTestState(); }

    void refusalStaysOutOfTheOverviewAndExpires()
    {
        MainWindow w(test::pricing());
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        Document *doc = w.document();
        const ComponentId api = doc->addComponent(ComponentKind::ApiGateway, {0, 0});
        QVERIFY(doc->setComponentParam(api, QStringLiteral("type"), QStringLiteral("HTTP")));
        const ComponentId topic = doc->addComponent(ComponentKind::SnsTopic, {300, 0});
        w.view()->resetZoom();
        w.view()->centerOn(230, 40);
        QCoreApplication::processEvents();
        QSignalSpy messages(w.scene(), &DiagramScene::statusMessage);

        QWidget *viewport = w.view()->viewport();
        const QPoint from = w.view()->mapFromScene(
            w.scene()->blockItem(api)->portScenePos(BlockItem::Port::Output));
        const QPoint over =
            w.view()->mapFromScene(w.scene()->blockItem(topic)->sceneBoundingRect().center());
        QTest::mousePress(viewport, Qt::LeftButton, {}, from);
        for (int i = 1; i <= 6; ++i)
            moveWithButton(viewport, from + (over - from) * i / 6);
        // The bubble is on the canvas; the Overview shows the same scene without it.
        QGraphicsItem *bubble = nullptr;
        for (QGraphicsItem *item : w.scene()->items()) {
            if (item->flags() & QGraphicsItem::ItemIgnoresTransformations)
                bubble = item;
        }
        QVERIFY(bubble);
        auto *minimap = w.findChild<MinimapView *>();
        QVERIFY(minimap && minimap->isVisible());
        const QImage mapWith = minimap->grab().toImage();
        const QImage viewWith = w.view()->grab().toImage();
        bubble->setVisible(false);
        const QImage mapWithout = minimap->grab().toImage();
        const QImage viewWithout = w.view()->grab().toImage();
        bubble->setVisible(true);
        QVERIFY(viewWith != viewWithout); // painted in the editor ...
        QCOMPARE(mapWith, mapWithout);    // ... and not in the Overview
        QTest::mouseRelease(viewport, Qt::LeftButton, {}, over);

        // The refusal is in the status bar for a while, not for good ...
        QVERIFY(w.statusBar()->currentMessage().startsWith(QLatin1String("Wire refused")));
        QVERIFY(!messages.isEmpty());
        const int timeout = messages.last().at(1).toInt();
        QVERIFY(timeout > 0 && timeout <= 15000);
        // ... and the next successful edit clears it.
        doc->addComponent(ComponentKind::Lambda, {0, 300});
        QVERIFY(w.statusBar()->currentMessage().isEmpty());
    }
};

QTEST_MAIN(TestStatusMessages)
#include "statusmessages.moc"
