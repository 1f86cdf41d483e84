// Kinesis benchmark (benchmark c): a 10-shard stream -> Lambda at 5,000 records/s for one
// simulated hour (Kinesis ESM, batch 100, 1 s batching window). Prints events/s, wall and CPU
// time, peak RSS and the consumer's throughput and iterator age.
#include "core/benchutil.h"
#include "core/simulation.h"

#include <chrono>
#include <cstdio>

using namespace swb::core;

int main()
{
    Scenario sc;
    sc.seed = 3;
    sc.durationSeconds = 3600;
    TrafficSource src;
    src.name = "producers";
    src.ratePerSecond = 5000;
    src.payloadMeanBytes = 1000;
    src.payloadDistribution = Distribution::LogNormal;
    sc.sources.push_back(src);
    KinesisStream k;
    k.shards = 10;
    k.partitionKeyCount = 10000;
    sc.streams.push_back(k);
    LambdaFunction f;
    f.name = "consumer";
    f.durationMeanMs = 150;
    sc.lambdas.push_back(f);
    Edge traffic;
    traffic.kind = EdgeKind::Traffic;
    traffic.from = {ComponentKind::TrafficSource, 0};
    traffic.to = {ComponentKind::KinesisStream, 0};
    sc.edges.push_back(traffic);
    Edge esm;
    esm.kind = EdgeKind::EventSourceMapping;
    esm.from = {ComponentKind::KinesisStream, 0};
    esm.to = {ComponentKind::Lambda, 0};
    esm.esm.batchSize = 100;
    esm.esm.batchingWindowSeconds = 1;
    sc.edges.push_back(esm);

    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = cpuSeconds();
    Simulation sim(sc);
    sim.run();
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = cpuSeconds() - c0;
    const MetricStore &ms = sim.metrics();
    const ComponentRef stream{ComponentKind::KinesisStream, 0};
    const ComponentRef fn{ComponentKind::Lambda, 0};
    std::printf("bench_kinesis 10 shards -> Lambda, 5,000 records/s, 1 h simulated\n");
    std::printf("  events %llu, wall %.3f s, cpu %.3f s, %.2f M events/s (cpu), peak RSS %.1f MB\n",
                static_cast<unsigned long long>(sim.eventsProcessed()), wall, cpu,
                static_cast<double>(sim.eventsProcessed()) / cpu / 1e6, peakRssMb());
    std::printf("  records in %.0f, throttled %.0f, invocations %.0f, max iterator age %.1f s, "
                "records processed/s %.0f, ledger balanced %s\n",
                ms.summary(ms.find(stream, "kinesis.incoming_records")),
                ms.summary(ms.find(stream, "kinesis.write_throttles")),
                ms.summary(ms.find(fn, "lambda.invocations")),
                ms.summary(ms.find(stream, "kinesis.iterator_age_s")),
                ms.summary(ms.find({ComponentKind::TrafficSource, 0}, "source.e2e_count")) / 3600.0,
                sim.ledger().balanced() ? "yes" : "NO");
    return 0;
}
