// The main window's default dock layout: canvas, charts and inspector usable at once (charts
// under the canvas, inspector at the right, findings / cost / faults as tabs under it); at
// 1024x700, whether the window opens that small or is shrunk to it, the docks give way so the
// canvas keeps at least half the window's width and height, and the Cost panel's Total row
// stays in view.

#include "chartsfixture.h"
#include "mainwindowtestutil.h"

#include "model/document.h"
#include "ui/cost/costpanel.h"
#include "ui/docks/inspectordock.h"
#include "ui/mainwindow.h"

#include <QDockWidget>
#include <QScrollArea>
#include <QTabBar>
#include <QTest>
#include <QTreeWidget>

using namespace swb;

namespace {

QDockWidget *dock(MainWindow &w, const char *name)
{
    return w.findChild<QDockWidget *>(QString::fromLatin1(name));
}

// The widget is on screen, not hidden behind a tab or a collapsed dock.
bool inView(QWidget *widget)
{
    return widget->isVisible() && !widget->visibleRegion().isEmpty();
}

// The inspector's page is in view. Not the scroll area itself: its viewport covers it all but
// a scroll bar, and the project settings fit without one.
bool inspectorInView(MainWindow &w)
{
    auto *scroll = qobject_cast<QScrollArea *>(w.inspectorDock()->widget());
    return scroll && scroll->widget() && inView(scroll->widget());
}

void checkCanvasHalf(MainWindow &w)
{
    // The docks give way once the layout has settled (a design loaded adds chart rows, then the
    // window re-balances the docks): on a loaded machine that can take longer than a fixed wait.
    const auto canvas = [&w] { return w.centralWidget()->size(); };
    QTRY_VERIFY2(canvas().width() * 2 >= w.width() && canvas().height() * 2 >= w.height(),
                 qPrintable(QStringLiteral("canvas %1x%2 in a %3x%4 window")
                                .arg(canvas().width())
                                .arg(canvas().height())
                                .arg(w.width())
                                .arg(w.height())));
}

void checkTotalRowInView(MainWindow &w)
{
    QDockWidget *cost = dock(w, "costDock");
    cost->raise();
    QTest::qWait(50);
    auto *panel = qobject_cast<CostPanel *>(cost->widget());
    QVERIFY(panel);
    QTreeWidget *total = panel->totalRow();
    QVERIFY(inView(total));
    // The whole row: its item's rectangle lies inside what the panel shows.
    const QRect row = total->visualItemRect(total->topLevelItem(0));
    QVERIFY(!row.isEmpty());
    const QRect shown = total->viewport()->visibleRegion().boundingRect();
    QVERIFY2(
        shown.contains(QRect(row.topLeft(), QSize(1, row.height()))),
        qPrintable(
            QStringLiteral("row %1 px high, %2 px shown").arg(row.height()).arg(shown.height())));
    QCOMPARE(total->topLevelItem(0)->text(0), QStringLiteral("Total"));
}

// The texts of the visible tab bars' tabs, each checked to have room for its whole title.
QStringList visibleTabsWhole(MainWindow &w)
{
    QStringList seen;
    for (QTabBar *bar : w.findChildren<QTabBar *>()) {
        if (!bar->isVisible())
            continue;
        for (int i = 0; i < bar->count(); ++i) {
            const QString text = bar->tabText(i);
            seen.append(text);
            const int needed = bar->fontMetrics().horizontalAdvance(text);
            if (bar->tabRect(i).width() <= needed)
                qWarning("tab '%s' is %d px wide for %d px of text", qPrintable(text),
                         bar->tabRect(i).width(), needed);
            if (bar->tabRect(i).width() <= needed)
                return {};
        }
    }
    return seen;
}

} // namespace

class TestDocksLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_dockslayout")); }
    void init() { test::resetGuiTestState(); }
    void canvasChartsAndInspectorAtOnce();
    void smallWindowKeepsHalfForTheCanvas();
    void shrinkingToSmallGivesWay();
    void dockTabsShowWholeTitles();
};

