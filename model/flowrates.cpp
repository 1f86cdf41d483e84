#include "model/flowrates.h"

#include "model/filterpolicy.h"
#include "model/flowrates_p.h"
#include "model/parametercatalogue.h"
#include "model/services/lambda/lambda.h"
#include "model/services/registry.h"
#include "model/wiringrules.h"

#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>

namespace swb {

namespace flow {

double param(const Component &c, const char *key)
{
    const QString k = QLatin1String(key);
    auto it = c.params.constFind(k);
    if (it != c.params.cend())
        return it->toDouble();
    const ParamSpec *spec = catalogue::findComponentParam(c.kind, k);
    return spec ? spec->defaultValue.toDouble() : 0.0;
}

QString text(const Component &c, const char *key)
{
    const QString k = QLatin1String(key);
    auto it = c.params.constFind(k);
    if (it != c.params.cend())
        return it->toString();
    const ParamSpec *spec = catalogue::findComponentParam(c.kind, k);
    return spec ? spec->defaultValue.toString() : QString();
}

double connParam(const Connection &w, ComponentKind sourceKind, const char *key)
{
    const QString k = QLatin1String(key);
    auto it = w.params.constFind(k);
    if (it != w.params.cend())
        return it->toDouble();
    const ParamSpec *spec = catalogue::findConnectionParam(w.kind, sourceKind, k);
    return spec ? spec->defaultValue.toDouble() : 0.0;
}

double failureShare(const Component &function)
{
    if (lambda::reservedConcurrency(lambda::Params::of(function.params)).isKillSwitch())
        return 1.0;
    return std::clamp(param(function, "errorRate"), 0.0, 1.0);
}

Propagator::Propagator(const Design &design)
    : m_design(design)
{
    m_result.runDuration = m_design.setting(QStringLiteral("duration")).toDouble();
    if (!(m_result.runDuration > 0))
        m_result.runDuration = 3600;
}

FlowRates Propagator::run()
{
    // A pass computes every block from the wire rates of the previous pass, so a chain of depth d
    // settles after d + 1 passes; only a cycle keeps changing after that.
    const int settled = int(m_design.components.size()) + 2;
    constexpr int kMaxPasses = 2000;
    bool converged = false;
    bool cutOff = false;
    for (int pass = 0; pass < kMaxPasses && !converged; ++pass) {
        m_next.clear();
        m_result.components.clear();
        for (const Component &c : m_design.components) {
            ComponentFlow f;
            serviceModule(c.kind).flow(*this, c, f); // the service module's flow rule
            m_result.components.insert(c.id, f);
        }
        converged = pass > 0;
        double largest = 0;
        for (auto it = m_next.cbegin(); it != m_next.cend(); ++it) {
            const ConnectionFlow old = m_current.value(it.key());
            const double tolerance = 1e-12 * std::max(1.0, std::abs(it->rate));
            if (std::abs(old.rate - it->rate) > tolerance
                || std::abs(old.invocations - it->invocations) > tolerance)
                converged = false;
            largest = std::max(largest, it->rate);
        }
        m_current = m_next;
        if (!converged && (pass > settled && largest > 1e12)) {
            warn(QStringLiteral("A cycle of wires amplifies its own traffic without bound: rates "
                                "were cut off, the cost estimate is not meaningful"));
            cutOff = true;
            break;
        }
    }
    if (!converged && !cutOff)
        warn(QStringLiteral("A cycle of wires did not settle to steady rates after %1 passes; "
                            "the cost estimate is approximate")
                 .arg(kMaxPasses));
    m_result.connections = m_current;
    return m_result;
}

Propagator::Inflow Propagator::inflow(ComponentId id, bool (*accept)(const Connection &)) const
{
    Inflow in;
    double bytes = 0;
    for (const Connection *w : m_design.incoming(id)) {
        if (accept && !accept(*w))
            continue;
        const ConnectionFlow f = m_current.value(w->id);
        in.rate += f.rate;
        bytes += f.rate * f.payloadKB;
    }
    in.payloadKB = in.rate > 0 ? bytes / in.rate : 0;
    return in;
}

void Propagator::out(const Connection *wire, double rate, double payloadKB, double invocations)
{
    ConnectionFlow &f = m_next[wire->id];
    f.rate += rate;
    f.invocations += invocations;
    f.payloadKB = payloadKB;
}

void Propagator::note(const QString &text)
{
    if (!m_result.assumptions.contains(text))
        m_result.assumptions.append(text);
}

void Propagator::warn(const QString &text)
{
    if (!m_result.warnings.contains(text))
        m_result.warnings.append(text);
}

// A downstream dependency takes what arrives; it sends nothing on.
void Propagator::downstream(const Component &c, ComponentFlow &f)
{
    const Inflow in = inflow(c.id);
    f.inRate = in.rate;
    f.payloadKB = in.payloadKB;
}

void Propagator::traffic(const Component &c, ComponentFlow &f)
{
    f.inRate = meanTrafficRate(m_design, c, m_result.runDuration);
    f.payloadKB = param(c, "payloadSize");
    if (text(c, "pattern") == QLatin1String("replay"))
        note(QStringLiteral("Replay traffic is priced at its 'Mean rate' parameter (the CSV is "
                            "read only by the simulation)."));
    QList<const Connection *> wires = m_design.outgoing(c.id);
    if (wires.size() > 1)
        note(QStringLiteral("A traffic source wired to several entries splits its rate evenly "
                            "between them."));
    for (const Connection *w : wires)
        out(w, f.inRate / wires.size(), f.payloadKB);
}

void Propagator::apiGateway(const Component &c, ComponentFlow &f)
{
    const Inflow in = inflow(c.id);
    f.inRate = in.rate;
    f.payloadKB = in.payloadKB;
    // Every request goes to exactly one integration (route); several integrations are routes
    // that share the requests evenly.
    QList<const Connection *> routes = m_design.outgoing(c.id);
    if (routes.size() > 1)
        note(QStringLiteral("An API with several integrations is priced as routes sharing its "
                            "requests evenly."));
    for (const Connection *w : routes)
        out(w, f.inRate / routes.size(), f.payloadKB);
}

double Propagator::matchShare(const Component &topic, const Connection &subscription)
{
    const QString policy = subscription.params.value(QStringLiteral("filterPolicy")).toString();
    const double fallback = connParam(subscription, topic.kind, "filterMatch");
    if (policy.trimmed().isEmpty())
        return fallback;
    // The policy is matched against the attributes of the traffic sources upstream of the topic,
    // weighted by their rates.
    QList<ComponentId> todo = {topic.id};
    QSet<ComponentId> seen = {topic.id};
    double weighted = 0, total = 0;
    while (!todo.isEmpty()) {
        for (const Connection *w : m_design.incoming(todo.takeLast())) {
            const Component *source = m_design.component(w->source);
            if (!source || isFailureKind(w->kind) || seen.contains(source->id))
                continue;
            seen.insert(source->id);
            if (source->kind != ComponentKind::TrafficSource) {
                todo.append(source->id);
                continue;
            }
            QString error;
            const std::optional<double> share =
                filterPolicyMatchShare(policy, text(*source, "attributes"), &error);
            if (!share) {
                const Component *target = m_design.component(subscription.target);
                warn(QStringLiteral("Subscription %1 -> %2: %3; its 'Filter match share' (%4) is "
                                    "used instead")
                         .arg(topic.name, target ? target->name : QString(), error)
                         .arg(fallback));
                return fallback;
            }
            const double rate = meanTrafficRate(m_design, *source, m_result.runDuration);
            weighted += rate * *share;
            total += rate;
        }
    }
    note(QStringLiteral("SNS filter policies are matched against the message attributes of the "
                        "traffic sources upstream (attribute names taken as independent)."));
    return total > 0 ? weighted / total : 0.0;
}

void Propagator::sns(const Component &c, ComponentFlow &f)
{
    const Inflow in = inflow(c.id);
    f.inRate = in.rate;
    f.payloadKB = in.payloadKB;
    if (isFifo(c)) {
        // FIFO topics accept 3,000 msg/s and 20 MB/s; publishes above are throttled
        // (aws-behaviour.md §3).
        const double accepted =
            std::min({in.rate, kFifoTopicPublishes,
                      in.payloadKB > 0 ? kFifoTopicKBPerSecond / in.payloadKB : in.rate});
        if (accepted < in.rate) {
            warn(QStringLiteral("'%1' is a FIFO topic: it accepts %2 of the %3 publishes/s it "
                                "receives (3,000 msg/s or 20 MB/s per topic); the rest are "
                                "throttled and neither billed nor delivered")
                     .arg(c.name)
                     .arg(accepted, 0, 'f', 0)
                     .arg(in.rate, 0, 'f', 0));
            f.inRate = accepted;
        }
    }
    double failedHttp = 0;
    QList<const Connection *> dlqs;
    for (const Connection *w : m_design.outgoing(c.id)) {
        if (w->kind == ConnectionKind::Redrive) {
            dlqs.append(w);
            continue;
        }
        if (w->kind != ConnectionKind::Subscription)
            continue;
        // Fan-out: every matching subscription receives its own copy; non-matching messages are
        // neither delivered nor billed (sns-message-filtering).
        const double deliveries = f.inRate * matchShare(c, *w);
        out(w, deliveries, f.payloadKB);
        const Component *target = m_design.component(w->target);
        if (target && target->kind == ComponentKind::Downstream) {
            f.deliveriesHttp += deliveries;
            // HTTP/S default delivery policy: 4 attempts in all (sns-message-delivery-retries).
            failedHttp += deliveries * std::pow(param(*target, "errorRate"), 4);
        } else {
            f.deliveriesFree += deliveries;
        }
    }
    // SQS and Lambda endpoints get 100,015 attempts over 23 days: they are taken as never failing.
    for (const Connection *w : dlqs)
        out(w, failedHttp / dlqs.size(), f.payloadKB);
}

void Propagator::lambda(const Component &c, ComponentFlow &f)
{
    const double p = std::clamp(param(c, "errorRate"), 0.0, 1.0);
    const double retries = param(c, "maxRetryAttempts");
    const bool killSwitch =
        lambda::reservedConcurrency(lambda::Params::of(c.params)).isKillSwitch();
    double syncEvents = 0, asyncEvents = 0, esmRecords = 0, esmInvocations = 0, bytes = 0;
    for (const Connection *w : m_design.incoming(c.id)) {
        const ConnectionFlow in = m_current.value(w->id);
        bytes += in.rate * in.payloadKB;
        switch (w->kind) {
        case ConnectionKind::AsyncInvoke:
        case ConnectionKind::Subscription: // SNS invokes Lambda asynchronously
        case ConnectionKind::OnFailure:    // a Lambda destination is an async invoke
            asyncEvents += in.rate;
            break;
        case ConnectionKind::EventSourceMapping:
            esmRecords += in.rate;
            esmInvocations += in.invocations;
            break;
        default: // API Gateway proxy, RequestResponse invoke, Step Functions Task, direct traffic
            syncEvents += in.rate;
            break;
        }
    }
    f.inRate = syncEvents + asyncEvents + esmRecords;
    f.payloadKB = f.inRate > 0 ? bytes / f.inRate : 0;
    if (killSwitch) {
        // Reserved concurrency 0: every invoke is throttled (not billed); async events go straight
        // to the DLQ / on-failure destination without retries (invocation-async-retain-records).
        f.failedEvents = asyncEvents;
        note(QStringLiteral("A function with reserved concurrency 0 is throttled: it is billed "
                            "nothing and its async events go to its on-failure destination."));
    } else {
        // Async function errors are retried up to MaximumRetryAttempts (default 2) times
        // (invocation-async-error-handling); sync callers see the error and retry themselves.
        const double asyncInvocations = asyncEvents * expectedAttempts(p, retries);
        f.invocations = syncEvents + asyncInvocations + esmInvocations;
        f.failedEvents = asyncEvents * std::pow(p, retries + 1);
        if (asyncEvents > 0 && p > 0)
            note(QStringLiteral("Async invocations include the retries of failed events (error "
                                "rate x up to 2 retries)."));
    }
    f.eventsPerInvoke = f.invocations > 0 ? f.inRate / f.invocations : 1;
    const double durationMs = param(c, "duration");
    const double memoryGB = param(c, "memory") / 1024.0;
    // Billed per invocation in 1 ms steps, rounded up; the mean duration stands for every
    // invocation (the cost model applies the same rule with the catalogue's rounding).
    f.gbSeconds = f.invocations * std::ceil(durationMs - 1e-9) / 1000.0 * memoryGB;
    f.concurrency = f.invocations * durationMs / 1000.0; // Little's law
    const double provisioned = param(c, "provisionedConcurrency");
    f.provisionedShare = f.concurrency > 0 ? std::min(1.0, provisioned / f.concurrency) : 0;

    const double succeeded = killSwitch ? 0
                                        : syncEvents * (1 - p)
                                              + asyncEvents * (1 - std::pow(p, retries + 1))
                                              + esmRecords * (1 - p);
    for (const Connection *w : m_design.outgoing(c.id)) {
        switch (w->kind) {
        case ConnectionKind::SyncInvoke: // every attempt makes its calls
            out(w, f.invocations * connParam(*w, c.kind, "callsPerInvocation"), f.payloadKB);
            break;
        case ConnectionKind::OnFailure:
            out(w, f.failedEvents, f.payloadKB);
            break;
        default: // async invoke or SDK call: one message per event processed successfully
            out(w, succeeded, f.payloadKB);
            break;
        }
    }
    if (!m_design.outgoing(c.id).isEmpty())
        note(QStringLiteral("A function sends one message downstream per event it processes "
                            "successfully (SDK calls, async invokes), and makes its sync calls "
                            "on every invocation; payloads are passed on unchanged."));
}

} // namespace flow

double expectedAttempts(double p, double maxRetries)
{
    p = std::clamp(p, 0.0, 1.0);
    if (maxRetries < 0)
        return p < 1 ? 1 / (1 - p) : std::numeric_limits<double>::infinity();
    if (p >= 1)
        return maxRetries + 1;
    return (1 - std::pow(p, maxRetries + 1)) / (1 - p);
}

double meanTrafficRate(const Design &design, const Component &source, double runDuration)
{
    using flow::param;
    const double rate = param(source, "rate");
    if (!(runDuration > 0))
        return rate;
    // Share of the run during which [start, start + length) overlaps [0, runDuration).
    auto share = [runDuration](double start, double length) {
        const double a = std::clamp(start, 0.0, runDuration);
        const double b = std::clamp(start + length, 0.0, runDuration);
        return (b - a) / runDuration;
    };
    // The diurnal curve's mean is the 'Mean rate' by definition; a spike or step adds
    // (multiplier - 1) x rate for the share of the run it covers.
    double factor = 1;
    const QString pattern = flow::text(source, "pattern");
    const double start = param(source, "spikeStart");
    const double multiplier = param(source, "spikeMultiplier");
    if (pattern == QLatin1String("spike"))
        factor += (multiplier - 1) * share(start, param(source, "spikeDuration"));
    else if (pattern == QLatin1String("step"))
        factor += (multiplier - 1) * share(start, runDuration);
    // Traffic-spike faults multiply the rate during their window (spikes assumed not to overlap).
    for (const Fault &fault : design.faults) {
        if (fault.kind == FaultKind::TrafficSpike && fault.target == source.id)
            factor += (fault.rateFactor - 1) * share(fault.start, fault.duration);
    }
    return rate * std::max(0.0, factor);
}

FlowRates computeFlowRates(const Design &design)
{
    return flow::Propagator(design).run();
}

} // namespace swb
