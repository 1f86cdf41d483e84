// Service modules (model/services): the registry lists every kind once, in palette order, and
// each module's one parameter declaration gives the catalogue's specs, the typed struct (with
// AWS's defaults) and the typed keys; choices read as enums; "not set" values have names.
#include "model/design.h"
#include "model/parametercatalogue.h"
#include "model/services/account/account.h"
#include "model/services/kinesis/kinesis.h"
#include "model/services/lambda/lambda.h"
#include "model/services/registry.h"
#include "model/services/sns/sns.h"
#include "model/services/sqs/sqs.h"
#include "model/services/stepfunctions/stepfunctions.h"

#include <QSet>
#include <QtTest>

using namespace swb;

class TestServiceModules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void registryListsEveryKindInPaletteOrder()
    {
        const QList<const ServiceModule *> &modules = serviceModules();
        QCOMPARE(modules.size(), allComponentKinds().size());
        QSet<QString> ids;
        for (int i = 0; i < modules.size(); ++i) {
            const ServiceModule &m = *modules.at(i);
            QCOMPARE(int(m.kind), i);
            QCOMPARE(&serviceModule(m.kind), &m);
            QCOMPARE(serviceModuleById(QLatin1String(m.id)), &m);
            QCOMPARE(componentKindId(m.kind), QLatin1String(m.id));
            ids.insert(QLatin1String(m.id));
            QVERIFY(qstrlen(m.name) > 0 && qstrlen(m.shortName) > 0);
            QVERIFY(qstrlen(m.paletteSummary) > 20);
            QVERIFY(m.params && m.wireParams && m.subtitle && m.flow);
        }
        QCOMPARE(ids.size(), modules.size());
        QCOMPARE(serviceModuleById(QStringLiteral("no-such-service")), nullptr);
    }

    // The struct's field defaults and the catalogue's defaults come from one declaration.
    void typedDefaultsAreTheCatalogueDefaults()
    {
        const lambda::Params fn =
            lambda::Params::of(catalogue::defaultComponentParams(ComponentKind::Lambda));
        QCOMPARE(fn.memory, 128LL);
        QCOMPARE(fn.timeout, 3LL);
        QCOMPARE(fn.reservedConcurrency, -1LL);
        QCOMPARE(fn.architecture, lambda::Architecture::X86_64);
        QCOMPARE(lambda::Params::of({}).maxEventAge, fn.maxEventAge);
        const sqs::mapping::Params sqsEsm =
            sqs::mapping::Params::of(catalogue::defaultConnectionParams(
                ConnectionKind::EventSourceMapping, ComponentKind::SqsQueue));
        const kinesis::mapping::Params kinesisEsm =
            kinesis::mapping::Params::of(catalogue::defaultConnectionParams(
                ConnectionKind::EventSourceMapping, ComponentKind::KinesisStream));
        QCOMPARE(sqsEsm.batchSize, 10LL);
        QCOMPARE(kinesisEsm.batchSize, 100LL);
        QCOMPARE(
            account::Params().accountConcurrency,
            catalogue::defaultProjectParams().value(account::key::accountConcurrency).toLongLong());
    }

    void typedKeysNameCatalogueEntries()
    {
        QVERIFY(
            catalogue::findComponentParam(ComponentKind::Lambda, lambda::key::reservedConcurrency));
        QVERIFY(catalogue::findComponentParam(ComponentKind::SqsQueue, sqs::key::messageGroups));
        // A key that is a C++ keyword is declared with a trailing underscore.
        QCOMPARE(sfn::task::key::catch_.text(), QStringLiteral("catch"));
        QVERIFY(catalogue::findConnectionParam(ConnectionKind::ServiceIntegration,
                                               ComponentKind::StepFunctions,
                                               sfn::task::key::catch_));
        QVERIFY(!sfn::task::Params::of({{QStringLiteral("catch"), false}}).catch_);
    }

    void choicesReadAsEnums()
    {
        QCOMPARE(sqs::Params::of({{sqs::key::type, QStringLiteral("FIFO")}}).type,
                 sqs::QueueType::Fifo);
        QCOMPARE(sns::Params::of({{sns::key::type, QStringLiteral("Standard")}}).type,
                 sns::TopicType::Standard);
        QCOMPARE(kinesis::Params::of({{kinesis::key::capacityMode, QStringLiteral("On-demand")}})
                     .capacityMode,
                 kinesis::CapacityMode::OnDemand);
        // The spec offers exactly the enum's texts.
        QCOMPARE(catalogue::findComponentParam(ComponentKind::SqsQueue, sqs::key::type)->choices,
                 choiceTexts<sqs::QueueType>());
        Component queue;
        queue.kind = ComponentKind::SqsQueue;
        queue.params = {{sqs::key::type, QStringLiteral("FIFO")}};
        QVERIFY(isFifo(queue));
        queue.params = {{sqs::key::type, QStringLiteral("Standard")}};
        QVERIFY(!isFifo(queue));
        Component fn;
        fn.kind = ComponentKind::Lambda;
        QVERIFY(!isFifo(fn));
    }

    void notSetValuesHaveNames()
    {
        const ParamSpec *reserved =
            catalogue::findComponentParam(ComponentKind::Lambda, lambda::key::reservedConcurrency);
        QCOMPARE(reserved->sentinelName, QStringLiteral("unreserved"));
        QCOMPARE(formatValue(*reserved, -1LL), QStringLiteral("unreserved"));
        QCOMPARE(formatValue(*reserved, 20LL), QStringLiteral("20"));
        QVERIFY(reserved->rangeText().startsWith(QStringLiteral("-1 (unreserved) or 0 to")));
        QString error;
        QCOMPARE(normalizeValue(*reserved, QStringLiteral("Unreserved"), &error), QVariant(-1LL));
        QCOMPARE(normalizeValue(*reserved, QStringLiteral("-1"), &error), QVariant(-1LL));
        QVERIFY(!normalizeValue(*reserved, QStringLiteral("-2"), &error));
        const ParamSpec *maxConcurrency = catalogue::findConnectionParam(
            ConnectionKind::EventSourceMapping, ComponentKind::SqsQueue,
            sqs::mapping::key::maximumConcurrency);
        QCOMPARE(maxConcurrency->sentinelName, QStringLiteral("no limit"));
    }

    // Reserved concurrency is read in one place (aws-behaviour.md §1): unset, a cap, or 0 = the
    // kill switch; the scenario takes the resolved value.
    void reservedConcurrencyIsInterpretedOnce()
    {
        lambda::Params p;
        QVERIFY(!lambda::reservedConcurrency(p).isReserved());
        QCOMPARE(lambda::reservedConcurrency(p).cap(), std::nullopt);
        QCOMPARE(lambda::concurrencyLimit(lambda::reservedConcurrency(p), 1000), 1000LL);
        QCOMPARE(lambda::reservedConcurrency(p).forScenario(), -1LL);
        p.reservedConcurrency = 0;
        QVERIFY(lambda::reservedConcurrency(p).isKillSwitch());
        QCOMPARE(lambda::concurrencyLimit(lambda::reservedConcurrency(p), 1000), 0LL);
        p.reservedConcurrency = 25;
        QVERIFY(!lambda::reservedConcurrency(p).isKillSwitch());
        QCOMPARE(lambda::reservedConcurrency(p).cap(), std::optional<qlonglong>(25));
        QCOMPARE(lambda::concurrencyLimit(lambda::reservedConcurrency(p), 1000), 25LL);
        QCOMPARE(lambda::reservedConcurrency(p).forScenario(), 25LL);
    }

    void subtitlesComeFromTheModules()
    {
        Component queue;
        queue.kind = ComponentKind::SqsQueue;
        queue.params = catalogue::defaultComponentParams(ComponentKind::SqsQueue);
        queue.params.insert(sqs::key::type, QStringLiteral("FIFO"));
        queue.params.insert(sqs::key::messageGroups, 4LL);
        QCOMPARE(serviceModule(queue.kind).subtitle(queue), QStringLiteral("FIFO \u00b7 4 groups"));
        Component fn;
        fn.kind = ComponentKind::Lambda;
        fn.params = catalogue::defaultComponentParams(ComponentKind::Lambda);
        QCOMPARE(serviceModule(fn.kind).subtitle(fn), QStringLiteral("128 MB \u00b7 3 s"));
    }
};

QTEST_GUILESS_MAIN(TestServiceModules)
#include "servicemodules.moc"
