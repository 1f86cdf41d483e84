// Document: one parameter set on several blocks of one kind at once (the inspector's
// multi-selection), as a single undo step.
#include "model/document.h"

#include "model/designedit.h"
#include "model/parametercatalogue.h"
#include "model/wording.h"

namespace swb {

namespace {

// "Lambda functions", "Downstream dependencies": the kind's name for several blocks.
QString pluralKindName(ComponentKind kind)
{
    const QString name = componentKindName(kind);
    if (name.endsWith(QLatin1Char('y')))
        return name.chopped(1) + QStringLiteral("ies");
    return name + QLatin1Char('s');
}

} // namespace

bool Document::setComponentsParam(const QList<ComponentId> &ids, const QString &key,
                                  const QVariant &value, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    QList<const Component *> blocks;
    for (ComponentId id : ids) {
        const Component *c = m_design.component(id);
        if (!c)
            return fail(tr("No block with id %1").arg(id));
        if (!blocks.isEmpty() && c->kind != blocks.first()->kind)
            return fail(tr("'%1' (%2) and '%3' (%4) are of different kinds and share no "
                           "parameter; select blocks of one kind")
                            .arg(blocks.first()->name, componentKindName(blocks.first()->kind),
                                 c->name, componentKindName(c->kind)));
        if (!blocks.contains(c))
            blocks.append(c);
    }
    if (blocks.isEmpty())
        return fail(tr("No block to change"));
    if (blocks.size() == 1)
        return setComponentParam(blocks.first()->id, key, value, error);
    // Same kind, same spec: one check stands for all of them.
    const ComponentKind kind = blocks.first()->kind;
    const QString where = counted(blocks.size(), componentKindName(kind), pluralKindName(kind));
    const ParamSpec *spec = catalogue::findComponentParam(kind, key);
    if (!spec)
        return fail(tr("%1 have no parameter '%2'").arg(where, key));
    QString why;
    const auto normalized = normalizeValue(*spec, value, &why);
    if (!normalized)
        return fail(tr("%1: %2 = %3 %4").arg(where, spec->displayName, value.toString(), why));
    auto *edit = new DesignEdit(
        this,
        tr("Set %1 of %2 to %3").arg(spec->displayName, where, formatValue(*spec, *normalized)));
    for (const Component *c : std::as_const(blocks)) {
        if (c->params.value(key) == *normalized)
            continue; // already so: the step changes only the others
        Component changed = *c;
        changed.params.insert(key, *normalized);
        edit->components.insert(c->id, {*c, changed});
    }
    push(edit); // nothing to change: no step
    return true;
}

} // namespace swb
