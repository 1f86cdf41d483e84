// Every parameter of every block kind, wire kind and the project, through the Document's edits
// (the model boundary): default inside the range, minimum and maximum accepted, just below the
// minimum and just above the maximum refused with a message that names the owner, the parameter,
// the value and the range; sentinels accepted; wrong types refused; refusals change nothing.

#include "model/document.h"
#include "model/parametercatalogue.h"

#include <QTest>

#include <cmath>
#include <functional>
#include <limits>

using namespace swb;
using K = ComponentKind;
using C = ConnectionKind;

namespace {

using Setter = std::function<bool(const QVariant &, QString *)>;
using Getter = std::function<QVariant()>;

// Runs every boundary check of one spec; returns what went wrong ("" lines are never added).
QStringList checkSpec(const ParamSpec &spec, const Setter &set, const Getter &get,
                      const QStringList &mustName, QUndoStack *stack)
{
    QStringList problems;
    const QString who = mustName.join(QLatin1Char('/')) + QLatin1Char('.') + spec.key;
    auto accept = [&](const QVariant &value, const QVariant &stored) {
        QString error;
        if (!set(value, &error))
            problems.append(who + QStringLiteral(": %1 refused: %2").arg(value.toString(), error));
        else if (get() != stored || get().typeId() != stored.typeId())
            problems.append(who
                            + QStringLiteral(": %1 stored as %2 (%3)")
                                  .arg(value.toString(), get().toString(),
                                       QString::fromLatin1(get().typeName())));
    };
    auto refuse = [&](const QVariant &value, bool namesRange) {
        const QVariant before = get();
        const int commands = stack->count();
        QString error;
        if (set(value, &error)) {
            problems.append(who + QStringLiteral(": %1 accepted").arg(value.toString()));
            return;
        }
        if (get() != before || stack->count() != commands)
            problems.append(
                who + QStringLiteral(": refusing %1 changed something").arg(value.toString()));
        QStringList names = mustName;
        names << spec.displayName << value.toString();
        if (namesRange)
            names << spec.rangeText();
        for (const QString &name : std::as_const(names)) {
            if (!error.contains(name))
                problems.append(
                    who + QStringLiteral(": message '%1' does not name '%2'").arg(error, name));
        }
    };

    switch (spec.type) {
    case ParamType::Integer:
    case ParamType::Real: {
        const double def = spec.defaultValue.toDouble();
        if (!((def >= spec.minimum && def <= spec.maximum)
              || (spec.sentinel && def == *spec.sentinel)))
            problems.append(
                who + QStringLiteral(": default %1 outside %2").arg(def).arg(spec.rangeText()));
        const bool integer = spec.type == ParamType::Integer;
        auto typed = [integer](double v) { return integer ? QVariant(qlonglong(v)) : QVariant(v); };
        accept(typed(spec.minimum), typed(spec.minimum));
        accept(typed(spec.maximum), typed(spec.maximum));
        // As text too (the command line and the inspector pass strings).
        accept(QString::number(spec.maximum, 'g', 17), typed(spec.maximum));
        double below = integer ? spec.minimum - 1 : std::nextafter(spec.minimum, -INFINITY);
        if (spec.sentinel && below == *spec.sentinel)
            below -= 1;
        const double above = integer ? spec.maximum + 1 : std::nextafter(spec.maximum, INFINITY);
        refuse(typed(below), true);
        refuse(typed(above), true);
        if (spec.sentinel)
            accept(typed(*spec.sentinel), typed(*spec.sentinel));
        refuse(QStringLiteral("lots"), true);
        refuse(QVariant(std::numeric_limits<double>::quiet_NaN()), false);
        if (integer && spec.maximum - spec.minimum >= 1)
            refuse(QVariant(spec.minimum + 0.5), true);
        break;
    }
    case ParamType::Boolean:
        if (spec.defaultValue.typeId() != QMetaType::Bool)
            problems.append(who + QStringLiteral(": default is not a bool"));
        accept(true, true);
        accept(false, false);
        accept(QStringLiteral("yes"), true);
        refuse(QStringLiteral("maybe"), true);
        break;
    case ParamType::Choice:
        if (!spec.choices.contains(spec.defaultValue.toString()))
            problems.append(who + QStringLiteral(": default not a choice"));
        for (const QString &choice : spec.choices) {
            accept(choice, choice);
            accept(choice.toLower(), choice); // case-insensitive, stored as spelled
        }
        refuse(QStringLiteral("Nope"), true);
        break;
    case ParamType::Text:
        accept(QStringLiteral("anything, even , = : signs"),
               QStringLiteral("anything, even , = : signs"));
        accept(QString(), QString());
        break;
    }
    return problems;
}

} // namespace

