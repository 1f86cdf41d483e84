// GUI tests of the pattern guide: answering the decision questions with real clicks and
// keys ranks the patterns live, Create inserts the recommended pattern sized for the stated load
// as one undo step beside an existing design, and the six-axis table shows the model's data.
#include "mainwindowtestutil.h"

#include "model/document.h"
#include "model/patternadvisor.h"
#include "model/patternaxes.h"
#include "model/patterns.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"
#include "ui/guide/patternguidepanel.h"
#include "ui/mainwindow.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFrame>
#include <QLabel>
#include <QLayout>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTableWidget>
#include <QtTest>

using namespace swb;

namespace {

const QString kStream = QStringLiteral("kinesis-lambda");
const QString kApi = QStringLiteral("api-lambda");

QString shotDir()
{
    return qEnvironmentVariable("SWB_GUIDE_SHOTS");
}

// Scrolls the guide so the widget is on screen, then clicks its middle like a user.
void click(QWidget *widget)
{
    for (QWidget *p = widget->parentWidget(); p; p = p->parentWidget()) {
        if (auto *scroll = qobject_cast<QScrollArea *>(p)) {
            scroll->ensureWidgetVisible(widget);
            break;
        }
    }
    QTest::mouseClick(widget, Qt::LeftButton, {}, widget->rect().center());
}

// Picks the answer whose data is `value` with the keyboard: Home, then Down until it is current.
void choose(QComboBox *box, int value)
{
    box->setFocus(Qt::TabFocusReason);
    QTest::keyClick(box, Qt::Key_Home);
    for (int i = 0; i < box->count() && box->currentData().toInt() != value; ++i)
        QTest::keyClick(box, Qt::Key_Down);
    QCOMPARE(box->currentData().toInt(), value);
}

// Types a value into a spin box and confirms it with Enter.
void type(QDoubleSpinBox *box, const QString &text)
{
    click(box);
    QTest::keyClick(box, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(box, text);
    QTest::keyClick(box, Qt::Key_Return);
}

const Component *named(const Design &design, const QString &name)
{
    for (const Component &c : design.components) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

// The pattern's blocks are in the design with the same kind and every parameter, and its wires
// with the same kind and parameters between the same (named) blocks.
void compareInserted(const Design &actual, const Design &expected)
{
    for (const Component &e : expected.components) {
        const Component *a = named(actual, e.name);
        QVERIFY2(a, qPrintable(e.name));
        QCOMPARE(a->kind, e.kind);
        QCOMPARE(a->params, e.params);
    }
    for (const Connection &e : expected.connections) {
        const QString from = expected.component(e.source)->name;
        const QString to = expected.component(e.target)->name;
        bool found = false;
        for (const Connection &a : actual.connections) {
            found = found
                    || (a.kind == e.kind && a.params == e.params
                        && actual.component(a.source)->name == from
                        && actual.component(a.target)->name == to);
        }
        QVERIFY2(found, qPrintable(from + QStringLiteral(" -> ") + to));
    }
}

int kindCount(const Design &design, ComponentKind kind)
{
    int n = 0;
    for (const Component &c : design.components)
        n += c.kind == kind ? 1 : 0;
    return n;
}

} // namespace

class TestPatternGuide : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_patternguide")); }
    void init() { test::resetGuiTestState(); }

    void orderAndSeveralConsumersCreateAStream();
    void needingAnAnswerNowPutsTheApiFirst();
    void createPlacesThePatternBesideTheDesign();
    void axesTableShowsTheModelTable();
    void wheelScrollsUnlessTheBoxHasFocus();
    void expectedLoadShowsInTheDock();

private:
    static PatternGuidePanel *openGuide(MainWindow &w)
    {
        w.show();
        if (!QTest::qWaitForWindowExposed(&w))
            return nullptr;
        w.activateWindow();
        if (!QTest::qWaitForWindowActive(&w))
            return nullptr;
        w.action(QStringLiteral("actionPatternGuide"))->trigger();
        auto *dock = w.findChild<QDockWidget *>(QStringLiteral("patternGuideDock"));
        if (!dock || !dock->isVisible())
            return nullptr;
        return dock->findChild<PatternGuidePanel *>();
    }
    template<typename T>
    static T *field(PatternGuidePanel *panel, const char *name)
    {
        return panel->findChild<T *>(QLatin1String(name));
    }
    // The pattern whose card is drawn highest in the list.
    static QString topCard(PatternGuidePanel *panel)
    {
        QString top;
        int y = INT_MAX;
        for (const QString &id : patternIds()) {
            QFrame *card = panel->card(id);
            card->parentWidget()->layout()->activate();
            if (card->y() < y) {
                y = card->y();
                top = id;
            }
        }
        return top;
    }
};

void TestPatternGuide::orderAndSeveralConsumersCreateAStream()
{
    MainWindow w(test::pricing());
    PatternGuidePanel *panel = openGuide(w);
    QVERIFY(panel);
    QVERIFY(w.document()->design().components.isEmpty());
    // The dock is also listed under View > Panels.
    auto *dock = w.findChild<QDockWidget *>(QStringLiteral("patternGuideDock"));
    bool listed = false;
    for (QMenu *menu : w.menuBar()->findChildren<QMenu *>()) {
        listed = listed
                 || (menu->title() == QLatin1String("&Panels")
                     && menu->actions().contains(dock->toggleViewAction()));
    }
    QVERIFY(listed);
    QVERIFY(topCard(panel) != kStream); // the default answers do not call for a stream

    choose(field<QComboBox>(panel, "guideRealTime"), int(RealTimeNeed::Seconds));
    choose(field<QComboBox>(panel, "guideCaller"), int(CallerNeed::FireAndForget));
    click(field<QCheckBox>(panel, "guideOrdered"));
    click(field<QCheckBox>(panel, "guideSeveralConsumers"));
    choose(field<QComboBox>(panel, "guideBadDeploy"), int(BadDeploySurvival::Replay));
    choose(field<QComboBox>(panel, "guideDownstream"), int(DownstreamFailure::RetryLater));
    QVERIFY(panel->answers().ordered && panel->answers().severalConsumers);
    type(field<QDoubleSpinBox>(panel, "guideRate"), QStringLiteral("2500"));
    type(field<QDoubleSpinBox>(panel, "guidePayload"), QStringLiteral("4"));
    type(field<QDoubleSpinBox>(panel, "guideDuration"), QStringLiteral("200"));
    const Workload load = panel->workload();
    QCOMPARE(load.rate, 2500.0);
    QCOMPARE(load.payloadKb, 4.0);
    QCOMPARE(load.durationMs, 200.0);
    // The sizing the load implies is shown as it is typed.
    const QString sizing = field<QLabel>(panel, "guideSizing")->text();
    QVERIFY2(sizing.contains(QString::number(concurrencyFor(load)))
                 && sizing.contains(QString::number(kinesisShardsFor(load))),
             qPrintable(sizing));

    // Ranked live: the stream is on top, its card first, its reasons visible.
    QCOMPARE(panel->recommendations().first().patternId, kStream);
    QCOMPARE(topCard(panel), kStream);
    const QString cardText = panel->card(kStream)->findChildren<QLabel *>().at(1)->text();
    QVERIFY2(cardText.contains(QLatin1String("per shard")), qPrintable(cardText));

    // Every reason is readable: no card's text is cut short by its layout.
    for (const QString &id : patternIds()) {
        const QLabel *reasons = panel->card(id)->findChildren<QLabel *>().at(1);
        QTRY_VERIFY2(reasons->height() >= reasons->heightForWidth(reasons->width()),
                     qPrintable(id));
    }
    if (!shotDir().isEmpty())
        QVERIFY(w.grab().save(shotDir() + QStringLiteral("/guide-dock.png")));
    click(panel->createButton(kStream));

    const std::optional<Design> expected = makeRecommendedPattern(kStream, load);
    QVERIFY(expected);
    const Design &design = w.document()->design();
    QCOMPARE(design.components.size(), expected->components.size());
    QCOMPARE(design.connections.size(), expected->connections.size());
    QCOMPARE(kindCount(design, ComponentKind::KinesisStream), 1);
    QVERIFY(kindCount(design, ComponentKind::Lambda) >= 1);
    compareInserted(design, *expected);
    // Sized for 2,500 records/s of 4 KB: more than the one default shard.
    for (const Component &c : design.components) {
        if (c.kind == ComponentKind::KinesisStream)
            QCOMPARE(c.params.value(QStringLiteral("shards")).toInt(), kinesisShardsFor(load));
    }
    QCOMPARE(w.scene()->selectedComponents().size(), design.components.size());
    QVERIFY(field<QLabel>(panel, "guideMessage")->isVisible());
    // Every reason is readable: no card's text is cut short by its layout.
    for (const QString &id : patternIds()) {
        const QLabel *reasons = panel->card(id)->findChildren<QLabel *>().at(1);
        QTRY_VERIFY2(reasons->height() >= reasons->heightForWidth(reasons->width()),
                     qPrintable(id));
    }
    if (!shotDir().isEmpty())
        QVERIFY(w.grab().save(shotDir() + QStringLiteral("/guide-created.png")));

    // One undo step takes the whole insert out.
    QWidget *focus = QApplication::focusWidget();
    QVERIFY(focus);
    QTest::keyClick(focus, Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(w.document()->design().components.isEmpty());
    QVERIFY(w.document()->design().connections.isEmpty());
    QCOMPARE(w.document()->undoStack()->index(), 0);
}

void TestPatternGuide::needingAnAnswerNowPutsTheApiFirst()
{
    MainWindow w(test::pricing());
    PatternGuidePanel *panel = openGuide(w);
    QVERIFY(panel);
    choose(field<QComboBox>(panel, "guideCaller"), int(CallerNeed::NeedsAnswer));
    choose(field<QComboBox>(panel, "guideRealTime"), int(RealTimeNeed::Milliseconds));
    choose(field<QComboBox>(panel, "guideBadDeploy"), int(BadDeploySurvival::Nothing));
    choose(field<QComboBox>(panel, "guideDownstream"), int(DownstreamFailure::FailCaller));
    QCOMPARE(panel->recommendations().first().patternId, kApi);
    QCOMPARE(topCard(panel), kApi);
    // Then asking for order and several consumers moves the stream up, live.
    auto rankOfStream = [panel] {
        const QList<Recommendation> ranking = panel->recommendations();
        for (int i = 0; i < ranking.size(); ++i) {
            if (ranking.at(i).patternId == kStream)
                return i;
        }
        return -1;
    };
    const int before = rankOfStream();
    click(field<QCheckBox>(panel, "guideOrdered"));
    click(field<QCheckBox>(panel, "guideSeveralConsumers"));
    QVERIFY2(rankOfStream() < before, qPrintable(QString::number(before)));
}

void TestPatternGuide::createPlacesThePatternBesideTheDesign()
{
    MainWindow w(test::pricing());
    w.document()->replaceDesign(*makePattern(QStringLiteral("sqs-lambda")));
    const Design before = w.document()->design();
    PatternGuidePanel *panel = openGuide(w);
    QVERIFY(panel);
    click(panel->createButton(kApi));

    const Design &after = w.document()->design();
    const std::optional<Design> api = makeRecommendedPattern(kApi, panel->workload());
    QCOMPARE(after.components.size(), before.components.size() + api->components.size());
    double oldRight = -1e9;
    for (const Component &c : before.components)
        oldRight = std::max(oldRight, c.position.x() + 160);
    for (const Component &c : after.components) {
        if (before.components.contains(c.id))
            QCOMPARE(c.position, before.components.value(c.id).position); // untouched
        else
            QVERIFY2(c.position.x() > oldRight, qPrintable(c.name)); // beside, not on top
    }
    // The new blocks are selected and in view.
    const QList<ComponentId> selected = w.scene()->selectedComponents();
    QCOMPARE(selected.size(), api->components.size());
    const QRectF visible = w.view()->mapToScene(w.view()->viewport()->rect()).boundingRect();
    for (ComponentId id : selected)
        QVERIFY(visible.intersects(QRectF(after.component(id)->position, QSizeF(160, 80))));

    w.document()->undoStack()->undo();
    QCOMPARE(w.document()->design().components.size(), before.components.size());

    // A refused pattern changes nothing and says why, naming what is allowed.
    const int steps = w.document()->undoStack()->count();
    QString error;
    QVERIFY(w.insertRecommendedPattern(QStringLiteral("no-such-pattern"), {}, &error).isEmpty());
    QVERIFY2(error.contains(QLatin1String("no-such-pattern")) && error.contains(kStream),
             qPrintable(error));
    QCOMPARE(w.document()->undoStack()->count(), steps);
    QCOMPARE(w.document()->design().components.size(), before.components.size());
}

void TestPatternGuide::axesTableShowsTheModelTable()
{
    MainWindow w(test::pricing());
    PatternGuidePanel *panel = openGuide(w);
    QVERIFY(panel);
    click(field<QPushButton>(panel, "guideAxesButton"));
    auto *table = w.findChild<QTableWidget *>(QStringLiteral("patternAxesTable"));
    QVERIFY(table);
    QVERIFY(QTest::qWaitForWindowExposed(table->window()));
    const PatternAxes model = patternAxes(PricingCatalogue::builtIn());
    QCOMPARE(table->rowCount(), 6);
    QCOMPARE(table->columnCount(), 5);
    for (PatternAxis axis : allPatternAxes()) {
        QCOMPARE(table->verticalHeaderItem(int(axis))->text(), model.axisNames.at(int(axis)));
        for (ComponentKind channel : model.channels) {
            const QTableWidgetItem *item = table->item(int(axis), model.column(channel));
            QCOMPARE(item->text(), model.cell(axis, channel).text);
            QCOMPARE(item->toolTip(), model.cell(axis, channel).rule);
        }
    }
    QVERIFY(table->horizontalHeaderItem(model.column(ComponentKind::KinesisStream))
                ->text()
                .contains(QLatin1String("Kinesis")));
    // Every wrapped cell fits its row (no clipped text).
    QTest::qWait(50);
    for (int row = 0; row < table->rowCount(); ++row) {
        for (int column = 0; column < table->columnCount(); ++column) {
            const QTableWidgetItem *item = table->item(row, column);
            const QRect needed = table->fontMetrics().boundingRect(
                QRect(0, 0, table->columnWidth(column) - 8, 100000), Qt::TextWordWrap,
                item->text());
            QVERIFY2(table->rowHeight(row) >= needed.height(), qPrintable(item->text()));
        }
    }
    if (!shotDir().isEmpty())
        QVERIFY(table->window()->grab().save(shotDir() + QStringLiteral("/guide-axes.png")));
    // Help > Compare raises the same window instead of opening a second one.
    w.action(QStringLiteral("actionPatternAxes"))->trigger();
    QCOMPARE(w.findChildren<QTableWidget *>(QStringLiteral("patternAxesTable")).size(), 1);
}

// The wheel over an answer the user only passes over scrolls the panel; once the box has focus
// (clicked or tabbed to), the wheel changes it as usual.
void TestPatternGuide::wheelScrollsUnlessTheBoxHasFocus()
{
    MainWindow w(test::pricing());
    w.resize(1280, 800);
    PatternGuidePanel *panel = openGuide(w);
    QVERIFY(panel);
    auto *box = field<QComboBox>(panel, "guideDownstream");
    QScrollArea *scroll = nullptr;
    for (QWidget *p = box->parentWidget(); p && !scroll; p = p->parentWidget())
        scroll = qobject_cast<QScrollArea *>(p);
    QVERIFY(scroll);
    scroll->ensureWidgetVisible(box);
    const int answer = box->currentIndex();
    const QList<Recommendation> ranking = panel->recommendations();
    w.view()->setFocus(); // the focus is elsewhere
    QVERIFY(!box->hasFocus());
    auto wheelDown = [box] {
        const QPoint at = box->rect().center();
        QWheelEvent wheel(at, box->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(box, &wheel);
    };
    scroll->verticalScrollBar()->setValue(0);
    scroll->ensureWidgetVisible(box);
    const int before = scroll->verticalScrollBar()->value();
    wheelDown();
    QCOMPARE(box->currentIndex(), answer); // the answer stays ...
    QCOMPARE(panel->recommendations().first().patternId, ranking.first().patternId);
    QVERIFY(scroll->verticalScrollBar()->maximum() > before); // (the panel can scroll)
    QVERIFY(scroll->verticalScrollBar()->value() > before);   // ... and the panel scrolls
    QVERIFY(!box->hasFocus()); // the wheel did not take the focus either
    // Focused, the wheel changes the answer.
    box->setFocus(Qt::TabFocusReason);
    scroll->ensureWidgetVisible(box);
    wheelDown();
    QCOMPARE(box->currentIndex(), answer + 1);
}

// Docked at the default window size, the load fields (which size what Create adds) show
// without scrolling.
void TestPatternGuide::expectedLoadShowsInTheDock()
{
    MainWindow w(test::pricing());
    w.resize(1280, 800);
    PatternGuidePanel *panel = openGuide(w);
    QVERIFY(panel);
    QCoreApplication::processEvents();
    for (const char *name : {"guideRate", "guidePayload", "guideDuration"}) {
        auto *box = field<QDoubleSpinBox>(panel, name);
        QVERIFY(box);
        QVERIFY2(box->isVisible(), name);
        // Wholly inside its scroll area's viewport.
        QWidget *viewport = nullptr;
        for (QWidget *p = box->parentWidget(); p && !viewport; p = p->parentWidget()) {
            if (auto *scroll = qobject_cast<QScrollArea *>(p))
                viewport = scroll->viewport();
        }
        QVERIFY(viewport);
        const QRect inViewport(box->mapTo(viewport, QPoint(0, 0)), box->size());
        QVERIFY2(viewport->rect().contains(inViewport),
                 qPrintable(QStringLiteral("%1 at %2,%3 outside a %4x%5 viewport")
                                .arg(QLatin1String(name))
                                .arg(inViewport.x())
                                .arg(inViewport.y())
                                .arg(viewport->width())
                                .arg(viewport->height())));
    }
}

QTEST_MAIN(TestPatternGuide)
#include "patternguide.moc"
