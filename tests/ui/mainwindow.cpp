// GUI tests of the main window: palette, wiring on the canvas, undo/redo shortcuts, findings,
// auto-layout, window title and remembered layout. Real QTest mouse and keyboard events.
#include "mainwindowtestutil.h"

#include "model/analysis.h"
#include "model/document.h"
#include "model/layout.h"
#include "model/wiringrules.h"
#include "ui/canvas/blockitem.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"
#include "ui/docks/findingsdock.h"
#include "ui/docks/inspectordock.h"
#include "ui/docks/palettedock.h"
#include "ui/mainwindow.h"

#include <QAction>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QStatusBar>
#include <QtTest>

using namespace swb;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_mainwindow")); }
    void init() { test::resetGuiTestState(); }

    void paletteListsEveryKindAndFilters();
    void paletteDoubleClickAddsBlocksAtViewCentre();
    void paletteDropCreatesBlockWhereDropped();
    void wireLegalConnectionByDraggingPortsAndUndoRedo();
    void illegalWireIsRefusedWithItsReason();
    void clickingFindingSelectsItsBlocks();
    void autoLayoutIsOneUndoStep();
    void titleShowsNameAndModifiedMark();
    void editActionsHaveStandardShortcuts();
    void zoomShortcutUpdatesStatusBar();
    void dockLayoutAndGeometryAreRemembered();

private:
    static void showAndActivate(MainWindow &w)
    {
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
    }
    static QPoint viewPos(MainWindow &w, QPointF scenePos)
    {
        return w.view()->mapFromScene(scenePos);
    }
    // Drags from one port to another with real mouse events on the view's viewport.
    static void dragWire(MainWindow &w, ComponentId from, ComponentId to)
    {
        QWidget *vp = w.view()->viewport();
        const QPoint a =
            viewPos(w, w.scene()->blockItem(from)->portScenePos(BlockItem::Port::Output));
        const QPoint b = viewPos(w, w.scene()->blockItem(to)->portScenePos(BlockItem::Port::Input));
        QTest::mousePress(vp, Qt::LeftButton, {}, a);
        QTest::mouseMove(vp, (a + b) / 2);
        QTest::mouseMove(vp, b);
        QTest::mouseRelease(vp, Qt::LeftButton, {}, b);
    }
};

void TestMainWindow::paletteListsEveryKindAndFilters()
{
    MainWindow w(test::pricing());
    PaletteDock *palette = w.paletteDock();
    QCOMPARE(palette->list()->count(), allComponentKinds().size());
    for (ComponentKind kind : allComponentKinds()) {
        QListWidgetItem *item = palette->itemFor(kind);
        QVERIFY(item);
        QCOMPARE(item->text(), componentKindName(kind));
        QVERIFY(!item->icon().isNull());
    }
    showAndActivate(w);
    QTest::keyClicks(palette->searchField(), QStringLiteral("topic"));
    QCOMPARE(palette->visibleKinds(), QList<ComponentKind>{ComponentKind::SnsTopic});
    palette->searchField()->clear();
    QTest::keyClicks(palette->searchField(), QStringLiteral("step"));
    QCOMPARE(palette->visibleKinds(), QList<ComponentKind>{ComponentKind::StepFunctions});
    palette->searchField()->clear();
    QTest::keyClicks(palette->searchField(), QStringLiteral("database"));
    QCOMPARE(palette->visibleKinds(), QList<ComponentKind>{ComponentKind::Downstream});
    palette->searchField()->clear();
    QCOMPARE(palette->visibleKinds(), allComponentKinds());
}

