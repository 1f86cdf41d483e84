#include "sim/services/simservice.h"

#include <QList>
#include <QtGlobal>

namespace swb {

// Each service's simulation module (sim/services/<service>/).
namespace traffic {
const SimService &simService();
}
namespace apigw {
const SimService &simService();
}
namespace sns {
const SimService &simService();
}
namespace sqs {
const SimService &simService();
}
namespace kinesis {
const SimService &simService();
}
namespace sfn {
const SimService &simService();
}
namespace lambda {
const SimService &simService();
}
namespace downstream {
const SimService &simService();
}

namespace {

const QList<const SimService *> &services()
{
    // In ComponentKind order; a new service adds its line (and its declaration above).
    static const QList<const SimService *> list = [] {
        const QList<const SimService *> l = {
            &traffic::simService(), &apigw::simService(),      &sns::simService(),
            &sqs::simService(),     &kinesis::simService(),    &sfn::simService(),
            &lambda::simService(),  &downstream::simService(),
        };
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
