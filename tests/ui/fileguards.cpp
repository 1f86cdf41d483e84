// GUI guards around files and runs (issue "hardening"): a recovered file is not opened a second
// time at start, a save or export onto a symbolic link or a file of another kind asks first
// (declining leaves it untouched), and a run projected above the size limits asks before it
// starts. Real widgets; the prompter answers the questions and records them.

#include "mainwindowtestutil.h"

#include "model/document.h"
#include "model/patterns.h"
#include "model/projectfile.h"
#include "ui/fileactions.h"
#include "ui/mainwindow.h"
#include "ui/playback/playbacksession.h"
#include "ui/recovery.h"
#include "ui/recoverydialog.h"
#include "sim/simcontroller.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace swb;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

int mainWindows()
{
    int count = 0;
    for (QWidget *w : QApplication::topLevelWidgets())
        count += qobject_cast<MainWindow *>(w) && w->isVisible() ? 1 : 0;
    return count;
}

QByteArray bytesOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestFileGuards : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(s("tst_ui_fileguards")); }
    void init() { test::resetGuiTestState(); }

    // The finding: after recovery, the same file also opened in a second window that
    // showed the pre-crash version.
    void aRecoveredFileIsNotOpenedTwiceAtStart()
    {
        const QString original = m_dir.filePath(s("work.swb"));
        Design onDisk = *makePattern(s("sqs-lambda"));
        QVERIFY(ProjectFile().write(original, onDisk));
        Design lost;
        {
            auto *w = new MainWindow(test::pricing());
            test::installScriptedPrompter(*w);
            QVERIFY(w->openFile(original));
            const ComponentId worker = w->document()->design().componentByName(s("job-worker"))->id;
            QVERIFY(w->document()->setComponentParam(worker, s("memory"), 2048));
            QVERIFY(w->files()->autosaver()->autosaveNow());
            lost = w->document()->design();
            delete w; // a crash: no close, the copy stays
        }
        QCOMPARE(recovery::entries().size(), 1);

        auto *next =
            new MainWindow(test::pricing()); // the next start, with the file on the command line
        next->setAttribute(Qt::WA_DeleteOnClose);
        test::installScriptedPrompter(*next);
        next->show();
        bool seen = false;
        test::whenModalAppears([](QWidget *modal) { return qobject_cast<RecoveryDialog *>(modal); },
                               [](QWidget *modal) {
                                   QTest::mouseClick(
                                       static_cast<RecoveryDialog *>(modal)->recoverButton(),
                                       Qt::LeftButton);
                               },
                               &seen);
        next->openAtStartup({original});
        QVERIFY(seen);
        QCOMPARE(mainWindows(), 1);
        QCOMPARE(next->document()->design(), lost);
        QCOMPARE(next->document()->filePath(), original);
        // Another file on the command line still opens beside the recovered work.
        next->document()->markSaved();
        next->close();
    }

    void savingOntoALinkOrAForeignFileAsks()
    {
        MainWindow w(test::pricing());
        test::ScriptedPrompter *prompter = test::installScriptedPrompter(w);
        w.document()->replaceDesign(*makePattern(s("sns-fanout")));
        const QString real = m_dir.filePath(s("real.swb"));
        const QString link = m_dir.filePath(s("link.swb"));
        QVERIFY(ProjectFile().write(real, *makePattern(s("sqs-lambda"))));
        QVERIFY(QFile::link(real, link));
        const QByteArray before = bytesOf(real);

        prompter->savePath = link;
        prompter->confirmAnswer = false;
        QVERIFY(!w.files()->saveAs());
        QCOMPARE(prompter->confirmations.size(), 1);
        QVERIFY2(
            prompter->confirmations.first().contains(s("is a symbolic link to '%1'").arg(real)),
            qPrintable(prompter->confirmations.first()));
        QCOMPARE(bytesOf(real), before);
        QVERIFY(prompter->errors.isEmpty()); // declining is not an error

        prompter->confirmAnswer = true;
        QVERIFY(w.files()->saveAs());
        QVERIFY(bytesOf(real) != before);
        QVERIFY(QFileInfo(link).isSymLink());
        // Ctrl+S on the file it now is does not ask again.
        QVERIFY(w.files()->save());
        QCOMPARE(prompter->confirmations.size(), 2);

        // A foreign SQLite database.
        const QString places = m_dir.filePath(s("places.swb"));
        QString error;
        QVERIFY(ProjectFile::execute(places, {s("CREATE TABLE moz_places (url TEXT)")}, &error));
        const QByteArray foreign = bytesOf(places);
        prompter->savePath = places;
        prompter->confirmAnswer = false;
        QVERIFY(!w.files()->saveAs());
        QVERIFY2(
            prompter->confirmations.last().contains(s("is not a Serverless Workbench project")),
            qPrintable(prompter->confirmations.last()));
        QCOMPARE(bytesOf(places), foreign);
    }

    // A week of 20,000 msg/s (about 36 billion events, above the 5 billion a run may have
    // unasked) asks before Play starts it; declining starts nothing.
    void aLargeRunAsksBeforeItStarts()
    {
        MainWindow w(test::pricing());
        test::ScriptedPrompter *prompter = test::installScriptedPrompter(w);
        w.document()->replaceDesign(*makePattern(s("sqs-lambda")));
        Document *doc = w.document();
        QVERIFY(doc->setComponentParam(doc->design().componentByName(s("jobs-traffic"))->id,
                                       s("rate"), 20000));
        QVERIFY(doc->setProjectParam(s("duration"), 604800));
        w.show();
        prompter->confirmAnswer = false;
        w.action(s("actionPlayPause"))->trigger();
        QCOMPARE(prompter->confirmations.size(), 1);
        QVERIFY2(prompter->confirmations.first().contains(s("billion events")),
                 qPrintable(prompter->confirmations.first()));
        QCOMPARE(w.simController()->state(), SimController::State::Idle);
        // An ordinary run does not ask.
        QVERIFY(doc->setProjectParam(s("duration"), 60));
        QVERIFY(doc->setComponentParam(doc->design().componentByName(s("jobs-traffic"))->id,
                                       s("rate"), 10));
        w.action(s("actionPlayPause"))->trigger();
        QCOMPARE(prompter->confirmations.size(), 1);
        QVERIFY(w.simController()->state() != SimController::State::Idle);
        w.action(s("actionResetRun"))->trigger();
    }
};

QTEST_MAIN(TestFileGuards)
#include "fileguards.moc"