void TestMainWindow::paletteDoubleClickAddsBlocksAtViewCentre()
{
    MainWindow w(test::pricing());
    showAndActivate(w);
    QListWidget *list = w.paletteDock()->list();
    QListWidgetItem *item = w.paletteDock()->itemFor(ComponentKind::Lambda);
    const QPoint at = list->visualItemRect(item).center();
    // A user's double-click: the first press selects the entry (QTest's synthetic double-click
    // on a list that has no current item is swallowed by QAbstractItemView's press tracking).
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, at);
    QVERIFY(w.document()->design().components.isEmpty()); // a single click adds nothing
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(w.document()->design().components.size(), 1);
    const Component first = w.document()->design().components.first();
    QCOMPARE(first.kind, ComponentKind::Lambda);
    const QPointF centre = w.view()->mapToScene(w.view()->viewport()->rect().center());
    const QPointF blockCentre =
        first.position + QPointF(kBlockSize.width(), kBlockSize.height()) / 2;
    // Snapped to the 10-unit grid: within one grid step (and rounding) of the view centre.
    QVERIFY2(QLineF(blockCentre, centre).length() <= 15,
             qPrintable(QStringLiteral("block centre %1,%2 view centre %3,%4")
                            .arg(blockCentre.x())
                            .arg(blockCentre.y())
                            .arg(centre.x())
                            .arg(centre.y())));
    QCOMPARE(w.scene()->selectedComponents(), QList<ComponentId>{first.id});
    QCOMPARE(w.inspectorDock()->mode(), InspectorDock::Mode::Component);
    QCOMPARE(w.inspectorDock()->currentId(), first.id);

    // A second add (Enter on the entry) does not stack on the first.
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(w.document()->design().components.size(), 2);
    const Component second = w.document()->design().components.last();
    QCOMPARE(second.kind, ComponentKind::Lambda);
    // Offset far enough that both names stay readable (the add shifts by 30 units).
    const QPointF offset = second.position - first.position;
    QVERIFY(qAbs(offset.x()) >= 20 || qAbs(offset.y()) >= 20);
}

