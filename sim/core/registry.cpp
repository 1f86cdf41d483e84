// The registry of service modules: which object serves each ComponentKind, and the order of
// set-up and sampling. The services still inside the legacy Engine (engine.h) share one object.
#include "core/engine.h"

#include <iterator>

namespace swb::core {

namespace {

Engine &eng(void *p)
{
    return *static_cast<Engine *>(p);
}

ServiceSlot legacy(Engine *e)
{
    ServiceSlot s;
    s.self = e;
    s.onEvent = [](void *p, const Event &ev) { eng(p).dispatch(ev); };
    s.wire = [](void *p, std::uint32_t edge) { return eng(p).wire(edge); };
    return s;
}

} // namespace

#define SWB_FACTORY(Name, ...) ServiceSlot make##Name##Service(Kernel &k);
SWB_CORE_SERVICES(SWB_FACTORY)
#undef SWB_FACTORY

void makeServiceSlots(Kernel &k, std::array<ServiceSlot, kKindSlots> &slots,
                      std::vector<ComponentKind> &order)
{
    order.clear();
#define SWB_ORDER(Name, ...) order.push_back(ComponentKind::Name);
    SWB_CORE_SERVICES(SWB_ORDER)
#undef SWB_ORDER
    slots[kindIndex(ComponentKind::Lambda)] = makeLambdaService(k);
    slots[kindIndex(ComponentKind::Downstream)] = makeDownstreamService(k);

    // The legacy object's set-up runs in the TrafficSource slot: after Lambda's, before
    // Downstream's, the order of the series it registers.
    auto *e = new Engine(k);
    for (const ComponentKind kind :
         {ComponentKind::TrafficSource, ComponentKind::ApiGateway, ComponentKind::SnsTopic,
          ComponentKind::SqsQueue, ComponentKind::KinesisStream, ComponentKind::StepFunctions})
        slots[kindIndex(kind)] = legacy(e);

    ServiceSlot &first = slots[kindIndex(ComponentKind::TrafficSource)];
    first.destroy = [](void *p) { delete static_cast<Engine *>(p); };
    first.setup = [](void *p) { eng(p).setup(); };
    first.finishWiring = [](void *p) { eng(p).finishWiring(); };
    first.start = [](void *p) { eng(p).start(); };
    first.startTraffic = [](void *p) { eng(p).startTraffic(); };
    first.sampleBin = [](void *p) { eng(p).sampleBin(); };

    ServiceSlot &api = slots[kindIndex(ComponentKind::ApiGateway)];
    api.accept = [](void *p, std::uint32_t i, std::uint32_t m) { return eng(p).apiRequest(i, m); };

    ServiceSlot &sns = slots[kindIndex(ComponentKind::SnsTopic)];
    sns.accept = [](void *p, std::uint32_t i, std::uint32_t m) { return eng(p).snsPublish(i, m); };
    sns.deadLetter = [](void *p, std::uint32_t i, bool c) { return eng(p).snsDeadLetter(i, c); };
    sns.isFifo = [](const void *p, std::uint32_t i) {
        return static_cast<const Engine *>(p)->isFifo({ComponentKind::SnsTopic, i});
    };

    ServiceSlot &sqs = slots[kindIndex(ComponentKind::SqsQueue)];
    sqs.accept = [](void *p, std::uint32_t i, std::uint32_t m) { return eng(p).sqsSend(i, m); };
    sqs.deadLetter = [](void *p, std::uint32_t i, bool c) { return eng(p).sqsDeadLetter(i, c); };
    sqs.failureNotice = [](void *p, std::uint32_t i, std::uint32_t n) {
        eng(p).sqsFailureNotice(i, n);
    };
    sqs.isFifo = [](const void *p, std::uint32_t i) {
        return static_cast<const Engine *>(p)->isFifo({ComponentKind::SqsQueue, i});
    };

    slots[kindIndex(ComponentKind::KinesisStream)].accept =
        [](void *p, std::uint32_t i, std::uint32_t m) { return eng(p).kinesisPut(i, m); };
    slots[kindIndex(ComponentKind::StepFunctions)].accept =
        [](void *p, std::uint32_t i, std::uint32_t m) { return eng(p).sfnStart(i, m); };
}

std::size_t Kernel::componentCount(ComponentKind k) const
{
#define SWB_COUNT(Name, value, Settings, field, ...)                                               \
    if (k == ComponentKind::Name)                                                                  \
        return m_sc.field.size();
    SWB_CORE_SERVICES(SWB_COUNT)
#undef SWB_COUNT
    return 0;
}

const MetricDecl *metricDecl(MetricId id)
{
    auto in = [&](const auto &table) {
        return id.index < std::size(table) ? &table[id.index] : nullptr;
    };
    if (id.owner == ComponentKind::None)
        return in(kLedgerMetrics);
#define SWB_DECL(Name, value, Settings, field, MetricEnum, table)                                  \
    if (id.owner == ComponentKind::Name)                                                           \
        return in(table);
    SWB_CORE_SERVICES(SWB_DECL)
#undef SWB_DECL
    return nullptr;
}

} // namespace swb::core
