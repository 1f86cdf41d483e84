// The six-axis comparison (model/patternaxes.h): the talk's axes x API / SNS / EventBridge / SQS /
// Kinesis (each column its service module's), with limits read from the parameter catalogue and
// prices from the pricing catalogue passed in.

#include "model/parametercatalogue.h"
#include "model/patternaxes.h"
#include "model/services/registry.h"

#include <QLocale>
#include <QTest>

using namespace swb;

namespace {

PriceDimension *findDimension(PricingCatalogue &prices, const char *service, const char *id)
{
    for (PriceDimension &d : prices.dimensions) {
        if (d.service == QLatin1String(service) && d.id == QLatin1String(id))
            return &d;
    }
    return nullptr;
}

QString grouped(double value)
{
    return QLocale(QLocale::English).toString(static_cast<qlonglong>(value));
}

} // namespace

class TestPatternAxes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sixAxesByFourChannelsAllFilled()
    {
        const PatternAxes t = patternAxes(PricingCatalogue::builtIn());
        QCOMPARE(t.axisNames.size(), 6);
        QCOMPARE(t.channelNames.size(), 5);
        QCOMPARE(t.cells.size(), 6);
        for (PatternAxis axis : allPatternAxes()) {
            QCOMPARE(t.cells.at(int(axis)).size(), 5);
            for (ComponentKind channel : t.channels) {
                const AxisCell &c = t.cell(axis, channel);
                QVERIFY2(c.text.size() > 20, qPrintable(c.text));
                // Every tooltip names where the rule comes from.
                QVERIFY2(c.rule.contains(QLatin1String("aws-behaviour"))
                             || c.rule.contains(QLatin1String("Source:")),
                         qPrintable(c.rule));
            }
        }
        QVERIFY(t.channelNames.at(t.column(ComponentKind::KinesisStream))
                    .contains(QLatin1String("Kinesis")));
        QVERIFY(t.axisNames.at(int(PatternAxis::Pricing)).contains(QLatin1String("Pricing")));
    }

    void columnsAreTheModulesThatDeclareOne()
    {
        // The table has no list of its own: each column is a service module's, in palette order
        // (push then poll), and a service without a comparison (Lambda, the consumer) has none.
        const PatternAxes t = patternAxes(PricingCatalogue::builtIn());
        QList<ComponentKind> declared;
        for (const ServiceModule *m : serviceModules()) {
            if (m->comparison)
                declared.append(m->kind);
        }
        QCOMPARE(t.channels, declared);
        const QList<ComponentKind> expected = {ComponentKind::ApiGateway, ComponentKind::SnsTopic,
                                               ComponentKind::EventBus, ComponentKind::SqsQueue,
                                               ComponentKind::KinesisStream};
        QCOMPARE(t.channels, expected);
        QCOMPARE(t.column(ComponentKind::Lambda), -1);
        for (ComponentKind kind : t.channels)
            QCOMPARE(t.channelNames.at(t.column(kind)),
                     serviceModule(kind).comparison(PricingCatalogue::builtIn()).name);
    }

    void eventBusColumnFromTheCatalogues()
    {
        // aws-behaviour.md §9: quotas and retry policy from the parameter catalogue, the price
        // from the pricing catalogue.
        const PatternAxes t = patternAxes(PricingCatalogue::builtIn());
        QVERIFY(t.channelNames.at(t.column(ComponentKind::EventBus))
                    .contains(QLatin1String("EventBridge")));
        const QString scale = t.cell(PatternAxis::Scale, ComponentKind::EventBus).text;
        QVERIFY2(scale.contains(QLatin1String("10,000")) && scale.contains(QLatin1String("18,750"))
                     && scale.contains(QLatin1String("10 entries")),
                 qPrintable(scale));
        const QString retries = t.cell(PatternAxis::Retries, ComponentKind::EventBus).text;
        QVERIFY2(retries.contains(QLatin1String("185")), qPrintable(retries));
        const QString persistence = t.cell(PatternAxis::Persistence, ComponentKind::EventBus).text;
        QVERIFY2(persistence.contains(QLatin1String("24 h")), qPrintable(persistence));
        const QString price = t.cell(PatternAxis::Pricing, ComponentKind::EventBus).text;
        QVERIFY2(price.contains(QLatin1String("$1.00")) && price.contains(QLatin1String("64 KB")),
                 qPrintable(price));
    }

    void currentAwsValuesFromTheReference()
    {
        // Reference sections 2, 4 and 5 (current values, not the talk's 2018 ones).
        const PatternAxes t = patternAxes(PricingCatalogue::builtIn());
        const QString sqs = t.cell(PatternAxis::Persistence, ComponentKind::SqsQueue).text;
        QVERIFY2(sqs.contains(QLatin1String("4 days")) && sqs.contains(QLatin1String("14 days"))
                     && sqs.contains(QLatin1String("60 s")),
                 qPrintable(sqs));
        const QString kinesis = t.cell(PatternAxis::Persistence, ComponentKind::KinesisStream).text;
        QVERIFY2(kinesis.contains(QLatin1String("24 h"))
                     && kinesis.contains(QLatin1String("365 days")),
                 qPrintable(kinesis));
        const QString api = t.cell(PatternAxis::Scale, ComponentKind::ApiGateway).text;
        QVERIFY2(api.contains(QLatin1String("10,000")) && api.contains(QLatin1String("5,000"))
                     && api.contains(QLatin1String("1,000")),
                 qPrintable(api));
        QVERIFY(t.cell(PatternAxis::Retries, ComponentKind::SqsQueue)
                    .text.contains(QLatin1String("30 s")));
    }

    void limitsFollowTheParameterCatalogue()
    {
        // The numbers a user can set are the catalogue's, so the table shows what the inspector
        // accepts.
        const ParamSpec *shards =
            catalogue::findComponentParam(ComponentKind::KinesisStream, QStringLiteral("shards"));
        const ParamSpec *maxConcurrency = catalogue::findConnectionParam(
            ConnectionKind::EventSourceMapping, ComponentKind::SqsQueue,
            QStringLiteral("maximumConcurrency"));
        const ParamSpec *batch = catalogue::findConnectionParam(ConnectionKind::EventSourceMapping,
                                                                ComponentKind::KinesisStream,
                                                                QStringLiteral("batchSize"));
        QVERIFY(shards && maxConcurrency && batch);
        const PatternAxes t = patternAxes(PricingCatalogue::builtIn());
        QVERIFY(t.cell(PatternAxis::Scale, ComponentKind::KinesisStream)
                    .text.contains(grouped(shards->maximum)));
        QVERIFY(t.cell(PatternAxis::Scale, ComponentKind::SqsQueue)
                    .text.contains(grouped(maxConcurrency->maximum)));
        QVERIFY(t.cell(PatternAxis::Consumption, ComponentKind::KinesisStream)
                    .text.contains(grouped(batch->defaultValue.toDouble())));
    }

    void pricesComeFromTheCatalogue()
    {
        PricingCatalogue edited = PricingCatalogue::builtIn();
        PriceDimension *sqs = findDimension(edited, "sqs", "requests-standard");
        PriceDimension *shard = findDimension(edited, "kinesis", "shard-hours");
        PriceDimension *publish = findDimension(edited, "sns", "publishes-standard");
        PriceDimension *rest = findDimension(edited, "apigateway", "rest-requests");
        QVERIFY(sqs && shard && publish && rest);
        const PatternAxes before = patternAxes(edited);
        QVERIFY(before.cell(PatternAxis::Pricing, ComponentKind::SqsQueue)
                    .text.contains(formatUnitPrice(sqs->tiers.first().price)));
        QVERIFY(before.priceNote.contains(edited.date));

        sqs->tiers.first().price = 0.77;
        shard->tiers.first().price = 0.123;
        publish->chunkKB = 128;
        rest->tiers.first().price = 9.25;
        sqs->batchLimit = 7;
        edited.date = QStringLiteral("2031-05-06");
        const PatternAxes after = patternAxes(edited);
        const QString sqsCell = after.cell(PatternAxis::Pricing, ComponentKind::SqsQueue).text;
        QVERIFY2(sqsCell.contains(QLatin1String("$0.77")), qPrintable(sqsCell));
        QVERIFY2(sqsCell.contains(QLatin1String("up to 7 ")), qPrintable(sqsCell));
        QVERIFY(after.cell(PatternAxis::Pricing, ComponentKind::KinesisStream)
                    .text.contains(QLatin1String("$0.123")));
        QVERIFY(after.cell(PatternAxis::Pricing, ComponentKind::SnsTopic)
                    .text.contains(QLatin1String("128 KB")));
        QVERIFY(after.cell(PatternAxis::Pricing, ComponentKind::ApiGateway)
                    .text.contains(QLatin1String("$9.25")));
        QVERIFY(after.priceNote.contains(QLatin1String("2031-05-06")));
        // The untouched built-in catalogue still gives its own numbers.
        QVERIFY(!patternAxes(PricingCatalogue::builtIn())
                     .cell(PatternAxis::Pricing, ComponentKind::SqsQueue)
                     .text.contains(QLatin1String("$0.77")));
    }

    void missingPriceIsNamedNotInvented()
    {
        PricingCatalogue edited = PricingCatalogue::builtIn();
        edited.dimensions.removeIf(
            [](const PriceDimension &d) { return d.service == QLatin1String("kinesis"); });
        // A copy: cell() returns a reference into the temporary PatternAxes (ASan found the
        // reference read after the temporary was freed).
        const AxisCell c =
            patternAxes(edited).cell(PatternAxis::Pricing, ComponentKind::KinesisStream);
        QVERIFY2(c.text.contains(QLatin1String("not in the catalogue (kinesis/shard-hours)")),
                 qPrintable(c.text));
    }
};

QTEST_GUILESS_MAIN(TestPatternAxes)
#include "patternaxes.moc"
