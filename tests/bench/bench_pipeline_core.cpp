// Pipeline benchmark (benchmark b; DESIGN.md target < 3 s wall): API Gateway -> SNS ->
// 3 SQS queues -> 3 Lambdas at 1,000 requests/s for one simulated hour, then the same for four
// hours to show that peak memory follows in-flight work, not duration.
// Usage: bench_pipeline_core [hours...]   (default: 1 4)
#include "core/benchutil.h"
#include "core/simulation.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include <sys/wait.h>
#include <unistd.h>

using namespace swb::core;

namespace {

Scenario pipeline(double hours)
{
    Scenario sc;
    sc.seed = 7;
    sc.durationSeconds = hours * 3600.0;
    TrafficSource src;
    src.name = "clients";
    src.pattern = TrafficPattern::Poisson;
    src.ratePerSecond = 1000;
    sc.sources.push_back(src);
    sc.apis.push_back(ApiGateway{});
    sc.topics.push_back(SnsTopic{});
    sc.edges.push_back({EdgeKind::Traffic,
                        {ComponentKind::TrafficSource, 0},
                        {ComponentKind::ApiGateway, 0},
                        {},
                        {}});
    sc.edges.push_back({EdgeKind::ServiceIntegration,
                        {ComponentKind::ApiGateway, 0},
                        {ComponentKind::SnsTopic, 0},
                        {},
                        {}});
    for (std::uint32_t i = 0; i < 3; ++i) {
        SqsQueue q;
        q.name = "queue" + std::to_string(i);
        sc.queues.push_back(q);
        LambdaFunction f;
        f.name = "worker" + std::to_string(i);
        f.memoryMb = 256;
        f.durationMeanMs = 100;
        sc.lambdas.push_back(f);
        sc.edges.push_back({EdgeKind::Subscription,
                            {ComponentKind::SnsTopic, 0},
                            {ComponentKind::SqsQueue, i},
                            {},
                            {}});
        Edge esm{EdgeKind::EventSourceMapping,
                 {ComponentKind::SqsQueue, i},
                 {ComponentKind::Lambda, i},
                 {},
                 {}};
        esm.esm.batchSize = 10;
        sc.edges.push_back(esm);
    }
    return sc;
}

} // namespace

int main(int argc, char **argv)
{
    double hoursList[8] = {1, 4};
    int n = 2;
    if (argc > 1) {
        n = 0;
        for (int i = 1; i < argc && n < 8; ++i)
            hoursList[n++] = std::atof(argv[i]);
    }
    // Each duration runs in its own child process so each peak RSS (VmHWM) is its own.
    for (int i = 0; i < n; ++i) {
        const pid_t child = fork();
        if (child > 0) {
            int status = 0;
            waitpid(child, &status, 0);
            continue;
        }
        const Scenario sc = pipeline(hoursList[i]);
        const auto t0 = std::chrono::steady_clock::now();
        const double c0 = cpuSeconds();
        Simulation sim(sc);
        sim.run();
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const Ledger &l = sim.ledger();
        const MetricStore &ms = sim.metrics();
        double inv = 0, peakConc = 0;
        for (std::uint32_t s = 0; s < ms.seriesCount(); ++s) {
            if (ms.catalog()[s].name == "lambda.invocations")
                inv += ms.summary(s);
            if (ms.catalog()[s].name == "account.concurrency")
                peakConc = ms.summary(s);
        }
        std::printf("bench_pipeline_core API->SNS->3xSQS->3xLambda 1000 req/s, %.0f h simulated\n",
                    hoursList[i]);
        const double cpu = cpuSeconds() - c0;
        std::printf("  events %llu, wall %.3f s, cpu %.3f s, %.2f M events/s (cpu), peak RSS "
                    "%.1f MB\n",
                    static_cast<unsigned long long>(sim.eventsProcessed()), wall, cpu,
                    static_cast<double>(sim.eventsProcessed()) / cpu / 1e6, peakRssMb());
        std::printf("  produced %llu, succeeded %llu, in flight %llu, balanced %s; lambda "
                    "invocations %.0f, peak account concurrency %.0f, bins %zu, p99 %.1f ms\n",
                    static_cast<unsigned long long>(l.produced),
                    static_cast<unsigned long long>(l.succeeded),
                    static_cast<unsigned long long>(l.inFlight), l.balanced() ? "yes" : "NO", inv,
                    peakConc, ms.binCount(), sim.latencyQuantileMs(0, 0.99));
        std::fflush(stdout);
        if (child == 0)
            _exit(0);
    }
    return 0;
}
