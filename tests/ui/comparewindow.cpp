// Simulation > Compare Designs driven with real mouse and keyboard events: the five
// bundled patterns under one traffic profile give a table whose figures equal what the real
// `swb simulate` prints for each pattern saved to a file with the same traffic (`swb set`), seed
// and duration; Cancel mid-run leaves the window usable; a design that cannot run shows its error
// in its row while the others run; closing the window or the main window mid-run is clean.
// Screenshots go to $SWB_SCREENSHOT_DIR (default /tmp): swb-compare.png, swb-compare-fault.png.

#include "mainwindowtestutil.h"

#include "../comparetestutil.h"

#include "model/texttable.h"

#include "model/document.h"
#include "model/patterns.h"
#include "ui/compare/compareresults.h"
#include "ui/compare/comparerunner.h"
#include "ui/compare/comparewindow.h"
#include "ui/charts/timechartview.h"
#include "ui/fileactions.h"
#include "ui/mainwindow.h"

#include <QAbstractSpinBox>
#include <QClipboard>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineSeries>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>

#include <cmath>

using namespace swb;

namespace {

constexpr int kRunTimeoutMs = 180000; // five short runs on a shared 2-core machine

template<typename T>
T *child(QWidget *window, const char *name)
{
    T *w = window->findChild<T *>(QLatin1String(name));
    if (!w)
        qWarning("no child %s", name);
    return w;
}

void click(QWidget *window, const char *button)
{
    QTest::mouseClick(child<QPushButton>(window, button), Qt::LeftButton);
}

// Replaces a spin box's number the way a user does: select it, type, Enter.
void typeInto(QWidget *window, const char *spinBox, const QString &text)
{
    auto *spin = child<QAbstractSpinBox>(window, spinBox);
    spin->setFocus();
    QTest::keyClick(spin, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(spin, text);
    QTest::keyClick(spin, Qt::Key_Return);
}

// Adds the pattern at the combo box's index: arrow keys to it, then the Add button.
void addPatternAt(QWidget *window, int index)
{
    auto *combo = child<QComboBox>(window, "comparePatternChoice");
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Home);
    for (int i = 0; i < index; ++i)
        QTest::keyClick(combo, Qt::Key_Down);
    click(window, "compareAddPattern");
}

QString screenshotPath(const char *name)
{
    return qEnvironmentVariable("SWB_SCREENSHOT_DIR", QStringLiteral("/tmp")) + QLatin1Char('/')
           + QLatin1String(name);
}

QStringList rowCells(QTableWidget *table, int row)
{
    QStringList cells;
    for (int c = 0; c < table->columnCount(); ++c)
        cells.append(table->item(row, c) ? table->item(row, c)->text() : QString());
    return cells;
}

} // namespace

class TestCompareWindow : public QObject
{
    Q_OBJECT

private:
    static test::ScriptedPrompter *script(MainWindow &w)
    {
        return test::installScriptedPrompter(w);
    }

