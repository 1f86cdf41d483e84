// File > Import SAM Template... and File > Export > SAM Template...,
// triggered through the menu actions, with the file dialogs scripted.

#include "mainwindowtestutil.h"

#include "ui/fileactions.h"
#include "ui/mainwindow.h"

#include "model/document.h"
#include "model/patterns.h"
#include "model/sam/samimporter.h"

#include <QAction>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace swb;

class TestSamMenus : public QObject
{
    Q_OBJECT

private:
    static test::ScriptedPrompter *script(MainWindow &w)
    {
        return test::installScriptedPrompter(w);
    }

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_sammenus")); }
    void init() { test::resetGuiTestState(); }

    void exportThenImportThroughTheMenus()
    {
        QTemporaryDir dir;
        const QString templatePath = dir.filePath(QStringLiteral("fanout.yaml"));
        MainWindow source(test::pricing());
        test::ScriptedPrompter *prompter = script(source);
        QVERIFY(source.files()->newFromPattern(QStringLiteral("sns-fanout")));
        QAction *exportSam = source.action(QStringLiteral("actionExportSam"));
        QVERIFY(exportSam);
        prompter->savePath = templatePath;
        exportSam->trigger();
        QVERIFY2(prompter->errors.isEmpty(), qPrintable(prompter->errors.join(u'\n')));
        QVERIFY(QFileInfo::exists(templatePath));

        MainWindow target(test::pricing());
        test::ScriptedPrompter *importPrompter = script(target);
        importPrompter->openPath = templatePath;
        QAction *importSam = target.action(QStringLiteral("actionImportSam"));
        QVERIFY(importSam);
        importSam->trigger();
        QVERIFY2(importPrompter->errors.isEmpty(), qPrintable(importPrompter->errors.join(u'\n')));
        QCOMPARE(importPrompter->informations.size(), 1); // the import report was shown
        // The workbench's own export restores every block, name and parameter.
        QCOMPARE(target.document()->design().components.size(),
                 source.document()->design().components.size());
        for (const Component &c : source.document()->design().components) {
            const Component *back = target.document()->design().componentByName(c.name);
            QVERIFY2(back, qPrintable(c.name));
            QCOMPARE(back->params, c.params);
        }
        QVERIFY(target.document()->filePath().isEmpty()); // an import, not the user's project
    }

    void importOfARealTemplateShowsItsReport()
    {
        const QString corpus = QStringLiteral(SWB_SHARED_DIR "/testdata/sam");
        const QString file = corpus + QStringLiteral("/fifo-sqs-redrive/template.yaml");
        if (!QFileInfo::exists(file))
            QSKIP("shared/testdata/sam is not present");
        MainWindow w(test::pricing());
        test::ScriptedPrompter *prompter = script(w);
        QVERIFY(w.files()->importSamFile(file));
        QVERIFY(!w.document()->design().components.isEmpty());
        QCOMPARE(prompter->informations.size(), 1);
        QCOMPARE(prompter->informations.first(), sam::importSamFile(file).report.toText());
    }

    void brokenTemplateIsRefusedAndWorkKept()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("bad.yaml"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Resources: [unclosed\n");
        file.close();
        MainWindow w(test::pricing());
        test::ScriptedPrompter *prompter = script(w);
        QVERIFY(w.files()->newFromPattern(QStringLiteral("sqs-lambda")));
        const Design before = w.document()->design();
        QVERIFY(!w.files()->importSamFile(bad));
        QCOMPARE(prompter->errors.size(), 1);
        QVERIFY2(prompter->errors.first().contains(QStringLiteral("bad.yaml")),
                 qPrintable(prompter->errors.first()));
        QCOMPARE(w.document()->design(), before);
    }
};

QTEST_MAIN(TestSamMenus)
#include "sammenus.moc"
