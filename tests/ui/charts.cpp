// Charts dock: a FrameStore fed by a real run of the SQS -> Lambda pattern
// (fixed seed) drives the charts; their points must be the frame values, the cursor must follow
// the playback position, hiding a block (keyboard on the chooser) removes its lines, a second run
// leaves the first as dashed ghost lines, fault windows become bands, export writes files, and a
// FIFO queue's throttled API calls are drawn.

#include "chartsfixture.h"
#include "mainwindowtestutil.h"

#include "model/document.h"
#include "ui/charts/chartspanel.h"
#include "ui/charts/timechartview.h"
#include "ui/playback/refreshpacer.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QLineSeries>
#include <QListWidget>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <cmath>

using namespace swb;

namespace {
constexpr int kSeed = 777;
constexpr int kSeconds = 40;
} // namespace

class TestCharts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void pointsEqualFrames();
    void cursorFollowsPosition();
    void hidingAComponentRemovesItsLines();
    void ghostLinesAfterSecondRun();
    void faultWindowsAreBands();
    void exportPngAndSvg();
    void longRunIsThinnedKeepingPeaks();
    void minMaxDecimateKeepsExtremes();
    void fifoQueueThrottlesAreCharted();

private:
    std::unique_ptr<Document> m_doc;
    std::unique_ptr<FrameStore> m_store;
    std::unique_ptr<ChartsPanel> m_panel;
    RunResults m_run;
};

void TestCharts::init()
{
    m_doc = std::make_unique<Document>();
    m_doc->replaceDesign(test::sqsLambda(2));
    m_store = std::make_unique<FrameStore>();
    m_panel = std::make_unique<ChartsPanel>(m_doc.get(), test::pricing());
    m_panel->setFrameStore(m_store.get());
    m_panel->resize(900, 1400);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    m_run = test::runPattern(m_doc->design(), kSeconds, kSeed);
    test::feed(m_store.get(), m_run);
    m_panel->refreshNow(); // normally when the store's pacer says so
}

void TestCharts::cleanup()
{
    m_panel.reset();
    m_store.reset();
    m_doc.reset();
}

void TestCharts::pointsEqualFrames()
{
    const ComponentId fn = test::lambdaOf(m_doc->design());
    const Component *queue = m_doc->design().componentByName(QStringLiteral("orders"));
    struct Check {
        ChartsPanel::Chart chart;
        ComponentId component;
        const char *name;
    };
    QList<Check> checks = {{ChartsPanel::Concurrency, fn, "lambda.concurrency"},
                           {ChartsPanel::Failures, fn, "lambda.throttles"},
                           {ChartsPanel::Concurrency, InvalidId, "account.concurrency"}};
    for (const SeriesEntry &e : m_store->catalog().series) {
        if (e.name == QLatin1String("sqs.visible"))
            checks.append({ChartsPanel::Backlog, e.component, "sqs.visible"});
    }
    (void)queue;
    double throttles = 0;
    for (const Check &c : checks) {
        const QString name = QLatin1String(c.name);
        QLineSeries *line = m_panel->series(c.chart, c.component, name);
        QVERIFY2(line, c.name);
        const int s = m_store->catalog().indexOf(c.component, name);
        QVERIFY(s >= 0);
        // Bin for bin: every frame's value is on the line at the frame's time (runs of equal
        // values are drawn as one segment; no point is invented).
        QVERIFY(line->count() <= int(m_store->frameCount()));
        for (const QPointF &p : line->points())
            QCOMPARE(p.y(), m_store->value(qint64(std::llround(p.x())) - 1, s));
        for (qint64 k = 0; k < m_store->frameCount(); ++k) {
            QCOMPARE(test::valueOnLine(line, m_store->simSecondsAt(k)), m_store->value(k, s));
            if (name == QLatin1String("lambda.throttles"))
                throttles += m_store->value(k, s);
        }
    }
    // Reserved concurrency 2 under the pattern's load: the function is throttled, and its limit
    // is drawn as a dashed line at 2.
    QVERIFY(throttles > 0);
    QLineSeries *limit = m_panel->series(ChartsPanel::Concurrency, fn, QStringLiteral("limit"));
    QVERIFY(limit);
    QCOMPARE(limit->at(0).y(), 2.0);
    QCOMPARE(limit->pen().style(), Qt::DashLine);
}

