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

FlowRates computeFlowRates(const Design &design)
{
    return flow::Propagator(design).run();
}

} // namespace swb
