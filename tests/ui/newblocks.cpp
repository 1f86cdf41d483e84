// New blocks never land on others, whatever adds them, with real events: Enter and double-click
// on a palette entry (at the view's centre, then beside), a palette drop onto an existing block,
// Ctrl+D and Ctrl+C / Ctrl+V. Every block keeps a wire's width of free space to the next.

#include "mainwindowtestutil.h"
#include "model/document.h"
#include "model/layout.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"
#include "ui/docks/palettedock.h"
#include "ui/mainwindow.h"

#include <QDragEnterEvent>
#include <QListWidget>
#include <QMimeData>
#include <QTest>

using namespace swb;

namespace {

// Pairs of blocks closer than a wire's width (kRowGap / 2 is what new blocks keep).
QStringList crowded(const Design &design)
{
    QStringList out;
    const QList<Component> blocks = design.components.values();
    for (int i = 0; i < blocks.size(); ++i) {
        for (int j = i + 1; j < blocks.size(); ++j) {
            const QRectF a = QRectF(blocks[i].position, kBlockSize).adjusted(-20, -20, 20, 20);
            if (a.intersects(QRectF(blocks[j].position, kBlockSize)))
                out.append(blocks[i].name + QStringLiteral(" / ") + blocks[j].name);
        }
    }
    return out;
}

} // namespace

class TestNewBlocks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_newblocks")); }
    void init() { test::resetGuiTestState(); }

    void neverOnTopOfAnother()
    {
        MainWindow w(test::pricing());
        test::showActive(w);
        QVERIFY(!QTest::currentTestFailed());
        Document *doc = w.document();
        QListWidget *list = w.paletteDock()->list();

        // Enter on a palette entry, six times: the first at the centre, the rest beside it.
        list->setFocus();
        list->setCurrentItem(w.paletteDock()->itemFor(ComponentKind::Lambda));
        for (int i = 0; i < 6; ++i) {
            list->setFocus();
            QTest::keyClick(list, Qt::Key_Return);
        }
        QCOMPARE(doc->design().components.size(), 6);
        QVERIFY2(crowded(doc->design()).isEmpty(), qPrintable(crowded(doc->design()).join(u',')));

        // Double-clicks on another entry.
        QListWidgetItem *queue = w.paletteDock()->itemFor(ComponentKind::SqsQueue);
        const QPoint at = list->visualItemRect(queue).center();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, at);
        for (int i = 0; i < 3; ++i)
            QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(doc->design().components.size(), 9);
        QVERIFY2(crowded(doc->design()).isEmpty(), qPrintable(crowded(doc->design()).join(u',')));

        // A drop right onto an existing block lands beside it.
        std::unique_ptr<QMimeData> mime(
            list->model()->mimeData({list->model()->index(list->row(queue), 0)}));
        const Component &target = doc->design().components.first();
        QWidget *vp = w.view()->viewport();
        const QPoint drop = w.view()->mapFromScene(QRectF(target.position, kBlockSize).center());
        QDragEnterEvent enter(drop, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
        QApplication::sendEvent(vp, &enter);
        QDragMoveEvent move(drop, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
        QApplication::sendEvent(vp, &move);
        QDropEvent dropEvent(drop, Qt::CopyAction, mime.get(), Qt::LeftButton, {});
        QApplication::sendEvent(vp, &dropEvent);
        QCOMPARE(doc->design().components.size(), 10);
        QVERIFY2(crowded(doc->design()).isEmpty(), qPrintable(crowded(doc->design()).join(u',')));

        // Duplicate and paste a selection of three, twice each.
        const QList<ComponentId> three = doc->design().components.keys().mid(0, 3);
        w.scene()->selectItems(three);
        w.view()->setFocus();
        QTest::keyClick(w.view(), Qt::Key_D, Qt::ControlModifier);
        QTest::keyClick(w.view(), Qt::Key_D, Qt::ControlModifier);
        w.scene()->selectItems(three);
        QTest::keyClick(w.view(), Qt::Key_C, Qt::ControlModifier);
        QTest::keyClick(w.view(), Qt::Key_V, Qt::ControlModifier);
        QTest::keyClick(w.view(), Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(doc->design().components.size(), 22);
        QVERIFY2(crowded(doc->design()).isEmpty(), qPrintable(crowded(doc->design()).join(u',')));
    }
};

QTEST_MAIN(TestNewBlocks)
#include "newblocks.moc"