void TestCharts::cursorFollowsPosition()
{
    QCOMPARE(m_store->position(), qint64(kSeconds - 1));
    const TimeChartView *view = m_panel->chartView(ChartsPanel::Backlog);
    QCOMPARE(view->cursorSeconds(), m_store->simSecondsAt(kSeconds - 1));
    m_store->setPosition(12);
    m_store->pacer()->flush();
    for (int c = 0; c < ChartsPanel::ChartCount; ++c)
        QCOMPARE(m_panel->chartView(ChartsPanel::Chart(c))->cursorSeconds(),
                 m_store->simSecondsAt(12));
}

void TestCharts::hidingAComponentRemovesItsLines()
{
    const ComponentId fn = test::lambdaOf(m_doc->design());
    QListWidget *chooser = m_panel->componentChooser();
    QListWidgetItem *item = nullptr;
    for (int i = 0; i < chooser->count(); ++i) {
        if (chooser->item(i)->data(Qt::UserRole).toLongLong() == fn)
            item = chooser->item(i);
    }
    QVERIFY(item);
    QCOMPARE(item->checkState(), Qt::Checked);
    const QString name = QStringLiteral("lambda.concurrency");
    QLineSeries *line = m_panel->series(ChartsPanel::Concurrency, fn, name);
    QVERIFY(line);
    QChart *chart = m_panel->chartView(ChartsPanel::Concurrency)->chart();
    QVERIFY(chart->series().contains(line));

    chooser->setFocus();
    chooser->setCurrentItem(item);
    QTest::keyClick(chooser, Qt::Key_Space); // toggles the check box of the current item
    QCOMPARE(item->checkState(), Qt::Unchecked);
    QVERIFY(!m_panel->series(ChartsPanel::Concurrency, fn, name));
    QVERIFY(!chart->series().contains(line));
    QVERIFY(!m_panel->series(ChartsPanel::Failures, fn, QStringLiteral("lambda.errors")));
    // The account's line stays.
    QVERIFY(m_panel->series(ChartsPanel::Concurrency, InvalidId,
                            QStringLiteral("account.concurrency")));

    QTest::keyClick(chooser, Qt::Key_Space);
    QCOMPARE(item->checkState(), Qt::Checked);
    QCOMPARE(m_panel->series(ChartsPanel::Concurrency, fn, name), line);
    QVERIFY(chart->series().contains(line));
}

void TestCharts::ghostLinesAfterSecondRun()
{
    const ComponentId fn = test::lambdaOf(m_doc->design());
    const QString name = QStringLiteral("lambda.concurrency");
    QVERIFY(!m_panel->series(ChartsPanel::Concurrency, fn, name, true));
    const RunResults first = m_run;
    const RunResults second = test::runPattern(m_doc->design(), kSeconds, kSeed + 1);
    test::feed(m_store.get(), second);
    m_store->pacer()->flush();
    QTRY_VERIFY(!m_panel->isDrawPending()); // a loaded machine spreads the draw over turns
    QVERIFY(m_store->ghost());

    QLineSeries *ghost = m_panel->series(ChartsPanel::Concurrency, fn, name, true);
    QVERIFY(ghost);
    QCOMPARE(ghost->pen().style(), Qt::DashLine);
    QVERIFY(ghost->color().alpha() < 255);
    const int s = first.catalog.indexOf(fn, name);
    for (qint64 k = 0; k < first.binCount(); ++k)
        QCOMPARE(test::valueOnLine(ghost, double(k + 1)), first.value(k, s));
    // The current line holds the second run.
    QLineSeries *current = m_panel->series(ChartsPanel::Concurrency, fn, name);
    for (qint64 k = 0; k < second.binCount(); ++k)
        QCOMPARE(test::valueOnLine(current, double(k + 1)), second.value(k, s));
}

