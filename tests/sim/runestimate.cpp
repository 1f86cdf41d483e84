// The size of a run before it starts (sim/runestimate.h): within a factor of the events the
// core really processes for every bundled pattern, small enough that no bundled pattern's own
// run asks; memory projected as the core keeps it (cohorts beyond a head, sim/runestimate.h), so
// the overloaded week (2,000 msg/s into a consumer of concurrency 1) starts unasked while
// a run far beyond the event limit, or a FIFO queue that keeps every message, needs consent.

#include "sim/runestimate.h"
#include "sim/runresults.h"

#include "model/document.h"
#include "model/patterns.h"

#include <QTest>

#include <tuple>

using namespace swb;

namespace {

// A bundled pattern with parameters set on some of its blocks (block, parameter, value), through
// the Document as a user would set them.
Design patternWith(const char *pattern,
                   const QList<std::tuple<const char *, const char *, QVariant>> &settings)
{
    Document doc;
    doc.replaceDesign(*makePattern(QLatin1String(pattern)));
    for (const auto &[block, key, value] : settings) {
        QString error;
        const Component *c = doc.design().componentByName(QLatin1String(block));
        if (!c || !doc.setComponentParam(c->id, QLatin1String(key), value, &error))
            qFatal("cannot set %s.%s: %s", block, key, qPrintable(error));
    }
    return doc.design();
}

// `design` with its source `source` copied until there are `sources` of them, each wired as it
// is (so each sends at its rate into the same block).
Design withSources(Design design, const char *source, int sources)
{
    const Component traffic = *design.componentByName(QLatin1String(source));
    const Connection wire = *design.outgoing(traffic.id).first();
    for (int i = 1; i < sources; ++i) {
        Component more = traffic;
        more.id = design.allocateId();
        more.name = QStringLiteral("more-traffic-%1").arg(i);
        design.components.insert(more.id, more);
        Connection w = wire;
        w.id = design.allocateId();
        w.source = more.id;
        design.connections.insert(w.id, w);
    }
    return design;
}

} // namespace