void TestDocksLayout::canvasChartsAndInspectorAtOnce()
{
    MainWindow w(test::pricing());
    w.resize(1600, 1000);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTest::qWait(100);
    QDockWidget *charts = dock(w, "chartsDock");
    QVERIFY(charts);
    QCOMPARE(w.dockWidgetArea(charts), Qt::BottomDockWidgetArea);
    QCOMPARE(w.dockWidgetArea(w.inspectorDock()), Qt::RightDockWidgetArea);
    QVERIFY(!w.tabifiedDockWidgets(w.inspectorDock()).contains(charts));
    QVERIFY(inView(charts->widget()));
    QVERIFY(inspectorInView(w));
    QVERIFY(inView(w.centralWidget()));
    // The charts sit under the canvas, the inspector beside both.
    const QRect canvas(w.centralWidget()->mapTo(&w, QPoint()), w.centralWidget()->size());
    const QRect chartsRect(charts->mapTo(&w, QPoint()), charts->size());
    const QRect inspector(w.inspectorDock()->mapTo(&w, QPoint()), w.inspectorDock()->size());
    QVERIFY(chartsRect.top() >= canvas.bottom());
    QVERIFY(inspector.left() >= canvas.right() && inspector.left() >= chartsRect.right());
    checkCanvasHalf(w);
    checkTotalRowInView(w);
    w.document()->markSaved();
}

void TestDocksLayout::smallWindowKeepsHalfForTheCanvas()
{
    MainWindow w(test::pricing());
    w.resize(1024, 700);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.document()->replaceDesign(test::sqsLambda(2));
    QTest::qWait(100);
    checkCanvasHalf(w);
    QVERIFY(inView(dock(w, "chartsDock")->widget()));
    QVERIFY(inspectorInView(w));
    checkTotalRowInView(w);
    w.document()->markSaved();
}

void TestDocksLayout::shrinkingToSmallGivesWay()
{
    MainWindow w(test::pricing());
    w.resize(1600, 1000);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTest::qWait(100);
    // Docks made wide by hand first: the window, not the defaults, must make room.
    w.resizeDocks({w.inspectorDock()}, {520}, Qt::Horizontal);
    w.resizeDocks({dock(w, "chartsDock")}, {480}, Qt::Vertical);
    QTest::qWait(50);
    w.resize(1024, 700);
    QTRY_VERIFY(w.width() == 1024 && w.height() == 700);
    QTest::qWait(100);
    checkCanvasHalf(w);
    checkTotalRowInView(w);
    w.document()->markSaved();
}

void TestDocksLayout::dockTabsShowWholeTitles()
{
    // At 1024x700 four docks share the tab bar under the inspector: each tab keeps its whole
    // title (scroll arrows when they do not fit), and the Findings tab names a count, not the
    // whole summary (that is in the status bar).
    MainWindow w(test::pricing());
    w.resize(1024, 700);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    // A queue without a DLQ and a batch size without a window: findings to count.
    w.document()->replaceDesign(test::sqsLambda(20));
    QTest::qWait(100);
    const QStringList seen = visibleTabsWhole(w);
    for (const char *title : {"Cost", "Faults", "Advisor"})
        QVERIFY2(seen.contains(QLatin1String(title)), qPrintable(seen.join(QLatin1Char('|'))));
    const auto findings = std::find_if(seen.cbegin(), seen.cend(), [](const QString &t) {
        return t.startsWith(QLatin1String("Findings"));
    });
    QVERIFY(findings != seen.cend());
    QVERIFY2(findings->size() <= QStringLiteral("Findings (99)").size(), qPrintable(*findings));
    // Squeezed by hand to less than the tabs need: still whole titles, the bar scrolls.
    w.resizeDocks({w.inspectorDock()}, {150}, Qt::Horizontal);
    QTest::qWait(100);
    QCOMPARE(visibleTabsWhole(w).size(), seen.size());
    w.document()->markSaved();
}

QTEST_MAIN(TestDocksLayout)
#include "dockslayout.moc"
