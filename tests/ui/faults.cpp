// Faults dock: faults are added, edited inline and removed through the dock's
// widgets with real clicks and typing; each change is one undoable Document edit and a refused
// value shows validateFault's message (or names the field that is not a number) and changes
// nothing.

#include "chartsfixture.h"

#include "model/document.h"
#include "model/patterns.h"
#include "ui/faults/faultspanel.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>

using namespace swb;

class TestFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void addBadDeployByTypingAndUndo();
    void invalidValuesAreRefusedWithAMessage();
    void inlineEditValidatedAndUndoable();
    void targetsFollowTheKindAndRemove();
    void outageOnAFunctionAddedAndUndone();
    void throttleTakesALimitFactor();
    void outageOnASubscriptionChosenFromTheTargets();

private:
    void type(QLineEdit *edit, const QString &text);
    void editCell(int row, int column, const QString &text);
    std::unique_ptr<Document> m_doc;
    std::unique_ptr<FaultsPanel> m_panel;
};

void TestFaults::init()
{
    m_doc = std::make_unique<Document>();
    m_doc->replaceDesign(test::sqsLambda());
    m_panel = std::make_unique<FaultsPanel>(m_doc.get());
    m_panel->resize(700, 500);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void TestFaults::cleanup()
{
    m_panel.reset();
    m_doc.reset();
}

void TestFaults::type(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

void TestFaults::editCell(int row, int column, const QString &text)
{
    QTableWidget *table = m_panel->table();
    const QRect rect = table->visualItemRect(table->item(row, column));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, rect.center());
    QWidget *editor = table->viewport()->focusWidget();
    QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
    editor = QApplication::focusWidget();
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
}

void TestFaults::addBadDeployByTypingAndUndo()
{
    QCOMPARE(m_panel->kindBox()->currentText(), faultKindName(FaultKind::BadDeploy));
    const ComponentId fn = test::lambdaOf(m_doc->design());
    QCOMPARE(m_panel->targetBox()->count(), 1); // the pattern's one function
    QCOMPARE(m_panel->targetBox()->currentData().toLongLong(), fn);
    type(m_panel->startEdit(), QStringLiteral("12.5"));
    type(m_panel->durationEdit(), QStringLiteral("30"));
    type(m_panel->valueEdit(), QStringLiteral("0.4"));
    QTest::mouseClick(m_panel->addButton(), Qt::LeftButton);

    QCOMPARE(m_doc->design().faults.size(), 1);
    const Fault f = m_doc->design().faults.first();
    QCOMPARE(f.kind, FaultKind::BadDeploy);
    QCOMPARE(f.target, fn);
    QCOMPARE(f.start, 12.5);
    QCOMPARE(f.duration, 30.0);
    QCOMPARE(f.errorRate, 0.4);
    QCOMPARE(m_panel->table()->rowCount(), 1);
    QCOMPARE(m_panel->table()->item(0, FaultsPanel::StartColumn)->text(), QStringLiteral("12.5"));
    QVERIFY(m_panel->messageLabel()->text().isEmpty());

    m_doc->undoStack()->undo();
    QVERIFY(m_doc->design().faults.isEmpty());
    QCOMPARE(m_panel->table()->rowCount(), 0);
}

void TestFaults::invalidValuesAreRefusedWithAMessage()
{
    type(m_panel->valueEdit(), QStringLiteral("1.5"));
    QTest::mouseClick(m_panel->addButton(), Qt::LeftButton);
    QVERIFY(m_doc->design().faults.isEmpty());
    QVERIFY2(m_panel->messageLabel()->text().contains(QStringLiteral("between 0 and 1")),
             qPrintable(m_panel->messageLabel()->text()));

    type(m_panel->valueEdit(), QStringLiteral("0.5"));
    type(m_panel->startEdit(), QStringLiteral("soon"));
    QTest::mouseClick(m_panel->addButton(), Qt::LeftButton);
    QVERIFY(m_doc->design().faults.isEmpty());
    QVERIFY(m_panel->messageLabel()->text().contains(QStringLiteral("Start: 'soon' is not a "
                                                                    "number")));
    QCOMPARE(m_doc->undoStack()->count(), 0);
}

void TestFaults::inlineEditValidatedAndUndoable()
{
    QTest::mouseClick(m_panel->addButton(), Qt::LeftButton); // defaults: 60 s for 60 s, rate 1
    QCOMPARE(m_doc->design().faults.size(), 1);
    const FaultId id = m_doc->design().faults.firstKey();

    editCell(0, FaultsPanel::StartColumn, QStringLiteral("-3"));
    QTRY_VERIFY(m_panel->messageLabel()->text().contains(QStringLiteral("must be from 0 to")));
    QCOMPARE(m_doc->design().faults.value(id).start, 60.0);
    QTRY_COMPARE(m_panel->table()->item(0, FaultsPanel::StartColumn)->text(), QStringLiteral("60"));

    editCell(0, FaultsPanel::DurationColumn, QStringLiteral("45"));
    QTRY_COMPARE(m_doc->design().faults.value(id).duration, 45.0);
    QVERIFY(m_panel->messageLabel()->text().isEmpty());
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->design().faults.value(id).duration, 60.0);
    QCOMPARE(m_panel->table()->item(0, FaultsPanel::DurationColumn)->text(), QStringLiteral("60"));
}

