// Every file dialog says what it is for: the real dialogs (no scripted prompter) of Open, Save
// As, Import SAM template and the exports (diagram, cost sheet, SAM template) are titled after
// their command, not "Save design". Each dialog is cancelled; nothing is written.

#include "mainwindowtestutil.h"
#include "model/document.h"
#include "model/patterns.h"
#include "ui/mainwindow.h"

#include <QAction>
#include <QFileDialog>
#include <QTest>

using namespace swb;

class TestFileDialogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_filedialogs")); }
    void init() { test::resetGuiTestState(); }

    void titledAfterTheirCommand_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("title");
        QTest::newRow("open") << "actionOpen"
                              << "Open design";
        QTest::newRow("save as") << "actionSaveAs"
                                 << "Save design as";
        QTest::newRow("import SAM") << "actionImportSam"
                                    << "Import SAM template";
        QTest::newRow("export SAM") << "actionExportSam"
                                    << "Export SAM template";
        QTest::newRow("export diagram") << "actionExportDiagram"
                                        << "Export Diagram";
        QTest::newRow("export cost") << "actionExportCost"
                                     << "Export cost sheet";
    }

    void titledAfterTheirCommand()
    {
        QFETCH(QString, action);
        QFETCH(QString, title);
        MainWindow w(test::pricing());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.document()->replaceDesign(*makePattern(QStringLiteral("sqs-lambda")));
        QString shown;
        bool seen = false;
        test::whenModalAppears([](QWidget *modal) { return qobject_cast<QFileDialog *>(modal); },
                               [&shown](QWidget *modal) {
                                   shown = modal->windowTitle();
                                   static_cast<QFileDialog *>(modal)->reject();
                               },
                               &seen);
        QAction *a = w.action(action);
        QVERIFY(a);
        a->trigger();
        QVERIFY(seen);
        QCOMPARE(shown, title);
    }
};

QTEST_MAIN(TestFileDialogs)
#include "filedialogs.moc"
