#pragma once
// The simulation side of a service module, as the scenario builder and the run summary use it:
// how a block of the service becomes a core scenario record, what its failure wires mean, and
// which figures its run summary reports. One per service in sim/services/<service>/; the
// registry (sim/services/registry.cpp) lists them and is the one place that maps the model's
// ComponentKind to core::ComponentKind.

#include "sim/livefigures.h"
#include "sim/runsummary.h"

#include "model/design.h"

#include "core/metricstore.h"
#include "core/scenario.h"

#include <cstdint>

namespace swb::core {
class Simulation;
}

namespace swb {

struct FlowRates;

namespace advisor {
struct Finding;
struct RuleContext;
// A rule of the advisor (sim/advisorruleskit.h): reads the run of one block of the service and
// appends its findings (diagnoses, each with at most one proposed fix).
using Rule = void (*)(const RuleContext &ctx, const Component &c, QList<Finding> *out);
} // namespace advisor

namespace detail {
class Builder;
}

// Whole-run summary of one series of a block (Sum: total, Max: peak); 0 when the core lacks it.
class SummaryReader
{
public:
    SummaryReader(const core::MetricStore &store, core::ComponentRef ref)
        : m_store(store)
        , m_ref(ref)
    {}
    double operator()(const char *name) const
    {
        const std::uint32_t s = m_store.find(m_ref, name);
        return s == core::MetricStore::kNoSeries ? 0.0 : m_store.summary(s);
    }

private:
    const core::MetricStore &m_store;
    core::ComponentRef m_ref;
};

struct SimService {
    ComponentKind kind;
    core::ComponentKind coreKind;
    // Appends the block's record to the scenario; returns its index in that kind's vector.
    std::uint32_t (*add)(detail::Builder &b, const Component &c);
    // Failure wires (on-failure, redrive) AWS allows leaving one block: 0 when none.
    int failureWires;
    // Maps failure wire `index` (in drawing order) of block `src`; nullptr when failureWires is 0.
    void (*failureWire)(detail::Builder &b, const Component &src, const Connection &w, int index);
    // Fills the block's figures of the run summary.
    void (*summarize)(const SummaryReader &v, const core::Simulation &sim, core::ComponentRef ref,
                      ComponentSummary *c);
    // Words the block's canvas figures (badges, trouble, tool tip, traffic taken in) for the
    // frame at the playhead (sim/livefigures.h).
    void (*live)(const BlockFrame &f, const LiveContext &ctx, LiveFigures *out);
    // After every wire is mapped (edges, failure wires, subscription filters): settings the
    // service keeps per wire in its own record; nullptr: none.
    void (*finishWires)(detail::Builder &b, const Component &c) = nullptr;
    // What each of the service's series counts, by series name, for the results reference
    // (sim/resultsreference.h); nullptr: the reference's own table describes them.
    const QHash<QString, QString> &(*metricMeanings)() = nullptr;
    // Items the simulator holds for the block at the peak of a run of `seconds` (queued
    // messages, retained records, queued async events), from the steady-state flows: the run's
    // memory estimate (sim/runestimate.h). nullptr: the block holds none.
    double (*heldItems)(const Design &d, const Component &c, const FlowRates &flows,
                        double seconds) = nullptr;
    // The advisor's rules over a finished run for a block of the service, in the order their
    // findings are listed (sim/services/<service>/<service>advice.cpp); nullptr: none.
    const QList<advisor::Rule> &(*advisorRules)() = nullptr;
    // The memory the core keeps for those items (cohorts, sim/runestimate.h); nullptr:
    // kBytesPerHeldItem each.
    double (*heldBytes)(const Design &d, const Component &c, const FlowRates &flows,
                        double seconds) = nullptr;
};

const SimService &simService(ComponentKind kind);
// nullptr for core::ComponentKind::None.
const SimService *simServiceOf(core::ComponentKind kind);

} // namespace swb
