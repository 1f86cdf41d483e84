// GUI tests of file handling: save / reopen, the unsaved-changes prompt on close, New and Open,
// failed saves, Open Recent, New from pattern, and autosave recovery after a crash.
#include "mainwindowtestutil.h"

#include "model/document.h"
#include "model/fileformat.h"
#include "model/patterns.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"
#include "ui/docks/palettedock.h"
#include "ui/fileactions.h"
#include "ui/mainwindow.h"
#include "ui/projectio.h"
#include "ui/recentfiles.h"
#include "ui/recoverydialog.h"

#include <QAction>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace swb;

class TestFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_files")); }
    void init()
    {
        test::resetGuiTestState();
        QVERIFY(m_dir.isValid());
    }

    void saveWithCtrlSAndReopenInNewWindow();
    void closeWithUnsavedChangesPromptsAndCancelKeepsWindow();
    void promptSaveChoiceSavesBeforeClosing();
    void newAndOpenAskBeforeReplacingWork();
    void failedSaveShowsErrorAndKeepsModified();
    void openRecentListsFilesAndDropsMissingOnes();
    void importedTextDesignKeepsNoPath(); // text form is native; a SAM template is an import
    void damagedFileIsRefusedWithMessage();
    void newFromPatternOpensThePattern();
    void autosaveCopyIsOfferedAndRestoresWork();
    void discardedRecoveryIsDeleted();
    void cleanSaveRemovesRecoveryCopy();

private:
    static test::ScriptedPrompter *script(MainWindow &w)
    {
        return test::installScriptedPrompter(w);
    }
    static void showAndActivate(MainWindow &w)
    {
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
    }
    // A small design made with the editor's own gestures (palette, wiring through the Document).
    static void buildSomething(MainWindow &w)
    {
        QListWidget *list = w.paletteDock()->list();
        for (ComponentKind kind : {ComponentKind::SqsQueue, ComponentKind::Lambda}) {
            const QPoint at = list->visualItemRect(w.paletteDock()->itemFor(kind)).center();
            QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, at);
            QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, at);
        }
        const QList<ComponentId> ids = w.document()->design().components.keys();
        QCOMPARE(ids.size(), 2);
        QVERIFY(w.document()->connectComponents(ids.at(0), ids.at(1),
                                                ConnectionKind::EventSourceMapping));
        QVERIFY(w.document()->setComponentParam(ids.at(1), QStringLiteral("memory"), 1024));
    }
    QString path(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
};

void TestFiles::saveWithCtrlSAndReopenInNewWindow()
{
    MainWindow w(test::pricing());
    test::ScriptedPrompter *prompter = script(w);
    showAndActivate(w);
    buildSomething(w);
    QVERIFY(w.isWindowModified());
    prompter->savePath = path(QStringLiteral("design")); // no suffix: .swb is added
    w.view()->setFocus();
    QTest::keyClick(w.view(), Qt::Key_S, Qt::ControlModifier);
    QVERIFY2(prompter->errors.isEmpty(), qPrintable(prompter->errors.join(QLatin1Char('\n'))));
    const QString saved = path(QStringLiteral("design.swb"));
    QVERIFY(QFile::exists(saved));
    QVERIFY(!w.document()->isModified());
    QVERIFY(!w.isWindowModified());
    QCOMPARE(w.windowTitle(), QStringLiteral("design.swb[*] \u2014 Serverless Workbench"));
    QCOMPARE(w.document()->filePath(), saved);

    MainWindow other(test::pricing());
    test::ScriptedPrompter *otherPrompter = script(other);
    showAndActivate(other);
    otherPrompter->openPath = saved;
    other.view()->setFocus();
    QTest::keyClick(other.view(), Qt::Key_O, Qt::ControlModifier);
    QVERIFY(otherPrompter->errors.isEmpty());
    QCOMPARE(other.document()->design(), w.document()->design());
    QVERIFY(!other.document()->isModified());
    QCOMPARE(other.document()->filePath(), saved);
}