class TestRunEstimate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eventsWithinAFactorOfThree_data()
    {
        QTest::addColumn<QString>("pattern");
        for (const QString &id : patternIds())
            QTest::newRow(qPrintable(id)) << id;
    }

    // A projection, not a count: within a factor of 3 of the core's event count over a 10
    // minute run is what a warning needs (the limit is 5e9 events, runs are 1e5-1e8).
    void eventsWithinAFactorOfThree()
    {
        QFETCH(QString, pattern);
        const Design design = *makePattern(pattern);
        RunOptions options;
        options.durationSeconds = 600;
        const RunResults run = runToEnd(design, options);
        QVERIFY2(run.ok, qPrintable(run.error));
        const RunEstimate e = estimateRun(design, 600);
        const double actual = double(run.summary.events);
        QVERIFY2(
            e.events > actual / 3 && e.events < actual * 3,
            qPrintable(QStringLiteral("estimated %1, processed %2").arg(e.events).arg(actual)));
        QVERIFY2(!estimateRun(design).exceedsLimits(), qPrintable(estimateRun(design).text()));
    }

    // The overloaded week (2,000 msg/s into a consumer of concurrency 1): about
    // 2,000 - 20 msg/s wait for the 4-day retention, 6.8e8 messages, but the queue keeps them as
    // cohorts (a 65,536-message head, then one per second of backlog up to 4,096 s and wider ones
    // beyond: CohortQueue::maxCohorts(4 days) = 22,262): the projection is megabytes, so the run
    // starts unasked. It projected 71.4 GB when every message was counted, and 90 MB with a
    // cohort per second of the 4 days.
    void anOverloadedWeekIsKeptAsCohortsAndStartsUnasked()
    {
        const RunEstimate week =
            estimateRun(patternWith("sqs-lambda", {{"jobs-traffic", "rate", 2000},
                                                   {"job-worker", "reservedConcurrency", 1}}),
                        7 * 86400);
        QVERIFY2(week.heldItems > 6e8 && week.heldItems < 7e8, qPrintable(week.text()));
        // 65,536 x 112 B + 22,262 cohorts of 240 B (120 B, with the ring's slack): 12.7 MB.
        QVERIFY2(week.memoryBytes > 12e6 && week.memoryBytes < 13.5e6, qPrintable(week.text()));
        QVERIFY2(!week.exceedsLimits(), qPrintable(week.text()));

        // The same 2,000 msg/s from two sources (1,000 each): a cohort holds the messages of up
        // to 4 sources however they interleave (core/cohortqueue.h), so the backlog still costs
        // the same cohorts: the same 12.7 MB and no consent needed (when several sources
        // counted as unbounded, this projected about 100 GB and needed consent).
        //
        // From 6 and 40 sources too: the same cohorts (core/cohortqueue.h keeps the paths
        // beyond a cohort's 4 inline ones in its side store), each with up to 2 or 36 extras of
        // 40 B (20 B with the ring's slack): 7.3 MB of head + 22,262 x (240 + 80) B = 14.5 MB,
        // and + 22,262 x (240 + 1,440) B = 44.7 MB, both starting unasked. (With more than 4
        // sources the estimate assumed a cohort per message: 6.8e8 x 240 B, about 150 GB, and
        // needed consent.)
        const struct {
            int sources;
            double low, high; // bytes
        } cases[] = {{2, 12e6, 13.5e6}, {6, 14e6, 15e6}, {40, 44e6, 45.5e6}};
        for (const auto &c : cases) {
            const RunEstimate e = estimateRun(
                withSources(patternWith("sqs-lambda", {{"jobs-traffic", "rate", 2000.0 / c.sources},
                                                       {"job-worker", "reservedConcurrency", 1}}),
                            "jobs-traffic", c.sources),
                7 * 86400);
            const QString what = QStringLiteral("%1 sources: %2").arg(c.sources).arg(e.text());
            QVERIFY2(e.heldItems > 6e8 && e.heldItems < 7e8, qPrintable(what));
            QVERIFY2(e.memoryBytes > c.low && e.memoryBytes < c.high, qPrintable(what));
            QVERIFY2(!e.exceedsLimits(), qPrintable(what));
        }

        // As a FIFO queue it keeps every message (its groups need them): 6.8e8 x 112 B.
        const RunEstimate fifo =
            estimateRun(patternWith("sqs-lambda", {{"jobs-traffic", "rate", 2000},
                                                   {"job-worker", "reservedConcurrency", 1},
                                                   {"jobs-queue", "type", QStringLiteral("FIFO")}}),
                        7 * 86400);
        QVERIFY2(fifo.exceedsLimits() && fifo.memoryBytes > 50e9, qPrintable(fifo.text()));
        QVERIFY2(fifo.text().contains(QStringLiteral("GB of memory")), qPrintable(fifo.text()));
    }

    // A run with far more events than the limit still needs consent: 20,000 msg/s for a week
    // sends, receives and completes about 3.6e10 items, above 5e9.
    void aRunBeyondTheEventLimitNeedsConsent()
    {
        const Design design = patternWith("sqs-lambda", {{"jobs-traffic", "rate", 20000}});
        const RunEstimate week = estimateRun(design, 7 * 86400);
        QVERIFY2(week.exceedsLimits() && week.events > kMaxEventsWithoutAsking,
                 qPrintable(week.text()));
        QVERIFY2(week.text().contains(QStringLiteral("billion events")), qPrintable(week.text()));
        const QString refusal = week.refusal(QStringLiteral("add --force"));
        QVERIFY2(refusal.contains(week.text()) && refusal.contains(QStringLiteral("add --force")),
                 qPrintable(refusal));
        // The same design for an hour stays under the limits.
        QVERIFY(!estimateRun(design, 3600).exceedsLimits());
    }

    // Kinesis: a consumer 10x slower than the stream's 2,000 records/s (the shards' write limit;
    // 8,000/s are offered) keeps what it cannot take for the 24 h retention, as cohorts per lane:
    // a day projects megabytes and starts unasked (it projected 19 GB when every record was
    // counted for the retention).
    void aSlowKinesisConsumerIsKeptAsCohorts()
    {
        const RunEstimate day =
            estimateRun(patternWith("kinesis-lambda", {{"clicks-traffic", "rate", 8000},
                                                       {"click-processor", "duration", 2000}}),
                        86400);
        // 4 lanes x 100 records / 2 s = 200/s taken of 2,000/s written: 1.56e8 records a day.
        QVERIFY2(day.heldItems > 1.4e8 && day.heldItems < 1.7e8, qPrintable(day.text()));
        // 4 lanes x (16,384 x 112 B + CohortQueue::maxCohorts(1 day) = 16,585 cohorts x 240 B):
        // 23.3 MB (90 MB with a cohort per second of the day).
        QVERIFY2(day.memoryBytes > 22.5e6 && day.memoryBytes < 24e6, qPrintable(day.text()));
        QVERIFY2(!day.exceedsLimits(), qPrintable(day.text()));
    }
};

QTEST_GUILESS_MAIN(TestRunEstimate)
#include "runestimate.moc"
