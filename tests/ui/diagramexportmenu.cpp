// File > Export > Diagram... as a user drives it: the action in the Export menu, the scripted
// file name, real clicks and keys in the options dialog (scale, transparency, legend, live
// badges of a paused run), the status bar, cancel and a refused file name. Outputs are read
// back with QImage and QXmlStreamReader. Set SWB_DIAGRAM_SHOTS=/some/dir to also write the
// dialog's screenshot and a PNG with live badges.

#include "mainwindowtestutil.h"

#include "../diagramtestutil.h"

#include "model/document.h"
#include "sim/simcontroller.h"
#include "ui/canvas/blockitem.h"
#include "ui/canvas/diagramscene.h"
#include "ui/export/diagramexport.h"
#include "ui/fileactions.h"
#include "ui/mainwindow.h"
#include "ui/playback/framestore.h"
#include "ui/playback/liveoverlay.h"
#include "ui/playback/playbacksession.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QImage>
#include <QMenu>
#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtMath>

using namespace swb;
using namespace swb::test;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

} // namespace

class TestDiagramExportMenu : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString out(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(s("tst_ui_diagramexportmenu")); }
    void init() { test::resetGuiTestState(); }

    void menuActionWithTheOptionsDialog()
    {
        MainWindow w(test::pricing());
        test::ScriptedPrompter *script = test::installScriptedPrompter(w);
        QVERIFY(w.files()->newFromPattern(s("sqs-lambda")));
        QAction *action = w.action(s("actionExportDiagram"));
        QVERIFY(action);
        QVERIFY(w.findChild<QMenu *>(s("menuExport"))->actions().contains(action));
        const QString path = out(s("menu.png"));
        script->savePath = path;

        bool seen = false;
        bool selectionEnabled = true;
        bool badgesEnabled = true;
        test::whenModalAppears(
            [](QWidget *modal) { return modal->objectName() == s("diagramExportDialog"); },
            [&](QWidget *dialog) {
                selectionEnabled =
                    dialog->findChild<QCheckBox *>(s("selectionOnlyCheck"))->isEnabled();
                badgesEnabled = dialog->findChild<QCheckBox *>(s("liveBadgesCheck"))->isEnabled();
                auto *transparent = dialog->findChild<QCheckBox *>(s("transparentCheck"));
                QTest::mouseClick(transparent, Qt::LeftButton);
                auto *legend = dialog->findChild<QCheckBox *>(s("legendCheck"));
                QTest::mouseClick(legend, Qt::LeftButton);
                auto *scale = dialog->findChild<QDoubleSpinBox *>(s("scaleSpin"));
                scale->setFocus();
                QTest::keyClick(scale, Qt::Key_A, Qt::ControlModifier);
                QTest::keyClicks(scale, s("3"));
                if (qEnvironmentVariableIsSet("SWB_DIAGRAM_SHOTS"))
                    dialog->grab().save(QDir(qEnvironmentVariable("SWB_DIAGRAM_SHOTS"))
                                            .filePath(s("diagram-export-dialog.png")));
                auto *buttons = dialog->findChild<QDialogButtonBox *>(s("buttonBox"));
                QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
            },
            &seen);
        action->trigger();
        QVERIFY(seen);
        QVERIFY2(script->errors.isEmpty(), qPrintable(script->errors.join(u'\n')));
        QVERIFY(!selectionEnabled); // nothing selected
        QVERIFY(!badgesEnabled);    // no run loaded
        const QImage image(path);
        QVERIFY(!image.isNull());
        DiagramExportOptions chosen;
        chosen.legend = false;
        const QSizeF size = diagramSize(*w.scene(), chosen);
        QCOMPARE(image.size(), QSize(qCeil(size.width() * 3), qCeil(size.height() * 3)));
        QCOMPARE(image.pixelColor(0, 0).alpha(), 0);
        QVERIFY2(w.statusBar()->currentMessage().contains(s("menu.png")),
                 qPrintable(w.statusBar()->currentMessage()));

        // Cancel writes nothing; a name without a known ending is refused before the dialog.
        script->savePath = out(s("cancelled.svg"));
        seen = false;
        test::whenModalAppears(
            [](QWidget *modal) { return modal->objectName() == s("diagramExportDialog"); },
            [](QWidget *dialog) {
                auto *buttons = dialog->findChild<QDialogButtonBox *>(s("buttonBox"));
                QTest::mouseClick(buttons->button(QDialogButtonBox::Cancel), Qt::LeftButton);
            },
            &seen);
        action->trigger();
        QVERIFY(seen);
        QVERIFY(!QFile::exists(out(s("cancelled.svg"))));
        script->savePath = out(s("diagram.gif"));
        action->trigger();
        QCOMPARE(script->errors.size(), 1);
        QVERIFY2(script->errors.first().contains(s(".svg, .png, .pdf")),
                 qPrintable(script->errors.first()));
        QVERIFY(!QFile::exists(out(s("diagram.gif"))));
    }

    void liveBadgesFromALoadedRun()
    {
        MainWindow w(test::pricing());
        test::ScriptedPrompter *script = test::installScriptedPrompter(w);
        QVERIFY(w.files()->newFromPattern(s("sqs-lambda")));
        // A few one-second bins of the run, paused: the canvas shows their badges.
        for (int i = 1; i <= 3; ++i) {
            w.playback()->step();
            QTRY_COMPARE(w.frameStore()->frameCount(), qint64(i));
        }
        QTRY_COMPARE(w.playback()->controller()->state(), SimController::State::Paused);
        // The overlay coalesces refreshes on a timer: flush it so the badges are final.
        w.playback()->liveOverlay()->refreshNow();
        const ComponentId worker = w.document()->design().componentByName(s("job-worker"))->id;
        QVERIFY(!w.scene()->blockItem(worker)->overlay().topBadge.isEmpty());
        const QString badge = w.scene()->blockItem(worker)->overlay().topBadge;

        script->savePath = out(s("run.svg"));
        bool seen = false;
        bool badgesEnabled = false;
        test::whenModalAppears(
            [](QWidget *modal) { return modal->objectName() == s("diagramExportDialog"); },
            [&](QWidget *dialog) {
                auto *badges = dialog->findChild<QCheckBox *>(s("liveBadgesCheck"));
                badgesEnabled = badges->isEnabled();
                QTest::mouseClick(badges, Qt::LeftButton);
                auto *buttons = dialog->findChild<QDialogButtonBox *>(s("buttonBox"));
                QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
            },
            &seen);
        w.action(s("actionExportDiagram"))->trigger();
        QVERIFY(seen);
        QVERIFY(badgesEnabled);
        QVERIFY2(script->errors.isEmpty(), qPrintable(script->errors.join(u'\n')));
        const QStringList texts = svgTexts(out(s("run.svg")));
        QVERIFY2(texts.contains(badge), qPrintable(badge + s(" not in ") + texts.join(u'|')));
        if (qEnvironmentVariableIsSet("SWB_DIAGRAM_SHOTS")) {
            DiagramExportOptions live;
            live.liveBadges = true;
            live.scale = 2;
            exportDiagram(*w.scene(),
                          QDir(qEnvironmentVariable("SWB_DIAGRAM_SHOTS")).filePath(s("badges.png")),
                          live, nullptr);
        }
        w.playback()->reset();
        w.document()->markSaved();
    }
};

QTEST_MAIN(TestDiagramExportMenu)
#include "diagramexportmenu.moc"