void TestMainWindow::paletteDropCreatesBlockWhereDropped()
{
    MainWindow w(test::pricing());
    showAndActivate(w);
    QListWidget *list = w.paletteDock()->list();
    const int row = list->row(w.paletteDock()->itemFor(ComponentKind::SqsQueue));
    // The palette's own drag payload (what QListWidget::startDrag puts on the QDrag).
    std::unique_ptr<QMimeData> mime(list->model()->mimeData({list->model()->index(row, 0)}));
    QVERIFY(mime);
    QVERIFY(mime->hasFormat(QLatin1String("application/x-swb-component-kind")));

    QWidget *vp = w.view()->viewport();
    const QPoint drop(vp->width() / 3, vp->height() / 3);
    QDragEnterEvent enter(drop, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
    QApplication::sendEvent(vp, &enter);
    QVERIFY(enter.isAccepted());
    QDragMoveEvent move(drop, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
    QApplication::sendEvent(vp, &move);
    QDropEvent dropEvent(drop, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
    QApplication::sendEvent(vp, &dropEvent);

    QCOMPARE(w.document()->design().components.size(), 1);
    const Component c = w.document()->design().components.first();
    QCOMPARE(c.kind, ComponentKind::SqsQueue);
    const QPointF centre = c.position + QPointF(kBlockSize.width(), kBlockSize.height()) / 2;
    QVERIFY(QLineF(centre, w.view()->mapToScene(drop)).length() <= 15);
}

void TestMainWindow::wireLegalConnectionByDraggingPortsAndUndoRedo()
{
    MainWindow w(test::pricing());
    showAndActivate(w);
    Document *doc = w.document();
    const ComponentId traffic = doc->addComponent(ComponentKind::TrafficSource, {0, 0});
    const ComponentId api = doc->addComponent(ComponentKind::ApiGateway, {300, 0});
    w.view()->resetZoom();
    w.view()->centerOn(230, 40);

    dragWire(w, traffic, api);
    QCOMPARE(doc->design().connections.size(), 1);
    const Connection wire = doc->design().connections.first();
    QCOMPARE(wire.source, traffic);
    QCOMPARE(wire.target, api);
    QCOMPARE(wire.kind, ConnectionKind::Traffic);
    QVERIFY(w.action(QStringLiteral("actionUndo"))->text().contains(QStringLiteral("Connect")));

    w.view()->setFocus();
    QTest::keyClick(w.view(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(doc->design().connections.size(), 0);
    QTest::keyClick(w.view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(doc->design().connections.size(), 1);
    QCOMPARE(doc->design().connections.first(), wire);
    QTest::keyClick(w.view(), Qt::Key_Z, Qt::ControlModifier);
    QTest::keyClick(w.view(), Qt::Key_Y, Qt::ControlModifier);
    QCOMPARE(doc->design().connections.size(), 1);
}

void TestMainWindow::illegalWireIsRefusedWithItsReason()
{
    MainWindow w(test::pricing());
    showAndActivate(w);
    Document *doc = w.document();
    const ComponentId api = doc->addComponent(ComponentKind::ApiGateway, {0, 0});
    QVERIFY(doc->setComponentParam(api, QStringLiteral("type"), QStringLiteral("HTTP")));
    const ComponentId topic = doc->addComponent(ComponentKind::SnsTopic, {300, 0});
    w.view()->resetZoom();
    w.view()->centerOn(230, 40);
    const int undoCount = doc->undoStack()->count();

    dragWire(w, api, topic);
    QCOMPARE(doc->design().connections.size(), 0);
    QCOMPARE(doc->undoStack()->count(), undoCount);
    // The reason is the rules table's (AWS: HTTP APIs have no SNS integration).
    const QString reason = whyNoWire(doc->design(), api, topic);
    QVERIFY(reason.contains(QStringLiteral("SNS")));
    QVERIFY2(w.statusBar()->currentMessage().contains(reason),
             qPrintable(w.statusBar()->currentMessage()));
}

void TestMainWindow::clickingFindingSelectsItsBlocks()
{
    MainWindow w(test::pricing());
    showAndActivate(w);
    Document *doc = w.document();
    const ComponentId queue = doc->addComponent(ComponentKind::SqsQueue, {0, 0});
    const ComponentId fn = doc->addComponent(ComponentKind::Lambda, {300, 0});
    QVERIFY(doc->connectComponents(queue, fn, ConnectionKind::EventSourceMapping));
    FindingsDock *dock = w.findingsDock();
    // The list follows the model's analysis after the debounce.
    const QList<Finding> expected = analyze(doc->design());
    QVERIFY(!expected.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(dock->list()->count(), expected.size(), 2000);
    int row = -1;
    for (int i = 0; i < expected.size(); ++i) {
        if (!expected.at(i).components.isEmpty()) {
            row = i;
            break;
        }
    }
    QVERIFY(row >= 0);
    QCOMPARE(dock->list()->item(row)->text(), expected.at(row).message);
    w.scene()->selectItems({});
    QListWidget *list = dock->list();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualItemRect(list->item(row)).center());
    QList<ComponentId> selected = w.scene()->selectedComponents();
    QList<ComponentId> want = expected.at(row).components;
    std::sort(selected.begin(), selected.end());
    std::sort(want.begin(), want.end());
    QCOMPARE(selected, want);
}

void TestMainWindow::autoLayoutIsOneUndoStep()
{
    MainWindow w(test::pricing());
    Document *doc = w.document();
    const ComponentId src = doc->addComponent(ComponentKind::TrafficSource, {0, 0});
    const ComponentId queue = doc->addComponent(ComponentKind::SqsQueue, {0, 0});
    const ComponentId fn = doc->addComponent(ComponentKind::Lambda, {0, 0});
    QVERIFY(doc->connectComponents(src, queue, ConnectionKind::Traffic));
    QVERIFY(doc->connectComponents(queue, fn, ConnectionKind::EventSourceMapping));
    const Design before = doc->design();
    const QHash<ComponentId, QPointF> expected = autoLayout(before);

    w.action(QStringLiteral("actionAutoLayout"))->trigger();
    for (auto it = expected.cbegin(); it != expected.cend(); ++it)
        QCOMPARE(doc->design().component(it.key())->position, it.value());
    // Left to right in graph order.
    QVERIFY(doc->design().component(src)->position.x()
            < doc->design().component(queue)->position.x());
    QVERIFY(doc->design().component(queue)->position.x()
            < doc->design().component(fn)->position.x());
    QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Auto-layout"));
    doc->undoStack()->undo();
    QCOMPARE(doc->design(), before);
}

void TestMainWindow::titleShowsNameAndModifiedMark()
{
    MainWindow w(test::pricing());
    QCOMPARE(w.windowTitle(), QStringLiteral("Untitled[*] \u2014 Serverless Workbench"));
    QVERIFY(!w.isWindowModified());
    w.document()->addComponent(ComponentKind::Lambda, {0, 0});
    QVERIFY(w.isWindowModified());
    w.document()->undoStack()->undo();
    QVERIFY(!w.isWindowModified());
    QVERIFY(w.document()->setProjectName(QStringLiteral("orders")));
    QCOMPARE(w.windowTitle(), QStringLiteral("orders[*] \u2014 Serverless Workbench"));
}

void TestMainWindow::editActionsHaveStandardShortcuts()
{
    MainWindow w(test::pricing());
    const QList<QPair<QString, QKeySequence>> expected = {
        {QStringLiteral("actionNew"), QKeySequence(QStringLiteral("Ctrl+N"))},
        {QStringLiteral("actionOpen"), QKeySequence(QStringLiteral("Ctrl+O"))},
        {QStringLiteral("actionSave"), QKeySequence(QStringLiteral("Ctrl+S"))},
        {QStringLiteral("actionSaveAs"), QKeySequence(QStringLiteral("Ctrl+Shift+S"))},
        {QStringLiteral("actionQuit"), QKeySequence(QStringLiteral("Ctrl+Q"))},
        {QStringLiteral("actionUndo"), QKeySequence(QStringLiteral("Ctrl+Z"))},
        {QStringLiteral("actionRedo"), QKeySequence(QStringLiteral("Ctrl+Shift+Z"))},
        {QStringLiteral("actionRedo"), QKeySequence(QStringLiteral("Ctrl+Y"))},
        {QStringLiteral("actionCut"), QKeySequence(QStringLiteral("Ctrl+X"))},
        {QStringLiteral("actionCopy"), QKeySequence(QStringLiteral("Ctrl+C"))},
        {QStringLiteral("actionPaste"), QKeySequence(QStringLiteral("Ctrl+V"))},
        {QStringLiteral("actionDuplicate"), QKeySequence(QStringLiteral("Ctrl+D"))},
        {QStringLiteral("actionDelete"), QKeySequence(QStringLiteral("Del"))},
        {QStringLiteral("actionSelectAll"), QKeySequence(QStringLiteral("Ctrl+A"))},
        {QStringLiteral("actionZoomIn"), QKeySequence(QStringLiteral("Ctrl+="))},
        {QStringLiteral("actionZoomOut"), QKeySequence(QStringLiteral("Ctrl+-"))},
        {QStringLiteral("actionFit"), QKeySequence(QStringLiteral("Ctrl+0"))},
    };
    for (const auto &[name, key] : expected) {
        QAction *action = w.action(name);
        QVERIFY2(action, qPrintable(name));
        QVERIFY2(action->shortcuts().contains(key),
                 qPrintable(name + QLatin1Char(' ') + key.toString()));
    }
    // Undo's text names the edit.
    const ComponentId id = w.document()->addComponent(ComponentKind::Lambda, {0, 0});
    QVERIFY(w.document()->setComponentParam(id, QStringLiteral("memory"), 512));
    QVERIFY(w.action(QStringLiteral("actionUndo"))->text().contains(QStringLiteral("Memory")));
}

void TestMainWindow::zoomShortcutUpdatesStatusBar()
{
    MainWindow w(test::pricing());
    showAndActivate(w);
    w.view()->resetZoom();
    w.view()->setFocus();
    QTest::keyClick(w.view(), Qt::Key_Equal, Qt::ControlModifier);
    const double zoom = w.view()->zoom();
    QVERIFY(zoom > 1.0);
    const auto labels = w.statusBar()->findChildren<QLabel *>();
    const QString expected = QStringLiteral("Zoom %1%").arg(qRound(zoom * 100));
    QVERIFY(std::any_of(labels.begin(), labels.end(),
                        [&](QLabel *l) { return l->text() == expected; }));
    QTest::keyClick(w.view(), Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY(w.view()->zoom() < zoom);
}

void TestMainWindow::dockLayoutAndGeometryAreRemembered()
{
    {
        MainWindow w(test::pricing());
        showAndActivate(w);
        w.resize(1100, 720);
        w.findingsDock()->hide();
        QVERIFY(w.close());
    }
    MainWindow again(test::pricing());
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QCOMPARE(again.size(), QSize(1100, 720));
    QVERIFY(again.findingsDock()->isHidden());
    QVERIFY(!again.paletteDock()->isHidden());
}

QTEST_MAIN(TestMainWindow)
#include "mainwindow.moc"
