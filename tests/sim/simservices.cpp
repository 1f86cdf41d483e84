// The simulation side of the service modules (sim/services): every model kind has one, the kind
// mapping to the core is one-to-one, the estimate and the run's bill cover the same services, and
// a run is priced with the catalogue its caller passes down (none: not priced).
#include "sim/runresults.h"
#include "sim/services/simservice.h"

#include "model/costmodel.h"
#include "model/patterns.h"
#include "model/pricing.h"
#include "model/services/billing.h"
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
            QVERIFY(s.add && s.summarize && s.live); // live: the canvas badges call it unchecked
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

    // The estimate and the run's bill run the same billing rules (model/services/billing.h):
    // for every bundled pattern they bill the same blocks in the same dimensions, and every
    // dimension billed is one its service module declares.
    void estimateAndRunBillTheSameDimensions()
    {
        const PricingCatalogue &catalogue = PricingCatalogue::builtIn();
        for (const QString &id : patternIds()) {
            const std::optional<Design> design = makePattern(id);
            QVERIFY(design);
            RunOptions options;
            options.durationSeconds = 60;
            options.seed = 1;
            const RunResults run = runToEnd(*design, options);
            QVERIFY2(run.ok, qPrintable(run.error));
            auto keys = [](const CostReport &report) {
                QStringList out;
                for (const CostLine &line : report.lines)
                    out.append(QStringLiteral("%1/%2/%3")
                                   .arg(line.component)
                                   .arg(line.serviceId, line.dimensionId));
                out.sort();
                return out;
            };
            const CostReport estimate = estimateMonthlyCost(*design, catalogue);
            const CostReport bill = measuredCostReport(*design, run, catalogue);
            QCOMPARE(keys(bill), keys(estimate));
            QVERIFY(!estimate.lines.isEmpty());
            // A run that has its series bills no usage as missing.
            for (const QString &w : bill.warnings)
                QVERIFY2(!w.contains(QLatin1String("has no series")), qPrintable(w));
            const QList<QPair<QString, QString>> declared = usage::declaredDimensions(false);
            for (const CostLine &line : estimate.lines)
                QVERIFY2(declared.contains({line.serviceId, line.dimensionId}),
                         qPrintable(line.dimensionId));
        }
    }

    // A run whose results lack a billed series (a results file of another version) says so in
    // the bill's warnings instead of billing a silent 0.
    void missingSeriesIsNamed()
    {
        const std::optional<Design> design = makePattern(QStringLiteral("sqs-lambda"));
        QVERIFY(design);
        RunOptions options;
        options.durationSeconds = 60;
        options.seed = 1;
        RunResults run = runToEnd(*design, options);
        QVERIFY2(run.ok, qPrintable(run.error));
        const CostReport whole = measuredCostReport(*design, run, PricingCatalogue::builtIn());
        for (const QString &w : whole.warnings)
            QVERIFY2(!w.contains(QLatin1String("has no series")), qPrintable(w));
        bool renamed = false;
        for (SeriesEntry &s : run.catalog.series)
            if (s.name == QLatin1String("lambda.billed_requests")) {
                s.name = QStringLiteral("lambda.renamed");
                renamed = true;
            }
        QVERIFY(renamed);
        const CostReport bill = measuredCostReport(*design, run, PricingCatalogue::builtIn());
        bool named = false;
        for (const QString &w : bill.warnings)
            named = named || w.contains(QLatin1String("lambda.billed_requests"));
        QVERIFY2(named, qPrintable(bill.warnings.join(QLatin1Char('\n'))));
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
