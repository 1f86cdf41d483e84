// The start page with real mouse and key events: its Create buttons make every bundled pattern
// (the canvas takes the page's place, with the pattern's blocks); Blank design gives the empty
// canvas; a recent file opens from its list; modified work is not replaced without asking; File
// > New from Pattern > Start Page shows it again; the charts under the canvas give the page their
// height while it shows and come back after. Screenshot when SWB_SHOTS_DIR names a folder.

#include "mainwindowtestutil.h"
#include "model/document.h"
#include "model/patterns.h"
#include "ui/canvas/diagramview.h"
#include "ui/fileactions.h"
#include "ui/mainwindow.h"
#include "ui/recentfiles.h"
#include "ui/startpage.h"

#include <QAction>
#include <QDockWidget>
#include <QListWidget>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace swb;

namespace {

QStringList namesOf(const Design &design)
{
    QStringList names;
    for (const Component &c : design.components)
        names.append(c.name);
    names.sort();
    return names;
}

void showWindow(MainWindow &w)
{
    test::showActive(w);
}

} // namespace

class TestStartPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_startpage")); }
    void init() { test::resetGuiTestState(); }

    void createsEveryPattern()
    {
        for (const QString &id : patternIds()) {
            MainWindow w(test::pricing());
            showWindow(w);
            w.showStartPage();
            QVERIFY(w.isStartPageShown());
            QVERIFY(w.startPage()->isVisible());
            QVERIFY(!w.view()->isVisible()); // the page takes the canvas's place
            QPushButton *create = w.startPage()->createButton(id);
            QVERIFY2(create, qPrintable(id));
            // The card scrolls into view like a user would bring it there.
            create->setFocus(Qt::TabFocusReason);
            QTest::mouseClick(create, Qt::LeftButton);
            QVERIFY2(!w.isStartPageShown(), qPrintable(id));
            QVERIFY(w.view()->isVisible());
            QVERIFY(w.view()->hasFocus());
            const std::optional<Design> pattern = makePattern(id);
            QCOMPARE(namesOf(w.document()->design()), namesOf(*pattern));
            QCOMPARE(w.document()->design().connections.size(), pattern->connections.size());
            QVERIFY(!w.document()->isModified());
        }
    }

    void keyboardCreatesTheFirstPattern()
    {
        MainWindow w(test::pricing());
        showWindow(w);
        w.showStartPage();
        const QString first = patternIds().first();
        // The first Create has the focus: Space presses it.
        QCOMPARE(QApplication::focusWidget(), w.startPage()->createButton(first));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
        QVERIFY(!w.isStartPageShown());
        QCOMPARE(namesOf(w.document()->design()), namesOf(*makePattern(first)));
    }

    void blankDesignAndReopening()
    {
        MainWindow w(test::pricing());
        showWindow(w);
        w.showStartPage();
        auto *blank = w.startPage()->findChild<QPushButton *>(QStringLiteral("startBlank"));
        QVERIFY(blank);
        QTest::mouseClick(blank, Qt::LeftButton);
        QVERIFY(!w.isStartPageShown());
        QVERIFY(w.document()->design().components.isEmpty());

        // Adding a block while the page shows (Ctrl+B from the page) brings the canvas back.
        w.action(QStringLiteral("actionStartPage"))->trigger();
        QVERIFY(w.isStartPageShown());
        w.document()->addComponent(ComponentKind::Lambda, {0, 0});
        QVERIFY(!w.isStartPageShown());
    }

    void modifiedWorkIsNotReplacedWithoutAsking()
    {
        MainWindow w(test::pricing());
        test::ScriptedPrompter *prompter = test::installScriptedPrompter(w);
        showWindow(w);
        w.document()->addComponent(ComponentKind::Lambda, {0, 0}, QStringLiteral("mine"));
        w.showStartPage();
        prompter->saveChoice = Prompter::SaveChoice::Cancel;
        QTest::mouseClick(w.startPage()->createButton(patternIds().first()), Qt::LeftButton);
        QCOMPARE(prompter->saveQuestions, 1);
        QVERIFY(w.isStartPageShown()); // cancelled: nothing changed, the page stays
        QCOMPARE(namesOf(w.document()->design()), QStringList{QStringLiteral("mine")});
        auto *blank = w.startPage()->findChild<QPushButton *>(QStringLiteral("startBlank"));
        QTest::mouseClick(blank, Qt::LeftButton);
        QCOMPARE(prompter->saveQuestions, 2);
        QVERIFY(w.isStartPageShown());
        QCOMPARE(w.document()->design().components.size(), 1);
    }

    void recentFileOpensFromTheList()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("jobs.swb"));
        {
            MainWindow writer(test::pricing());
            test::ScriptedPrompter *prompter = test::installScriptedPrompter(writer);
            writer.files()->newFromPattern(QStringLiteral("sqs-lambda"));
            prompter->savePath = path;
            QVERIFY(writer.files()->saveAs());
        }
        QCOMPARE(RecentFiles::paths().value(0), path);
        MainWindow w(test::pricing());
        showWindow(w);
        w.showStartPage();
        QListWidget *recent = w.startPage()->recentList();
        QVERIFY(recent->isVisible());
        QCOMPARE(recent->count(), 1);
        const QRect row = recent->visualItemRect(recent->item(0));
        QTest::mouseClick(recent->viewport(), Qt::LeftButton, {}, row.center());
        QTest::mouseDClick(recent->viewport(), Qt::LeftButton, {}, row.center());
        QVERIFY(!w.isStartPageShown());
        QCOMPARE(w.document()->filePath(), path);
        QCOMPARE(namesOf(w.document()->design()),
                 namesOf(*makePattern(QStringLiteral("sqs-lambda"))));
    }

    void chartsGiveTheStartPageTheirHeight()
    {
        MainWindow w(test::pricing());
        showWindow(w);
        auto *charts = w.findChild<QDockWidget *>(QStringLiteral("chartsDock"));
        QVERIFY(charts);
        QTest::qWait(50); // the default layout settles after the first show
        QVERIFY(charts->isVisible());
        const int chartsHeight = charts->height();
        const int canvasHeight = w.view()->height();
        QVERIFY(chartsHeight > 100);

        w.showStartPage();
        QTest::qWait(50);
        QVERIFY(!charts->isVisible());
        // The page reaches down over the charts' place, not just the canvas's half.
        QVERIFY2(w.startPage()->height() >= canvasHeight + chartsHeight - 10,
                 qPrintable(QStringLiteral("page %1, canvas %2, charts %3")
                                .arg(w.startPage()->height())
                                .arg(canvasHeight)
                                .arg(chartsHeight)));

        // Creating a design brings the charts back at their height.
        QTest::mouseClick(w.startPage()->createButton(patternIds().first()), Qt::LeftButton);
        QTest::qWait(50);
        QVERIFY(!w.isStartPageShown());
        QVERIFY(charts->isVisible());
        QVERIFY2(qAbs(charts->height() - chartsHeight) <= 2,
                 qPrintable(QStringLiteral("%1 -> %2").arg(chartsHeight).arg(charts->height())));

        // Closed while the page shows: the layout saved has the charts.
        w.showStartPage();
        QVERIFY(charts->isHidden());
        QVERIFY(w.close());
        QVERIFY(!charts->isHidden());
    }

    void screenshot()
    {
        MainWindow w(test::pricing());
        showWindow(w);
        w.showStartPage();
        QCoreApplication::processEvents();
        const QString dir = qEnvironmentVariable("SWB_SHOTS_DIR");
        if (!dir.isEmpty()) {
            QDir().mkpath(dir);
            QVERIFY(w.grab().save(QDir(dir).filePath(QStringLiteral("start-page.png"))));
        }
        // Every card shows, whatever the screenshot: five Create buttons on the page.
        QCOMPARE(
            w.startPage()
                ->findChildren<QPushButton *>(QRegularExpression(QStringLiteral("^createPattern_")))
                .size(),
            patternIds().size());
    }
};

QTEST_MAIN(TestStartPage)
#include "startpage.moc"