class TestCatalogue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void componentParameters_data()
    {
        QTest::addColumn<int>("kind");
        for (ComponentKind kind : allComponentKinds())
            QTest::newRow(componentKindId(kind).toUtf8().constData()) << int(kind);
    }

    void componentParameters()
    {
        QFETCH(int, kind);
        const auto k = ComponentKind(kind);
        Document doc;
        const ComponentId id = doc.addComponent(k, QPointF(), QStringLiteral("block-under-test"));
        QCOMPARE(doc.design().component(id)->params, catalogue::defaultComponentParams(k));
        QVERIFY(!catalogue::componentParams(k).isEmpty());
        QStringList problems;
        for (const ParamSpec &spec : catalogue::componentParams(k)) {
            QCOMPARE(catalogue::findComponentParam(k, spec.key), &spec);
            QVERIFY2(!spec.help.isEmpty(), qPrintable(spec.key));
            problems += checkSpec(
                spec,
                [&](const QVariant &v, QString *e) {
                    return doc.setComponentParam(id, spec.key, v, e);
                },
                [&] { return doc.design().component(id)->params.value(spec.key); },
                {componentKindName(k), QStringLiteral("'block-under-test'")}, doc.undoStack());
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));

        QString error;
        QVERIFY(!doc.setComponentParam(id, QStringLiteral("colour"), 1, &error));
        QVERIFY(error.contains(QLatin1String("'colour'")));
        QVERIFY(error.contains(catalogue::componentParams(k).first().key)); // lists the keys
    }

    void connectionParameters_data()
    {
        QTest::addColumn<int>("sourceKind");
        QTest::addColumn<int>("targetKind");
        QTest::addColumn<int>("connectionKind");
        QTest::newRow("SQS mapping")
            << int(K::SqsQueue) << int(K::Lambda) << int(C::EventSourceMapping);
        QTest::newRow("Kinesis mapping")
            << int(K::KinesisStream) << int(K::Lambda) << int(C::EventSourceMapping);
        QTest::newRow("Task state")
            << int(K::StepFunctions) << int(K::Lambda) << int(C::ServiceIntegration);
        QTest::newRow("subscription")
            << int(K::SnsTopic) << int(K::SqsQueue) << int(C::Subscription);
        QTest::newRow("redrive") << int(K::SqsQueue) << int(K::SqsQueue) << int(C::Redrive);
        QTest::newRow("Lambda call") << int(K::Lambda) << int(K::Downstream) << int(C::SyncInvoke);
    }

    void connectionParameters()
    {
        QFETCH(int, sourceKind);
        QFETCH(int, targetKind);
        QFETCH(int, connectionKind);
        Document doc;
        const auto src =
            doc.addComponent(ComponentKind(sourceKind), {}, QStringLiteral("from-here"));
        const auto dst =
            doc.addComponent(ComponentKind(targetKind), {}, QStringLiteral("to-there"));
        QString error;
        const auto id = doc.connectComponents(src, dst, ConnectionKind(connectionKind), &error);
        QVERIFY2(id, qPrintable(error));
        const auto &specs =
            catalogue::connectionParams(ConnectionKind(connectionKind), ComponentKind(sourceKind));
        QVERIFY(!specs.isEmpty());
        QStringList problems;
        for (const ParamSpec &spec : specs) {
            problems += checkSpec(
                spec,
                [&](const QVariant &v, QString *e) {
                    return doc.setConnectionParam(id, spec.key, v, e);
                },
                [&] { return doc.design().connection(id)->params.value(spec.key); },
                {QStringLiteral("'from-here'"), QStringLiteral("'to-there'")}, doc.undoStack());
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QVERIFY(!doc.setConnectionParam(id, QStringLiteral("colour"), 1, &error));
        QVERIFY(error.contains(QLatin1String("'colour'")));
    }

    void mappingDefaultsDependOnSource()
    {
        // SQS batches default to 10 records, Kinesis to 100 (aws-behaviour.md 4 and 5).
        QCOMPARE(catalogue::defaultConnectionParams(C::EventSourceMapping, K::SqsQueue)
                     .value(QStringLiteral("batchSize")),
                 QVariant(10LL));
        QCOMPARE(catalogue::defaultConnectionParams(C::EventSourceMapping, K::KinesisStream)
                     .value(QStringLiteral("batchSize")),
                 QVariant(100LL));
        QVERIFY(catalogue::connectionParams(C::Traffic, K::TrafficSource).isEmpty());
    }

    void projectParameters()
    {
        Document doc;
        QCOMPARE(doc.design().settings, catalogue::defaultProjectParams());
        QStringList problems;
        for (const ParamSpec &spec : catalogue::projectParams()) {
            problems += checkSpec(
                spec,
                [&](const QVariant &v, QString *e) { return doc.setProjectParam(spec.key, v, e); },
                [&] { return doc.design().settings.value(spec.key); }, {QStringLiteral("Project")},
                doc.undoStack());
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QString error;
        QVERIFY(!doc.setProjectParam(QStringLiteral("colour"), 1, &error));
        QVERIFY(error.contains(QLatin1String("'colour'")));
    }

    void awsDefaultsSpotCheck()
    {
        // A few defaults and limits straight from resources/help/aws-behaviour.md.
        auto spec = [](K kind, const char *key) {
            return catalogue::findComponentParam(kind, QLatin1String(key));
        };
        QCOMPARE(spec(K::Lambda, "timeout")->defaultValue, QVariant(3LL));
        QCOMPARE(spec(K::Lambda, "timeout")->maximum, 900.0);
        QCOMPARE(spec(K::Lambda, "memory")->minimum, 128.0);
        QCOMPARE(spec(K::Lambda, "memory")->maximum, 10240.0);
        QCOMPARE(spec(K::SqsQueue, "visibilityTimeout")->defaultValue, QVariant(30LL));
        QCOMPARE(spec(K::SqsQueue, "visibilityTimeout")->maximum, 43200.0);
        QCOMPARE(spec(K::SqsQueue, "retentionPeriod")->maximum, 1209600.0);
        QCOMPARE(spec(K::KinesisStream, "retentionHours")->maximum, 8760.0);
        QCOMPARE(catalogue::findProjectParam(QStringLiteral("accountConcurrency"))->defaultValue,
                 QVariant(1000LL));
    }
};

QTEST_GUILESS_MAIN(TestCatalogue)
#include "catalogue.moc"
