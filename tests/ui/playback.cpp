// Live playback GUI tests: the SQS -> Lambda pattern is run through the
// playback bar with real clicks and keys, and the frame store and the canvas badges must hold the
// very values that `swb simulate` (the built binary) writes for the same seed and duration.

#include "chartsfixture.h"
#include "mainwindowtestutil.h"

#include "model/document.h"
#include "model/patterns.h"
#include "ui/canvas/blockitem.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"
#include "ui/canvas/wireitem.h"
#include "ui/charts/chartspanel.h"
#include "ui/mainwindow.h"
#include "ui/playback/framestore.h"
#include "ui/playback/liveoverlay.h"
#include "ui/playback/playbackbar.h"
#include "ui/playback/playbacksession.h"
#include "ui/projectio.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineSeries>
#include <QProcess>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <cmath>

using namespace swb;

namespace {

constexpr int kDuration = 40; // s: 40 one-second bins, enough for steps and a scrub
constexpr int kSeed = 4242;

struct CliSeries {
    QString name;
    qint64 componentId = 0;
    QList<double> values;
};

// Runs `swb simulate` on the design and returns its series (JSON output).
QList<CliSeries> simulateWithCli(const Design &design, const QString &dir)
{
    const QString project = dir + QStringLiteral("/sqs.swb");
    QString error;
    if (!projectio::writeProject(project, design, &error))
        qFatal("writeProject: %s", qPrintable(error));
    const QString out = dir + QStringLiteral("/results.json");
    QProcess p;
    p.start(QStringLiteral(SWB_CLI_PATH),
            {QStringLiteral("simulate"), project, QStringLiteral("--duration"),
             QStringLiteral("%1s").arg(kDuration), QStringLiteral("--seed"), QString::number(kSeed),
             QStringLiteral("--out"), out});
    if (!p.waitForFinished(120000) || p.exitCode() != 0)
        qFatal("swb simulate failed: %s", p.readAllStandardError().constData());
    QFile f(out);
    f.open(QIODevice::ReadOnly);
    const QJsonArray arr =
        QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("series")).toArray();
    QList<CliSeries> series;
    for (const QJsonValue &v : arr) {
        const QJsonObject o = v.toObject();
        CliSeries s{o.value(QStringLiteral("name")).toString(),
                    o.value(QStringLiteral("componentId")).toInteger(),
                    {}};
        for (const QJsonValue &x : o.value(QStringLiteral("values")).toArray())
            s.values.append(x.isNull() ? std::nan("") : x.toDouble());
        series.append(s);
    }
    return series;
}

bool sameNumber(double a, double b)
{
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    // JSON numbers are written with the shortest round-trip form, so equal doubles come back
    // equal; 1e-12 relative only absorbs a last-digit difference of the text conversion.
    return std::fabs(a - b) <= 1e-12 * qMax(1.0, std::fabs(a));
}

} // namespace

class TestPlayback : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void stepScrubAndMatchCli();
    void playPauseWithSpace();
    void staleAndRerunKeepsGhost();
    void resetClears();
    void tokensAnimateOnlyWhilePlaying();

private:
    void openPattern(int reservedConcurrency = -2);
    std::unique_ptr<MainWindow> m_window;
    PlaybackBar *m_bar = nullptr;
    PlaybackSession *m_session = nullptr;
    QTemporaryDir m_dir;
};

void TestPlayback::initTestCase()
{
    test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_playback"));
}

void TestPlayback::init()
{
    test::resetGuiTestState();
    m_window = std::make_unique<MainWindow>(test::pricing());
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_session = m_window->playback();
    QVERIFY(m_session);
    m_bar = m_window->findChild<PlaybackBar *>(QStringLiteral("playbackBar"));
    QVERIFY(m_bar);
}

void TestPlayback::cleanup()
{
    m_window->document()->markSaved();
    m_window.reset();
}

