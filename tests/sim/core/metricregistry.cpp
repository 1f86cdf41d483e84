// Typed metric ids (core/component.h): every series a run registers carries the id of the metric
// its service declared, the typed look-up finds exactly that series, and the declaration an id
// names has the series' name, unit and aggregation. The layers above name series by these ids
// instead of string literals, so a wrong id must find nothing rather than another series.
#include "simtestutil.h"

#include <QtTest>

#include <map>

using namespace swb::core;
using namespace swb::core::test;

namespace {

// One component of every service, a two-shard stream, wired so every service is used.
Scenario everyService()
{
    Scenario sc;
    sc.durationSeconds = 5;
    sc.binWidthSeconds = 1;
    sc.sources.push_back(poisson(50));
    sc.apis.push_back(ApiGateway{});
    sc.topics.push_back(SnsTopic{});
    sc.queues.push_back(SqsQueue{});
    KinesisStream k;
    k.shards = 2;
    sc.streams.push_back(k);
    StepFunctions sm;
    sm.tasks.push_back(SfnTask{});
    sc.stateMachines.push_back(sm);
    sc.lambdas.push_back(fixedLambda(10));
    sc.downstreams.push_back(Downstream{});
    wire(sc, EdgeKind::Traffic, src(0), api(0));
    wire(sc, EdgeKind::ServiceIntegration, api(0), sns(0));
    wire(sc, EdgeKind::Subscription, sns(0), sqs(0));
    wire(sc, EdgeKind::EventSourceMapping, sqs(0), fn(0));
    wire(sc, EdgeKind::ServiceIntegration, fn(0), kin(0));
    wire(sc, EdgeKind::SyncInvoke, fn(0), down(0));
    return sc;
}

} // namespace

class TestMetricRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everySeriesIsFoundByItsId()
    {
        Simulation sim(everyService());
        const MetricStore &ms = sim.metrics();
        QVERIFY(ms.seriesCount() > 60);
        for (std::uint32_t s = 0; s < ms.seriesCount(); ++s) {
            const SeriesInfo &info = ms.catalog()[s];
            QCOMPARE(ms.find(info.component, info.metric, info.shard), s);
            const MetricDecl *d = metricDecl(info.metric);
            QVERIFY2(d, info.name.c_str());
            std::string name = d->name;
            if (d->scope == MetricScope::Shard || d->scope == MetricScope::Group)
                name.replace(name.find('#'), 1, std::to_string(info.shard));
            QCOMPARE(info.name, name);
            QCOMPARE(info.unit, std::string(d->unit));
            QVERIFY(info.aggregation == d->agg);
            // The id's owner is the component's service (account and ledger series: None).
            if (info.component.valid())
                QVERIFY(info.metric.owner == info.component.kind);
        }
    }

    void everyDeclaredMetricHasOneSeriesPerComponent()
    {
        Simulation sim(everyService());
        const MetricStore &ms = sim.metrics();
        std::map<std::pair<std::uint8_t, std::uint32_t>, int> perComponent;
        for (const SeriesInfo &info : ms.catalog())
            if (info.component.valid() && info.shard == 0)
                ++perComponent[{static_cast<std::uint8_t>(info.component.kind),
                                static_cast<std::uint32_t>(info.metric.index)}];
        for (const auto &[key, n] : perComponent)
            QCOMPARE(n, 1); // one component per kind in this scenario
        // ... and every Component-scope declaration of each service has its series.
        for (const ComponentKind k :
             {ComponentKind::TrafficSource, ComponentKind::ApiGateway, ComponentKind::SnsTopic,
              ComponentKind::SqsQueue, ComponentKind::KinesisStream, ComponentKind::StepFunctions,
              ComponentKind::Lambda, ComponentKind::Downstream}) {
            for (std::uint16_t i = 0; const MetricDecl *d = metricDecl({k, i}); ++i) {
                const bool registered =
                    ms.find(ComponentRef{k, 0}, MetricId{k, i}) != MetricStore::kNoSeries;
                // Per-message-group series exist on FIFO queues only (a standard queue promises
                // no order); this scenario's queue is standard.
                QCOMPARE(registered,
                         d->scope != MetricScope::Account && d->scope != MetricScope::Group);
            }
        }
        // Lambda: 14 per function; Kinesis: 10 per stream plus one per shard (2 here).
        QCOMPARE(ms.find(fn(0), LmBilledPcGbS) != MetricStore::kNoSeries, true);
        QCOMPARE(ms.find(kin(0), KmShardIteratorAge, 1),
                 ms.find(kin(0), "kinesis.shard1.iterator_age_s"));
        QCOMPARE(ms.find(kin(0), KmShardIteratorAge, 2), MetricStore::kNoSeries);
    }

    void typedLookUpMatchesTheName()
    {
        Simulation sim(everyService());
        const MetricStore &ms = sim.metrics();
        QCOMPARE(ms.find(fn(0), LmConcurrency), ms.find(fn(0), "lambda.concurrency"));
        QCOMPARE(ms.find(sqs(0), QmVisible), ms.find(sqs(0), "sqs.visible"));
        QCOMPARE(ms.find(src(0), SrP95), ms.find(src(0), "source.e2e_p95_ms"));
        QCOMPARE(ms.find(ComponentRef{}, LmAccountConcurrency),
                 ms.find(ComponentRef{}, "account.concurrency"));
        QCOMPARE(ms.find(ComponentRef{}, LgDropped), ms.find(ComponentRef{}, "ledger.dropped"));
        QVERIFY(ms.find(fn(0), LmConcurrency) != MetricStore::kNoSeries);
        // A metric of another service, or of a component that does not exist, finds nothing.
        QCOMPARE(ms.find(fn(0), QmVisible), MetricStore::kNoSeries);
        QCOMPARE(ms.find(fn(1), LmConcurrency), MetricStore::kNoSeries);
        QCOMPARE(ms.find(ComponentRef{}, LmConcurrency), MetricStore::kNoSeries);
        QCOMPARE(metricDecl(MetricId{ComponentKind::Lambda, LmCount}), nullptr);
        QCOMPARE(std::string(metricDecl(metricId(DmConnections))->name),
                 std::string("downstream.connections"));
    }
};

QTEST_GUILESS_MAIN(TestMetricRegistry)
#include "metricregistry.moc"
