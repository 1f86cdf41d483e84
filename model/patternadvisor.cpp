#include "model/patternadvisor.h"

#include "model/document.h"
#include "model/patterns.h"

#include <QHash>

#include <algorithm>
#include <cmath>

// Scores follow the talk's six axes (resources/help/aws-behaviour.md section 8) with current AWS
// values (sections 1-6). Each answer adds to the patterns it favours and subtracts from the ones
// it rules out; a reason is recorded only for a positive contribution so the user reads why.

namespace swb {

namespace {

const QString Api = QStringLiteral("api-lambda");
const QString Sns = QStringLiteral("sns-fanout");
const QString Sqs = QStringLiteral("sqs-lambda");
const QString Kinesis = QStringLiteral("kinesis-lambda");
const QString Sfn = QStringLiteral("api-stepfunctions");

class Scorer
{
public:
    void add(const QString &id, int points, const QString &reason = {})
    {
        m_scores[id] += points;
        if (points > 0 && !reason.isEmpty())
            m_reasons[id].append(reason);
    }
    int score(const QString &id) const { return m_scores.value(id); }
    QStringList reasons(const QString &id) const { return m_reasons.value(id); }

private:
    QHash<QString, int> m_scores;
    QHash<QString, QStringList> m_reasons;
};

void scoreRealTime(Scorer &s, RealTimeNeed need)
{
    switch (need) {
    case RealTimeNeed::Milliseconds:
        s.add(Api, 3,
              QStringLiteral("Milliseconds: API Gateway invokes Lambda synchronously, "
                             "no queue or poller in the path."));
        s.add(Sns, 1, QStringLiteral("SNS pushes to subscribers immediately (no polling)."));
        s.add(Sqs, -1);
        s.add(Kinesis, -1);
        s.add(Sfn, -1);
        break;
    case RealTimeNeed::Seconds:
        s.add(Sqs, 1,
              QStringLiteral("Seconds: Lambda long-polls SQS; messages are picked up "
                             "within about a second."));
        s.add(Kinesis, 1, QStringLiteral("Seconds: Lambda polls each shard once per second."));
        s.add(Sns, 1, QStringLiteral("Seconds: SNS delivers asynchronously within seconds."));
        break;
    case RealTimeNeed::Minutes:
        s.add(Sqs, 2,
              QStringLiteral("Minutes are fine: a queue absorbs bursts and lets the "
                             "consumer work at its own pace (retention up to 14 days)."));
        s.add(Kinesis, 1,
              QStringLiteral("Minutes are fine: records wait in the stream (24 h "
                             "retention by default, up to 365 days)."));
        s.add(Api, -1);
        break;
    }
}

void scoreCaller(Scorer &s, CallerNeed need)
{
    switch (need) {
    case CallerNeed::NeedsAnswer:
        s.add(Api, 4,
              QStringLiteral("The caller needs the answer: a synchronous API returns it "
                             "(API Gateway integration timeout 29 s for REST by "
                             "default, 30 s for HTTP APIs)."));
        s.add(Sfn, 1,
              QStringLiteral("An Express workflow can be started synchronously (up to "
                             "5 minutes)."));
        s.add(Sns, -3);
        s.add(Sqs, -3);
        s.add(Kinesis, -3);
        break;
    case CallerNeed::PollLater:
        s.add(Sfn, 3,
              QStringLiteral("The caller can poll later: a Standard workflow returns "
                             "an execution ARN at once and runs up to 1 year."));
        s.add(Sqs, 1, QStringLiteral("The caller can poll later: the request waits in a queue."));
        s.add(Api, -1);
        break;
    case CallerNeed::FireAndForget:
        s.add(Sns, 2,
              QStringLiteral("Fire and forget: SNS accepts the message and retries "
                             "delivery to Lambda (async invoke, 2 retries, event age up "
                             "to 6 h)."));
        s.add(Sqs, 2,
              QStringLiteral("Fire and forget: SQS stores the message durably until "
                             "a consumer deletes it."));
        s.add(Kinesis, 2,
              QStringLiteral("Fire and forget: a producer's PutRecords returns once "
                             "the records are stored in the stream."));
        s.add(Api, -2);
        break;
    }
}

void scoreOrder(Scorer &s, bool ordered)
{
    if (!ordered)
        return;
    s.add(Kinesis, 4,
          QStringLiteral("Kinesis keeps order per shard (partition key); Lambda "
                         "processes one batch per shard at a time (or per key with a "
                         "parallelization factor up to 10)."));
    s.add(Sqs, 1,
          QStringLiteral("Order: only a FIFO queue keeps order (per message group); a "
                         "standard queue does not."));
    s.add(Sfn, 1, QStringLiteral("Order within one request: Task states run in sequence."));
    s.add(Sns, -1);
    s.add(Api, -1);
}

void scoreConsumers(Scorer &s, bool several)
{
    if (!several)
        return;
    s.add(Kinesis, 3,
          QStringLiteral("Several consumers can read the same records: each reads "
                         "the stream independently (up to 5 shared readers per "
                         "shard, or 20 enhanced fan-out consumers)."));
    s.add(Sns, 3,
          QStringLiteral("SNS fans one message out to every subscriber (up to 12.5 "
                         "million subscriptions per standard topic)."));
    s.add(Sqs, -2);
    s.add(Api, -1);
}

void scoreBadDeploy(Scorer &s, BadDeploySurvival survive)
{
    switch (survive) {
    case BadDeploySurvival::Nothing:
        s.add(Api, 1,
              QStringLiteral("Nothing needs to survive a bad deploy: errors go straight "
                             "back to the caller (AWS never retries a sync invoke)."));
        break;
    case BadDeploySurvival::Messages:
        s.add(Sqs, 2,
              QStringLiteral("Messages survive a bad deploy: SQS retries by visibility "
                             "timeout and redrives to a DLQ after maxReceiveCount."));
        s.add(Kinesis, 2,
              QStringLiteral("Records survive a bad deploy: they stay in the "
                             "stream for the retention period (24 h default)."));
        s.add(Sns, 1,
              QStringLiteral("With an SQS subscriber and DLQs, SNS messages survive "
                             "a bad deploy."));
        s.add(Api, -2);
        break;
    case BadDeploySurvival::Replay:
        s.add(Kinesis, 4,
              QStringLiteral("Replay after a bad deploy: a new consumer can re-read "
                             "the stream from any point in its retention (up to "
                             "365 days)."));
        s.add(Sqs, 1,
              QStringLiteral("Replay of failures only: DLQ redrive moves dead-lettered "
                             "messages back to the source queue."));
        s.add(Api, -3);
        break;
    }
}

void scoreDownstream(Scorer &s, DownstreamFailure failure)
{
    switch (failure) {
    case DownstreamFailure::FailCaller:
        s.add(Api, 2,
              QStringLiteral("When a downstream fails the caller gets the error and "
                             "decides whether to retry."));
        break;
    case DownstreamFailure::RetryLater:
        s.add(Sqs, 2,
              QStringLiteral("When a downstream fails, messages wait and are retried "
                             "after the visibility timeout, then go to the DLQ."));
        s.add(Kinesis, 1,
              QStringLiteral("When a downstream fails, the batch is retried (bisected) "
                             "up to maxRetryAttempts, then sent to the on-failure "
                             "destination."));
        s.add(Sns, 1,
              QStringLiteral("When a downstream fails, async invokes retry twice, then "
                             "go to the on-failure destination."));
        break;
    case DownstreamFailure::CompensateSteps:
        s.add(Sfn, 4,
              QStringLiteral("Step Functions retries each Task with interval, backoff "
                             "and jitter, and can catch the failure to compensate."));
        break;
    }
}

void scoreDatabase(Scorer &s, bool protect)
{
    if (!protect)
        return;
    s.add(Sqs, 3,
          QStringLiteral("Reserved concurrency / the mapping's MaximumConcurrency (2 to "
                         "1,000) cap how many functions hit the database; the rest "
                         "wait in the queue."));
    s.add(Kinesis, 2,
          QStringLiteral("Concurrency is bounded by shards x parallelization "
                         "factor, so the database sees a steady load."));
    s.add(Api, -1);
    s.add(Sns, -1);
}

} // namespace

int kinesisShardsFor(const Workload &load)
{
    // A provisioned shard accepts 1,000 records/s or 1 MB/s of writes (aws-behaviour.md s.5).
    const double byRecords = load.rate / 1000.0;
    const double byBytes = load.rate * load.payloadKb / 1024.0;
    const double shards = std::ceil(std::max(byRecords, byBytes) * load.headroom - 1e-9);
    return std::clamp(static_cast<int>(shards), 1, 20000);
}

int concurrencyFor(const Workload &load)
{
    // AWS: concurrency = requests per second x average duration (s).
    const double c = std::ceil(load.rate * load.durationMs / 1000.0 * load.headroom - 1e-9);
    return std::clamp(static_cast<int>(c), 2, 1000000);
}

QList<Recommendation> recommendPatterns(const AdvisorAnswers &answers, const Workload &load)
{
    Scorer s;
    scoreRealTime(s, answers.realTime);
    scoreCaller(s, answers.caller);
    scoreOrder(s, answers.ordered);
    scoreConsumers(s, answers.severalConsumers);
    scoreBadDeploy(s, answers.badDeploy);
    scoreDownstream(s, answers.downstream);
    scoreDatabase(s, answers.protectDatabase);

    const int concurrency = concurrencyFor(load);
    QList<Recommendation> list;
    for (const QString &id : patternIds()) {
        Recommendation r;
        r.patternId = id;
        r.title = patternTitle(id);
        r.score = s.score(id);
        r.reasons = s.reasons(id);
        if (id == Kinesis) {
            r.reasons.append(QStringLiteral("Sized for %1 records/s of %2 KB: %3 shard(s) "
                                            "(1,000 records/s or 1 MB/s each).")
                                 .arg(load.rate)
                                 .arg(load.payloadKb)
                                 .arg(kinesisShardsFor(load)));
        } else if (id == Api || id == Sqs) {
            r.reasons.append(QStringLiteral("Sized for %1 req/s x %2 ms: concurrency %3 "
                                            "(requests/s x duration, with headroom).")
                                 .arg(load.rate)
                                 .arg(load.durationMs)
                                 .arg(concurrency));
        }
        list.append(r);
    }
    std::stable_sort(
        list.begin(), list.end(),
        [](const Recommendation &a, const Recommendation &b) { return a.score > b.score; });
    return list;
}

} // namespace swb
