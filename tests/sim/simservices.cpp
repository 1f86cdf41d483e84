// The simulation side of the service modules (sim/services): every model kind has one, the kind
// mapping to the core is one-to-one, the estimate and the run's bill cover the same services, and
// a run is priced with the catalogue its caller passes down (none: not priced).
#include "sim/runresults.h"
#include "sim/services/simservice.h"

#include "model/costmodel.h"
#include "model/patterns.h"
#include "model/pricing.h"
#include "model/services/registry.h"

#include <QSet>
#include <QtTest>

#include <cmath>

using namespace swb;

class TestSimServices : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyKindMapsToTheCoreOnce()
    {
        QSet<int> coreKinds;
        for (ComponentKind kind : allComponentKinds()) {
            const SimService &s = simService(kind);
            QCOMPARE(s.kind, kind);
            QVERIFY(s.coreKind != core::ComponentKind::None);
            QCOMPARE(toCoreKind(kind), s.coreKind);
            QCOMPARE(simServiceOf(s.coreKind), &s);
            coreKinds.insert(int(s.coreKind));
            QVERIFY(s.add && s.summarize);
            QCOMPARE(s.failureWire != nullptr, s.failureWires > 0);
        }
        QCOMPARE(coreKinds.size(), allComponentKinds().size());
        QCOMPARE(simServiceOf(core::ComponentKind::None), nullptr);
    }

    // Lambda has an on-failure destination and a DLQ; a queue's redrive policy, a topic's
    // subscription DLQ and a stream mapping's destination are one each (aws-behaviour.md §1, §3,
    // §4, §5).
    void failureWiresFollowAws()
    {
        QCOMPARE(simService(ComponentKind::Lambda).failureWires, 2);
        QCOMPARE(simService(ComponentKind::SqsQueue).failureWires, 1);
        QCOMPARE(simService(ComponentKind::SnsTopic).failureWires, 1);
        QCOMPARE(simService(ComponentKind::KinesisStream).failureWires, 1);
        QCOMPARE(simService(ComponentKind::ApiGateway).failureWires, 0);
    }

    // A service the estimate bills is billed by the run too, and the other way round.
    void estimateAndRunBillTheSameServices()
    {
        for (ComponentKind kind : allComponentKinds())
            QVERIFY2((serviceModule(kind).usage != nullptr)
                         == (simService(kind).measuredUsage != nullptr),
                     qPrintable(componentKindId(kind)));
        QVERIFY(!simService(ComponentKind::TrafficSource).measuredUsage);
        QVERIFY(simService(ComponentKind::Lambda).measuredUsage);
    }

    // The catalogue comes from the caller: none leaves the run unpriced; a catalogue with Lambda
    // requests at ten times the price bills them at ten times the price.
    void runIsPricedWithTheCatalogueItIsGiven()
    {
        const std::optional<Design> design = makePattern(QStringLiteral("sqs-lambda"));
        QVERIFY(design);
        RunOptions options;
        options.durationSeconds = 120;
        options.seed = 1;
        const RunResults unpriced = runToEnd(*design, options);
        QVERIFY2(unpriced.ok, qPrintable(unpriced.error));
        QVERIFY(std::isnan(unpriced.summary.monthlyCostUsd));
        QVERIFY(unpriced.metadata.catalogueDate.isEmpty());

        options.pricing = &PricingCatalogue::builtIn();
        const RunResults builtIn = runToEnd(*design, options);
        QVERIFY(std::isfinite(builtIn.summary.monthlyCostUsd));
        QCOMPARE(builtIn.metadata.catalogueDate, PricingCatalogue::builtIn().date);

        PricingCatalogue dear = PricingCatalogue::builtIn();
        dear.date = QStringLiteral("2099-01-01");
        for (PriceDimension &d : dear.dimensions)
            if (d.service == QLatin1String("lambda") && d.id == QLatin1String("requests"))
                for (PriceTier &t : d.tiers)
                    t.price *= 10;
        options.pricing = &dear;
        const RunResults priced = runToEnd(*design, options);
        QCOMPARE(priced.metadata.catalogueDate, QStringLiteral("2099-01-01"));
        CostOptions noFreeTier;
        noFreeTier.freeTier = false;
        auto lambdaRequests = [&](const PricingCatalogue &catalogue) {
            double usd = 0;
            for (const CostLine &line :
                 measuredCostReport(*design, builtIn, catalogue, &noFreeTier).lines)
                if (line.serviceId == QLatin1String("lambda")
                    && line.dimensionId == QLatin1String("requests"))
                    usd += line.usd;
            return usd;
        };
        const double base = lambdaRequests(PricingCatalogue::builtIn());
        QVERIFY(base > 0);
        // Same usage, ten times the unit price: within rounding of the tiers' arithmetic.
        QVERIFY(std::abs(lambdaRequests(dear) - 10 * base) < 1e-9 * base + 1e-12);
        QVERIFY(priced.summary.monthlyCostUsd > builtIn.summary.monthlyCostUsd);
    }
};

QTEST_GUILESS_MAIN(TestSimServices)
#include "simservices.moc"
