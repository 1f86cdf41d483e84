#include "sim/sweep.h"

#include <QThread>

#include <atomic>
#include <cmath>
#include <thread>
#include <vector>

namespace swb {

Headline headlineOf(const RunResults &results)
{
    Headline h;
    const RunSummary &s = results.summary;
    if (s.simSeconds > 0)
        h.throughputPerS = double(s.ledger.succeeded) / s.simSeconds;
    h.deadLetters = double(s.ledger.deadLettered);
    h.lost = double(s.ledger.expired + s.ledger.dropped);
    for (const ComponentSummary &c : s.components) {
        if (std::isfinite(c.throttles))
            h.throttles += c.throttles;
        if (c.kind == ComponentKind::TrafficSource && std::isfinite(c.latencyP99Ms))
            h.p99Ms = std::max(h.p99Ms, c.latencyP99Ms);
    }
    h.monthlyCostUsd = std::isfinite(s.monthlyCostUsd) ? s.monthlyCostUsd : 0;
    return h;
}

const QStringList &headlineIds()
{
    static const QStringList ids = {
        QStringLiteral("throughputPerS"), QStringLiteral("p99Ms"), QStringLiteral("throttles"),
        QStringLiteral("deadLetters"),    QStringLiteral("lost"),  QStringLiteral("monthlyCostUsd"),
    };
    return ids;
}

const QStringList &headlineNames()
{
    static const QStringList names = {
        QStringLiteral("throughput [1/s]"),
        QStringLiteral("p99 latency [ms]"),
        QStringLiteral("throttles"),
        QStringLiteral("dead letters"),
        QStringLiteral("lost"),
        QStringLiteral("monthly cost [USD]"),
    };
    return names;
}

QList<double> headlineValues(const Headline &h)
{
    return {h.throughputPerS, h.p99Ms, h.throttles, h.deadLetters, h.lost, h.monthlyCostUsd};
}

QString parseSweepAxis(const QString &text, SweepAxis *axis)
{
    Assignment parsed;
    const QString problem = parseAssignment(text, &parsed);
    if (!problem.isEmpty())
        return problem;
    QStringList values;
    for (const QString &v : parsed.value.split(QLatin1Char(','))) {
        if (!v.trimmed().isEmpty())
            values.append(v.trimmed());
    }
    if (values.isEmpty())
        return QStringLiteral("'%1': give at least one value after '=' (a,b,c)").arg(text);
    *axis = {parsed.target, parsed.key, values};
    return {};
}

double studentT95(int n)
{
    // Two-sided 97.5th percentiles of Student's t for 1..30 degrees of freedom, then the normal
    // value; enough for the handful of seeds a sweep runs.
    static const double table[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                   2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                   2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                   2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
    const int df = n - 1;
    if (df < 1)
        return 0;
    return df <= 30 ? table[df - 1] : 1.960;
}

namespace {

QList<QList<Assignment>> gridOf(const QList<SweepAxis> &axes)
{
    QList<QList<Assignment>> grid = {{}};
    for (const SweepAxis &axis : axes) {
        QList<QList<Assignment>> next;
        for (const QList<Assignment> &prefix : grid) {
            for (const QString &value : axis.values) {
                QList<Assignment> cell = prefix;
                cell.append({axis.target, axis.key, value});
                next.append(cell);
            }
        }
        grid = next;
    }
    return grid;
}

void summarize(SweepCell *cell)
{
    const int n = int(cell->runs.size());
    const int figures = int(headlineNames().size());
    cell->mean = QList<double>(figures, 0.0);
    cell->halfWidth95 = QList<double>(figures, 0.0);
    for (const Headline &run : cell->runs) {
        const QList<double> values = headlineValues(run);
        for (int f = 0; f < figures; ++f)
            cell->mean[f] += values[f] / n;
    }
    if (n < 2)
        return;
    for (int f = 0; f < figures; ++f) {
        double ss = 0;
        for (const Headline &run : cell->runs) {
            const double d = headlineValues(run)[f] - cell->mean[f];
            ss += d * d;
        }
        cell->halfWidth95[f] = studentT95(n) * std::sqrt(ss / (n - 1)) / std::sqrt(double(n));
    }
}

} // namespace

SweepResult runSweep(const Design &design, const QList<SweepAxis> &axes,
                     const SweepOptions &options)
{
    SweepResult result;
    result.axes = axes;
    if (options.seeds < 1) {
        result.failure = SweepResult::Failure::BadValue;
        result.error = QStringLiteral("--seeds must be at least 1");
        return result;
    }
    // Build (and so validate) every cell's design up front: a bad value fails before any run.
    const QList<QList<Assignment>> grid = gridOf(axes);
    std::vector<Design> designs;
    for (const QList<Assignment> &assignments : grid) {
        Design cellDesign = design;
        const QString error = applyAssignments(&cellDesign, assignments);
        if (!error.isEmpty()) {
            result.failure = SweepResult::Failure::BadValue;
            result.error = error;
            return result;
        }
        designs.push_back(cellDesign);
        result.cells.append(SweepCell{assignments, {}, {}, {}});
    }
    const quint64 baseSeed = design.setting(QStringLiteral("seed")).toULongLong();
    const int jobs = int(designs.size()) * options.seeds;
    std::vector<RunResults> runs(jobs);
    std::atomic<int> next{0};
    auto worker = [&] {
        for (int job = next++; job < jobs; job = next++) {
            if (options.cancelled && options.cancelled())
                return;
            RunOptions run;
            run.build = options.build;
            run.durationSeconds = options.durationSeconds;
            run.seed = baseSeed + quint64(job % options.seeds);
            run.pricing = options.pricing;
            run.cancelled = options.cancelled;
            runs[job] = runToEnd(designs[job / options.seeds], run);
        }
    };
    int threads = options.threads > 0 ? options.threads : QThread::idealThreadCount();
    threads = std::max(1, std::min(threads, jobs));
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(worker);
    worker();
    for (std::thread &t : pool)
        t.join();

    if (options.cancelled && options.cancelled()) {
        result.failure = SweepResult::Failure::Cancelled;
        result.error = QStringLiteral("cancelled");
        return result;
    }
    for (int job = 0; job < jobs; ++job) {
        if (!runs[job].ok) {
            result.failure = SweepResult::Failure::RunRefused;
            result.error = QStringLiteral("%1: %2").arg(
                result.cells[job / options.seeds].assignments.isEmpty()
                    ? QStringLiteral("the design")
                    : result.cells[job / options.seeds].assignments.first().text(),
                runs[job].error);
            return result;
        }
        result.cells[job / options.seeds].runs.append(headlineOf(runs[job]));
    }
    for (SweepCell &cell : result.cells)
        summarize(&cell);
    result.ok = true;
    return result;
}

} // namespace swb