void TestFaults::targetsFollowTheKindAndRemove()
{
    // Down arrow on the kind box: outage (every block but the traffic source: the queues and
    // the function), then traffic spike (its traffic source).
    m_panel->kindBox()->setFocus();
    QTest::keyClick(m_panel->kindBox(), Qt::Key_Down);
    QCOMPARE(m_panel->kindBox()->currentText(), faultKindName(FaultKind::Outage));
    int services = 0;
    for (const Component &c : m_doc->design().components)
        services += c.kind != ComponentKind::TrafficSource;
    QVERIFY(services >= 2);
    QCOMPARE(m_panel->targetBox()->count(), services);
    for (int i = 0; i < m_panel->targetBox()->count(); ++i) {
        const Component *c =
            m_doc->design().component(m_panel->targetBox()->itemData(i).toLongLong());
        QVERIFY(c->kind != ComponentKind::TrafficSource);
    }
    QVERIFY(m_panel->addButton()->isEnabled());
    QVERIFY(!m_panel->valueEdit()->isEnabled()); // an outage has no parameter

    QTest::keyClick(m_panel->kindBox(), Qt::Key_Down);
    QCOMPARE(m_panel->kindBox()->currentText(), faultKindName(FaultKind::TrafficSpike));
    QVERIFY(m_panel->targetBox()->count() >= 1);
    for (int i = 0; i < m_panel->targetBox()->count(); ++i) {
        const Component *c =
            m_doc->design().component(m_panel->targetBox()->itemData(i).toLongLong());
        QCOMPARE(c->kind, ComponentKind::TrafficSource);
    }
    type(m_panel->valueEdit(), QStringLiteral("4"));
    QTest::mouseClick(m_panel->addButton(), Qt::LeftButton);
    QCOMPARE(m_doc->design().faults.size(), 1);
    QCOMPARE(m_doc->design().faults.first().rateFactor, 4.0);

    QTableWidget *table = m_panel->table();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualItemRect(table->item(0, 0)).center());
    QTest::mouseClick(m_panel->removeButton(), Qt::LeftButton);
    QVERIFY(m_doc->design().faults.isEmpty());
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->design().faults.size(), 1);
    QCOMPARE(table->rowCount(), 1);
}

void TestFaults::outageOnAFunctionAddedAndUndone()
{
    // Pick Outage, then the function among the targets with the keyboard; Add makes one undoable
    // fault that the simulator maps to the function's invokes failing with a service error.
    m_panel->kindBox()->setFocus();
    QTest::keyClick(m_panel->kindBox(), Qt::Key_Down);
    QCOMPARE(m_panel->kindBox()->currentText(), faultKindName(FaultKind::Outage));
    QComboBox *targets = m_panel->targetBox();
    targets->setFocus();
    QTest::keyClick(targets, Qt::Key_Home);
    int lambdaRow = -1;
    for (int i = 0; i < targets->count() && lambdaRow < 0; ++i) {
        if (m_doc->design().component(targets->itemData(i).toLongLong())->kind
            == ComponentKind::Lambda)
            lambdaRow = i;
    }
    QVERIFY(lambdaRow >= 0);
    for (int i = 0; i < lambdaRow; ++i)
        QTest::keyClick(targets, Qt::Key_Down);
    QCOMPARE(targets->currentIndex(), lambdaRow);
    type(m_panel->startEdit(), QStringLiteral("30"));
    QTest::mouseClick(m_panel->addButton(), Qt::LeftButton);
    QCOMPARE(m_doc->design().faults.size(), 1);
    const Fault f = m_doc->design().faults.first();
    QCOMPARE(f.kind, FaultKind::Outage);
    QCOMPARE(m_doc->design().component(f.target)->kind, ComponentKind::Lambda);
    QCOMPARE(f.start, 30.0);
    QCOMPARE(m_panel->table()->item(0, FaultsPanel::KindColumn)->text(), QStringLiteral("Outage"));
    QVERIFY(m_panel->messageLabel()->text().isEmpty());
    m_doc->undoStack()->undo();
    QVERIFY(m_doc->design().faults.isEmpty());
}

