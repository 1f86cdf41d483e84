// The wiring half of the scenario builder: connections become core::Edge records (with their event
// source mapping and subscription settings), Step Functions Task wires become the state machine's
// task chain, failure wires become DLQ / on-failure references, model faults become core faults.
// Everything the core cannot run as drawn is refused here with an Error finding.

#include "sim/scenariobuilder_p.h"
#include "sim/services/simservice.h"

#include "model/analysis.h"
#include "model/services/kinesis/kinesis.h"
#include "model/services/lambda/lambda.h"
#include "model/services/registry.h"
#include "model/services/stepfunctions/stepfunctions.h"
#include "model/services/traffic/traffic.h"
#include "model/sfnretriers.h"

#include <QSet>

namespace swb::detail {

namespace {

// One ASL retrier as the core runs it: its ErrorEquals names become the error codes the engine
// raises (core::SfnErrorCode). Names the simulator never raises (States.Timeout,
// Lambda.AWSLambdaException, ...) match nothing; any name outside the States./Lambda. families is
// taken as the function's own error.
core::SfnRetry coreRetrier(const RetrierSpec &r) {
    core::SfnRetry out;
    out.errors = 0;
    for (const QString &n : r.errorEquals) {
        if (n == QLatin1String("States.ALL"))
            out.errors = 0xFFFFFFFFu;
        else if (n == QLatin1String("States.TaskFailed"))
            out.errors |= (1u << core::SfnErrFunction) | (1u << core::SfnErrUnknown)
                          | (1u << core::SfnErrThrottled) | (1u << core::SfnErrService);
        else if (n == QLatin1String("Lambda.Unknown"))
            out.errors |= 1u << core::SfnErrUnknown;
        else if (n == QLatin1String("Lambda.TooManyRequestsException"))
            out.errors |= 1u << core::SfnErrThrottled;
        else if (n == QLatin1String("Lambda.ServiceException"))
            out.errors |= 1u << core::SfnErrService;
        else if (!n.startsWith(QLatin1String("States.")) && !n.startsWith(QLatin1String("Lambda.")))
            out.errors |= 1u << core::SfnErrFunction;
    }
    out.intervalSeconds = r.intervalSeconds;
    out.maxAttempts = std::uint32_t(std::min<qlonglong>(r.maxAttempts, 0xFFFFFFFF));
    out.backoffRate = r.backoffRate;
    out.maxDelaySeconds = r.maxDelaySeconds < 0 ? 0 : r.maxDelaySeconds; // -1 = no cap = core 0
    out.jitter = r.fullJitter ? core::JitterStrategy::Full : core::JitterStrategy::None;
    return out;
}

} // namespace

void appendAnalysisFindings(const Design &design, BuildResult *out) {
    for (const Finding &f : analyze(design)) {
        const auto severity = f.severity == swb::Severity::Error ? BuildFinding::Severity::Error
                              : f.severity == swb::Severity::Warning
                                  ? BuildFinding::Severity::Warning
                                  : BuildFinding::Severity::Info;
        out->findings.append({severity, f.code, f.message, f.components, f.connections});
    }
}

void Builder::mapConnections() {
    QHash<ComponentId, QList<ConnectionId>> traffic, apiRoutes, lambdaCalls;
    for (const Connection &w : m_design.connections) {
        const Component *src = m_design.component(w.source);
        const Component *dst = m_design.component(w.target);
        if (!src || !dst)
            continue; // the Document never keeps dangling wires
        const QVariantMap &p = w.params;
        switch (w.kind) {
        case ConnectionKind::Traffic:
            traffic[w.source].append(w.id);
            addEdge(w, EK::Traffic);
            break;
        case ConnectionKind::SyncInvoke:
            if (src->kind == CK::Lambda && dst->kind == CK::Lambda) {
                note(Severity::Error, "sim-sync-lambda-to-lambda",
                     QStringLiteral("%1 calls %2 synchronously (RequestResponse): the simulator "
                                    "does not run function-to-function sync calls; use an async "
                                    "invoke, a queue or a Step Functions task")
                         .arg(name(w.source), name(w.target)),
                     {w.source, w.target}, {w.id});
                break;
            }
            if (src->kind == CK::ApiGateway)
                apiRoutes[w.source].append(w.id);
            if (src->kind == CK::Lambda) {
                lambdaCalls[w.source].append(w.id);
                const double calls = lambda::SyncInvokeParams::of(p).callsPerInvocation;
                if (calls != 1)
                    note(Severity::Info, "sim-approx-calls-per-invocation",
                         QStringLiteral("%1 -> %2: the simulator makes one call per invocation "
                                        "(%3 calls per invocation are not simulated)")
                             .arg(name(w.source), name(w.target))
                             .arg(calls),
                         {w.source, w.target}, {w.id});
            }
            addEdge(w, EK::SyncInvoke);
            break;
        case ConnectionKind::AsyncInvoke:
            if (src->kind == CK::ApiGateway)
                apiRoutes[w.source].append(w.id);
            addEdge(w, EK::AsyncInvoke);
            break;
        case ConnectionKind::EventSourceMapping: {
            addEdge(w, EK::EventSourceMapping);
            core::EsmConfig &esm = m_sc.edges.back().esm;
            if (src->kind == CK::SqsQueue) {
                const sqs::mapping::Params m = sqs::mapping::Params::of(p);
                esm.batchSize = u32(double(m.batchSize));
                esm.batchingWindowSeconds = double(m.batchingWindow);
                esm.reportBatchItemFailures = m.reportBatchItemFailures;
                // -1 ("no limit") is the core's 0.
                esm.maximumConcurrency =
                    m.maximumConcurrency < 0 ? 0 : u32(double(m.maximumConcurrency));
            } else {
                const kinesis::mapping::Params m = kinesis::mapping::Params::of(p);
                esm.batchSize = u32(double(m.batchSize));
                esm.batchingWindowSeconds = double(m.batchingWindow);
                esm.reportBatchItemFailures = m.reportBatchItemFailures;
                esm.parallelizationFactor = u32(double(m.parallelizationFactor));
                esm.maxRetryAttempts = std::int32_t(m.maxRetryAttempts); // -1 until expiry
                esm.maxRecordAgeSeconds = double(m.maxRecordAge);        // -1 until retention
                esm.bisectOnError = m.bisectOnError;
                esm.enhancedFanOut = m.enhancedFanOut;
            }
            break;
        }
        case ConnectionKind::Subscription:
            addEdge(w, EK::Subscription);
            break; // filters: mapSubscriptionFilters(), DLQ: mapFailureWires()
        case ConnectionKind::ServiceIntegration:
            if (src->kind == CK::StepFunctions)
                break; // a Task state: mapTasks()
            if (src->kind == CK::ApiGateway)
                apiRoutes[w.source].append(w.id);
            addEdge(w, EK::ServiceIntegration);
            break;
        case ConnectionKind::OnFailure:
        case ConnectionKind::Redrive:
            break; // mapFailureWires()
        }
    }
    // The core sends a source's load to one entry block, routes an API's requests to one
    // integration and gives a function one dependency: refuse designs that need more.
    auto refuseMany = [this](const QHash<ComponentId, QList<ConnectionId>> &byBlock,
                             const char *code, const char *what) {
        for (auto it = byBlock.cbegin(); it != byBlock.cend(); ++it) {
            if (it.value().size() > 1)
                note(Severity::Error, code,
                     QStringLiteral("%1 has %2 %3; the simulator supports one. %4")
                         .arg(name(it.key()))
                         .arg(it.value().size())
                         .arg(QLatin1String(what),
                              QStringLiteral("Split it into one block per wire.")),
                     {it.key()}, it.value());
        }
    };
    refuseMany(traffic, "sim-traffic-targets", "traffic wires");
    refuseMany(apiRoutes, "sim-api-integrations", "integrations");
    refuseMany(lambdaCalls, "sim-lambda-dependencies", "synchronous dependencies");
}

void Builder::mapFailureWires() {
    QHash<ComponentId, QList<const Connection *>> failures;
    for (const Connection &w : m_design.connections) {
        if (w.kind == ConnectionKind::OnFailure || w.kind == ConnectionKind::Redrive)
            failures[w.source].append(&w);
    }
    for (auto it = failures.cbegin(); it != failures.cend(); ++it) {
        const Component *src = m_design.component(it.key());
        const QList<const Connection *> &wires = it.value();
        QList<ConnectionId> ids;
        for (const Connection *w : wires)
            ids.append(w->id);
        // Lambda may have both an on-failure destination and a DLQ (aws-behaviour.md §1); queues,
        // topics' subscriptions and stream mappings have one. The service module says.
        const SimService &service = simService(src->kind);
        const int allowed = std::max(1, service.failureWires);
        if (wires.size() > allowed) {
            note(Severity::Error, "sim-failure-destinations",
                 QStringLiteral("%1 has %2 failure wires; AWS allows %3")
                     .arg(name(src->id))
                     .arg(wires.size())
                     .arg(allowed == 2 ? QStringLiteral("an on-failure destination and a DLQ")
                                       : QStringLiteral("one")),
                 {src->id}, ids);
            continue;
        }
        if (!service.failureWire)
            continue; // the wiring rules allow no other failure source
        for (int i = 0; i < wires.size(); ++i)
            service.failureWire(*this, *src, *wires[i], i);
    }
}

void Builder::mapTasks() {
    // Task states run in the order of their wires' "order" parameter (ties: wire id).
    QHash<ComponentId, QList<const Connection *>> tasks;
    for (const Connection &w : m_design.connections) {
        const Component *src = m_design.component(w.source);
        if (w.kind == ConnectionKind::ServiceIntegration && src && src->kind == CK::StepFunctions)
            tasks[w.source].append(&w);
    }
    for (auto it = tasks.begin(); it != tasks.end(); ++it) {
        QList<const Connection *> &wires = it.value();
        std::stable_sort(wires.begin(), wires.end(), [](const Connection *a, const Connection *b) {
            return sfn::task::Params::of(a->params).order < sfn::task::Params::of(b->params).order;
        });
        core::StepFunctions &sm = m_sc.stateMachines[ref(it.key()).index];
        for (const Connection *w : wires) {
            const Component *dst = m_design.component(w->target);
            if (dst->kind != CK::Lambda) {
                note(Severity::Error, "sim-sfn-task-target",
                     QStringLiteral("%1: the Task calling %2 (%3) cannot be simulated; the "
                                    "simulator runs Task states that invoke Lambda functions")
                         .arg(name(it.key()), name(dst->id), componentKindName(dst->kind)),
                     {it.key(), dst->id}, {w->id});
                continue;
            }
            const sfn::task::Params p = sfn::task::Params::of(w->params);
            core::SfnTask task;
            task.lambdaIndex = ref(dst->id).index;
            task.retry.intervalSeconds = double(p.retryInterval);
            task.retry.maxAttempts = u32(double(p.retryMaxAttempts));
            task.retry.backoffRate = p.retryBackoffRate;
            const double maxDelay = double(p.retryMaxDelay);
            task.retry.maxDelaySeconds = maxDelay < 0 ? 0 : maxDelay; // -1 = no cap = core 0
            task.retry.jitter = p.retryJitter == sfn::RetryJitter::Full
                                    ? core::JitterStrategy::Full
                                    : core::JitterStrategy::None;
            task.catchAll = p.catch_;
            // A Retry array replaces the single retrier (the analysis refuses a malformed one).
            QList<RetrierSpec> retriers;
            QString why;
            if (parseRetriers(p.retriers, &retriers, &why)) {
                for (const RetrierSpec &r : retriers)
                    task.retriers.push_back(coreRetrier(r));
            }
            sm.tasks.push_back(task);
        }
    }
}

void Builder::mapSubscriptionFilters() {
    // Which traffic sources' messages can reach each topic (over any wire, failures included).
    auto upstreamSources = [this](ComponentId topic) {
        QList<ComponentId> sources, todo{topic};
        QSet<ComponentId> seen{topic};
        while (!todo.isEmpty()) {
            const ComponentId id = todo.takeLast();
            for (const Connection *w : m_design.incoming(id)) {
                if (seen.contains(w->source))
                    continue;
                seen.insert(w->source);
                if (m_design.component(w->source)->kind == CK::TrafficSource)
                    sources.append(w->source);
                else
                    todo.append(w->source);
            }
        }
        std::sort(sources.begin(), sources.end());
        return sources;
    };
    for (const Connection &w : m_design.connections) {
        if (w.kind != ConnectionKind::Subscription || !m_edgeOf.contains(w.id))
            continue;
        core::SubscriptionConfig &sub = m_sc.edges[m_edgeOf.value(w.id)].sub;
        // The source's service says what the wire matches (SNS filter policy, event bus rule
        // pattern); one matcher for both.
        const auto matchRule = serviceModule(m_design.component(w.source)->kind).matchRule;
        const MatchRule match = matchRule ? matchRule(w) : MatchRule{};
        const QString policyText = match.policy.trimmed();
        if (policyText.isEmpty()) {
            sub.filterMatchProbability = match.share;
            continue;
        }
        QList<FilterRule> policy;
        QString error;
        if (!parseFilterPolicy(policyText, &policy, &error)) {
            note(Severity::Error, "sim-bad-filter-policy",
                 QStringLiteral("Subscription %1 -> %2, parameter '%3': %4")
                     .arg(name(w.source), name(w.target), QLatin1String(match.policyKey), error),
                 {w.source, w.target}, {w.id});
            continue;
        }
        const QList<ComponentId> sources = upstreamSources(w.source);
        // Masks are exact when every source feeding the topic carries the same attribute list
        // with one attribute name: the core then draws the value per message.
        bool sameLayout = !sources.isEmpty();
        for (ComponentId s : sources) {
            const Component *c = m_design.component(s);
            sameLayout = sameLayout
                         && traffic::Params::of(c->params).attributes
                                == traffic::Params::of(m_design.component(sources.first())->params)
                                       .attributes;
        }
        AttributeBuckets buckets;
        const QList<AttributeValue> first =
            sources.isEmpty() ? QList<AttributeValue>() : m_attributes.value(sources.first());
        if (sameLayout && makeBuckets(first, &buckets)) {
            sub.filterValueMask = filterMask(first, buckets, policy);
            sub.filterMatchProbability = sub.filterValueMask ? 1.0 : 0.0;
        } else {
            // Mean match probability over the sources (a source's own attribute draws are kept).
            double p = 0;
            for (ComponentId s : sources)
                p += matchProbability(m_attributes.value(s), policy);
            sub.filterMatchProbability = sources.isEmpty() ? 0 : p / double(sources.size());
            if (!sources.isEmpty())
                note(Severity::Info, "sim-approx-filter-probability",
                     QStringLiteral("Subscription %1 -> %2: its filter policy is simulated as a "
                                    "match probability of %3 (the traffic's attributes use "
                                    "several names or differ between sources)")
                         .arg(name(w.source), name(w.target))
                         .arg(sub.filterMatchProbability),
                     {w.source, w.target}, {w.id});
        }
        if (sub.filterValueMask == 0 && sub.filterMatchProbability == 0)
            note(Severity::Warning, "sim-filter-matches-nothing",
                 QStringLiteral("Subscription %1 -> %2: filter policy '%3' matches none of the "
                                "traffic's message attributes, so nothing is delivered")
                     .arg(name(w.source), name(w.target), policyText),
                 {w.source, w.target}, {w.id});
    }
}

void Builder::mapServiceWires() {
    // Settings a service keeps per wire in its own records (an event bus's rules and their
    // targets' retry policies), once every edge and filter is mapped.
    for (const Component &c : m_design.components) {
        if (const auto finish = simService(c.kind).finishWires)
            finish(*this, c);
    }
}

void Builder::mapFaults() {
    for (const Fault &f : m_design.faults) {
        const QString problem = validateFault(f, m_design);
        if (!problem.isEmpty()) {
            if (m_design.connection(f.target))
                note(Severity::Error, "sim-bad-fault", problem, {}, {f.target});
            else
                note(Severity::Error, "sim-bad-fault", problem, {f.target});
            continue;
        }
        core::Fault cf;
        if (m_design.connection(f.target)) { // an Outage on one SNS subscription (its edge)
            if (!m_edgeOf.contains(f.target)) {
                note(Severity::Warning, "sim-fault-unmapped",
                     QStringLiteral("%1 on '%2': the wire is not simulated; ignored")
                         .arg(faultKindName(f.kind), faultTargetName(f, m_design)),
                     {}, {f.target});
                continue;
            }
            cf.edge = static_cast<std::uint32_t>(m_edgeOf.value(f.target));
        } else {
            cf.target = ref(f.target);
        }
        cf.startSeconds = f.start;
        cf.durationSeconds = f.duration;
        switch (f.kind) {
        case FaultKind::BadDeploy:
            cf.kind = core::FaultKind::BadDeploy;
            cf.errorRate = f.errorRate;
            cf.durationMultiplier = f.durationFactor;
            break;
        case FaultKind::Outage: // the block refuses every request (core::FaultKind::Outage)
            cf.kind = core::FaultKind::Outage;
            cf.errorRate = 1.0;
            break;
        case FaultKind::TrafficSpike:
            cf.kind = core::FaultKind::TrafficSpike;
            cf.rateMultiplier = f.rateFactor;
            break;
        case FaultKind::Throttle: // the target's limit multiplied by the factor
            cf.kind = core::FaultKind::Throttle;
            cf.rateMultiplier = f.rateFactor;
            break;
        }
        m_sc.faults.push_back(cf);
    }
}

} // namespace swb::detail
