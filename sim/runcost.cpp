// Projected monthly cost of a run from measured usage: the run's billed_* series,
// scaled from the simulated duration to a month of catalogue.hoursPerMonth (730 h, the AWS
// calculator convention), priced by the same cost model as `swb cost` (model/costmodel.h), so
// tiers and the free tier are applied identically. Static charges (provisioned concurrency,
// Kinesis shard-hours / stream-hours) are priced for the whole month as configured.

#include "sim/runresults.h"

#include "model/costmodel.h"
#include "model/services/apigateway/apigateway.h"
#include "model/services/kinesis/kinesis.h"
#include "model/services/lambda/lambda.h"
#include "model/services/registry.h"
#include "model/services/stepfunctions/stepfunctions.h"

#include <cmath>

namespace swb {

namespace {

class UsageCollector
{
public:
    UsageCollector(const Design &design, const RunResults &r, const PricingCatalogue &catalogue)
        : m_design(design)
        , m_results(r)
        , m_catalogue(catalogue)
        , m_hours(catalogue.hoursPerMonth)
        , m_scale(catalogue.secondsPerMonth() / r.metadata.durationSeconds)
    {}

    QList<UsageQuantity> collect()
    {
        for (const Component &c : m_design.components)
            addComponent(c);
        return m_usage;
    }

private:
    // Whole-run total of a Sum series of a block.
    double total(ComponentId id, const char *series) const
    {
        const int s = m_results.catalog.indexOf(id, QLatin1String(series));
        if (s < 0)
            return 0;
        double sum = 0;
        for (qint64 b = 0; b < m_results.binCount(); ++b)
            sum += m_results.value(b, s);
        return sum;
    }
    void add(const Component &c, const char *service, const QString &dimension, double quantity,
             const QString &detail)
    {
        m_usage.append({c.id, QLatin1String(service), dimension, quantity, detail});
    }
    void measured(const Component &c, const char *service, const QString &dimension,
                  double runTotal)
    {
        add(c, service, dimension, runTotal * m_scale,
            QStringLiteral("measured %1 in %2 s x %3")
                .arg(runTotal, 0, 'g', 6)
                .arg(m_results.metadata.durationSeconds)
                .arg(m_scale, 0, 'g', 6));
    }
    void addComponent(const Component &c)
    {
        switch (c.kind) {
        case ComponentKind::Lambda: {
            const lambda::Params p = lambda::Params::of(c.params);
            const QString arch = choiceText(p.architecture);
            measured(c, "lambda", QStringLiteral("requests"),
                     total(c.id, "lambda.billed_requests"));
            measured(c, "lambda", QStringLiteral("duration-") + arch,
                     total(c.id, "lambda.billed_gb_s"));
            const double pc = double(p.provisionedConcurrency);
            if (pc > 0) {
                const double gb = double(p.memory) / 1024.0;
                add(c, "lambda", QStringLiteral("provisioned-concurrency-") + arch,
                    pc * gb * m_hours * 3600.0,
                    QStringLiteral("%1 environments x %2 GB x %3 h").arg(pc).arg(gb).arg(m_hours));
                measured(c, "lambda", QStringLiteral("provisioned-duration-") + arch,
                         total(c.id, "lambda.billed_pc_gb_s"));
            }
            break;
        }
        case ComponentKind::ApiGateway:
            measured(c, "apigateway",
                     apigw::Params::of(c.params).isHttp() ? QStringLiteral("http-requests")
                                                          : QStringLiteral("rest-requests"),
                     total(c.id, "apigw.billed_requests"));
            break;
        case ComponentKind::SnsTopic: {
            const double http = total(c.id, "sns.billed_http_deliveries");
            measured(c, "sns",
                     isFifo(c) ? QStringLiteral("publishes-fifo")
                               : QStringLiteral("publishes-standard"),
                     total(c.id, "sns.billed_publishes"));
            // FIFO publishes also bill their payload per GB (aws-behaviour.md §3), as the estimate
            // does.
            const QString payload = QStringLiteral("publishes-fifo-payload");
            if (isFifo(c) && m_catalogue.dimension(QStringLiteral("sns"), payload))
                measured(c, "sns", payload,
                         total(c.id, "sns.fifo_payload_bytes") / (1024.0 * 1024.0 * 1024.0));
            measured(c, "sns", QStringLiteral("deliveries-sqs-lambda"),
                     std::max(0.0, total(c.id, "sns.deliveries") - http));
            measured(c, "sns", QStringLiteral("deliveries-http"), http);
            break;
        }
        case ComponentKind::SqsQueue:
            measured(c, "sqs",
                     isFifo(c) ? QStringLiteral("requests-fifo")
                               : QStringLiteral("requests-standard"),
                     total(c.id, "sqs.billed_requests"));
            break;
        case ComponentKind::KinesisStream:
            addStream(c);
            break;
        case ComponentKind::StepFunctions:
            if (sfn::Params::of(c.params).type == sfn::WorkflowType::Express) {
                measured(c, "stepfunctions", QStringLiteral("express-requests"),
                         total(c.id, "sfn.billed_express_requests"));
                measured(c, "stepfunctions", QStringLiteral("express-duration"),
                         total(c.id, "sfn.billed_express_gb_s"));
            } else {
                // The core counts one transition per Task attempt and per Catch; the catalogue's
                // fixedPerExecution adds the start and end transitions, as the estimate does.
                const PriceDimension *d = m_catalogue.dimension(
                    QStringLiteral("stepfunctions"), QStringLiteral("standard-transitions"));
                const double fixed = d ? d->fixedPerExecution : 0;
                measured(c, "stepfunctions", QStringLiteral("standard-transitions"),
                         total(c.id, "sfn.transitions") + fixed * total(c.id, "sfn.executions"));
            }
            break;
        case ComponentKind::TrafficSource:
        case ComponentKind::Downstream:
            break; // not AWS resources
        }
    }

