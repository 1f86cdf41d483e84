#include "model/flowrates.h"

#include "model/services/account/account.h"
#include "model/services/flowrule.h"
#include "model/services/registry.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace swb {

namespace flow {

Propagator::Propagator(const Design &design)
    : m_design(design)
{
    m_result.runDuration = account::Params::of(m_design.settings).duration;
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
            const Inflow in = inflow(c.id);
            setRecordFailures(in.poisonShare, in.transientRate);
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
    double bytes = 0, poison = 0, transient = 0;
    for (const Connection *w : m_design.incoming(id)) {
        if (accept && !accept(*w))
            continue;
        const ConnectionFlow f = m_current.value(w->id);
        in.rate += f.rate;
        bytes += f.rate * f.payloadKB;
        poison += f.rate * f.poisonShare;
        transient += f.rate * f.transientRate;
    }
    if (in.rate > 0) {
        in.payloadKB = bytes / in.rate;
        in.poisonShare = poison / in.rate;
        in.transientRate = transient / in.rate;
    }
    return in;
}

void Propagator::out(const Connection *wire, double rate, double payloadKB, double invocations)
{
    ConnectionFlow &f = m_next[wire->id];
    const double total = f.rate + rate;
    if (total > 0) { // rate-weighted when several rules send on one wire
        f.poisonShare = (f.rate * f.poisonShare + rate * m_poisonShare) / total;
        f.transientRate = (f.rate * f.transientRate + rate * m_transientRate) / total;
    }
    f.rate = total;
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

double attemptFailure(double errorRate, double transientRate)
{
    return 1 - (1 - std::clamp(errorRate, 0.0, 1.0)) * (1 - std::clamp(transientRate, 0.0, 1.0));
}

RetriedFlow retriedFlow(double poisonShare, double p, double maxRetries)
{
    const double s = std::clamp(poisonShare, 0.0, 1.0);
    RetriedFlow r;
    const double good = (1 - s) * expectedAttempts(p, maxRetries);
    const double bad = s > 0 ? s * (maxRetries + 1) : 0;
    r.attempts = good + bad;
    const double goodFailed =
        (1 - s)
        * (maxRetries < 0 ? (p >= 1 ? 1.0 : 0.0)
                          : std::pow(std::clamp(p, 0.0, 1.0), maxRetries + 1));
    r.failedShare = goodFailed + s;
    r.poisonOfAttempts = r.attempts > 0 ? bad / r.attempts : 0;
    r.poisonOfFailed = r.failedShare > 0 ? s / r.failedShare : 0;
    return r;
}

FlowRates computeFlowRates(const Design &design)
{
    return flow::Propagator(design).run();
}

} // namespace swb
