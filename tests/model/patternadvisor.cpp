// The pattern advisor: each decision question moves the ranking the way the talk's axes say
// (resources/help/aws-behaviour.md section 8), and a recommended pattern is sized for the stated
// load through validated Document edits.

#include "model/patternadvisor.h"
#include "model/patterns.h"

#include <QTest>

using namespace swb;

namespace {

int rankOf(const QList<Recommendation> &list, const char *id)
{
    for (int i = 0; i < list.size(); ++i) {
        if (list.at(i).patternId == QLatin1String(id))
            return i;
    }
    return -1;
}

int scoreOf(const QList<Recommendation> &list, const char *id)
{
    return list.at(rankOf(list, id)).score;
}

const Component *firstOfKind(const Design &d, ComponentKind kind)
{
    for (const Component &c : d.components) {
        if (c.kind == kind)
            return &c;
    }
    return nullptr;
}

} // namespace

class TestPatternAdvisor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyPatternRanked()
    {
        const auto list = recommendPatterns({}, {});
        QCOMPARE(list.size(), patternIds().size());
        for (int i = 1; i < list.size(); ++i)
            QVERIFY(list.at(i - 1).score >= list.at(i).score);
    }

    void orderingAndSeveralConsumersPickAStream()
    {
        AdvisorAnswers a;
        a.ordered = true;
        a.severalConsumers = true;
        const auto list = recommendPatterns(a, {});
        QCOMPARE(list.first().patternId, QStringLiteral("kinesis-lambda"));
        QVERIFY(list.first().reasons.join(QLatin1Char(' ')).contains(QLatin1String("per shard")));
    }

    void eachQuestionMovesTheRanking()
    {
        const AdvisorAnswers base;
        const Workload load;
        auto delta = [&](const AdvisorAnswers &a, const char *id) {
            return scoreOf(recommendPatterns(a, load), id)
                   - scoreOf(recommendPatterns(base, load), id);
        };
        AdvisorAnswers a = base;
        a.realTime = RealTimeNeed::Milliseconds;
        QVERIFY(delta(a, "api-lambda") > delta(a, "sqs-lambda"));
        a = base;
        a.caller = CallerNeed::NeedsAnswer;
        QCOMPARE(recommendPatterns(a, load).first().patternId, QStringLiteral("api-lambda"));
        a = base;
        a.caller = CallerNeed::PollLater;
        QVERIFY(delta(a, "api-stepfunctions") > 0);
        a = base;
        a.ordered = true;
        QVERIFY(delta(a, "kinesis-lambda") > delta(a, "sns-fanout"));
        a = base;
        a.severalConsumers = true;
        QVERIFY(delta(a, "sns-fanout") > 0);
        QVERIFY(delta(a, "sqs-lambda") < 0);
        a = base;
        a.badDeploy = BadDeploySurvival::Replay;
        QCOMPARE(recommendPatterns(a, load).first().patternId, QStringLiteral("kinesis-lambda"));
        a = base;
        a.downstream = DownstreamFailure::CompensateSteps;
        QVERIFY(delta(a, "api-stepfunctions") > 0);
        a = base;
        a.protectDatabase = true;
        QCOMPARE(recommendPatterns(a, load).first().patternId, QStringLiteral("sqs-lambda"));
        QVERIFY(recommendPatterns(a, load)
                    .first()
                    .reasons.join(QLatin1Char(' '))
                    .contains(QLatin1String("MaximumConcurrency")));
    }

    void sizingRules()
    {
        // 5,000 records/s of 1 KB: 4.88 MB/s vs 5 by count -> ceil(5 x 1.25) = 7 shards.
        Workload w{5000, 1, 100, 1.25};
        QCOMPARE(kinesisShardsFor(w), 7);
        // 500 records/s of 10 KB: 4.88 MB/s dominates -> ceil(4.88 x 1.25) = 7.
        w = {500, 10, 100, 1.25};
        QCOMPARE(kinesisShardsFor(w), 7);
        // 200 req/s x 0.5 s = 100 concurrent, x 1.25 = 125.
        w = {200, 2, 500, 1.25};
        QCOMPARE(concurrencyFor(w), 125);
    }

    void createdStreamIsSizedForTheLoad()
    {
        const Workload w{3000, 2, 200, 1.25};
        QString error;
        const auto d = makeRecommendedPattern(QStringLiteral("kinesis-lambda"), w, &error);
        QVERIFY2(d, qPrintable(error));
        const Component *k = firstOfKind(*d, ComponentKind::KinesisStream);
        QVERIFY(k);
        // max(3, 5.86 MB/s) x 1.25 = 7.32 -> 8 shards.
        QCOMPARE(k->params.value(QStringLiteral("shards")).toInt(), 8);
        const Component *t = firstOfKind(*d, ComponentKind::TrafficSource);
        QCOMPARE(t->params.value(QStringLiteral("rate")).toDouble(), 3000.0);
        QCOMPARE(firstOfKind(*d, ComponentKind::Lambda)
                     ->params.value(QStringLiteral("duration"))
                     .toDouble(),
                 200.0);
    }

    void createdApiHasReservedConcurrency()
    {
        const auto d = makeRecommendedPattern(QStringLiteral("api-lambda"), {200, 2, 500, 1.25});
        QVERIFY(d);
        QCOMPARE(firstOfKind(*d, ComponentKind::Lambda)
                     ->params.value(QStringLiteral("reservedConcurrency"))
                     .toInt(),
                 125);
    }

    void refusalsAreMessages()
    {
        QString error;
        QVERIFY(!makeRecommendedPattern(QStringLiteral("nope"), {}, &error));
        QVERIFY(error.contains(QLatin1String("kinesis-lambda")));
        // A negative rate is outside the catalogue's range: the Document's message comes back.
        QVERIFY(!makeRecommendedPattern(QStringLiteral("sqs-lambda"), {-5, 2, 100, 1.25}, &error));
        QVERIFY2(error.contains(QLatin1String("rate")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestPatternAdvisor)
#include "patternadvisor.moc"
