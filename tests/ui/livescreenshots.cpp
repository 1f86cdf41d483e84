// Screenshots of live playback a person can read: the main window in its default layout, a run
// played at maximum speed and scrubbed back to the moment that tells the story: a throttling API, a
// bad deploy on an SQS consumer, a Kinesis iterator age building up, and the 1024x700 window. Saved
// to $SWB_SHOT_DIR (default: the temp folder) for a person to look at; the test asserts what each
// picture must show.

#include "chartsfixture.h"
#include "mainwindowtestutil.h"

#include "model/document.h"
#include "model/patterns.h"
#include "ui/canvas/blockitem.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"
#include "ui/charts/chartlegend.h"
#include "ui/charts/chartspanel.h"
#include "ui/charts/timechartview.h"
#include "ui/mainwindow.h"
#include "ui/playback/framestore.h"
#include "ui/playback/playbackbar.h"
#include "ui/playback/playbacksession.h"
#include "ui/playback/refreshpacer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QDockWidget>
#include <QHeaderView>
#include <QLineSeries>
#include <QTest>

using namespace swb;

namespace {

QString shotPath(const QString &name)
{
    const QString dir = qEnvironmentVariable("SWB_SHOT_DIR", QDir::tempPath());
    return QDir(dir).filePath(name);
}

ComponentId idOf(const Design &design, ComponentKind kind)
{
    for (const Component &c : design.components) {
        if (c.kind == kind)
            return c.id;
    }
    return InvalidId;
}

// Adds a fault to the design (error rate 1 for a bad deploy) and returns it for further knobs.
Fault &addFault(Design &design, FaultKind kind, ComponentId target, double start, double duration)
{
    Fault f;
    f.id = design.allocateId();
    f.kind = kind;
    f.target = target;
    f.start = start;
    f.duration = duration;
    return *design.faults.insert(f.id, f);
}

} // namespace

class TestLiveScreenshots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_liveshots")); }
    void init() { test::resetGuiTestState(); }
    void throttlingApi();
    void badDeployOnSqsConsumer();
    void kinesisIteratorAgeBuildsUp();
    void smallWindow();

private:
    // Opens the design in a fresh window of `size`, plays it to the end at maximum speed and
    // moves the playhead to `atSeconds`.
    std::unique_ptr<MainWindow> playTo(const Design &design, QSize size, double atSeconds);
    // Every legend row is wholly readable: its name wraps within the legend's width and its row
    // is as high as the wrapped lines.
    void checkLegends(ChartsPanel *panel);
};

std::unique_ptr<MainWindow> TestLiveScreenshots::playTo(const Design &design, QSize size,
                                                        double atSeconds)
{
    auto window = std::make_unique<MainWindow>(test::pricing());
    window->resize(size);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    window->document()->replaceDesign(design);
    window->startPlayback(0); // max
    QElapsedTimer waited;
    waited.start();
    while (!window->frameStore()->isFinished() && waited.elapsed() < 120000)
        QTest::qWait(20);
    if (!window->frameStore()->isFinished())
        return nullptr;
    FrameStore *store = window->frameStore();
    const double width = store->catalog().binWidthSeconds;
    store->setPosition(qint64(atSeconds / width) - 1);
    store->pacer()->flush();
    auto *charts = window->findChild<ChartsPanel *>();
    QElapsedTimer drawing;
    drawing.start();
    while (charts && charts->isDrawPending() && drawing.elapsed() < 10000)
        QTest::qWait(20); // a loaded machine spreads the draw over turns
    QTest::qWait(200);    // paint
    return window;
}

