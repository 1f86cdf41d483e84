// Pinned results: every bundled pattern, seed 1, 10 simulated minutes, must give exactly the
// fingerprint below (a hash over every series name and every bin value). Determinism tests compare
// a run with another run of the same build; this test compares with the behaviour that was
// reviewed. A change that moves a fingerprint must update it in the same commit and say in the
// commit message which behaviour changed and why the new one is right.

#include "sim/runresults.h"

#include "model/patterns.h"

#include <QTest>

using namespace swb;

namespace {

struct Golden {
    const char *pattern;
    quint64 fingerprint;
    quint64 events;
};

// Pinned 2026-12-04 from main at 696325f (before the service-module refactor); sns-fanout and
// sqs-lambda re-pinned when sqs.oldest_age_s began counting in-flight messages; all re-pinned when
// the Lambda warm-environment series, then the order counters, then the outage series
// (lambda.service_errors, lambda/source.sdk_retries and sdk_lost) were added (the hash covers every
// series name and bin; the earlier series are unchanged bin for bin); kinesis-lambda re-pinned
// when the per-shard order counters (kinesis.shard#.out_of_order) were added (same events); the
// four patterns with an SQS queue (sns-fanout, eventbridge-routing, sqs-lambda, kinesis-lambda's
// on-failure queue) re-pinned when sqs.throttled (a FIFO queue's API quota) was added: a new
// series name, 0 in every bin of their standard queues, same event counts; kinesis-lambda and
// api-stepfunctions re-pinned when kinesis.offered_records and sfn.offered_starts were added (the
// records and starts offered, each once, beside the throttles the producers' SDKs retry): new
// series names, every earlier series identical bin for bin, same event counts.
constexpr Golden kGolden[] = {
    {"api-lambda", 0xb39d230c4330859bull, 179191},
    {"sns-fanout", 0xd75e58e316421953ull, 88956},
    {"eventbridge-routing", 0x31f38170ac1ce423ull,
     155802}, // pinned when the pattern was added; re-pinned with the outage series (same event
              // count)
    {"sqs-lambda", 0x7129ff358c968ff0ull, 179256},
    {"kinesis-lambda", 0x7147fc228cca59faull, 501327},
    {"api-stepfunctions", 0x19de0365b6403352ull, 60918},
};

} // namespace

class TestGoldenFingerprint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyPatternIsPinned();
    void patternMatchesPinnedRun_data();
    void patternMatchesPinnedRun();
};

void TestGoldenFingerprint::everyPatternIsPinned()
{
    QStringList pinned;
    for (const Golden &g : kGolden)
        pinned << QString::fromLatin1(g.pattern);
    QCOMPARE(pinned, patternIds());
}

void TestGoldenFingerprint::patternMatchesPinnedRun_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<quint64>("fingerprint");
    QTest::addColumn<quint64>("events");
    for (const Golden &g : kGolden)
        QTest::newRow(g.pattern) << QString::fromLatin1(g.pattern) << g.fingerprint << g.events;
}

void TestGoldenFingerprint::patternMatchesPinnedRun()
{
    QFETCH(QString, pattern);
    QFETCH(quint64, fingerprint);
    QFETCH(quint64, events);
    RunOptions options;
    options.durationSeconds = 600;
    options.seed = 1;
    const RunResults r = runToEnd(*makePattern(pattern), options);
    QVERIFY2(r.ok, qPrintable(r.error));
    const QString got = QStringLiteral("0x%1ull, %2")
                            .arg(r.summary.fingerprint, 16, 16, QLatin1Char('0'))
                            .arg(r.summary.events);
    const QString want =
        QStringLiteral("0x%1ull, %2").arg(fingerprint, 16, 16, QLatin1Char('0')).arg(events);
    QCOMPARE(got, want);
}

QTEST_GUILESS_MAIN(TestGoldenFingerprint)
#include "goldenfingerprint.moc"
