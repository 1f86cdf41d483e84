// GUI tests of the inspector: typed editors from the catalogue, inline refusal of invalid
// values, undo/redo through the window's shortcuts, wires, project settings and the Step
// Functions Task chain.
#include "mainwindowtestutil.h"

#include "model/document.h"
#include "model/parametercatalogue.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/diagramview.h"
#include "ui/docks/inspectordock.h"
#include "ui/docks/parametereditor.h"
#include "ui/mainwindow.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QtTest>

using namespace swb;

class TestInspector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_inspector")); }
    void init() { test::resetGuiTestState(); }

    void editorsFollowTheCatalogue();
    void typedValueAppliesOnEnterAndUndoRedoRefreshes();
    void outOfRangeValueIsRefusedInline();
    void notSetValueShowsItsName();
    void choiceAndFlagEditors();
    void nameFieldRenamesAndRefusesDuplicates();
    void wireSelectionShowsWireKnobs();
    void projectSettingsWhenNothingSelected();
    void projectSettingsFollowALoadedDesign();
    void longNameShowsItsStart();
    void stepFunctionsShowsItsTaskChain();

private:
    static void showAndActivate(MainWindow &w)
    {
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
    }
    static QLineEdit *lineEdit(ParameterEditor *editor)
    {
        return qobject_cast<QLineEdit *>(editor->inputWidget());
    }
    // Replaces the field's text with real key events and presses Enter.
    static void typeAndEnter(QLineEdit *edit, const QString &text)
    {
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
        QTest::keyClick(edit, Qt::Key_Return);
    }
};

void TestInspector::editorsFollowTheCatalogue()
{
    MainWindow w(test::pricing());
    const ComponentId fn = w.document()->addComponent(ComponentKind::Lambda, {0, 0});
    w.scene()->selectItems({fn});
    InspectorDock *inspector = w.inspectorDock();
    QCOMPARE(inspector->mode(), InspectorDock::Mode::Component);
    const QList<ParamSpec> &specs = catalogue::componentParams(ComponentKind::Lambda);
    QCOMPARE(inspector->editors().size(), specs.size());
    for (const ParamSpec &spec : specs) {
        ParameterEditor *editor = inspector->editor(spec.key);
        QVERIFY2(editor, qPrintable(spec.key));
        QWidget *input = editor->inputWidget();
        switch (spec.type) {
        case ParamType::Boolean:
            QVERIFY(qobject_cast<QCheckBox *>(input));
            break;
        case ParamType::Choice:
            QVERIFY(qobject_cast<QComboBox *>(input));
            break;
        default:
            QVERIFY(qobject_cast<QLineEdit *>(input));
        }
        // AWS help and the allowed range in the tooltip; units beside numbers, but durations
        // and sizes carry theirs in the text ("3 s", "128 MB").
        QVERIFY(input->toolTip().contains(spec.help.toHtmlEscaped()));
        QVERIFY(input->toolTip().contains(spec.rangeText().toHtmlEscaped()));
        if (spec.quantity != paramunits::Quantity::Plain) {
            const QString text = qobject_cast<QLineEdit *>(input)->text();
            QVERIFY2(text == spec.sentinelName
                         || paramunits::unitNames(spec.quantity).contains(text.section(u' ', 1)),
                     qPrintable(spec.key + QStringLiteral(": ") + text));
        } else if (!spec.unit.isEmpty() && spec.type != ParamType::Choice) {
            const auto labels = editor->findChildren<QLabel *>();
            QVERIFY2(std::any_of(labels.begin(), labels.end(),
                                 [&](QLabel *l) { return l->text() == spec.unit; }),
                     qPrintable(spec.key));
        }
        QCOMPARE(editor->value(), w.document()->design().component(fn)->params.value(spec.key));
    }
    QCOMPARE(lineEdit(inspector->editor(QStringLiteral("timeout")))->text(), QStringLiteral("3 s"));
}