void TestCharts::faultWindowsAreBands()
{
    QVERIFY(m_panel->chartView(ChartsPanel::Concurrency)->bands().isEmpty());
    Fault f;
    f.kind = FaultKind::BadDeploy;
    f.target = test::lambdaOf(m_doc->design());
    f.start = 10;
    f.duration = 15;
    QString error;
    QVERIFY2(m_doc->addFault(f, &error) != InvalidId, qPrintable(error));
    for (int c = 0; c < ChartsPanel::ChartCount; ++c) {
        const auto &bands = m_panel->chartView(ChartsPanel::Chart(c))->bands();
        QCOMPARE(bands.size(), 1);
        QCOMPARE(bands.first().start, 10.0);
        QCOMPARE(bands.first().end, 25.0);
    }
    m_doc->undoStack()->undo();
    QVERIFY(m_panel->chartView(ChartsPanel::Latency)->bands().isEmpty());
}

void TestCharts::exportPngAndSvg()
{
    QTemporaryDir dir;
    TimeChartView *view = m_panel->chartView(ChartsPanel::Concurrency);
    const QString png = dir.filePath(QStringLiteral("c.png"));
    QVERIFY(view->exportPng(png));
    const QImage image(png);
    QCOMPARE(image.size(), view->size() * view->devicePixelRatio());

    const QString svg = dir.filePath(QStringLiteral("c.svg"));
    QVERIFY(view->exportSvg(svg));
    QFile f(svg);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&f);
    int elements = 0;
    QString root;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && elements++ == 0)
            root = xml.name().toString();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(root, QStringLiteral("svg"));
    QVERIFY(elements > 20); // axes, labels and lines, not an empty page

    QString error;
    QVERIFY(!view->exportPng(dir.filePath(QStringLiteral("missing/dir/c.png")), &error));
    QVERIFY(error.contains(QStringLiteral("missing/dir")));

    // Through a symbolic link: refused unless forced, the file it points to untouched and
    // nothing left in the folder (the export used to follow the link and overwrite).
    const QString real = dir.filePath(QStringLiteral("real.png"));
    const QString link = dir.filePath(QStringLiteral("link.png"));
    QVERIFY(QFile::copy(png, real));
    QVERIFY(QFile::link(real, link));
    const QByteArray realBytes = [&] {
        QFile r(real);
        return r.open(QIODevice::ReadOnly) ? r.readAll() : QByteArray();
    }();
    const QStringList before = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);
    QVERIFY(!view->exportSvg(link, &error));
    QVERIFY2(error.contains(QStringLiteral("symbolic link")), qPrintable(error));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), before);
    QFile r(real);
    QVERIFY(r.open(QIODevice::ReadOnly));
    QCOMPARE(r.readAll(), realBytes);
    r.close();
    // A file of another kind (the PNG) is not replaced by an SVG without force; with it, it is.
    QVERIFY(!view->exportSvg(real, &error));
    QVERIFY2(error.contains(QStringLiteral("is not an SVG image")), qPrintable(error));
    QVERIFY(view->exportSvg(real, &error, true));
    QVERIFY(r.open(QIODevice::ReadOnly));
    QVERIFY(r.readAll().contains("<svg"));
}

