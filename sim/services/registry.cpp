#include "sim/services/simservice.h"

#include <QList>
#include <QtGlobal>

namespace swb {

// Each service's simulation module (sim/services/<service>/), named by the service list
// (model/services/servicelist.h).
#define SWB_DECLARE_SIM_SERVICE(Kind, ns)                                                          \
    namespace ns {                                                                                 \
    const SimService &simService();                                                                \
    }
SWB_SERVICES(SWB_DECLARE_SIM_SERVICE)
#undef SWB_DECLARE_SIM_SERVICE

namespace {

const QList<const SimService *> &services()
{
    // In ComponentKind order: the service list.
    static const QList<const SimService *> list = [] {
#define SWB_SIM_SERVICE_ENTRY(Kind, ns) &ns::simService(),
        const QList<const SimService *> l = {SWB_SERVICES(SWB_SIM_SERVICE_ENTRY)};
#undef SWB_SIM_SERVICE_ENTRY
        for (int i = 0; i < l.size(); ++i)
            Q_ASSERT(int(l.at(i)->kind) == i);
        return l;
    }();
    return list;
}

} // namespace

const SimService &simService(ComponentKind kind)
{
    return *services().at(int(kind));
}

const SimService *simServiceOf(core::ComponentKind kind)
{
    for (const SimService *s : services())
        if (s->coreKind == kind)
            return s;
    return nullptr;
}

} // namespace swb
