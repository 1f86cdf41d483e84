#include "model/designvalidation.h"

#include "model/checkednumbers.h"
#include "model/parametercatalogue.h"

#include <QHash>

#include <cmath>
#include <set>
#include <tuple>

namespace swb {

namespace {

QString quoted(const QString &name)
{
    return QLatin1Char('\'') + name + QLatin1Char('\'');
}

QString keysOf(const QList<ParamSpec> &specs)
{
    QStringList keys;
    for (const ParamSpec &spec : specs)
        keys.append(spec.key);
    return keys.isEmpty() ? QStringLiteral("none") : keys.join(QStringLiteral(", "));
}

// Normalises a parameter map against its specs; where names the owner in messages.
QString normalizeParams(QVariantMap *params, const QList<ParamSpec> &specs, const QString &where)
{
    for (auto it = params->begin(); it != params->end(); ++it) {
        const ParamSpec *spec = nullptr;
        for (const ParamSpec &s : specs) {
            if (s.key == it.key())
                spec = &s;
        }
        if (!spec)
            return QStringLiteral("%1 has no parameter '%2' (parameters: %3)")
                .arg(where, it.key(), keysOf(specs));
        QString why;
        const auto normalized = normalizeValue(*spec, it.value(), &why);
        if (!normalized)
            return QStringLiteral("%1: %2 = %3 %4")
                .arg(where, spec->displayName, it.value().toString(), why);
        it.value() = *normalized;
    }
    for (const ParamSpec &spec : specs) {
        if (!params->contains(spec.key))
            params->insert(spec.key, spec.defaultValue);
    }
    return {};
}

// Ids come from one counter (Design::allocateId), so they are unique across all object types.
class IdChecker
{
public:
    explicit IdChecker(qint64 nextId)
        : m_nextId(nextId)
    {}

    QString check(qint64 key, qint64 id, const QString &what)
    {
        if (key != id)
            return QStringLiteral("%1 is stored under id #%2").arg(what).arg(key);
        if (id <= 0 || id >= m_nextId)
            return QStringLiteral(
                       "%1: id must be between 1 and %2 (the design's next free id is %3)")
                .arg(what)
                .arg(m_nextId - 1)
                .arg(m_nextId);
        const QString previous = m_owners.value(id);
        if (!previous.isEmpty())
            return QStringLiteral("%1 has the same id as %2").arg(what, previous);
        m_owners.insert(id, what);
        return {};
    }

private:
    qint64 m_nextId;
    QHash<qint64, QString> m_owners;
};

QString checkComponents(Design *design, IdChecker *ids)
{
    QHash<QString, ComponentId> names;
    for (auto it = design->components.begin(); it != design->components.end(); ++it) {
        Component &c = it.value();
        const QString what = QStringLiteral("block #%1 %2 (%3)")
                                 .arg(c.id)
                                 .arg(quoted(c.name), componentKindName(c.kind));
        if (QString why = ids->check(it.key(), c.id, what); !why.isEmpty())
            return why;
        if (c.name.trimmed().isEmpty())
            return QStringLiteral("%1: the name cannot be empty").arg(what);
        if (c.name != c.name.trimmed())
            return QStringLiteral("%1: the name has leading or trailing spaces").arg(what);
        if (names.contains(c.name))
            return QStringLiteral("blocks #%1 and #%2 are both called %3; names must be unique")
                .arg(names.value(c.name))
                .arg(c.id)
                .arg(quoted(c.name));
        names.insert(c.name, c.id);
        // Coordinates in range before anything draws or exports them: 1e308 once reached
        // QSizeF::toSize() in the SVG export and a signed overflow in the PNG export.
        QString why;
        if (!checked::coordinate(c.position.x(), what + QStringLiteral(": x"), &why)
            || !checked::coordinate(c.position.y(), what + QStringLiteral(": y"), &why))
            return why;
        const QString where =
            QStringLiteral("%1 %2").arg(componentKindName(c.kind), quoted(c.name));
        if (QString why = normalizeParams(&c.params, catalogue::componentParams(c.kind), where);
            !why.isEmpty())
            return why;
    }
    return {};
}

QString checkConnections(Design *design, IdChecker *ids)
{
    std::set<std::tuple<ComponentId, ComponentId, int>> seen;
    for (auto it = design->connections.begin(); it != design->connections.end(); ++it) {
        Connection &w = it.value();
        const QString what =
            QStringLiteral("wire #%1 (%2)").arg(w.id).arg(connectionKindName(w.kind));
        if (QString why = ids->check(it.key(), w.id, what); !why.isEmpty())
            return why;
        const Component *src = design->component(w.source);
        const Component *dst = design->component(w.target);
        if (!src)
            return QStringLiteral("%1: its source block #%2 does not exist")
                .arg(what)
                .arg(w.source);
        if (!dst)
            return QStringLiteral("%1: its target block #%2 does not exist")
                .arg(what)
                .arg(w.target);
        const QString where =
            QStringLiteral("Wire #%1 %2 -> %3 (%4)")
                .arg(w.id)
                .arg(quoted(src->name), quoted(dst->name), connectionKindName(w.kind));
        if (w.source == w.target)
            return QStringLiteral("%1: a block cannot be wired to itself").arg(where);
        const auto triple = std::make_tuple(w.source, w.target, int(w.kind));
        if (seen.count(triple))
            return QStringLiteral("%1: the blocks are already connected by this kind of wire")
                .arg(where);
        seen.insert(triple);
        if (QString why =
                normalizeParams(&w.params, catalogue::connectionParams(w.kind, src->kind), where);
            !why.isEmpty())
            return why;
    }
    return {};
}

QString checkFaults(const Design &design, IdChecker *ids)
{
    for (auto it = design.faults.cbegin(); it != design.faults.cend(); ++it) {
        const QString what =
            QStringLiteral("fault #%1 (%2)").arg(it->id).arg(faultKindName(it->kind));
        if (QString why = ids->check(it.key(), it->id, what); !why.isEmpty())
            return why;
        if (QString why = validateFault(*it, design); !why.isEmpty())
            return QStringLiteral("fault #%1: %2").arg(it->id).arg(why);
    }
    return {};
}

} // namespace

QString normalizeDesign(Design *design)
{
    if (design->nextId < 1 || design->nextId > checked::kMaxWhole)
        return QStringLiteral("the next free id is %1; it must be from 1 to %2")
            .arg(design->nextId)
            .arg(checked::kMaxWhole);
    if (QString why = normalizeParams(&design->settings, catalogue::projectParams(),
                                      QStringLiteral("Project"));
        !why.isEmpty())
        return why;
    IdChecker ids(design->nextId);
    if (QString why = checkComponents(design, &ids); !why.isEmpty())
        return why;
    if (QString why = checkConnections(design, &ids); !why.isEmpty())
        return why;
    return checkFaults(*design, &ids);
}

QString validateDesign(const Design &design)
{
    Design copy = design;
    return normalizeDesign(&copy);
}

} // namespace swb
