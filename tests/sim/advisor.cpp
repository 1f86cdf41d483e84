// The advisor (sim/advisor.h): each rule on a design built to trigger it, seed 1. For each, the
// proposed fix is verified by re-simulation, applying it removes the diagnosis, and its sizing is
// the formula's (recomputed here from the run's series). The healthy bundled patterns have no
// diagnosis; a fix that breaks the budget is not offered; fixes that undo each other are not
// composed.

#include "sim/advisor.h"
#include "sim/seriesname.h"

#include "model/erlang.h"
#include "model/patterns.h"
#include "model/pricing.h"

#include <QtTest>

#include <cmath>

using namespace swb;

namespace {

Design pattern(const char *id, const QStringList &sets)
{
    Design d = *makePattern(QString::fromLatin1(id));
    QList<Assignment> list;
    for (const QString &text : sets) {
        Assignment a;
        const QString error = parseAssignment(text, &a);
        if (!error.isEmpty())
            qFatal("%s", qPrintable(error));
        list.append(a);
    }
    const QString error = applyAssignments(&d, list);
    if (!error.isEmpty())
        qFatal("%s", qPrintable(error));
    return d;
}

AdviceOptions optionsFor(double seconds)
{
    AdviceOptions o;
    o.run.durationSeconds = seconds;
    o.run.seed = 1;
    o.run.pricing = &PricingCatalogue::builtIn();
    return o;
}

// A block's series over the run, by typed metric id.
template<typename Metric>
QList<double> series(const RunResults &r, const Design &d, const char *block, Metric m)
{
    const Component *c = d.componentByName(QString::fromLatin1(block));
    const int s = c ? r.catalog.indexOf(c->id, QLatin1String(seriesName(m))) : -1;
    QList<double> v;
    for (qint64 b = 0; s >= 0 && b < r.binCount(); ++b)
        v.append(r.value(b, s));
    return v;
}

double sum(const QList<double> &v)
{
    double t = 0;
    for (double x : v)
        t += x;
    return t;
}

const Diagnosis *find(const QList<Diagnosis> &list, const QString &rule, const QString &block)
{
    for (const Diagnosis &d : list)
        if (d.rule == rule && d.blocks.contains(block))
            return &d;
    return nullptr;
}

const Fix *fixFor(const Advice &a, const QString &rule)
{
    for (const Fix &f : a.fixes)
        if (f.rule == rule)
            return &f;
    return nullptr;
}

// Applies the fix and re-runs: the diagnosis it answers must be gone.
void checkApplyingClears(const Design &design, const Fix &fix, const AdviceOptions &o,
                         const QString &block)
{
    Design fixed = design;
    QCOMPARE(applyChanges(&fixed, fix.changes), QString());
    const RunResults rerun = runToEnd(fixed, o.run);
    QVERIFY2(rerun.ok, qPrintable(rerun.error));
    QVERIFY2(!find(diagnose(fixed, rerun, o), fix.rule, block),
             qPrintable(fix.rule + QStringLiteral(" still on ") + block));
}

qlonglong changedTo(const Fix &f, const QString &key)
{
    for (const ParamChange &c : f.changes)
        if (c.key == key)
            return c.to.toLongLong();
    return -1;
}

} // namespace

