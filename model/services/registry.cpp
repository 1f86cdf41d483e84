#include "model/services/registry.h"

#include "model/design.h"
#include <QtGlobal>

namespace swb {

// Each service's module (model/services/<service>/), named by the service list.
#define SWB_DECLARE_MODULE(Kind, ns)                                                               \
    namespace ns {                                                                                 \
    const ServiceModule &module();                                                                 \
    }
SWB_SERVICES(SWB_DECLARE_MODULE)
#undef SWB_DECLARE_MODULE

namespace subtitle {

const QString &separator()
{
    static const QString dot = QStringLiteral(" \u00b7 ");
    return dot;
}

QString number(double value)
{
    return QString::number(value, 'g', 6);
}

} // namespace subtitle

const QList<const ServiceModule *> &serviceModules()
{
    // In ComponentKind (= palette) order: the service list (model/services/servicelist.h).
    static const QList<const ServiceModule *> modules = [] {
#define SWB_MODULE_ENTRY(Kind, ns) &ns::module(),
        const QList<const ServiceModule *> list = {SWB_SERVICES(SWB_MODULE_ENTRY)};
#undef SWB_MODULE_ENTRY
        for (int i = 0; i < list.size(); ++i)
            Q_ASSERT(int(list.at(i)->kind) == i);
        return list;
    }();
    return modules;
}

const ServiceModule &serviceModule(ComponentKind kind)
{
    return *serviceModules().at(int(kind));
}

bool isFifo(const Component &c)
{
    const ServiceModule &m = serviceModule(c.kind);
    return m.isFifo && m.isFifo(c);
}

const ServiceModule *serviceModuleById(const QString &id)
{
    for (const ServiceModule *m : serviceModules())
        if (id == QLatin1String(m->id))
            return m;
    return nullptr;
}

} // namespace swb