void TestLiveScreenshots::checkLegends(ChartsPanel *panel)
{
    for (int c = 0; c < ChartsPanel::ChartCount; ++c) {
        ChartLegend *legend = panel->legend(ChartsPanel::Chart(c));
        if (!legend->isVisible())
            continue; // a chart with nothing to show in this design
        // The name column ends inside the legend (nothing hidden behind a sideways scroll).
        const int column = legend->header()->sectionSize(1);
        QVERIFY2(legend->header()->sectionViewportPosition(1) + column
                     <= legend->viewport()->width(),
                 qPrintable(QStringLiteral("chart %1: name column %2 px, legend %3 px")
                                .arg(c)
                                .arg(column)
                                .arg(legend->viewport()->width())));
        for (int row = 0; row < legend->entryCount(); ++row) {
            const QString name = legend->entryName(row);
            // Wrapped at word breaks within the column (less the item's text margins), the
            // name's lines fit in its row's height.
            const QRect wrapped = legend->fontMetrics().boundingRect(QRect(0, 0, column - 8, 10000),
                                                                     Qt::TextWordWrap, name);
            const QRect rowRect = legend->visualItemRect(legend->topLevelItem(row));
            QVERIFY2(wrapped.width() <= column - 4 && rowRect.height() >= wrapped.height(),
                     qPrintable(QStringLiteral("%1: %2x%3 in a %4 px column, row %5 px high")
                                    .arg(name)
                                    .arg(wrapped.width())
                                    .arg(wrapped.height())
                                    .arg(column)
                                    .arg(rowRect.height())));
            // The value column is as wide as the longest value it can show.
            const QString value = legend->valueText(row);
            QVERIFY2(legend->header()->sectionSize(0)
                         >= legend->fontMetrics().horizontalAdvance(value)
                                + legend->iconSize().width(),
                     qPrintable(value));
        }
    }
}

void TestLiveScreenshots::throttlingApi()
{
    std::optional<Design> design = makePattern(QStringLiteral("api-lambda"));
    QVERIFY(design);
    // Reserved concurrency 20 carries the usual 100 req/s; a fourfold traffic spike from 3:00
    // to 6:00 does not fit: the function throttles and the API answers 5xx during the spike.
    const ComponentId fn = idOf(*design, ComponentKind::Lambda);
    design->components[fn].params.insert(QStringLiteral("reservedConcurrency"), 20);
    addFault(*design, FaultKind::TrafficSpike, idOf(*design, ComponentKind::TrafficSource), 180,
             180)
        .rateFactor = 4;
    design->settings.insert(QStringLiteral("duration"), 900);
    auto window = playTo(*design, QSize(1600, 1000), 330); // mid-spike
    QVERIFY(window);
    auto *panel = window->findChild<ChartsPanel *>();
    QVERIFY(panel);
    checkLegends(panel);
    QVERIFY(window->grab().save(shotPath(QStringLiteral("swb-live-throttling.png"))));
    window->document()->markSaved();
}

void TestLiveScreenshots::badDeployOnSqsConsumer()
{
    Design design = test::sqsLambda();
    const ComponentId fn = test::lambdaOf(design);
    addFault(design, FaultKind::BadDeploy, fn, 180, 300);
    design.settings.insert(QStringLiteral("duration"), 900);
    auto window = playTo(design, QSize(1600, 1000), 420);
    QVERIFY(window);
    auto *panel = window->findChild<ChartsPanel *>();
    checkLegends(panel);
    QVERIFY(window->grab().save(shotPath(QStringLiteral("swb-live-baddeploy.png"))));
    window->document()->markSaved();
}

void TestLiveScreenshots::kinesisIteratorAgeBuildsUp()
{
    std::optional<Design> design = makePattern(QStringLiteral("kinesis-lambda"));
    QVERIFY(design);
    addFault(*design, FaultKind::BadDeploy, idOf(*design, ComponentKind::Lambda), 120, 240);
    design->settings.insert(QStringLiteral("duration"), 900);
    auto window = playTo(*design, QSize(1600, 1000), 330);
    QVERIFY(window);
    auto *panel = window->findChild<ChartsPanel *>();
    checkLegends(panel);
    QVERIFY(window->grab().save(shotPath(QStringLiteral("swb-live-kinesis.png"))));
    window->document()->markSaved();
}

void TestLiveScreenshots::smallWindow()
{
    Design design = test::sqsLambda(2);
    design.settings.insert(QStringLiteral("duration"), 600);
    auto window = playTo(design, QSize(1024, 700), 300);
    QVERIFY(window);
    // Docks give way: the canvas keeps at least half the window each way.
    const QSize canvas = window->centralWidget()->size();
    QVERIFY2(canvas.width() >= 512 && canvas.height() >= 350,
             qPrintable(QStringLiteral("%1x%2").arg(canvas.width()).arg(canvas.height())));
    checkLegends(window->findChild<ChartsPanel *>());
    QVERIFY(window->grab().save(shotPath(QStringLiteral("swb-live-1024x700.png"))));
    window->document()->markSaved();
}

QTEST_MAIN(TestLiveScreenshots)
#include "livescreenshots.moc"