class TestAdvisor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // B(n, A) against the closed form (A^n / n!) / sum_k A^k / k!, and the sizing's minimality.
    void erlangBMatchesTheClosedForm()
    {
        for (double a : {0.5, 5.0, 26.96, 100.0}) {
            for (int n : {1, 5, 20, 48, 120}) {
                long double term = 1, total = 1; // k = 0
                for (int k = 1; k <= n; ++k) {
                    term *= a / k;
                    total += term;
                }
                const double closed = double(term / total);
                QVERIFY2(std::fabs(erlangB(n, a) - closed) <= 1e-12 * std::max(closed, 1e-300),
                         qPrintable(QStringLiteral("B(%1, %2)").arg(n).arg(a)));
            }
            for (double target : {0.01, 0.001, 0.0001}) {
                const int n = serversForBlocking(a, target, 100000);
                QVERIFY(erlangB(n, a) <= target);
                QVERIFY(n == 1 || erlangB(n - 1, a) > target);
            }
        }
    }

    // A synchronous function at a reservation of 5 under 300 req/s: the reservation is sized by
    // Erlang B for the stated target (0.01 %) from the run's own load.
    void lambdaThrottlingIsSizedByErlangB()
    {
        const Design d =
            pattern("api-lambda", {QStringLiteral("orders-traffic.rate=300"),
                                   QStringLiteral("orders-service.reservedConcurrency=5")});
        const AdviceOptions o = optionsFor(600);
        const RunResults run = runToEnd(d, o.run);
        QVERIFY2(run.ok, qPrintable(run.error));
        const Advice a = advise(d, run, o);
        QVERIFY(find(a.diagnoses, QStringLiteral("lambda-throttling"),
                     QStringLiteral("orders-service")));
        const Fix *fix = fixFor(a, QStringLiteral("lambda-throttling"));
        QVERIFY(fix);
        QVERIFY2(fix->verified, qPrintable(fix->verdict));
        // The offered load over the throttled bins: (invocations + throttles) / time x the mean
        // duration.
        const QList<double> inv = series(run, d, "orders-service", core::LmInvocations);
        const QList<double> thr = series(run, d, "orders-service", core::LmThrottles);
        qsizetype first = -1, last = -1;
        for (qsizetype b = 0; b < thr.size(); ++b)
            if (thr.at(b) > 0) {
                first = first < 0 ? b : first;
                last = b;
            }
        double attempts = 0;
        for (qsizetype b = first; b <= last; ++b)
            attempts += inv.at(b) + thr.at(b);
        const double rate = attempts / ((last - first + 1) * run.metadata.binWidthSeconds);
        const double meanS =
            sum(series(run, d, "orders-service", core::LmDurationSum)) / sum(inv) / 1000.0;
        const double load = rate * meanS;
        const qlonglong n = changedTo(*fix, QStringLiteral("reservedConcurrency"));
        QVERIFY2(erlangB(int(n), load) <= o.throttleTarget
                     && erlangB(int(n) - 1, load) > o.throttleTarget,
                 qPrintable(QStringLiteral("n = %1 for A = %2").arg(n).arg(load)));
        QVERIFY(fix->after.throttles < 0.01 * fix->before.throttles);
        checkApplyingClears(d, *fix, o, QStringLiteral("orders-service"));
    }

    // SQS pollers do not stop at the reservation: the fix caps the mapping at it.
    void sqsPollersAboveTheReservationAreCapped()
    {
        const Design d =
            pattern("sqs-lambda", {QStringLiteral("job-worker.reservedConcurrency=20")});
        const AdviceOptions o = optionsFor(1800);
        const RunResults run = runToEnd(d, o.run);
        const Advice a = advise(d, run, o);
        const Fix *fix = fixFor(a, QStringLiteral("lambda-throttling"));
        QVERIFY(fix);
        QVERIFY2(fix->verified, qPrintable(fix->verdict));
        QCOMPARE(fix->changes.size(), 1);
        QCOMPARE(fix->changes.first().on, ParamChange::On::Wire);
        QCOMPARE(changedTo(*fix, QStringLiteral("maximumConcurrency")), 20);
        QCOMPARE(fix->after.throttles, 0.0);
        checkApplyingClears(d, *fix, o, QStringLiteral("job-worker"));
    }

    // A consumer too small for the queue: Little's law sizes the batches in flight.
    void sqsBacklogIsSizedByLittlesLaw()
    {
        const Design d =
            pattern("sqs-lambda", {QStringLiteral("job-worker.reservedConcurrency=5")});
        const AdviceOptions o = optionsFor(1800);
        const RunResults run = runToEnd(d, o.run);
        const Advice a = advise(d, run, o);
        QVERIFY(find(a.diagnoses, QStringLiteral("sqs-backlog"), QStringLiteral("jobs-queue")));
        const Fix *fix = fixFor(a, QStringLiteral("sqs-backlog"));
        QVERIFY(fix);
        QVERIFY2(fix->verified, qPrintable(fix->verdict));
        const double arrival = sum(series(run, d, "jobs-queue", core::QmSent)) / 1800.0;
        const QList<double> inv = series(run, d, "job-worker", core::LmInvocations);
        const double meanS =
            sum(series(run, d, "job-worker", core::LmDurationSum)) / sum(inv) / 1000.0;
        const double batch = 10; // the pattern's SQS batch size
        QCOMPARE(changedTo(*fix, QStringLiteral("reservedConcurrency")),
                 qlonglong(std::ceil(arrival * meanS / batch * 1.25)));
        checkApplyingClears(d, *fix, o, QStringLiteral("jobs-queue"));
        // The poller cap for the old reservation of 5 undoes the larger reservation, so the
        // composition leaves it out and says so.
        QVERIFY(a.combined.verified);
        QCOMPARE(a.combined.changes.size(), fix->changes.size());
        QVERIFY2(a.combined.verdict.contains(QStringLiteral("left out")),
                 qPrintable(a.combined.verdict));
    }

    void apiThrottlingRaisesTheStageRate()
    {
        const Design d = pattern("api-lambda", {QStringLiteral("orders-traffic.rate=300"),
                                                QStringLiteral("orders-api.rateLimit=100")});
        const AdviceOptions o = optionsFor(600);
        const RunResults run = runToEnd(d, o.run);
        const Advice a = advise(d, run, o);
        const Fix *fix = fixFor(a, QStringLiteral("api-throttling"));
        QVERIFY(fix);
        QVERIFY2(fix->verified, qPrintable(fix->verdict));
        double peak = 0;
        for (double r : series(run, d, "orders-api", core::AmRequests))
            peak = std::max(peak, r / run.metadata.binWidthSeconds);
        QCOMPARE(changedTo(*fix, QStringLiteral("rateLimit")), qlonglong(std::ceil(peak * 1.25)));
        QVERIFY(fix->after.throughputPerS > 2 * fix->before.throughputPerS);
        checkApplyingClears(d, *fix, o, QStringLiteral("orders-api"));
    }

    // Writes above a shard's 1,000 records/s and 1 MB/s: shards from both limits.
    void kinesisWriteThrottlingAddsShards()
    {
        const Design d = pattern("kinesis-lambda", {QStringLiteral("clicks-traffic.rate=2400")});
        const AdviceOptions o = optionsFor(600);
        const RunResults run = runToEnd(d, o.run);
        const Advice a = advise(d, run, o);
        const Fix *fix = fixFor(a, QStringLiteral("kinesis-write-throttling"));
        QVERIFY(fix);
        QVERIFY2(fix->verified, qPrintable(fix->verdict));
        const QList<double> rec = series(run, d, "clickstream", core::KmRecords);
        const QList<double> thr = series(run, d, "clickstream", core::KmThrottles);
        double peak = 0;
        for (qsizetype b = 0; b < rec.size(); ++b)
            peak = std::max(peak, (rec.at(b) + thr.at(b)) / run.metadata.binWidthSeconds);
        const double bytes = sum(series(run, d, "clickstream", core::KmBytes)) / sum(rec);
        const double need = std::max(peak / 1000.0, peak * bytes / 1048576.0) * 1.25;
        QCOMPARE(changedTo(*fix, QStringLiteral("shards")), qlonglong(std::ceil(need)));
        checkApplyingClears(d, *fix, o, QStringLiteral("clickstream"));
    }

    // A consumer of 2 s per batch cannot keep up: more concurrent batches per shard.
    void kinesisIteratorAgeRaisesParallelism()
    {
        const Design d =
            pattern("kinesis-lambda", {QStringLiteral("click-processor.duration=2000")});
        const AdviceOptions o = optionsFor(1800);
        const RunResults run = runToEnd(d, o.run);
        const Advice a = advise(d, run, o);
        QVERIFY(find(a.diagnoses, QStringLiteral("kinesis-iterator-age"),
                     QStringLiteral("clickstream")));
        const Fix *fix = fixFor(a, QStringLiteral("kinesis-iterator-age"));
        QVERIFY(fix);
        QVERIFY2(fix->verified, qPrintable(fix->verdict));
        QVERIFY(changedTo(*fix, QStringLiteral("parallelizationFactor")) > 2);
        QVERIFY(fix->after.p99Ms < 0.1 * fix->before.p99Ms);
        checkApplyingClears(d, *fix, o, QStringLiteral("clickstream"));
    }

    // One request per 100 s against a 60 s idle expiry: every invocation starts cold.
    void coldStartsAreProvisionedAway()
    {
        const Design d = pattern("api-lambda", {QStringLiteral("orders-traffic.rate=0.01"),
                                                QStringLiteral("orders-service.idleExpiry=60")});
        const AdviceOptions o = optionsFor(6 * 3600);
        const RunResults run = runToEnd(d, o.run);
        const Advice a = advise(d, run, o);
        const Fix *fix = fixFor(a, QStringLiteral("cold-starts"));
        QVERIFY(fix);
        QVERIFY2(fix->verified, qPrintable(fix->verdict));
        QCOMPARE(changedTo(*fix, QStringLiteral("provisionedConcurrency")), 1);
        QVERIFY(fix->after.p99Ms < fix->before.p99Ms);
        checkApplyingClears(d, *fix, o, QStringLiteral("orders-service"));
    }

    // The same fix with a budget below its bill is not offered, and says why.
    void aFixOverTheBudgetIsNotOffered()
    {
        const Design d = pattern("api-lambda", {QStringLiteral("orders-traffic.rate=0.01"),
                                                QStringLiteral("orders-service.idleExpiry=60")});
        AdviceOptions o = optionsFor(6 * 3600);
        o.budgetUsd = 1;
        const RunResults run = runToEnd(d, o.run);
        const Advice a = advise(d, run, o);
        const Fix *fix = fixFor(a, QStringLiteral("cold-starts"));
        QVERIFY(fix);
        QVERIFY(!fix->verified);
        QVERIFY2(fix->verdict.contains(QStringLiteral("budget")), qPrintable(fix->verdict));
        QVERIFY(!a.combined.verified);
    }

    // The bundled patterns as shipped: nothing to diagnose.
    void healthyPatternsHaveNoDiagnosis()
    {
        for (const QString &id : patternIds()) {
            const Design d = *makePattern(id);
            const AdviceOptions o = optionsFor(1800);
            const RunResults run = runToEnd(d, o.run);
            QVERIFY2(run.ok, qPrintable(run.error));
            const QList<Diagnosis> found = diagnose(d, run, o);
            QVERIFY2(found.isEmpty(),
                     qPrintable(id + QStringLiteral(": ")
                                + (found.isEmpty() ? QString() : found.first().figure)));
        }
    }
};

QTEST_GUILESS_MAIN(TestAdvisor)
#include "advisor.moc"
