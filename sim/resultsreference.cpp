#include "sim/resultsreference.h"

#include "sim/services/simservice.h"

#include "model/services/registry.h"

#include "core/component.h"
#include "core/ledger.h"
#include "core/metricdecl.h"
#include "core/servicelist.h"

#include <QHash>

namespace swb {

namespace {

// What each series counts. Aggregation (per bin): sum = total during the bin, max = peak during
// the bin, mean = time-average over the bin, last = value when the bin closes. Rules:
// resources/help/aws-behaviour.md.
const QHash<QString, QString> &meanings()
{
    static const QHash<QString, QString> m = {
        {QStringLiteral("ledger.produced"),
         QStringLiteral("Units of work (requests, messages, records, fan-out copies) created so "
                        "far; equals in_flight + succeeded + dead_lettered + expired + rejected "
                        "+ dropped.")},
        {QStringLiteral("ledger.in_flight"),
         QStringLiteral("Units still held somewhere (a queue, a stream, a running invocation).")},
        {QStringLiteral("ledger.succeeded"),
         QStringLiteral("Units delivered or processed successfully so far.")},
        {QStringLiteral("ledger.dead_lettered"),
         QStringLiteral("Units that ended in a DLQ or on-failure destination so far.")},
        {QStringLiteral("ledger.expired"),
         QStringLiteral("Units lost to a retention period, maximum event age or maximum record "
                        "age so far.")},
        {QStringLiteral("ledger.rejected"),
         QStringLiteral("Units throttled at the entry (HTTP 429, a Kinesis write throttle) so "
                        "far.")},
        {QStringLiteral("ledger.dropped"),
         QStringLiteral("Units ended by another documented rule so far: a synchronous error, a "
                        "504, filtered out, retries exhausted without a destination, a failed "
                        "or caught execution, no outgoing wire.")},
        {QStringLiteral("lambda.concurrency"),
         QStringLiteral("Execution environments busy with an invocation.")},
        {QStringLiteral("lambda.invocations"), QStringLiteral("Invocations started.")},
        {QStringLiteral("lambda.throttles"),
         QStringLiteral("Invocations refused for lack of concurrency (reserved, account or "
                        "scaling limit).")},
        {QStringLiteral("lambda.errors"),
         QStringLiteral("Invocations that ended in a function error (timeouts included).")},
        {QStringLiteral("lambda.timeouts"),
         QStringLiteral("Invocations stopped at the function's timeout.")},
        {QStringLiteral("lambda.retries"),
         QStringLiteral("Asynchronous invocations retried after a function error.")},
        {QStringLiteral("lambda.cold_starts"),
         QStringLiteral("Invocations that first had to start a new execution environment.")},
        {QStringLiteral("lambda.duration_ms_sum"),
         QStringLiteral("Summed duration of the invocations that finished (divide by the "
                        "invocations for the mean).")},
        {QStringLiteral("lambda.duration_ms_max"),
         QStringLiteral("Longest duration of an invocation that finished.")},
        {QStringLiteral("lambda.async_queue"),
         QStringLiteral("Events waiting in the function's asynchronous event queue.")},
        {QStringLiteral("lambda.dlq"),
         QStringLiteral("Asynchronous events sent to the DLQ or on-failure destination.")},
        {QStringLiteral("lambda.billed_requests"), QStringLiteral("Billed requests.")},
        {QStringLiteral("lambda.billed_gb_s"),
         QStringLiteral("Billed duration in GB-seconds (memory x duration rounded up to 1 ms) "
                        "on on-demand environments.")},
        {QStringLiteral("lambda.billed_pc_gb_s"),
         QStringLiteral("Billed duration in GB-seconds on provisioned-concurrency "
                        "environments.")},
        {QStringLiteral("account.concurrency"),
         QStringLiteral("Execution environments busy across every function of the account.")},
        {QStringLiteral("account.unreserved_concurrency"),
         QStringLiteral("Busy environments of functions without reserved concurrency (the "
                        "shared pool).")},
        {QStringLiteral("apigw.requests"), QStringLiteral("Requests received.")},
        {QStringLiteral("apigw.throttled_429"),
         QStringLiteral("Requests refused with 429 by the stage's rate and burst limits.")},
        {QStringLiteral("apigw.errors_5xx"),
         QStringLiteral("Requests answered with a 5xx (integration error or timeout).")},
        {QStringLiteral("apigw.timeouts_504"),
         QStringLiteral("Requests answered with 504 at the integration timeout.")},
        {QStringLiteral("apigw.latency_ms_sum"),
         QStringLiteral("Summed latency of the requests answered (divide by the requests for "
                        "the mean).")},
        {QStringLiteral("apigw.latency_ms_max"),
         QStringLiteral("Longest latency of a request answered.")},
        {QStringLiteral("apigw.billed_requests"), QStringLiteral("Billed API calls.")},
        {QStringLiteral("apigw.latency_p50_ms"),
         QStringLiteral("Median latency of the requests answered in the bin.")},
        {QStringLiteral("apigw.latency_p95_ms"),
         QStringLiteral("95th percentile latency of the requests answered in the bin.")},
        {QStringLiteral("apigw.latency_p99_ms"),
         QStringLiteral("99th percentile latency of the requests answered in the bin.")},
        {QStringLiteral("sns.publishes"), QStringLiteral("Messages published to the topic.")},
        {QStringLiteral("sns.deliveries"),
         QStringLiteral("Successful deliveries to subscriptions.")},
        {QStringLiteral("sns.delivery_failures"),
         QStringLiteral("Delivery attempts that failed (each may be retried).")},
        {QStringLiteral("sns.delivery_retries"),
         QStringLiteral("Delivery attempts retried under the delivery policy.")},
        {QStringLiteral("sns.dlq"),
         QStringLiteral("Messages sent to a subscription's DLQ after the delivery policy was "
                        "exhausted.")},
        {QStringLiteral("sns.filtered"),
         QStringLiteral("Deliveries skipped because a subscription's filter policy did not "
                        "match.")},
        {QStringLiteral("sns.billed_publishes"),
         QStringLiteral("Billed publish requests (each 64 KB chunk of a payload counts as one).")},
        {QStringLiteral("sns.billed_http_deliveries"), QStringLiteral("Billed HTTP/S deliveries.")},
        {QStringLiteral("sns.publish_throttles"),
         QStringLiteral("Publishes throttled by a FIFO topic's 3,000 msg/s or 20 MB/s limit or "
                        "a standard topic's Publish quota (each attempt the publisher's SDK "
                        "makes counts).")},
        {QStringLiteral("sns.fifo_payload_bytes"),
         QStringLiteral("Payload bytes published to a FIFO topic (billed per GB).")},
        {QStringLiteral("sqs.visible"),
         QStringLiteral("Messages waiting to be received (ApproximateNumberOfMessagesVisible).")},
        {QStringLiteral("sqs.in_flight"),
         QStringLiteral("Messages received and not yet deleted, inside their visibility "
                        "timeout.")},
        {QStringLiteral("sqs.oldest_age_s"),
         QStringLiteral("Age of the oldest message not yet deleted, in flight included "
                        "(ApproximateAgeOfOldestMessage).")},
        {QStringLiteral("sqs.sent"), QStringLiteral("Messages sent to the queue.")},
        {QStringLiteral("sqs.receives"), QStringLiteral("Messages received by consumers.")},
        {QStringLiteral("sqs.deletes"),
         QStringLiteral("Messages deleted after successful processing.")},
        {QStringLiteral("sqs.to_dlq"),
         QStringLiteral("Messages moved to the dead-letter queue after maxReceiveCount "
                        "receives.")},
        {QStringLiteral("sqs.dlq_received"),
         QStringLiteral("Messages this queue received as another queue's or a function's "
                        "DLQ.")},
        {QStringLiteral("sqs.expired"),
         QStringLiteral("Messages deleted at the end of the retention period.")},
        {QStringLiteral("sqs.pollers"),
         QStringLiteral("Pollers of the event source mapping (each fetches one batch at a "
                        "time).")},
        {QStringLiteral("sqs.billed_requests"),
         QStringLiteral("Billed requests (sends, receives including empty long polls, deletes; "
                        "each 64 KB chunk counts as one).")},
        {QStringLiteral("kinesis.incoming_records"),
         QStringLiteral("Records written to the stream.")},
        {QStringLiteral("kinesis.incoming_bytes"), QStringLiteral("Bytes written to the stream.")},
        {QStringLiteral("kinesis.write_throttles"),
         QStringLiteral("PutRecord attempts throttled by a shard's 1 MB/s or 1,000 records/s "
                        "limit (ProvisionedThroughputExceeded); the producer's SDK retries them, "
                        "3 attempts in all. Every attempt counts.")},
        {QStringLiteral("kinesis.iterator_age_s"),
         QStringLiteral("Age of the last record read by the slowest consumer "
                        "(GetRecords.IteratorAgeMilliseconds, in seconds).")},
        {QStringLiteral("kinesis.blocked_shards"),
         QStringLiteral("Shards whose processing is held by a failing batch being retried.")},
        {QStringLiteral("kinesis.on_failure"),
         QStringLiteral("Records sent to the on-failure destination.")},
        {QStringLiteral("kinesis.expired"),
         QStringLiteral("Records skipped past the retention period or maximum record age.")},
        {QStringLiteral("kinesis.billed_put_units"),
         QStringLiteral("Billed PUT payload units (25 KB each).")},
        {QStringLiteral("kinesis.read_throttles"),
         QStringLiteral("GetRecords calls refused (ReadProvisionedThroughputExceeded).")},
        {QStringLiteral("kinesis.read_calls"),
         QStringLiteral("GetRecords calls that returned records.")},
        {QStringLiteral("kinesis.offered_records"),
         QStringLiteral("Records the producers sent, each counted once (an SDK's retries of a "
                        "throttled record are not counted again).")},
        {QStringLiteral("kinesis.shard#.iterator_age_s"),
         QStringLiteral("Iterator age of one shard (# = shard number; the first 64 shards).")},
        {QStringLiteral("kinesis.shard#.out_of_order"),
         QStringLiteral("kinesis.out_of_order for one shard (# = shard number; the first 64 "
                        "shards); 0 while order holds.")},
        {QStringLiteral("sfn.executions"), QStringLiteral("Executions started.")},
        {QStringLiteral("sfn.start_throttles"),
         QStringLiteral("StartExecution calls throttled by the start rate limit "
                        "(ThrottlingException); a caller's SDK retries them, 3 attempts in all, "
                        "an API Gateway integration answers 5xx. Every attempt counts.")},
        {QStringLiteral("sfn.transitions"), QStringLiteral("State transitions.")},
        {QStringLiteral("sfn.retries"), QStringLiteral("Task attempts retried by a Retry rule.")},
        {QStringLiteral("sfn.failures"),
         QStringLiteral("Executions that failed (an error not caught).")},
        {QStringLiteral("sfn.caught"),
         QStringLiteral("Executions whose error a Catch sent to its fallback.")},
        {QStringLiteral("sfn.succeeded"), QStringLiteral("Executions that succeeded.")},
        {QStringLiteral("sfn.billed_express_requests"),
         QStringLiteral("Billed Express workflow requests.")},
        {QStringLiteral("sfn.billed_express_gb_s"),
         QStringLiteral("Billed Express workflow duration in GB-seconds.")},
        {QStringLiteral("sfn.throttled_transitions"),
         QStringLiteral("Standard workflow transitions delayed by the transition rate limit.")},
        {QStringLiteral("sfn.transition_delay_s"),
         QStringLiteral("Longest delay a transition waited for the transition rate limit.")},
        {QStringLiteral("sfn.offered_starts"),
         QStringLiteral("Executions the callers asked to start, each counted once (an SDK's "
                        "retries of a throttled StartExecution are not counted again).")},
        {QStringLiteral("downstream.calls"), QStringLiteral("Calls to the downstream dependency.")},
        {QStringLiteral("downstream.rejections"),
         QStringLiteral("Calls that failed: the dependency overloaded (connections or rate) or "
                        "in an injected outage.")},
        {QStringLiteral("downstream.connections"), QStringLiteral("Connections in use.")},
        {QStringLiteral("source.generated"),
         QStringLiteral("Requests or messages the traffic source created.")},
        {QStringLiteral("source.e2e_p50_ms"),
         QStringLiteral("Median end-to-end latency, from creation to final success, of the "
                        "source's units that finished in the bin.")},
        {QStringLiteral("source.e2e_p95_ms"),
         QStringLiteral("95th percentile end-to-end latency of the units that finished in the "
                        "bin.")},
        {QStringLiteral("source.e2e_p99_ms"),
         QStringLiteral("99th percentile end-to-end latency of the units that finished in the "
                        "bin.")},
        {QStringLiteral("lambda.concurrency_mean"),
         QStringLiteral("Busy execution environments averaged over the bin (CloudWatch's "
                        "ConcurrentExecutions average).")},
        {QStringLiteral("lambda.warm_environments"),
         QStringLiteral("Provisioned, busy and idle execution environments; an idle one counts "
                        "until its idle expiry time.")},
        {QStringLiteral("lambda.warm_environments_mean"),
         QStringLiteral("Warm execution environments averaged over the bin.")},
        {QStringLiteral("lambda.provisioned_utilization"),
         QStringLiteral("Busy provisioned environments divided by the provisioned concurrency "
                        "(0 without any).")},
        {QStringLiteral("kinesis.out_of_order"),
         QStringLiteral("Records processed after a later record of their shard (key range with "
                        "a parallelization factor above 1); 0 while order holds.")},
        {QStringLiteral("kinesis.reordered_shards"),
         QStringLiteral("Shards where a record was ever processed out of order.")},
        {QStringLiteral("sqs.out_of_order"),
         QStringLiteral("FIFO: messages processed after a later-sent message of their group; 0 "
                        "while order holds.")},
        {QStringLiteral("sqs.reordered_groups"),
         QStringLiteral("FIFO message groups where a message was ever processed out of order.")},
        {QStringLiteral("sqs.throttled"),
         QStringLiteral("FIFO: API calls throttled above the queue's quota (300 per second per "
                        "action, more in high-throughput mode): each SendMessage attempt, and "
                        "each wait of the Lambda pollers' ReceiveMessage.")},
        {QStringLiteral("sqs.group#.out_of_order"),
         QStringLiteral("FIFO: sqs.out_of_order for one message group (# = group number; the "
                        "first 64 groups); 0 while order holds.")},
        {QStringLiteral("source.e2e_count"),
         QStringLiteral("Units of the source that finished successfully (the percentiles' "
                        "sample).")},
        {QStringLiteral("source.sdk_retries"),
         QStringLiteral("Requests the target refused (an outage) or throttled (over its "
                        "quota) that the client's AWS SDK sent again (standard retry mode: 3 "
                        "attempts, jittered backoff).")},
        {QStringLiteral("source.sdk_lost"),
         QStringLiteral("Requests the client gave up on after its SDK's third refused or "
                        "throttled attempt; counted as rejected in the ledger.")},
        {QStringLiteral("lambda.service_errors"),
         QStringLiteral("Invoke requests refused with a 5xx (Lambda.ServiceException) during "
                        "an outage of the function; the code did not run and nothing is billed.")},
        {QStringLiteral("lambda.sdk_retries"),
         QStringLiteral("Sends of the function's result to a refusing (an outage) or "
                        "throttling target that its AWS SDK made again.")},
        {QStringLiteral("lambda.sdk_lost"),
         QStringLiteral("Results the function's SDK gave up sending after the third refused "
                        "or throttled attempt; counted as rejected in the ledger.")},
    };
    return m;
}

// A series' sentence: its service's own (SimService::metricMeanings), else this file's.
QString meaning(core::ComponentKind owner, const QString &name)
{
    const SimService *service = simServiceOf(owner);
    if (service && service->metricMeanings) {
        const QHash<QString, QString> &own = service->metricMeanings();
        if (auto it = own.constFind(name); it != own.cend())
            return *it;
    }
    return meanings().value(name);
}

// Sentences written for a series, in this file and in the services'.
QStringList describedSeries()
{
    QStringList names = meanings().keys();
    for (const ServiceModule *m : serviceModules()) {
        const SimService &service = simService(m->kind);
        if (service.metricMeanings)
            names += service.metricMeanings().keys();
    }
    return names;
}

QString aggregationName(core::Aggregation a)
{
    switch (a) {
    case core::Aggregation::Sum:
        return QStringLiteral("sum");
    case core::Aggregation::Max:
        return QStringLiteral("max");
    case core::Aggregation::Last:
        return QStringLiteral("last");
    case core::Aggregation::Mean:
        return QStringLiteral("mean");
    }
    return {};
}

QString scopeName(core::ComponentKind owner, core::MetricScope scope)
{
    if (owner == core::ComponentKind::None)
        return QStringLiteral("ledger");
    switch (scope) {
    case core::MetricScope::Component:
        return QStringLiteral("block");
    case core::MetricScope::Account:
        return QStringLiteral("account");
    case core::MetricScope::Shard:
        return QStringLiteral("shard");
    case core::MetricScope::Group:
        return QStringLiteral("message group");
    }
    return {};
}

} // namespace

QList<ResultsSeriesInfo> resultsReference()
{
    QList<ResultsSeriesInfo> out;
    auto add = [&](core::ComponentKind owner) {
        for (std::uint16_t i = 0;; ++i) {
            const core::MetricDecl *d = core::metricDecl({owner, i});
            if (!d)
                return;
            const QString name = QString::fromUtf8(d->name);
            out.append({name, scopeName(owner, d->scope), QString::fromUtf8(d->unit),
                        aggregationName(d->agg), meaning(owner, name)});
        }
    };
    add(core::ComponentKind::None);
#define SWB_REFERENCE(Name, ...) add(core::ComponentKind::Name);
    SWB_CORE_SERVICES(SWB_REFERENCE)
#undef SWB_REFERENCE
    return out;
}

QStringList staleResultsMeanings()
{
    QStringList stale = describedSeries();
    for (const ResultsSeriesInfo &s : resultsReference())
        stale.removeAll(s.name);
    stale.sort();
    return stale;
}

TextTable resultsReferenceTable()
{
    TextTable t;
    t.header = {QStringLiteral("Series"), QStringLiteral("Scope"), QStringLiteral("Unit"),
                QStringLiteral("Aggregation"), QStringLiteral("Meaning")};
    for (const ResultsSeriesInfo &s : resultsReference())
        t.rows.append({s.name, s.scope, s.unit, s.aggregation, s.meaning});
    return t;
}

} // namespace swb