void TestFiles::closeWithUnsavedChangesPromptsAndCancelKeepsWindow()
{
    MainWindow w(test::pricing()); // the real QMessageBox prompt
    showAndActivate(w);
    buildSomething(w);
    bool seen = false;
    test::whenModalAppears(
        [](QWidget *modal) { return modal->objectName() == QLatin1String("saveChangesPrompt"); },
        [](QWidget *modal) {
            static_cast<QMessageBox *>(modal)->button(QMessageBox::Cancel)->click();
        },
        &seen);
    QVERIFY(!w.close());
    QVERIFY(seen);
    QVERIFY(w.isVisible());
    QVERIFY(w.document()->isModified());

    seen = false;
    test::whenModalAppears(
        [](QWidget *modal) { return modal->objectName() == QLatin1String("saveChangesPrompt"); },
        [](QWidget *modal) {
            static_cast<QMessageBox *>(modal)->button(QMessageBox::Discard)->click();
        },
        &seen);
    QVERIFY(w.close());
    QVERIFY(seen);
    QVERIFY(!w.isVisible());
}

void TestFiles::promptSaveChoiceSavesBeforeClosing()
{
    MainWindow w(test::pricing());
    test::ScriptedPrompter *prompter = script(w);
    showAndActivate(w);
    buildSomething(w);
    const Design design = w.document()->design();
    prompter->saveChoice = Prompter::SaveChoice::Save;
    prompter->savePath = path(QStringLiteral("onclose.swb"));
    QVERIFY(w.close());
    QCOMPARE(prompter->saveQuestions, 1);
    Design reread;
    QString error;
    QVERIFY2(projectio::readDesign(prompter->savePath, &reread, &error), qPrintable(error));
    QCOMPARE(reread, design);

    // A clean window closes without a question.
    MainWindow clean(test::pricing());
    test::ScriptedPrompter *quiet = script(clean);
    clean.show();
    QVERIFY(clean.close());
    QCOMPARE(quiet->saveQuestions, 0);
}

void TestFiles::newAndOpenAskBeforeReplacingWork()
{
    MainWindow w(test::pricing());
    test::ScriptedPrompter *prompter = script(w);
    showAndActivate(w);
    buildSomething(w);
    const Design work = w.document()->design();

    prompter->saveChoice = Prompter::SaveChoice::Cancel;
    w.view()->setFocus();
    QTest::keyClick(w.view(), Qt::Key_N, Qt::ControlModifier);
    QCOMPARE(prompter->saveQuestions, 1);
    QCOMPARE(w.document()->design(), work);
    prompter->openPath = path(QStringLiteral("never-asked.swb"));
    QTest::keyClick(w.view(), Qt::Key_O, Qt::ControlModifier);
    QCOMPARE(prompter->saveQuestions, 2);
    QCOMPARE(w.document()->design(), work);

    prompter->saveChoice = Prompter::SaveChoice::Discard;
    QTest::keyClick(w.view(), Qt::Key_N, Qt::ControlModifier);
    QCOMPARE(prompter->saveQuestions, 3);
    QVERIFY(w.document()->design().components.isEmpty());
    QVERIFY(!w.document()->isModified());
}