    void addStream(const Component &c)
    {
        const kinesis::Params p = kinesis::Params::of(c.params);
        const double shards = double(p.shards);
        const bool longRetention = p.retentionHours > 24;
        // Enhanced fan-out consumers: consumer-shard-hours plus every written byte once per
        // consumer (aws-behaviour.md §5 pricing, a secondary source).
        int efo = 0;
        for (const Connection *w : m_design.outgoing(c.id))
            efo += w->kind == ConnectionKind::EventSourceMapping
                   && kinesis::mapping::Params::of(w->params).enhancedFanOut;
        if (efo > 0) {
            add(c, "kinesis", QStringLiteral("efo-consumer-shard-hours"), efo * shards * m_hours,
                QStringLiteral("%1 enhanced fan-out consumer(s) x %2 shard(s) x %3 h")
                    .arg(efo)
                    .arg(shards)
                    .arg(m_hours));
            measured(c, "kinesis", QStringLiteral("efo-data"),
                     efo * total(c.id, "kinesis.incoming_bytes") / (1024.0 * 1024.0 * 1024.0));
        }
        if (p.capacityMode != kinesis::CapacityMode::OnDemand) {
            add(c, "kinesis", QStringLiteral("shard-hours"), shards * m_hours,
                QStringLiteral("%1 shard(s) x %2 h").arg(shards).arg(m_hours));
            measured(c, "kinesis", QStringLiteral("put-payload-units"),
                     total(c.id, "kinesis.billed_put_units"));
            if (longRetention)
                add(c, "kinesis", QStringLiteral("extended-retention-shard-hours"),
                    shards * m_hours,
                    QStringLiteral("%1 shard(s) x %2 h").arg(shards).arg(m_hours));
            return;
        }
        // On-demand: data in/out from the measured bytes (records are not rounded up to 1 KB
        // here: the core reports bytes, not per-record sizes), out = in x consuming mappings.
        int consumers = 0;
        for (const Connection *w : m_design.outgoing(c.id))
            consumers += w->kind == ConnectionKind::EventSourceMapping;
        const double gbIn = total(c.id, "kinesis.incoming_bytes") / (1024.0 * 1024.0 * 1024.0);
        add(c, "kinesis", QStringLiteral("stream-hours"), m_hours,
            QStringLiteral("1 stream x %1 h").arg(m_hours));
        measured(c, "kinesis", QStringLiteral("data-in"), gbIn);
        measured(c, "kinesis", QStringLiteral("data-out"), gbIn * consumers);
    }

    const Design &m_design;
    const RunResults &m_results;
    const PricingCatalogue &m_catalogue;
    const double m_hours;
    const double m_scale;
    QList<UsageQuantity> m_usage;
};

} // namespace

CostReport measuredCostReport(const Design &design, const RunResults &results,
                              const CostOptions *options)
{
    const PricingCatalogue &catalogue = PricingCatalogue::builtIn();
    const QList<UsageQuantity> usage = UsageCollector(design, results, catalogue).collect();
    return priceUsage(design, catalogue, usage, options ? *options : costOptionsFor(design));
}

void priceRun(const Design &design, RunResults *results)
{
    if (!results->ok || !(results->metadata.durationSeconds > 0))
        return;
    const PricingCatalogue &catalogue = PricingCatalogue::builtIn();
    CostOptions options;
    options.freeTier = design.setting(QStringLiteral("freeTier")).toBool();
    const CostReport report = measuredCostReport(design, *results);
    RunSummary &s = results->summary;
    for (ComponentSummary &c : s.components) {
        if (c.kind == ComponentKind::TrafficSource || c.kind == ComponentKind::Downstream)
            continue;
        c.monthlyCostUsd = 0;
        for (const CostLine &line : report.lines) {
            if (line.component == c.id)
                c.monthlyCostUsd += line.usd;
        }
    }
    s.monthlyCostUsd = report.totalUsd;
    results->metadata.catalogueDate = report.priceDate;
    s.costNotes.append(
        QStringLiteral("measured usage x %1 h/month, prices of %2 (%3), free tier %4")
            .arg(catalogue.hoursPerMonth)
            .arg(report.priceDate, report.region,
                 options.freeTier ? QStringLiteral("on") : QStringLiteral("off")));
    s.costNotes.append(report.warnings);
}

} // namespace swb