    // Shows the main window and opens Compare Designs with its shortcut.
    static CompareWindow *openCompare(MainWindow &w)
    {
        w.show();
        w.activateWindow();
        if (!QTest::qWaitForWindowActive(&w))
            return nullptr;
        QAction *action = w.action(QStringLiteral("actionCompareDesigns"));
        if (!action || action->shortcut() != QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K))
            return nullptr;
        QTest::keyClick(&w, Qt::Key_K, Qt::ControlModifier | Qt::ShiftModifier);
        auto *window = w.findChild<CompareWindow *>(QStringLiteral("compareWindow"));
        if (window && !QTest::qWaitForWindowExposed(window))
            return nullptr;
        return window;
    }

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_comparewindow")); }
    void init() { test::resetGuiTestState(); }

    void bundledPatternsEqualSwbSimulate()
    {
        MainWindow w(test::pricing());
        script(w);
        CompareWindow *window = openCompare(w);
        QVERIFY(window);
        auto *runButton = child<QPushButton>(window, "compareRun");
        QVERIFY(!runButton->isEnabled()); // nothing to compare yet
        const QStringList ids = patternIds();
        for (int i = 0; i < ids.size(); ++i)
            addPatternAt(window, i);
        auto *list = child<QListWidget>(window, "compareDesigns");
        QCOMPARE(list->count(), ids.size());
        for (int i = 0; i < ids.size(); ++i)
            QCOMPARE(list->item(i)->text(), patternTitle(ids.at(i)));
        typeInto(window, "compareRate", QStringLiteral("40"));
        auto *pattern = child<QComboBox>(window, "compareTrafficPattern");
        pattern->setFocus();
        QTest::keyClicks(pattern, QStringLiteral("con")); // keyboard search: "constant"
        QCOMPARE(pattern->currentText(), QStringLiteral("constant"));
        typeInto(window, "compareDuration", QStringLiteral("120"));
        typeInto(window, "compareSeed", QStringLiteral("7"));
        QCOMPARE(window->options().traffic.rate, 40.0);
        QCOMPARE(window->options().durationSeconds, 120.0);
        QCOMPARE(window->options().seed, quint64(7));

        QVERIFY(runButton->isEnabled());
        QTest::mouseClick(runButton, Qt::LeftButton);
        QVERIFY(window->runner()->isRunning());
        QVERIFY(child<QPushButton>(window, "compareCancel")->isEnabled());
        auto *table = child<QTableWidget>(window, "compareTable");
        QTRY_VERIFY_WITH_TIMEOUT(!window->runner()->isRunning(), kRunTimeoutMs);
        QCOMPARE(table->rowCount(), ids.size());
        QCOMPARE(child<QProgressBar>(window, "compareProgress")->value(), 1000);

        QTemporaryDir dir;
        for (int r = 0; r < ids.size(); ++r) {
            const QStringList cells = rowCells(table, r);
            QCOMPARE(cells.first(), patternTitle(ids.at(r)));
            const test::SimulatedFigures expected =
                test::simulateWithProfile(dir.path(), ids.at(r), *makePattern(ids.at(r)), 40,
                                          QStringLiteral("constant"), 120, 7);
            QVERIFY2(expected.ok, qPrintable(expected.problem));
            QCOMPARE(cells.mid(1, expected.cells.size()), expected.cells);
        }

        // Every chart draws each design in its own colour (a line, split where bins have no
        // value); every pattern, queue and stream ones included, has a p99 line with points.
        for (int c = 0; c < CompareResults::ChartCount; ++c) {
            QHash<QString, int> points;
            QHash<QString, QColor> colors;
            for (QAbstractSeries *s :
                 window->results()->chartView(CompareResults::Chart(c))->chart()->series()) {
                auto *line = qobject_cast<QLineSeries *>(s);
                QVERIFY(line);
                points[line->name()] += line->count();
                colors[line->name()] = line->pen().color();
            }
            QCOMPARE(points.size(), ids.size());
            for (const QString &id : ids)
                QVERIFY2(points.value(patternTitle(id)) > 10, qPrintable(id));
            QSet<QRgb> distinct;
            for (const QColor &color : std::as_const(colors))
                distinct.insert(color.rgb());
            QCOMPARE(distinct.size(), ids.size());
        }
        QStringList legend;
        for (QLabel *label : window->results()->legend()->findChildren<QLabel *>()) {
            if (!label->text().isEmpty())
                legend.append(label->text());
        }
        QStringList titles;
        for (const QString &id : ids)
            titles.append(patternTitle(id));
        QCOMPARE(legend, titles);

        // Ctrl+C on the table copies it as CSV: a header and the rows as shown.
        QApplication::clipboard()->clear();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          table->visualItemRect(table->item(0, 0)).center());
        QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
        const QStringList csv = QApplication::clipboard()->text().trimmed().split(u'\n');
        QCOMPARE(csv.size(), ids.size() + 1);
        QVERIFY(csv.first().startsWith(QLatin1String("design,")));
        const QStringList first = rowCells(table, 0);
        QCOMPARE(csv.at(1).section(u',', 0, 2), csvLine({first.at(0), first.at(1), first.at(2)}));

        window->resize(1500, 900);
        QTest::qWait(100);
        QVERIFY(window->grab().save(screenshotPath("swb-compare.png")));
    }

    void cancelMidRunLeavesTheWindowUsable()
    {
        MainWindow w(test::pricing());
        script(w);
        CompareWindow *window = openCompare(w);
        QVERIFY(window);
        for (int i = 0; i < 3; ++i)
            addPatternAt(window, i);
        typeInto(window, "compareDuration", QStringLiteral("86400")); // a day: long enough
        click(window, "compareRun");
        auto *progress = child<QProgressBar>(window, "compareProgress");
        QTRY_VERIFY_WITH_TIMEOUT(progress->value() > 0, 60000);
        QVERIFY(window->runner()->isRunning());
        click(window, "compareCancel");
        QVERIFY(!window->runner()->isRunning());
        QCOMPARE(child<QLabel>(window, "compareStatus")->text(), QStringLiteral("Cancelled."));
        QCOMPARE(progress->value(), 0);
        QCOMPARE(child<QTableWidget>(window, "compareTable")->rowCount(), 0);
        QVERIFY(child<QPushButton>(window, "compareRun")->isEnabled());
        QVERIFY(!child<QPushButton>(window, "compareCancel")->isEnabled());

        // Usable again: a short run completes and the cancelled run's late signals are dropped.
        typeInto(window, "compareDuration", QStringLiteral("30"));
        click(window, "compareRun");
        QTRY_VERIFY_WITH_TIMEOUT(!window->runner()->isRunning(), kRunTimeoutMs);
        auto *table = child<QTableWidget>(window, "compareTable");
        QCOMPARE(table->rowCount(), 3);
        QTest::qWait(200);
        QCOMPARE(table->rowCount(), 3);
    }

    void brokenDesignShowsItsErrorInItsRow()
    {
        QTemporaryDir dir;
        const QString broken = dir.filePath(QStringLiteral("broken.swb"));
        QVERIFY(test::saveDesignFile(broken, test::brokenDesign()));
        const QString garbage = dir.filePath(QStringLiteral("garbage.swb"));
        QFile file(garbage);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a project");
        file.close();

        MainWindow w(test::pricing());
        test::ScriptedPrompter *prompter = script(w);
        QVERIFY(w.files()->newFromPattern(QStringLiteral("kinesis-lambda")));
        CompareWindow *window = openCompare(w);
        QVERIFY(window);
        click(window, "compareAddCurrent");
        prompter->openPath = garbage; // unreadable: refused with a message, list unchanged
        click(window, "compareAddFile");
        QCOMPARE(prompter->errors.size(), 1);
        QVERIFY2(prompter->errors.first().contains(QLatin1String("garbage.swb")),
                 qPrintable(prompter->errors.first()));
        QCOMPARE(window->designCount(), 1);
        prompter->openPath = broken;
        click(window, "compareAddFile");
        addPatternAt(window, 0);
        addPatternAt(window, 0); // the same pattern twice gets its own name...
        auto *list = child<QListWidget>(window, "compareDesigns");
        // Patterns are listed by title, not by their internal id.
        QCOMPARE(list->item(3)->text(),
                 patternTitle(QStringLiteral("api-lambda")) + QStringLiteral(" (2)"));
        QCOMPARE(child<QComboBox>(window, "comparePatternChoice")->itemText(0),
                 patternTitle(QStringLiteral("api-lambda")));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          list->visualItemRect(list->item(3)).center());
        click(window, "compareRemove"); // ...and the user can remove it again
        QCOMPARE(window->designCount(), 3);
        QCOMPARE(list->count(), 3);
        typeInto(window, "compareDuration", QStringLiteral("30"));
        click(window, "compareRun");
        QTRY_VERIFY_WITH_TIMEOUT(!window->runner()->isRunning(), kRunTimeoutMs);

        auto *table = child<QTableWidget>(window, "compareTable");
        QCOMPARE(table->rowCount(), 3);
        const QStringList current = rowCells(table, 0);
        const QStringList bad = rowCells(table, 1);
        const QStringList api = rowCells(table, 2);
        QCOMPARE(current.first(), QStringLiteral("current design"));
        QCOMPARE(bad.first(), QStringLiteral("broken.swb"));
        QVERIFY(current.at(1).toDouble() > 0 && api.at(1).toDouble() > 0);
        QCOMPARE(bad.at(1), QStringLiteral("-"));
        QVERIFY2(bad.last().startsWith(QLatin1String("not run:"))
                     && bad.last().contains(QLatin1String("visibility timeout")),
                 qPrintable(bad.last()));
        QVERIFY(child<QLabel>(window, "compareStatus")->text().contains(QLatin1String("1 could")));
    }

    void faultWindowIsShadedAndNotedWhereItCannotApply()
    {
        MainWindow w(test::pricing());
        script(w);
        CompareWindow *window = openCompare(w);
        QVERIFY(window);
        addPatternAt(window, 0); // api-lambda: has a database
        addPatternAt(window, 2); // sqs-lambda: none
        auto *fault = child<QGroupBox>(window, "compareFault");
        QTest::mouseClick(fault, Qt::LeftButton, {}, QPoint(12, 8)); // its title check box
        QVERIFY(fault->isChecked());
        auto *kind = child<QComboBox>(window, "compareFaultKind");
        kind->setFocus();
        QTest::keyClick(kind, Qt::Key_Down); // bad deploy -> downstream outage
        QCOMPARE(window->options().fault->kind, FaultKind::Outage);
        typeInto(window, "compareDuration", QStringLiteral("120"));
        typeInto(window, "compareFaultStart", QStringLiteral("500")); // after the run's end
        click(window, "compareRun");
        QVERIFY(!window->runner()->isRunning());
        QVERIFY2(child<QLabel>(window, "compareStatus")->text().contains(QLatin1String("never")),
                 qPrintable(child<QLabel>(window, "compareStatus")->text()));
        typeInto(window, "compareFaultStart", QStringLiteral("40"));
        typeInto(window, "compareFaultDuration", QStringLiteral("30"));
        click(window, "compareRun");
        QTRY_VERIFY_WITH_TIMEOUT(!window->runner()->isRunning(), kRunTimeoutMs);
        auto *table = child<QTableWidget>(window, "compareTable");
        QCOMPARE(table->rowCount(), 2);
        QVERIFY(rowCells(table, 1).last().contains(QLatin1String("ran without")));
        QVERIFY(rowCells(table, 0).last().isEmpty());
        const auto bands = window->results()->chartView(CompareResults::Throughput)->bands();
        QCOMPARE(bands.size(), 1);
        QCOMPARE(bands.first().start, 40.0);
        QCOMPARE(bands.first().end, 70.0);
        // api-lambda's database refuses everything from 40 to 70 s: nothing finishes, so its p99
        // line has a gap there instead of a line drawn across the outage.
        int apiLines = 0;
        for (QAbstractSeries *s :
             window->results()->chartView(CompareResults::Latency)->chart()->series()) {
            auto *line = qobject_cast<QLineSeries *>(s);
            if (line->name() != patternTitle(QStringLiteral("api-lambda")))
                continue;
            ++apiLines;
            for (const QPointF &p : line->points())
                QVERIFY2(p.x() < 42 || p.x() > 70, qPrintable(QString::number(p.x())));
        }
        QCOMPARE(apiLines, 2);
        window->resize(1500, 900);
        QTest::qWait(100);
        QVERIFY(window->grab().save(screenshotPath("swb-compare-fault.png")));
    }

    void closingMidRunIsClean()
    {
        auto w = std::make_unique<MainWindow>(test::pricing());
        script(*w);
        CompareWindow *window = openCompare(*w);
        QVERIFY(window);
        addPatternAt(window, 0);
        addPatternAt(window, 1);
        typeInto(window, "compareDuration", QStringLiteral("86400"));
        click(window, "compareRun");
        QTRY_VERIFY_WITH_TIMEOUT(child<QProgressBar>(window, "compareProgress")->value() > 0,
                                 60000);
        window->close(); // cancels
        QVERIFY(!window->runner()->isRunning());
        QCOMPARE(child<QLabel>(window, "compareStatus")->text(), QStringLiteral("Cancelled."));
        window->show(); // reopened, it runs again; then the main window goes away mid-run
        QVERIFY(QTest::qWaitForWindowExposed(window));
        click(window, "compareRun");
        QVERIFY(window->runner()->isRunning());
        w->document()->markSaved();
        w.reset(); // destroys the compare window mid-run: its runner stops and joins the thread
        QTest::qWait(50);
    }
};

QTEST_MAIN(TestCompareWindow)
#include "comparewindow.moc"
