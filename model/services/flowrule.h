#pragma once
// What a service module's flow rule (ServiceModule::flow) works with: one propagation pass over
// the design (model/flowrates.cpp runs the passes). A rule reads the rates that arrived on its
// block's wires in the previous pass, fills the block's ComponentFlow, and sets the rates on the
// block's outgoing wires for the next pass.

#include "model/flowrates.h"

namespace swb::flow {

class Propagator
{
public:
    explicit Propagator(const Design &design);

    // Runs passes until the wire rates stop changing; returns the result.
    FlowRates run();

    const Design &design() const { return m_design; }
    // The project's simulated duration, s: the mean rates are taken over it.
    double runDuration() const { return m_result.runDuration; }

    // What arrived on a block's wires (all of them, or those `accept` takes): the total rate and
    // the rate-weighted mean payload.
    struct Inflow {
        double rate = 0;
        double payloadKB = 0;
        double poisonShare = 0;   // rate-weighted, see ConnectionFlow
        double transientRate = 0; // rate-weighted
    };
    Inflow inflow(ComponentId id, bool (*accept)(const Connection &) = nullptr) const;
    // The same for a block's flow: sets f.inRate and f.payloadKB to everything that arrived.
    Inflow arrive(const Component &c, ComponentFlow &f) const
    {
        const Inflow in = inflow(c.id);
        f.inRate = in.rate;
        f.payloadKB = in.payloadKB;
        return in;
    }
    // What one wire carried in the previous pass.
    ConnectionFlow wire(ConnectionId id) const { return m_current.value(id); }
    // Adds to what a wire carries in this pass (several rules may send on one wire). The items
    // carry the record failures last set by setRecordFailures(): before each rule runs, those of
    // everything that arrived at its block, so a block that passes its items on needs nothing.
    void out(const Connection *wire, double rate, double payloadKB, double invocations = 0);
    // The poison share and transient failure rate of the items the next out() calls send (a
    // traffic source's own; none poison after a function, which never succeeds at one).
    void setRecordFailures(double poisonShare, double transientRate)
    {
        m_poisonShare = poisonShare;
        m_transientRate = transientRate;
    }
    // An assumption the estimate makes, and a warning about the design, for the user.
    void note(const QString &text);
    void warn(const QString &text);

private:
    const Design &m_design;
    FlowRates m_result;
    QMap<ConnectionId, ConnectionFlow> m_current;  // read during a pass
    QMap<ConnectionId, ConnectionFlow> m_next;     // written during a pass
    double m_poisonShare = 0, m_transientRate = 0; // stamped on what out() sends
};

} // namespace swb::flow