void TestPlayback::openPattern(int reservedConcurrency)
{
    std::optional<Design> design = makePattern(QStringLiteral("sqs-lambda"));
    QVERIFY(design);
    if (reservedConcurrency >= -1) {
        for (Component &c : design->components)
            if (c.kind == ComponentKind::Lambda)
                c.params.insert(QStringLiteral("reservedConcurrency"), reservedConcurrency);
    }
    m_window->document()->replaceDesign(*design);
    // Duration and seed through the bar's fields, as a user types them.
    QDoubleSpinBox *duration = m_bar->durationBox();
    duration->selectAll();
    QTest::keyClicks(duration, QString::number(kDuration));
    QTest::keyClick(duration, Qt::Key_Enter);
    QSpinBox *seed = m_bar->seedBox();
    seed->selectAll();
    QTest::keyClicks(seed, QString::number(kSeed));
    QTest::keyClick(seed, Qt::Key_Enter);
    const QVariantMap &settings = m_window->document()->design().settings;
    QCOMPARE(settings.value(QStringLiteral("duration")).toDouble(), double(kDuration));
    QCOMPARE(settings.value(QStringLiteral("seed")).toLongLong(), qint64(kSeed));
}

void TestPlayback::stepScrubAndMatchCli()
{
    openPattern();
    const QList<CliSeries> cli = simulateWithCli(m_window->document()->design(), m_dir.path());
    QVERIFY(!cli.isEmpty());
    FrameStore *store = m_window->frameStore();

    // Three Step clicks: three bins, the controller paused after each.
    for (int i = 1; i <= 3; ++i) {
        QTest::mouseClick(m_bar->stepButton(), Qt::LeftButton);
        QTRY_COMPARE(store->frameCount(), qint64(i));
        QCOMPARE(m_session->controller()->state(), SimController::State::Paused);
    }
    QCOMPARE(store->position(), 2);
    QVERIFY(store->isLive());

    // Then play to the end at maximum speed ("max" in the speed box).
    m_bar->speedBox()->setCurrentIndex(m_bar->speedBox()->count() - 1);
    QTest::mouseClick(m_bar->playButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->controller()->state(), SimController::State::Finished,
                              60000);
    QCOMPARE(store->frameCount(), qint64(kDuration));

    // Every value of every bin equals what the CLI wrote for the same seed and duration.
    const SeriesCatalog &catalog = store->catalog();
    QCOMPARE(catalog.series.size(), cli.size());
    for (int s = 0; s < cli.size(); ++s) {
        QCOMPARE(catalog.series.at(s).name, cli.at(s).name);
        QCOMPARE(qint64(catalog.series.at(s).component == InvalidId
                            ? 0
                            : catalog.series.at(s).component),
                 cli.at(s).componentId);
        QCOMPARE(cli.at(s).values.size(), kDuration);
        for (qint64 bin = 0; bin < kDuration; ++bin) {
            if (!sameNumber(store->value(bin, s), cli.at(s).values.at(bin)))
                QFAIL(qPrintable(QStringLiteral("%1 bin %2: GUI %3, CLI %4")
                                     .arg(cli.at(s).name)
                                     .arg(bin)
                                     .arg(store->value(bin, s))
                                     .arg(cli.at(s).values.at(bin))));
        }
    }

    // The charts draw those same values: every line on every chart passes through the CLI's
    // value at every bin's time (the 40 bins are fewer than the plot's pixel columns, so
    // decimation keeps them all).
    auto *charts = m_window->findChild<ChartsPanel *>();
    QVERIFY(charts);
    charts->showWholeRun();
    charts->refreshNow();
    int linesChecked = 0;
    for (int c = 0; c < ChartsPanel::ChartCount; ++c) {
        for (const CliSeries &s : cli) {
            QLineSeries *line = charts->series(
                ChartsPanel::Chart(c), s.componentId == 0 ? InvalidId : s.componentId, s.name);
            if (!line)
                continue;
            ++linesChecked;
            for (qint64 bin = 0; bin < kDuration; ++bin) {
                const double drawn = test::valueOnLine(line, store->simSecondsAt(bin));
                if (!sameNumber(drawn, s.values.at(bin)))
                    QFAIL(qPrintable(QStringLiteral("chart %1, %2 bin %3: line %4, CLI %5")
                                         .arg(c)
                                         .arg(s.name)
                                         .arg(bin)
                                         .arg(drawn)
                                         .arg(s.values.at(bin))));
            }
        }
    }
    // Concurrency, backlog, age and failures of the queue and its function at least.
    QVERIFY2(linesChecked >= 8, qPrintable(QString::number(linesChecked)));

    // Scrub back with the keyboard on the slider: Home = bin 0, not live any more.
    QSlider *slider = m_bar->timeline();
    slider->setFocus();
    QTest::keyClick(slider, Qt::Key_Home);
    QCOMPARE(store->position(), 0);
    QVERIFY(!store->isLive());
    QVERIFY(m_bar->clockLabel()->text().startsWith(QStringLiteral("00:00:01 / 00:00:40")));
    QTest::keyClick(slider, Qt::Key_Right);
    QTest::keyClick(slider, Qt::Key_Right);
    QCOMPARE(store->position(), 2);

    // The Lambda's badge at that bin reads "concurrency / limit" from the CLI's numbers.
    m_session->liveOverlay()->refreshNow();
    const Component *worker = nullptr;
    for (const Component &c : m_window->document()->design().components)
        if (c.kind == ComponentKind::Lambda)
            worker = &c;
    QVERIFY(worker);
    double cliConcurrency = -1;
    for (const CliSeries &s : cli)
        if (s.componentId == worker->id && s.name == QLatin1String("lambda.concurrency"))
            cliConcurrency = s.values.at(2);
    QVERIFY(cliConcurrency >= 0);
    const int reserved = worker->params.value(QStringLiteral("reservedConcurrency")).toInt();
    BlockItem *block = m_window->scene()->blockItem(worker->id);
    QCOMPARE(block->overlay().topBadge,
             QStringLiteral("%1 / %2").arg(qRound64(cliConcurrency)).arg(reserved));
    QVERIFY(block->overlay().toolTip.contains(QStringLiteral("Concurrency")));

    // Dragging the handle with the mouse to the far right returns to live.
    QTest::keyClick(slider, Qt::Key_End);
    QCOMPARE(store->position(), qint64(kDuration - 1));
    QVERIFY(store->isLive());
    QVERIFY(m_bar->clockLabel()->text().contains(QStringLiteral("live")));
    QTest::keyClick(slider, Qt::Key_PageDown); // back one page: replaying again
    QVERIFY(!store->isLive());
    QVERIFY(m_bar->clockLabel()->text().contains(QStringLiteral("replay")));
}

