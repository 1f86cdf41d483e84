// Screenshots of the editor for a visual check, written when SWB_SHOTS_DIR names a folder
// (the test still checks what it shows when it is not set): a laid-out 40-block design in the
// main window, the inspector of a Lambda function, an SQS queue and a traffic source, and the
// keyboard's focus ring on a block.

#include "../layoutfixtures.h"
#include "mainwindowtestutil.h"
#include "model/document.h"
#include "model/layout.h"
#include "ui/fileactions.h"
#include "ui/canvas/blockitem.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"
#include "ui/docks/inspectordock.h"
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

    void inspectorPerKind()
    {
        MainWindow w(test::pricing());
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.files()->newFromPattern(QStringLiteral("sqs-lambda"));
        const Design &design = w.document()->design();
        for (const auto &[kind, name] :
             {std::pair{ComponentKind::Lambda, "inspector-lambda"},
              std::pair{ComponentKind::SqsQueue, "inspector-sqs"},
              std::pair{ComponentKind::TrafficSource, "inspector-traffic"}}) {
            ComponentId id = InvalidId;
            for (const Component &c : design.components) {
                if (c.kind == kind && id == InvalidId)
                    id = c.id;
            }
            QVERIFY(id != InvalidId);
            w.scene()->selectItems({id});
            QCOMPARE(w.inspectorDock()->currentId(), id);
            QCoreApplication::processEvents();
            save(w.inspectorDock(), QLatin1String(name));
        }
    }

    void focusRingOnABlock()
    {
        MainWindow w(test::pricing());
        test::showActive(w);
        w.files()->newFromPattern(QStringLiteral("sqs-lambda"));
        w.view()->setFocus(Qt::OtherFocusReason);
        QTest::keyClick(w.view(), Qt::Key_Tab);
        QTest::keyClick(w.view(), Qt::Key_Tab);
        const ComponentId current = w.scene()->currentComponent();
        QVERIFY(current != InvalidId);
        QVERIFY(w.scene()->blockItem(current)->hasFocusRing());
        w.view()->resetZoom();
        w.view()->centerOn(w.scene()->blockItem(current));
        QCoreApplication::processEvents();
        save(w.view(), QStringLiteral("focus-ring"));
    }
};

QTEST_MAIN(TestEditorScreenshots)
#include "editorscreenshots.moc"