void TestCharts::longRunIsThinnedKeepingPeaks()
{
    // Two simulated hours at 1 s bins: 7,200 frames per series, shown whole.
    const RunResults longRun = test::runPattern(m_doc->design(), 7200, kSeed);
    test::feed(m_store.get(), longRun, 100);
    m_panel->showWholeRun();
    m_store->pacer()->flush();
    QTRY_VERIFY(!m_panel->isDrawPending()); // a loaded machine spreads the draw over turns
    QCOMPARE(m_panel->rangeStart(), 0.0);
    QCOMPARE(m_panel->rangeEnd(), 7200.0);
    const int budget = m_panel->pointBudget(ChartsPanel::Backlog);
    QVERIFY(budget < 7200); // the plot is narrower than the run has bins
    int checked = 0;
    for (const SeriesEntry &e : longRun.catalog.series) {
        if (e.name != QLatin1String("sqs.visible") && e.name != QLatin1String("sqs.in_flight"))
            continue;
        QLineSeries *line = m_panel->series(ChartsPanel::Backlog, e.component, e.name);
        QVERIFY(line);
        QVERIFY2(line->count() <= budget, qPrintable(QString::number(line->count())));
        const int s = longRun.catalog.indexOf(e.component, e.name);
        double shown = 0, all = 0, shownLow = 1e300, allLow = 1e300;
        for (int k = 0; k < line->count(); ++k) {
            shown = std::max(shown, line->at(k).y());
            shownLow = std::min(shownLow, line->at(k).y());
        }
        for (qint64 b = 0; b < longRun.binCount(); ++b) {
            all = std::max(all, longRun.value(b, s));
            allLow = std::min(allLow, longRun.value(b, s));
        }
        // Min/max per pixel column: the extremes of the run are drawn exactly.
        QCOMPARE(shown, all);
        QCOMPARE(shownLow, allLow);
        ++checked;
    }
    QVERIFY(checked >= 2);
}

void TestCharts::minMaxDecimateKeepsExtremes()
{
    QList<QPointF> points;
    for (int i = 0; i < 10000; ++i)
        points.append(QPointF(i, i == 4321 ? 99.0 : (i == 777 ? -5.0 : 1.0)));
    const QList<QPointF> out = minMaxDecimate(points, 500);
    QVERIFY(out.size() <= 1000);
    QVERIFY(out.contains(QPointF(4321, 99.0)));
    QVERIFY(out.contains(QPointF(777, -5.0)));
    for (int i = 1; i < out.size(); ++i)
        QVERIFY(out.at(i - 1).x() < out.at(i).x());
}

void TestCharts::fifoQueueThrottlesAreCharted()
{
    // The pattern's queues made FIFO at 900 sends/s: over the queue's 300 SendMessage calls/s
    // (aws-behaviour.md §4 "FIFO throughput"), so the Failures chart draws its throttled calls,
    // bin for bin as the frames hold them.
    Document doc;
    doc.replaceDesign(test::sqsLambda());
    const Design &d = doc.design();
    const ComponentId queue = d.componentByName(QStringLiteral("jobs-queue"))->id;
    QString error;
    for (const char *name : {"jobs-queue", "jobs-dlq"})
        QVERIFY2(doc.setComponentParam(d.componentByName(QLatin1String(name))->id,
                                       QStringLiteral("type"), QStringLiteral("FIFO"), &error),
                 qPrintable(error));
    QVERIFY2(doc.setComponentParam(d.componentByName(QStringLiteral("jobs-traffic"))->id,
                                   QStringLiteral("rate"), 900.0, &error),
             qPrintable(error));
    FrameStore store;
    ChartsPanel panel(&doc, test::pricing());
    panel.setFrameStore(&store);
    panel.resize(900, 1400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    test::feed(&store, test::runPattern(doc.design(), kSeconds, kSeed));
    panel.refreshNow();
    const QString name = QStringLiteral("sqs.throttled");
    QLineSeries *line = panel.series(ChartsPanel::Failures, queue, name);
    QVERIFY(line);
    const int s = store.catalog().indexOf(queue, name);
    QVERIFY(s >= 0);
    double throttled = 0;
    for (qint64 k = 0; k < store.frameCount(); ++k) {
        QCOMPARE(test::valueOnLine(line, store.simSecondsAt(k)), store.value(k, s));
        throttled += store.value(k, s);
    }
    QVERIFY(throttled > 0);
}

QTEST_MAIN(TestCharts)
#include "charts.moc"