void TestPlayback::playPauseWithSpace()
{
    openPattern();
    m_window->view()->setFocus();
    m_bar->speedBox()->setCurrentIndex(0); // 0.1x: the run is still going when we pause
    QTest::keyClick(m_window->view(), Qt::Key_Space);
    QCOMPARE(m_session->controller()->state(), SimController::State::Running);
    QCOMPARE(m_bar->playButton()->text(), QStringLiteral("Pause"));
    QVERIFY(!m_bar->stepButton()->isEnabled());
    QTest::keyClick(m_window->view(), Qt::Key_Space);
    QCOMPARE(m_session->controller()->state(), SimController::State::Paused);
    QCOMPARE(m_bar->playButton()->text(), QStringLiteral("Play"));
    QVERIFY(m_bar->stepButton()->isEnabled());
    // A step from Paused adds exactly one bin.
    QTest::qWait(200);
    const qint64 before = m_window->frameStore()->frameCount();
    QTest::mouseClick(m_bar->stepButton(), Qt::LeftButton);
    QTRY_COMPARE(m_window->frameStore()->frameCount(), before + 1);
    QTest::qWait(200);
    QCOMPARE(m_window->frameStore()->frameCount(), before + 1);
}

void TestPlayback::staleAndRerunKeepsGhost()
{
    openPattern();
    FrameStore *store = m_window->frameStore();
    QVERIFY(!m_bar->staleLabel()->isVisible());
    m_bar->speedBox()->setCurrentIndex(m_bar->speedBox()->count() - 1);
    QTest::mouseClick(m_bar->playButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->controller()->state(), SimController::State::Finished,
                              60000);
    QVERIFY(!store->isStale());
    const QList<double> firstRun = store->seriesValues(0);

    // An edit while the run is loaded: results are stale, Re-run is offered.
    ComponentId lambda = InvalidId;
    for (const Component &c : m_window->document()->design().components)
        if (c.kind == ComponentKind::Lambda)
            lambda = c.id;
    QVERIFY(
        m_window->document()->setComponentParam(lambda, QStringLiteral("reservedConcurrency"), 5));
    QVERIFY(store->isStale());
    QVERIFY(m_bar->staleLabel()->isVisible());
    QVERIFY(m_bar->staleLabel()->text().contains(QStringLiteral("stale")));
    QVERIFY(m_bar->rerunButton()->isVisible());

    QTest::mouseClick(m_bar->rerunButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->controller()->state(), SimController::State::Finished,
                              60000);
    QVERIFY(!store->isStale());
    QVERIFY(!m_bar->staleLabel()->isVisible());
    QVERIFY(store->ghost());
    QCOMPARE(store->ghost()->frameCount(), qint64(kDuration));
    QCOMPARE(store->ghost()->seriesValues(0), firstRun);
    // The new run honours the edit: concurrency never exceeds 5 (it did reach higher before).
    const int conc = store->catalog().indexOf(lambda, QStringLiteral("lambda.concurrency"));
    const int ghostConc =
        store->ghost()->catalog().indexOf(lambda, QStringLiteral("lambda.concurrency"));
    double peak = 0, ghostPeak = 0;
    for (double v : store->seriesValues(conc))
        peak = qMax(peak, v);
    for (double v : store->ghost()->seriesValues(ghostConc))
        ghostPeak = qMax(ghostPeak, v);
    QVERIFY2(peak <= 5, qPrintable(QString::number(peak)));
    QVERIFY2(ghostPeak > 5, qPrintable(QString::number(ghostPeak)));
    // Throttling at 5 shows red on the block.
    m_session->liveOverlay()->refreshNow();
    bool anyError = false;
    for (qint64 bin = 0; bin < store->frameCount() && !anyError; ++bin) {
        store->setPosition(bin);
        m_session->liveOverlay()->refreshNow();
        anyError = m_window->scene()->blockItem(lambda)->overlay().severity
                   == BlockOverlay::Severity::Error;
    }
    QVERIFY(anyError);
}