void TestFaults::throttleTakesALimitFactor()
{
    // Throttle is the fourth kind; in the SQS -> Lambda pattern only the function has a limit it
    // lowers. A factor above 1 is refused with the allowed range; 0.25 is added.
    m_panel->kindBox()->setFocus();
    for (int i = 0; i < 3; ++i)
        QTest::keyClick(m_panel->kindBox(), Qt::Key_Down);
    QCOMPARE(m_panel->kindBox()->currentText(), faultKindName(FaultKind::Throttle));
    QCOMPARE(m_panel->targetBox()->count(), 1);
    QCOMPARE(m_doc->design().component(m_panel->targetBox()->itemData(0).toLongLong())->kind,
             ComponentKind::Lambda);
    QVERIFY(m_panel->valueEdit()->isEnabled());
    type(m_panel->valueEdit(), QStringLiteral("2"));
    QTest::mouseClick(m_panel->addButton(), Qt::LeftButton);
    QVERIFY(m_doc->design().faults.isEmpty());
    QVERIFY2(m_panel->messageLabel()->text().contains(
                 QStringLiteral("limit factor 2 must be between 0 and 1")),
             qPrintable(m_panel->messageLabel()->text()));
    type(m_panel->valueEdit(), QStringLiteral("0.25"));
    QTest::mouseClick(m_panel->addButton(), Qt::LeftButton);
    QCOMPARE(m_doc->design().faults.size(), 1);
    QCOMPARE(m_doc->design().faults.first().kind, FaultKind::Throttle);
    QCOMPARE(m_doc->design().faults.first().rateFactor, 0.25);
    QCOMPARE(m_panel->table()->item(0, FaultsPanel::RateFactorColumn)->text(),
             QStringLiteral("0.25"));
    QVERIFY(m_panel->messageLabel()->text().isEmpty());
}

void TestFaults::outageOnASubscriptionChosenFromTheTargets()
{
    // In the SNS fan-out pattern, Outage offers the blocks and then each subscription by its
    // "topic -> endpoint" name; picking the last one with the keyboard adds a fault on that wire,
    // which the table names; deleting the wire deletes the fault with it.
    m_doc->replaceDesign(*makePattern(QStringLiteral("sns-fanout")));
    m_panel->kindBox()->setFocus();
    QTest::keyClick(m_panel->kindBox(), Qt::Key_Down);
    QCOMPARE(m_panel->kindBox()->currentText(), faultKindName(FaultKind::Outage));
    QComboBox *targets = m_panel->targetBox();
    int subscriptions = 0;
    for (const Connection &w : m_doc->design().connections)
        subscriptions += w.kind == ConnectionKind::Subscription ? 1 : 0;
    QVERIFY(subscriptions >= 2);
    QCOMPARE(targets->count(), m_doc->design().components.size() - 1 + subscriptions);
    targets->setFocus();
    QTest::keyClick(targets, Qt::Key_End);
    const Connection *wire = m_doc->design().connection(targets->currentData().toLongLong());
    QVERIFY(wire && wire->kind == ConnectionKind::Subscription);
    const QString name = m_doc->design().component(wire->source)->name + QStringLiteral(" -> ")
                         + m_doc->design().component(wire->target)->name;
    QCOMPARE(targets->currentText(), name + QStringLiteral(" (subscription)"));
    type(m_panel->startEdit(), QStringLiteral("10"));
    type(m_panel->durationEdit(), QStringLiteral("30"));
    QTest::mouseClick(m_panel->addButton(), Qt::LeftButton);
    QVERIFY2(m_panel->messageLabel()->text().isEmpty(),
             qPrintable(m_panel->messageLabel()->text()));
    QCOMPARE(m_doc->design().faults.size(), 1);
    const Fault added = m_doc->design().faults.first();
    QCOMPARE(added.target, wire->id);
    QCOMPARE(added.start, 10.0);
    QCOMPARE(added.duration, 30.0);
    QCOMPARE(m_panel->table()->item(0, FaultsPanel::TargetColumn)->text(), name);
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Add outage on '%1'").arg(name));
    // For a person to look at: $SWB_SCREENSHOT_DIR (default /tmp)/swb-faults-subscription.png.
    const QString dir = qEnvironmentVariable("SWB_SCREENSHOT_DIR", QStringLiteral("/tmp"));
    QVERIFY(m_panel->grab().save(dir + QStringLiteral("/swb-faults-subscription.png")));
    // Deleting the wire deletes its fault in the same step; one undo brings both back.
    const ConnectionId wireId = wire->id;
    m_doc->removeItems({}, {wireId});
    QVERIFY(m_doc->design().faults.isEmpty());
    QCOMPARE(m_panel->table()->rowCount(), 0);
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->design().faults.size(), 1);
    QCOMPARE(m_panel->table()->item(0, FaultsPanel::TargetColumn)->text(), name);
}

QTEST_MAIN(TestFaults)
#include "faults.moc"