void TestFiles::failedSaveShowsErrorAndKeepsModified()
{
    MainWindow w(test::pricing());
    test::ScriptedPrompter *prompter = script(w);
    buildSomething(w);
    // A regular file where the folder should be: the write cannot succeed.
    QFile blocker(path(QStringLiteral("not-a-folder")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    prompter->savePath = path(QStringLiteral("not-a-folder/design.swb"));
    QVERIFY(!w.files()->save());
    QCOMPARE(prompter->errors.size(), 1);
    QVERIFY(prompter->errors.first().contains(QStringLiteral("design.swb")));
    QVERIFY(w.document()->isModified());
    QVERIFY(w.isWindowModified());
    QVERIFY(w.document()->filePath().isEmpty());
}

void TestFiles::openRecentListsFilesAndDropsMissingOnes()
{
    MainWindow w(test::pricing());
    test::ScriptedPrompter *prompter = script(w);
    buildSomething(w);
    QVERIFY(w.files()->saveTo(path(QStringLiteral("one.swb"))));
    QVERIFY(w.files()->saveTo(path(QStringLiteral("two.swb"))));
    QCOMPARE(RecentFiles::paths(),
             (QStringList{path(QStringLiteral("two.swb")), path(QStringLiteral("one.swb"))}));
    auto *recent = w.findChild<QMenu *>(QStringLiteral("menuRecent"));
    QVERIFY(recent);
    Q_EMIT recent->aboutToShow();
    QVERIFY(recent->actions().first()->text().contains(QStringLiteral("two.swb")));

    QVERIFY(QFile::remove(path(QStringLiteral("one.swb"))));
    QVERIFY(!w.files()->openRecent(path(QStringLiteral("one.swb"))));
    QCOMPARE(prompter->informations.size(), 1);
    QVERIFY(prompter->informations.first().contains(QStringLiteral("one.swb")));
    QCOMPARE(RecentFiles::paths(), QStringList{path(QStringLiteral("two.swb"))});

    for (int i = 0; i < RecentFiles::MaxCount + 2; ++i)
        RecentFiles::add(path(QStringLiteral("f%1.swb").arg(i)));
    QCOMPARE(RecentFiles::paths().size(), RecentFiles::MaxCount);
    QCOMPARE(RecentFiles::paths().first(),
             path(QStringLiteral("f%1.swb").arg(RecentFiles::MaxCount + 1)));
}

void TestFiles::importedTextDesignKeepsNoPath()
{
    MainWindow source(test::pricing());
    script(source);
    buildSomething(source);

    // The YAML text form is a native, lossless format: it opens as the user's project,
    // and Save writes YAML back to the same file.
    std::unique_ptr<FileFormat> text = FileFormats::create(QStringLiteral("yaml"));
    QVERIFY(text);
    const QString yaml = path(QStringLiteral("design.") + text->suffixes().first());
    QVERIFY2(text->write(yaml, source.document()->design()), qPrintable(text->errorString()));
    MainWindow w(test::pricing());
    test::ScriptedPrompter *prompter = script(w);
    QVERIFY(w.openFile(yaml));
    QVERIFY(prompter->errors.isEmpty());
    QCOMPARE(w.document()->design().components, source.document()->design().components);
    QCOMPARE(w.document()->filePath(), yaml);
    const ComponentId first = w.document()->design().components.firstKey();
    QVERIFY(w.document()->renameComponent(first, QStringLiteral("renamed-in-yaml")));
    QVERIFY(w.files()->save());
    QVERIFY(text->canRead(yaml)); // still YAML
    Design reread;
    QVERIFY(text->read(yaml, &reread));
    QCOMPARE(reread.component(first)->name, QStringLiteral("renamed-in-yaml"));

    // A SAM template is an import: Save must not overwrite it with a project database.
    std::unique_ptr<FileFormat> sam = FileFormats::create(QStringLiteral("sam"));
    QVERIFY(sam);
    const QString templatePath = path(QStringLiteral("template.yaml"));
    QVERIFY2(sam->write(templatePath, source.document()->design()), qPrintable(sam->errorString()));
    MainWindow imported(test::pricing());
    test::ScriptedPrompter *importPrompter = script(imported);
    QVERIFY(imported.openFile(templatePath));
    QVERIFY(imported.document()->filePath().isEmpty());
    importPrompter->savePath = path(QStringLiteral("imported.swb"));
    QVERIFY(imported.files()->save());
    QCOMPARE(imported.document()->filePath(), path(QStringLiteral("imported.swb")));
    QVERIFY(sam->canRead(templatePath)); // the template is still a template
}

void TestFiles::damagedFileIsRefusedWithMessage()
{
    const QString broken = path(QStringLiteral("broken.swb"));
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is not a project");
    file.close();
    MainWindow w(test::pricing());
    test::ScriptedPrompter *prompter = script(w);
    buildSomething(w);
    const Design work = w.document()->design();
    prompter->saveChoice = Prompter::SaveChoice::Discard;
    QVERIFY(!w.openFile(broken));
    QCOMPARE(prompter->errors.size(), 1);
    QVERIFY(prompter->errors.first().contains(QStringLiteral("broken.swb")));
    // The work in the window is untouched (only a successful read replaces it).
    QCOMPARE(w.document()->design(), work);
}

void TestFiles::newFromPatternOpensThePattern()
{
    MainWindow w(test::pricing());
    script(w);
    QVERIFY(patternIds().contains(QStringLiteral("sns-fanout")));
    QAction *action = w.action(QStringLiteral("actionPattern_sns-fanout"));
    QVERIFY(action);
    action->trigger();
    const std::optional<Design> pattern = makePattern(QStringLiteral("sns-fanout"));
    QVERIFY(pattern);
    QCOMPARE(w.document()->design().components.size(), pattern->components.size());
    QCOMPARE(w.document()->design().connections, pattern->connections);
    QVERIFY(!w.document()->isModified());
    QVERIFY(w.document()->filePath().isEmpty());
    // Every block has a place of its own.
    QSet<QPair<qreal, qreal>> spots;
    for (const Component &c : w.document()->design().components)
        spots.insert({c.position.x(), c.position.y()});
    QCOMPARE(spots.size(), pattern->components.size());
}

void TestFiles::autosaveCopyIsOfferedAndRestoresWork()
{
    const QString original = path(QStringLiteral("work.swb"));
    Design lost;
    {
        auto *w = new MainWindow(test::pricing());
        test::ScriptedPrompter *prompter = script(*w);
        prompter->savePath = original;
        w->show();
        buildSomething(*w);
        QVERIFY(w->files()->save());
        QVERIFY(w->document()->setComponentParam(w->document()->design().components.lastKey(),
                                                 QStringLiteral("timeout"), 60));
        w->setAutosaveInterval(50);
        QTRY_COMPARE_WITH_TIMEOUT(recovery::entries().size(), 1, 5000);
        lost = w->document()->design();
        // The sidecar says where the work came from.
        const RecoveryEntry entry = recovery::entries().first();
        QFile sidecar(entry.sidecarPath);
        QVERIFY(sidecar.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(sidecar.readAll())
                     .object()
                     .value(QStringLiteral("originalPath"))
                     .toString(),
                 original);
        // A crash: the window goes away without closing, so the copy stays.
        delete w;
    }
    QCOMPARE(recovery::entries().size(), 1);

    MainWindow next(test::pricing()); // the next start
    script(next);
    next.show();
    bool seen = false;
    test::whenModalAppears([](QWidget *modal) { return qobject_cast<RecoveryDialog *>(modal); },
                           [](QWidget *modal) {
                               auto *dialog = static_cast<RecoveryDialog *>(modal);
                               QCOMPARE(dialog->list()->count(), 1);
                               QTest::mouseClick(dialog->recoverButton(), Qt::LeftButton);
                           },
                           &seen);
    QCOMPARE(next.offerRecovery(), 1);
    QVERIFY(seen);
    QCOMPARE(next.document()->design(), lost);
    QVERIFY(next.document()->isModified());
    QVERIFY(next.isWindowModified());
    QCOMPARE(next.document()->filePath(), original);

    // Saving makes it permanent and the copy goes away.
    QVERIFY(next.files()->save());
    QVERIFY(recovery::entries().isEmpty());
    Design reread;
    QString error;
    QVERIFY(projectio::readDesign(original, &reread, &error));
    QCOMPARE(reread, lost);
}

void TestFiles::discardedRecoveryIsDeleted()
{
    {
        auto *w = new MainWindow(test::pricing());
        script(*w);
        buildSomething(*w);
        QVERIFY(w->files()->autosaver()->autosaveNow());
        delete w;
    }
    QCOMPARE(recovery::entries().size(), 1);
    MainWindow next(test::pricing());
    next.show();
    bool seen = false;
    test::whenModalAppears([](QWidget *modal) { return qobject_cast<RecoveryDialog *>(modal); },
                           [](QWidget *modal) {
                               QTest::mouseClick(
                                   static_cast<RecoveryDialog *>(modal)->discardButton(),
                                   Qt::LeftButton);
                           },
                           &seen);
    QCOMPARE(next.offerRecovery(), 0);
    QVERIFY(seen);
    QVERIFY(recovery::entries().isEmpty());
    QVERIFY(next.document()->design().components.isEmpty());
    // Nothing left: no dialog at the next start.
    QCOMPARE(next.offerRecovery(), 0);
}

void TestFiles::cleanSaveRemovesRecoveryCopy()
{
    MainWindow w(test::pricing());
    test::ScriptedPrompter *prompter = script(w);
    buildSomething(w);
    QVERIFY(w.files()->autosaver()->autosaveNow());
    QCOMPARE(recovery::entries().size(), 1);
    // Nothing changed since: no second write.
    QVERIFY(!w.files()->autosaver()->autosaveNow());
    prompter->savePath = path(QStringLiteral("clean.swb"));
    QVERIFY(w.files()->save());
    QVERIFY(recovery::entries().isEmpty());
    // A clean document leaves no copy behind.
    QVERIFY(!w.files()->autosaver()->autosaveNow());
    QVERIFY(recovery::entries().isEmpty());
    // Discarding on close removes a copy of unsaved work.
    QVERIFY(w.document()->setComponentParam(w.document()->design().components.firstKey(),
                                            QStringLiteral("visibilityTimeout"), 60));
    QVERIFY(w.files()->autosaver()->autosaveNow());
    prompter->saveChoice = Prompter::SaveChoice::Discard;
    QVERIFY(w.close());
    QVERIFY(recovery::entries().isEmpty());
}

QTEST_MAIN(TestFiles)
#include "files.moc"