void TestInspector::typedValueAppliesOnEnterAndUndoRedoRefreshes()
{
    MainWindow w(test::pricing());
    showAndActivate(w);
    Document *doc = w.document();
    const ComponentId fn = doc->addComponent(ComponentKind::Lambda, {0, 0});
    w.scene()->selectItems({fn});
    QLineEdit *timeout = lineEdit(w.inspectorDock()->editor(QStringLiteral("timeout")));
    const QVariant before = doc->design().component(fn)->params.value(QStringLiteral("timeout"));

    typeAndEnter(timeout, QStringLiteral("120"));
    QCOMPARE(doc->design().component(fn)->params.value(QStringLiteral("timeout")), QVariant(120LL));
    QVERIFY(doc->undoStack()->undoText().contains(QStringLiteral("Timeout")));
    QVERIFY(!w.inspectorDock()->editor(QStringLiteral("timeout"))->hasError());

    // Ctrl+Z from the canvas (a line edit keeps Ctrl+Z for its own text).
    w.view()->setFocus();
    QTest::keyClick(w.view(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(doc->design().component(fn)->params.value(QStringLiteral("timeout")), before);
    QCOMPARE(lineEdit(w.inspectorDock()->editor(QStringLiteral("timeout")))->text(),
             QStringLiteral("3 s"));
    QTest::keyClick(w.view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(doc->design().component(fn)->params.value(QStringLiteral("timeout")), QVariant(120LL));
    QCOMPARE(lineEdit(w.inspectorDock()->editor(QStringLiteral("timeout")))->text(),
             QStringLiteral("2 min"));

    // A change made elsewhere (script, canvas) shows at once.
    QVERIFY(doc->setComponentParam(fn, QStringLiteral("timeout"), 45));
    QCOMPARE(lineEdit(w.inspectorDock()->editor(QStringLiteral("timeout")))->text(),
             QStringLiteral("45 s"));
}

void TestInspector::outOfRangeValueIsRefusedInline()
{
    MainWindow w(test::pricing());
    showAndActivate(w);
    Document *doc = w.document();
    const ComponentId fn = doc->addComponent(ComponentKind::Lambda, {0, 0});
    w.scene()->selectItems({fn});
    ParameterEditor *editor = w.inspectorDock()->editor(QStringLiteral("timeout"));
    const ParamSpec *spec =
        catalogue::findComponentParam(ComponentKind::Lambda, QStringLiteral("timeout"));
    const Design before = doc->design();
    const int commands = doc->undoStack()->count();

    // One second above AWS's 900 s limit.
    typeAndEnter(lineEdit(editor), QString::number(spec->maximum + 1));
    QCOMPARE(doc->design(), before);
    QCOMPARE(doc->undoStack()->count(), commands);
    QVERIFY(editor->hasError());
    QVERIFY(editor->errorText().contains(spec->rangeText()));
    QLabel *message = editor->errorLabel();
    QVERIFY(message && message->isVisible());
    QVERIFY(lineEdit(editor)->styleSheet().contains(QStringLiteral("border")));

    typeAndEnter(lineEdit(editor), QStringLiteral("abc"));
    QCOMPARE(doc->design(), before);
    QVERIFY(editor->hasError());

    // A valid value clears the message.
    typeAndEnter(lineEdit(editor), QStringLiteral("30"));
    QVERIFY(!editor->hasError());
    QVERIFY(!message->isVisible());
    QCOMPARE(doc->design().component(fn)->params.value(QStringLiteral("timeout")), QVariant(30LL));
}

// Reserved concurrency's "not set" (-1) reads "unreserved", as the catalogue names it; typing
// the name sets it back, through the undo stack.
void TestInspector::notSetValueShowsItsName()
{
    MainWindow w(test::pricing());
    showAndActivate(w);
    Document *doc = w.document();
    const ComponentId fn = doc->addComponent(ComponentKind::Lambda, {0, 0});
    w.scene()->selectItems({fn});
    const QString key = QStringLiteral("reservedConcurrency");
    QLineEdit *field = lineEdit(w.inspectorDock()->editor(key));
    QCOMPARE(field->text(), QStringLiteral("unreserved"));

    typeAndEnter(field, QStringLiteral("20"));
    QCOMPARE(doc->design().component(fn)->params.value(key), QVariant(20LL));
    QCOMPARE(lineEdit(w.inspectorDock()->editor(key))->text(), QStringLiteral("20"));

    typeAndEnter(lineEdit(w.inspectorDock()->editor(key)), QStringLiteral("unreserved"));
    QCOMPARE(doc->design().component(fn)->params.value(key), QVariant(-1LL));
    QVERIFY(doc->undoStack()->undoText().startsWith(QStringLiteral("Set Reserved concurrency")));
    QVERIFY(doc->undoStack()->undoText().endsWith(QStringLiteral(" to unreserved")));
    QCOMPARE(lineEdit(w.inspectorDock()->editor(key))->text(), QStringLiteral("unreserved"));
    QVERIFY(!w.inspectorDock()->editor(key)->hasError());
}

void TestInspector::choiceAndFlagEditors()
{
    MainWindow w(test::pricing());
    showAndActivate(w);
    Document *doc = w.document();
    const ComponentId queue = doc->addComponent(ComponentKind::SqsQueue, {0, 0});
    w.scene()->selectItems({queue});
    auto *type =
        qobject_cast<QComboBox *>(w.inspectorDock()->editor(QStringLiteral("type"))->inputWidget());
    QVERIFY(type);
    QCOMPARE(type->currentText(), QStringLiteral("Standard"));
    type->setFocus();
    QTest::keyClick(type, Qt::Key_Down);
    QCOMPARE(doc->design().component(queue)->params.value(QStringLiteral("type")),
             QVariant(QStringLiteral("FIFO")));
    doc->undoStack()->undo();
    QCOMPARE(type->currentText(), QStringLiteral("Standard"));

    // A flag: the partial batch response of an SQS event source mapping.
    const ComponentId fn = doc->addComponent(ComponentKind::Lambda, {300, 0});
    const ConnectionId wire = doc->connectComponents(queue, fn, ConnectionKind::EventSourceMapping);
    QVERIFY(wire);
    w.scene()->selectItems({}, {wire});
    auto *flag = qobject_cast<QCheckBox *>(
        w.inspectorDock()->editor(QStringLiteral("reportBatchItemFailures"))->inputWidget());
    QVERIFY(flag);
    QVERIFY(!flag->isChecked());
    QTest::mouseClick(flag, Qt::LeftButton, {}, QPoint(flag->height() / 2, flag->height() / 2));
    QCOMPARE(
        doc->design().connection(wire)->params.value(QStringLiteral("reportBatchItemFailures")),
        QVariant(true));
    doc->undoStack()->undo();
    QVERIFY(!flag->isChecked());
}

void TestInspector::nameFieldRenamesAndRefusesDuplicates()
{
    MainWindow w(test::pricing());
    showAndActivate(w);
    Document *doc = w.document();
    const ComponentId a = doc->addComponent(ComponentKind::Lambda, {0, 0}, QStringLiteral("a"));
    doc->addComponent(ComponentKind::Lambda, {300, 0}, QStringLiteral("b"));
    w.scene()->selectItems({a});
    QLineEdit *name = w.inspectorDock()->nameEdit();
    QVERIFY(name);
    QCOMPARE(name->text(), QStringLiteral("a"));
    typeAndEnter(name, QStringLiteral("orders"));
    QCOMPARE(doc->design().component(a)->name, QStringLiteral("orders"));
    typeAndEnter(name, QStringLiteral("b"));
    QCOMPARE(doc->design().component(a)->name, QStringLiteral("orders"));
    QVERIFY(w.inspectorDock()->nameError().contains(QStringLiteral("already")));
}

void TestInspector::wireSelectionShowsWireKnobs()
{
    MainWindow w(test::pricing());
    showAndActivate(w);
    Document *doc = w.document();
    const ComponentId queue = doc->addComponent(ComponentKind::SqsQueue, {0, 0});
    const ComponentId fn = doc->addComponent(ComponentKind::Lambda, {300, 0});
    const ConnectionId wire = doc->connectComponents(queue, fn, ConnectionKind::EventSourceMapping);
    w.scene()->selectItems({}, {wire});
    InspectorDock *inspector = w.inspectorDock();
    QCOMPARE(inspector->mode(), InspectorDock::Mode::Connection);
    QCOMPARE(
        inspector->editors().size(),
        catalogue::connectionParams(ConnectionKind::EventSourceMapping, ComponentKind::SqsQueue)
            .size());
    ParameterEditor *batch = inspector->editor(QStringLiteral("batchSize"));
    QVERIFY(batch);
    typeAndEnter(lineEdit(batch), QStringLiteral("25"));
    QCOMPARE(doc->design().connection(wire)->params.value(QStringLiteral("batchSize")),
             QVariant(25LL));
    typeAndEnter(lineEdit(batch), QStringLiteral("0"));
    QVERIFY(batch->hasError());
    QCOMPARE(doc->design().connection(wire)->params.value(QStringLiteral("batchSize")),
             QVariant(25LL));
    // Deleting the wire empties the inspector back to the project.
    doc->removeItems({}, {wire});
    QCOMPARE(inspector->mode(), InspectorDock::Mode::Project);
}

// Opening another design while the project settings are on show must show its values, not the
// previous design's.
void TestInspector::projectSettingsFollowALoadedDesign()
{
    MainWindow w(test::pricing());
    showAndActivate(w);
    InspectorDock *inspector = w.inspectorDock();
    QCOMPARE(inspector->mode(), InspectorDock::Mode::Project);
    QCOMPARE(lineEdit(inspector->editor(QStringLiteral("seed")))->text(), QStringLiteral("1"));
    Design other;
    other.settings.insert(QStringLiteral("seed"), 7LL);
    other.settings.insert(QStringLiteral("duration"), 1800.0);
    w.document()->replaceDesign(other);
    QCOMPARE(lineEdit(inspector->editor(QStringLiteral("seed")))->text(), QStringLiteral("7"));
    QCOMPARE(lineEdit(inspector->editor(QStringLiteral("duration")))->text(),
             QStringLiteral("30 min"));
}

void TestInspector::longNameShowsItsStart()
{
    MainWindow w(test::pricing());
    showAndActivate(w);
    InspectorDock *inspector = w.inspectorDock();
    Design other;
    other.name = QStringLiteral("Order intake (API Gateway -> SQS -> Lambda), load test of the "
                                "peak season with three downstream dependencies");
    w.document()->replaceDesign(other);
    QLineEdit *edit = inspector->nameEdit();
    QCOMPARE(edit->text(), other.name);
    // The field is narrower than the name, so what shows depends on where the cursor is: at 0 the
    // start shows ("Order intake ..."); QLineEdit::setText alone leaves it at the end.
    QVERIFY2(edit->fontMetrics().horizontalAdvance(other.name) > edit->width(),
             "the name must be wider than the field for this test to mean anything");
    QCOMPARE(edit->cursorPosition(), 0);
}

void TestInspector::projectSettingsWhenNothingSelected()
{
    MainWindow w(test::pricing());
    showAndActivate(w);
    InspectorDock *inspector = w.inspectorDock();
    QCOMPARE(inspector->mode(), InspectorDock::Mode::Project);
    QCOMPARE(inspector->editors().size(), catalogue::projectParams().size());
    // The first numeric setting: type its maximum (legal) and then one above (refused).
    const ParamSpec *numeric = nullptr;
    for (const ParamSpec &spec : catalogue::projectParams()) {
        if (spec.type == ParamType::Integer) {
            numeric = &spec;
            break;
        }
    }
    QVERIFY(numeric);
    QLineEdit *edit = lineEdit(inspector->editor(numeric->key));
    typeAndEnter(edit, QString::number(qlonglong(numeric->maximum)));
    QCOMPARE(w.document()->design().settings.value(numeric->key),
             QVariant(qlonglong(numeric->maximum)));
    typeAndEnter(edit, QString::number(qlonglong(numeric->maximum) + 1));
    QVERIFY(inspector->editor(numeric->key)->hasError());
    QCOMPARE(w.document()->design().settings.value(numeric->key),
             QVariant(qlonglong(numeric->maximum)));
}

void TestInspector::stepFunctionsShowsItsTaskChain()
{
    MainWindow w(test::pricing());
    Document *doc = w.document();
    const ComponentId sfn = doc->addComponent(ComponentKind::StepFunctions, {0, 0});
    const ComponentId validate =
        doc->addComponent(ComponentKind::Lambda, {300, 0}, QStringLiteral("validate"));
    const ComponentId charge =
        doc->addComponent(ComponentKind::Lambda, {300, 200}, QStringLiteral("charge"));
    w.scene()->selectItems({sfn});
    QVERIFY(w.inspectorDock()->taskChain().isEmpty());
    const ConnectionId first =
        doc->connectComponents(sfn, validate, ConnectionKind::ServiceIntegration);
    doc->connectComponents(sfn, charge, ConnectionKind::ServiceIntegration);
    QCOMPARE(w.inspectorDock()->taskChain(),
             (QStringList{QStringLiteral("validate"), QStringLiteral("charge")}));
    // Moving the first Task after the second reorders the chain.
    QVERIFY(doc->setConnectionParam(first, QStringLiteral("order"), 5));
    QCOMPARE(w.inspectorDock()->taskChain(),
             (QStringList{QStringLiteral("charge"), QStringLiteral("validate")}));
    auto *label = w.inspectorDock()->findChild<QLabel *>(QStringLiteral("taskChain"));
    QVERIFY(label);
    QVERIFY(label->text().indexOf(QStringLiteral("charge"))
            < label->text().indexOf(QStringLiteral("validate")));
}

QTEST_MAIN(TestInspector)
#include "inspector.moc"
