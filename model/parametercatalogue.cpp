#include "model/parametercatalogue.h"

#include "model/services/account/account.h"
#include "model/services/registry.h"

#include <QHash>

// Every default and range is AWS's, from resources/help/aws-behaviour.md, declared by each
// service module (model/services/<service>/) and the account settings
// (model/services/account/). Values AWS does not document (idle expiry of environments,
// cold-start length) are marked as assumptions in their help text.

namespace swb::catalogue {

const QList<ParamSpec> &componentParams(ComponentKind kind)
{
    static const QList<QList<ParamSpec>> table = [] {
        QList<QList<ParamSpec>> lists;
        for (const ServiceModule *m : serviceModules())
            lists.append(m->params());
        return lists;
    }();
    return table.at(int(kind));
}

const QList<ParamSpec> &connectionParams(ConnectionKind kind, ComponentKind sourceKind)
{
    // A wire's knobs are declared by the service it leaves (an event source mapping's by the
    // queue or stream it reads, a Task's by its state machine).
    static const QHash<int, QList<ParamSpec>> table = [] {
        QHash<int, QList<ParamSpec>> lists;
        for (const ServiceModule *m : serviceModules())
            for (ConnectionKind c : allConnectionKinds())
                lists.insert(int(m->kind) * 64 + int(c), m->wireParams(c));
        return lists;
    }();
    return *table.find(int(sourceKind) * 64 + int(kind));
}

const QList<ParamSpec> &projectParams()
{
    static const QList<ParamSpec> specs = account::specs();
    return specs;
}

namespace {

const ParamSpec *findIn(const QList<ParamSpec> &specs, const QString &key)
{
    for (const ParamSpec &spec : specs) {
        if (spec.key == key)
            return &spec;
    }
    return nullptr;
}

QVariantMap defaultsOf(const QList<ParamSpec> &specs)
{
    QVariantMap values;
    for (const ParamSpec &spec : specs)
        values.insert(spec.key, spec.defaultValue);
    return values;
}

} // namespace

const ParamSpec *findComponentParam(ComponentKind kind, const QString &key)
{
    return findIn(componentParams(kind), key);
}

const ParamSpec *findConnectionParam(ConnectionKind kind, ComponentKind sourceKind,
                                     const QString &key)
{
    return findIn(connectionParams(kind, sourceKind), key);
}

const ParamSpec *findProjectParam(const QString &key)
{
    return findIn(projectParams(), key);
}

QVariantMap defaultComponentParams(ComponentKind kind)
{
    return defaultsOf(componentParams(kind));
}

QVariantMap defaultConnectionParams(ConnectionKind kind, ComponentKind sourceKind)
{
    return defaultsOf(connectionParams(kind, sourceKind));
}

QVariantMap defaultProjectParams()
{
    return defaultsOf(projectParams());
}

} // namespace swb::catalogue
