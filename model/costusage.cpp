// usageFromFlows(): turns steady-state rates into monthly billing quantities with the metering
// rules of the pricing catalogue (chunks, rounding). Declared in costmodel.h.

#include "model/costmodel.h"

#include "model/costusage_p.h"
#include "model/flowrates_p.h"
#include "model/services/apigateway/apigateway.h"
#include "model/services/kinesis/kinesis.h"
#include "model/services/registry.h"
#include "model/services/stepfunctions/stepfunctions.h"

#include <cmath>

namespace swb {

namespace usage {

void UsageBuilder::lambda(const Component &c, const ComponentFlow &f)
{
    const QString arch = flow::text(c, "architecture");
    const QString duration = QStringLiteral("duration-") + arch;
    const double rounding = dim("lambda", duration).roundingMs;
    const double durationMs = flow::param(c, "duration");
    const double billedMs =
        rounding > 0 ? std::ceil(durationMs / rounding - 1e-9) * rounding : durationMs;
    const double memoryGB = flow::param(c, "memory") / 1024.0;
    const double invocations = f.invocations * m_seconds;
    const double gbSeconds = invocations * billedMs / 1000.0 * memoryGB;
    add(c, "lambda", QStringLiteral("requests"), invocations,
        QStringLiteral("%1 invocations").arg(millions(invocations)));
    add(c, "lambda", duration, gbSeconds * (1 - f.provisionedShare),
        QStringLiteral("%1 invocations x %2 ms x %3 GB%4")
            .arg(millions(invocations))
            .arg(billedMs)
            .arg(memoryGB, 0, 'g', 6)
            .arg(f.provisionedShare > 0 ? QStringLiteral(" (on-demand share %1%)")
                                              .arg((1 - f.provisionedShare) * 100, 0, 'f', 1)
                                        : QString()));
    note(QStringLiteral("Lambda duration: the mean duration rounded up to 1 ms stands for "
                        "every invocation (rounding each invocation of a varying duration "
                        "bills up to 1 ms more on average)."));
    const double provisioned = flow::param(c, "provisionedConcurrency");
    if (provisioned > 0) {
        const double configured = provisioned * memoryGB * m_seconds;
        add(c, "lambda", QStringLiteral("provisioned-concurrency-") + arch, configured,
            QStringLiteral("%1 environments x %2 GB x %3 h")
                .arg(provisioned)
                .arg(memoryGB, 0, 'g', 6)
                .arg(m_catalogue.hoursPerMonth));
        add(c, "lambda", QStringLiteral("provisioned-duration-") + arch,
            gbSeconds * f.provisionedShare,
            QStringLiteral("share of invocations served by provisioned environments %1%")
                .arg(f.provisionedShare * 100, 0, 'f', 1));
        note(QStringLiteral("Provisioned concurrency is enabled all month; invocations up to "
                            "the provisioned concurrency (mean concurrency = rate x duration) "
                            "are billed at the provisioned duration rate, the rest on "
                            "demand."));
    }
}

void UsageBuilder::apiGateway(const Component &c, const ComponentFlow &f)
{
    const bool http = apigw::Params::of(c.params).isHttp();
    const PriceDimension &d =
        dim("apigateway", http ? QStringLiteral("http-requests") : QStringLiteral("rest-requests"));
    const double requests = f.inRate * m_seconds;
    const double units = d.chunkKB > 0 ? meteredChunks(f.payloadKB, d.chunkKB) : 1;
    add(c, "apigateway", d.id, requests * units,
        units > 1 ? QStringLiteral("%1 requests x %2 units of %3 KB")
                        .arg(millions(requests))
                        .arg(units)
                        .arg(d.chunkKB)
                  : QStringLiteral("%1 requests").arg(millions(requests)));
}

void UsageBuilder::sns(const Component &c, const ComponentFlow &f)
{
    const bool fifo = isFifo(c);
    const PriceDimension &d =
        dim("sns", fifo ? QStringLiteral("publishes-fifo") : QStringLiteral("publishes-standard"));
    const double publishes = f.inRate * m_seconds;
    const double chunks = meteredChunks(f.payloadKB, d.chunkKB);
    add(c, "sns", d.id, publishes * chunks,
        QStringLiteral("%1 publishes x %2 chunk(s) of %3 KB")
            .arg(millions(publishes))
            .arg(chunks)
            .arg(d.chunkKB));
    // FIFO publishes also bill their payload per GB (aws-behaviour.md §3 "Pricing"); a
    // catalogue without that price leaves it out.
    if (fifo && m_catalogue.dimension(QStringLiteral("sns"), QLatin1String(kFifoPayload)))
        add(c, "sns", QLatin1String(kFifoPayload), publishes * f.payloadKB / kKBPerGB,
            QStringLiteral("%1 publishes x %2 KB").arg(millions(publishes)).arg(f.payloadKB));
    bool freeEndpoints = false, httpEndpoints = false;
    for (const Connection *w : m_design.outgoing(c.id)) {
        const Component *t = m_design.component(w->target);
        if (w->kind != ConnectionKind::Subscription || !t)
            continue;
        (t->kind == ComponentKind::Downstream ? httpEndpoints : freeEndpoints) = true;
    }
    if (freeEndpoints)
        add(c, "sns", QStringLiteral("deliveries-sqs-lambda"), f.deliveriesFree * m_seconds,
            QStringLiteral("%1 deliveries").arg(millions(f.deliveriesFree * m_seconds)));
    if (httpEndpoints)
        add(c, "sns", QStringLiteral("deliveries-http"), f.deliveriesHttp * m_seconds,
            QStringLiteral("%1 deliveries").arg(millions(f.deliveriesHttp * m_seconds)));
}

void UsageBuilder::sqs(const Component &c, const ComponentFlow &f)
{
    const bool fifo = isFifo(c);
    const PriceDimension &d =
        dim("sqs", fifo ? QStringLiteral("requests-fifo") : QStringLiteral("requests-standard"));
    // Each 64 KB chunk of a request's payload is one request; a receive carries the payload
    // of every message it returns; deletes and empty receives carry none.
    const double sends = f.sendRequests * m_seconds * meteredChunks(f.payloadKB, d.chunkKB);
    const double receives = f.receiveRequests * m_seconds
                            * meteredChunks(f.messagesPerReceive * f.payloadKB, d.chunkKB);
    const double empty = f.emptyReceives * m_seconds;
    const double deletes = f.deleteRequests * m_seconds;
    add(c, "sqs", d.id, sends + receives + empty + deletes,
        QStringLiteral("%1 sends + %2 receives + %3 empty receives + %4 deletes")
            .arg(millions(sends), millions(receives), millions(empty), millions(deletes)));
}

void UsageBuilder::kinesis(const Component &c, const ComponentFlow &f)
{
    const double hours = m_catalogue.hoursPerMonth;
    const double records = f.inRate * m_seconds;
    // Enhanced fan-out consumers (aws-behaviour.md §5 pricing, a secondary source): each is
    // billed per consumer-shard-hour and per GB it retrieves (every record, once per consumer).
    int efo = 0;
    for (const Connection *w : m_design.outgoing(c.id))
        efo += w->kind == ConnectionKind::EventSourceMapping
               && w->params.value(QStringLiteral("enhancedFanOut")).toBool();
    if (efo > 0) {
        const double shards = flow::param(c, "shards");
        add(c, "kinesis", QStringLiteral("efo-consumer-shard-hours"), efo * shards * hours,
            QStringLiteral("%1 enhanced fan-out consumer(s) x %2 shard(s) x %3 h")
                .arg(efo)
                .arg(shards)
                .arg(hours));
        add(c, "kinesis", QStringLiteral("efo-data"), records * f.payloadKB * efo / kKBPerGB,
            QStringLiteral("%1 records x %2 KB x %3 consumer(s)")
                .arg(millions(records))
                .arg(f.payloadKB)
                .arg(efo));
    }
    if (swb::kinesis::Params::of(c.params).capacityMode
        == swb::kinesis::CapacityMode::Provisioned) {
        const double shards = flow::param(c, "shards");
        add(c, "kinesis", QStringLiteral("shard-hours"), shards * hours,
            QStringLiteral("%1 shard(s) x %2 h").arg(shards).arg(hours));
        const PriceDimension &put = dim("kinesis", QStringLiteral("put-payload-units"));
        const double units = meteredChunks(f.payloadKB, put.chunkKB);
        add(c, "kinesis", put.id, records * units,
            QStringLiteral("%1 records x %2 unit(s) of %3 KB")
                .arg(millions(records))
                .arg(units)
                .arg(put.chunkKB));
        if (flow::param(c, "retentionHours") > 24)
            add(c, "kinesis", QStringLiteral("extended-retention-shard-hours"), shards * hours,
                QStringLiteral("retention over 24 h: %1 shard(s) x %2 h").arg(shards).arg(hours));
        return;
    }
    add(c, "kinesis", QStringLiteral("stream-hours"), hours,
        QStringLiteral("1 stream x %1 h").arg(hours));
    const PriceDimension &in = dim("kinesis", QStringLiteral("data-in"));
    const double recordKB = in.roundUpKB > 0
                                ? std::ceil(f.payloadKB / in.roundUpKB - 1e-9) * in.roundUpKB
                                : f.payloadKB;
    add(c, "kinesis", in.id, records * recordKB / kKBPerGB,
        QStringLiteral("%1 records x %2 KB").arg(millions(records)).arg(recordKB));
    add(c, "kinesis", QStringLiteral("data-out"), records * f.payloadKB * f.consumers / kKBPerGB,
        QStringLiteral("%1 records x %2 KB x %3 consumer(s)")
            .arg(millions(records))
            .arg(f.payloadKB)
            .arg(f.consumers));
    if (flow::param(c, "retentionHours") > 24)
        note(QStringLiteral("On-demand streams: retention over 24 h is not priced (the "
                            "catalogue has only the provisioned shard-hour rate)."));
}

void UsageBuilder::stepFunctions(const Component &c, const ComponentFlow &f)
{
    const double executions = f.inRate * m_seconds;
    if (sfn::Params::of(c.params).type != sfn::WorkflowType::Express) {
        const PriceDimension &d = dim("stepfunctions", QStringLiteral("standard-transitions"));
        const double entries = f.transitions * m_seconds;
        add(c, "stepfunctions", d.id, entries + executions * d.fixedPerExecution,
            QStringLiteral("%1 state entries incl. retries + %2 executions x %3")
                .arg(millions(entries), millions(executions))
                .arg(d.fixedPerExecution));
        return;
    }
    add(c, "stepfunctions", QStringLiteral("express-requests"), executions,
        QStringLiteral("%1 executions").arg(millions(executions)));
    const PriceDimension &d = dim("stepfunctions", QStringLiteral("express-duration"));
    const double step = d.roundingMs > 0 ? d.roundingMs / 1000.0 : 0;
    const double billed = step > 0
                              ? std::max(1.0, std::ceil(f.executionSeconds / step - 1e-9)) * step
                              : f.executionSeconds;
    // Memory in 64 MB chunks: payloads are at most 256 KB, so one chunk (an assumption).
    const double memoryGB = (d.memoryChunkMB > 0 ? d.memoryChunkMB : 64) / 1024.0;
    add(c, "stepfunctions", d.id, executions * billed * memoryGB,
        QStringLiteral("%1 executions x %2 s x %3 GB")
            .arg(millions(executions))
            .arg(billed)
            .arg(memoryGB));
    note(QStringLiteral("Express workflows: the mean execution time (Tasks plus retry waits) "
                        "rounded up to 100 ms stands for every execution, with one 64 MB "
                        "memory chunk."));
}

} // namespace usage

QList<UsageQuantity> usageFromFlows(const Design &design, const FlowRates &flows,
                                    const PricingCatalogue &catalogue, QStringList *assumptions)
{
    return usage::UsageBuilder(design, flows, catalogue, assumptions).build();
}

} // namespace swb
