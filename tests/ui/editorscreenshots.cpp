// Screenshots of the editor for a visual check, written when SWB_SHOTS_DIR names a folder
// (the test still checks what it shows when it is not set): a laid-out 40-block design in the
// main window.

#include "../layoutfixtures.h"
#include "mainwindowtestutil.h"
#include "model/document.h"
#include "model/layout.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"
#include "ui/mainwindow.h"

#include <QAction>
#include <QDir>
#include <QTest>

using namespace swb;

namespace {

void save(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("SWB_SHOTS_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QVERIFY(widget->grab().save(QDir(dir).filePath(name + QStringLiteral(".png"))));
}

} // namespace

class TestEditorScreenshots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(QStringLiteral("editorscreenshots")); }
    void init() { test::resetGuiTestState(); }

    void fortyBlocksLaidOut()
    {
        MainWindow w(test::pricing());
        w.resize(1600, 1000);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        testing::buildFortyBlocks(w.document());
        w.action(QStringLiteral("actionAutoLayout"))->trigger();
        QCoreApplication::processEvents();
        const QRectF content = w.scene()->itemsBoundingRectWithMargin();
        const QRectF visible = w.view()->mapToScene(w.view()->viewport()->rect()).boundingRect();
        save(&w, QStringLiteral("forty-blocks"));
        QVERIFY(visible.contains(content.adjusted(2, 2, -2, -2)));
        // The first two flows at 100%: names, labels and routes readable.
        w.resize(2200, 1300);
        w.view()->resetZoom();
        QList<ComponentId> firstFlows;
        for (const Component &c : w.document()->design().components) {
            if (c.name.startsWith(QLatin1String("f1-")) || c.name.startsWith(QLatin1String("f2-")))
                firstFlows.append(c.id);
        }
        w.view()->centerOn(w.scene()->blocksRect(firstFlows).center());
        QCoreApplication::processEvents();
        save(w.view(), QStringLiteral("forty-blocks-detail"));
    }

    void patternGuideDocked()
    {
        MainWindow w(test::pricing());
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.action(QStringLiteral("actionPatternGuide"))->trigger();
        QCoreApplication::processEvents();
        save(&w, QStringLiteral("pattern-guide"));
    }
};

QTEST_MAIN(TestEditorScreenshots)
#include "editorscreenshots.moc"
