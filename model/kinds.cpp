#include "model/kinds.h"

#include "model/services/registry.h"

namespace swb {

namespace {

struct ConnectionKindInfo {
    ConnectionKind kind;
    const char *id;
    const char *name;
};

constexpr ConnectionKindInfo kConnectionKinds[] = {
    {ConnectionKind::Traffic, "traffic", "traffic"},
    {ConnectionKind::SyncInvoke, "sync-invoke", "sync invoke"},
    {ConnectionKind::AsyncInvoke, "async-invoke", "async invoke"},
    {ConnectionKind::EventSourceMapping, "event-source-mapping", "event source mapping"},
    {ConnectionKind::Subscription, "subscription", "subscription"},
    {ConnectionKind::ServiceIntegration, "service-integration", "service integration"},
    {ConnectionKind::OnFailure, "on-failure", "on-failure destination / DLQ"},
    {ConnectionKind::Redrive, "redrive", "redrive to DLQ"},
};

} // namespace

const QList<ComponentKind> &allComponentKinds()
{
    static const QList<ComponentKind> kinds = [] {
        QList<ComponentKind> list;
        for (const ServiceModule *m : serviceModules())
            list.append(m->kind);
        return list;
    }();
    return kinds;
}

const QList<ConnectionKind> &allConnectionKinds()
{
    static const QList<ConnectionKind> kinds = [] {
        QList<ConnectionKind> list;
        for (const auto &info : kConnectionKinds)
            list.append(info.kind);
        return list;
    }();
    return kinds;
}

QString componentKindId(ComponentKind kind)
{
    return QLatin1String(serviceModule(kind).id);
}

QString connectionKindId(ConnectionKind kind)
{
    return QLatin1String(kConnectionKinds[static_cast<int>(kind)].id);
}

QString componentKindName(ComponentKind kind)
{
    return QLatin1String(serviceModule(kind).name);
}

QString connectionKindName(ConnectionKind kind)
{
    return QLatin1String(kConnectionKinds[static_cast<int>(kind)].name);
}

bool componentKindFromId(const QString &id, ComponentKind *kind)
{
    const ServiceModule *m = serviceModuleById(id);
    if (m)
        *kind = m->kind;
    return m != nullptr;
}

bool connectionKindFromId(const QString &id, ConnectionKind *kind)
{
    for (const auto &info : kConnectionKinds) {
        if (id == QLatin1String(info.id)) {
            *kind = info.kind;
            return true;
        }
    }
    return false;
}

} // namespace swb