void TestPlayback::resetClears()
{
    openPattern();
    QTest::mouseClick(m_bar->stepButton(), Qt::LeftButton);
    QTRY_COMPARE(m_window->frameStore()->frameCount(), qint64(1));
    m_session->liveOverlay()->refreshNow();
    BlockItem *any =
        m_window->scene()->blockItem(m_window->document()->design().components.firstKey());
    QVERIFY(!any->overlay().isEmpty());
    QTest::mouseClick(m_bar->resetButton(), Qt::LeftButton);
    QCOMPARE(m_session->controller()->state(), SimController::State::Idle);
    QCOMPARE(m_window->frameStore()->frameCount(), qint64(0));
    QVERIFY(!m_bar->timeline()->isEnabled());
    QVERIFY(any->overlay().isEmpty());
    QCOMPARE(m_bar->clockLabel()->text(), QStringLiteral("00:00:00 / 00:00:40"));
    // Play starts a fresh run after a reset.
    QTest::mouseClick(m_bar->stepButton(), Qt::LeftButton);
    QTRY_COMPARE(m_window->frameStore()->frameCount(), qint64(1));
}

void TestPlayback::tokensAnimateOnlyWhilePlaying()
{
    openPattern();
    LiveOverlay *overlay = m_session->liveOverlay();
    QTest::mouseClick(m_bar->stepButton(), Qt::LeftButton);
    QTRY_COMPARE(m_window->frameStore()->frameCount(), qint64(1));
    overlay->refreshNow();
    // Paused: flows are shown but the token timer is off.
    bool flowing = false;
    for (const Connection &w : m_window->document()->design().connections)
        flowing = flowing || m_window->scene()->wireItem(w.id)->flowIntensity() > 0;
    QVERIFY(flowing);
    QVERIFY(!overlay->isTicking());
    m_bar->speedBox()->setCurrentIndex(0);
    QTest::mouseClick(m_bar->playButton(), Qt::LeftButton);
    QTRY_VERIFY(overlay->isTicking());
    QTest::mouseClick(m_bar->playButton(), Qt::LeftButton);
    QVERIFY(!overlay->isTicking());
}

QTEST_MAIN(TestPlayback)
#include "playback.moc"
