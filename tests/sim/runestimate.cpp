// The size of a run before it starts (sim/runestimate.h): within a factor of the events the
// core really processes for every bundled pattern, small enough that no bundled pattern's own
// run asks, and above the limits for the overloaded week (2,000 msg/s into a consumer
// of concurrency 1), which then needs the user's consent.

#include "sim/runestimate.h"
#include "sim/runresults.h"

#include "model/document.h"
#include "model/patterns.h"

#include <QTest>

using namespace swb;

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

    void anOverloadedWeekNeedsConsent()
    {
        Document doc;
        doc.replaceDesign(*makePattern(QStringLiteral("sqs-lambda")));
        QString error;
        const ComponentId traffic =
            doc.design().componentByName(QStringLiteral("jobs-traffic"))->id;
        const ComponentId worker = doc.design().componentByName(QStringLiteral("job-worker"))->id;
        QVERIFY(doc.setComponentParam(traffic, QStringLiteral("rate"), 2000, &error));
        QVERIFY(doc.setComponentParam(worker, QStringLiteral("reservedConcurrency"), 1, &error));
        const RunEstimate week = estimateRun(doc.design(), 7 * 86400);
        QVERIFY(week.exceedsLimits());
        // About 2,000 - 20 msg/s kept for the 4-day retention: 6.8e8 messages.
        QVERIFY2(week.heldItems > 6e8 && week.heldItems < 7e8, qPrintable(week.text()));
        QVERIFY2(week.text().contains(QStringLiteral("GB of memory")), qPrintable(week.text()));
        const QString refusal = week.refusal(QStringLiteral("add --force"));
        QVERIFY2(refusal.contains(week.text()) && refusal.contains(QStringLiteral("add --force")),
                 qPrintable(refusal));
        // The same design for an hour stays under the limits.
        QVERIFY(!estimateRun(doc.design(), 3600).exceedsLimits());
    }
};

QTEST_GUILESS_MAIN(TestRunEstimate)
#include "runestimate.moc"
