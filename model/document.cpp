#include "model/document.h"

#include "model/checkednumbers.h"
#include "model/designedit.h"
#include "model/parametercatalogue.h"
#include "model/wiringrules.h"
#include "model/wording.h"

namespace swb {

namespace {

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

QString quoted(const QString &name)
{
    return QLatin1Char('\'') + name + QLatin1Char('\'');
}

} // namespace

Document::Document(QObject *parent)
    : QObject(parent)
{
    connect(&m_undoStack, &QUndoStack::cleanChanged, this,
            [this](bool clean) { Q_EMIT modifiedChanged(!clean); });
}

Document::~Document()
{
    // Commands reference this document; clear them before members go.
    m_undoStack.clear();
}

void Document::setFilePath(const QString &path)
{
    if (path == m_filePath)
        return;
    m_filePath = path;
    Q_EMIT filePathChanged(path);
}

void Document::replaceDesign(const Design &design)
{
    m_undoStack.clear();
    m_design = design;
    Q_EMIT designReset();
    Q_EMIT modifiedChanged(false);
}

void Document::push(DesignEdit *edit)
{
    if (edit->isEmpty()) {
        delete edit;
        return;
    }
    m_undoStack.push(edit);
}

ComponentId Document::addComponent(ComponentKind kind, QPointF position, const QString &name)
{
    Component component = m_design.makeComponent(kind, name, checked::clampPoint(position));
    auto *edit =
        new DesignEdit(this, tr("Add %1 %2").arg(componentKindName(kind), quoted(component.name)));
    edit->components.insert(component.id, {std::nullopt, component});
    push(edit);
    return component.id;
}

void Document::removeItems(const QList<ComponentId> &components,
                           const QList<ConnectionId> &connections)
{
    auto *edit = new DesignEdit(this, QString());
    for (ComponentId id : components) {
        const Component *c = m_design.component(id);
        if (!c)
            continue;
        edit->components.insert(id, {*c, std::nullopt});
        for (ConnectionId wire : m_design.connectionsOf(id))
            edit->connections.insert(wire, {*m_design.connection(wire), std::nullopt});
    }
    for (ConnectionId id : connections) {
        if (const Connection *c = m_design.connection(id))
            edit->connections.insert(id, {*c, std::nullopt});
    }
    // A fault goes with its target, a block or a wire (an Outage on an SNS subscription).
    for (const Fault &fault : m_design.faults) {
        if (edit->components.contains(fault.target) || edit->connections.contains(fault.target))
            edit->faults.insert(fault.id, {fault, std::nullopt});
    }
    const qsizetype blocks = edit->components.size();
    const qsizetype wires = edit->connections.size();
    if (blocks == 1 && wires <= m_design.connectionsOf(edit->components.firstKey()).size())
        edit->setText(tr("Delete %1").arg(quoted(edit->components.first().before->name)));
    else if (blocks == 0 && wires == 1)
        edit->setText(tr("Delete wire"));
    else
        edit->setText(tr("Delete %1").arg(counted(blocks, tr("block")))
                      + (wires ? tr(" and %1").arg(counted(wires, tr("wire"))) : QString()));
    push(edit);
}

void Document::moveComponents(const QHash<ComponentId, QPointF> &positions, int dragId,
                              const QString &text)
{
    QString label = text;
    if (label.isEmpty()) {
        label = positions.size() == 1 && m_design.component(positions.begin().key())
                    ? tr("Move %1").arg(quoted(m_design.component(positions.begin().key())->name))
                    : tr("Move %1").arg(counted(positions.size(), tr("block")));
    }
    auto *edit = new DesignEdit(this, label, dragId > 0 ? MergeId::Move : MergeId::None, dragId);
    for (auto it = positions.cbegin(); it != positions.cend(); ++it) {
        const Component *c = m_design.component(it.key());
        if (!c)
            continue;
        Component moved = *c;
        // Kept inside the canvas every format can store (checkednumbers.h): a block dragged
        // beyond it stops at the edge instead of making the design unsavable.
        moved.position = checked::clampPoint(it.value());
        edit->components.insert(it.key(), {*c, moved});
    }
    push(edit);
}

bool Document::renameComponent(ComponentId id, const QString &name, QString *error)
{
    const Component *c = m_design.component(id);
    if (!c) {
        setError(error, tr("No block with id %1").arg(id));
        return false;
    }
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        setError(error, tr("Rename %1: the name cannot be empty").arg(quoted(c->name)));
        return false;
    }
    const Component *other = m_design.componentByName(trimmed);
    if (other && other->id != id) {
        setError(error, tr("Rename %1: another block is already called %2")
                            .arg(quoted(c->name), quoted(trimmed)));
        return false;
    }
    Component renamed = *c;
    renamed.name = trimmed;
    auto *edit = new DesignEdit(this, tr("Rename %1 to %2").arg(quoted(c->name), quoted(trimmed)));
    edit->components.insert(id, {*c, renamed});
    push(edit);
    return true;
}

std::optional<QVariant> Document::validateComponentParam(const Component &component,
                                                         const QString &key, const QVariant &value,
                                                         QString *error)
{
    const ParamSpec *spec = catalogue::findComponentParam(component.kind, key);
    if (!spec) {
        QStringList keys;
        for (const ParamSpec &s : catalogue::componentParams(component.kind))
            keys.append(s.key);
        setError(error, QObject::tr("%1 %2 has no parameter '%3' (parameters: %4)")
                            .arg(componentKindName(component.kind), quoted(component.name), key,
                                 keys.join(QStringLiteral(", "))));
        return std::nullopt;
    }
    QString why;
    auto normalized = normalizeValue(*spec, value, &why);
    if (!normalized)
        setError(error, QObject::tr("%1 %2: %3 = %4 %5")
                            .arg(componentKindName(component.kind), quoted(component.name),
                                 spec->displayName, value.toString(), why));
    return normalized;
}

bool Document::setComponentParam(ComponentId id, const QString &key, const QVariant &value,
                                 QString *error)
{
    const Component *c = m_design.component(id);
    if (!c) {
        setError(error, tr("No block with id %1").arg(id));
        return false;
    }
    auto normalized = validateComponentParam(*c, key, value, error);
    if (!normalized)
        return false;
    const ParamSpec *spec = catalogue::findComponentParam(c->kind, key);
    Component changed = *c;
    changed.params.insert(key, *normalized);
    auto *edit = new DesignEdit(
        this, tr("Set %1 of %2 to %3")
                  .arg(spec->displayName, quoted(c->name), formatValue(*spec, *normalized)));
    edit->components.insert(id, {*c, changed});
    push(edit);
    return true;
}

ConnectionId Document::connectComponents(ComponentId source, ComponentId target,
                                         ConnectionKind kind, QString *error)
{
    const WiringVerdict verdict = checkWire(m_design, source, target, kind);
    if (!verdict.allowed) {
        setError(error, verdict.reason);
        return InvalidId;
    }
    const Component *src = m_design.component(source);
    const Component *dst = m_design.component(target);
    Connection wire;
    wire.id = m_design.allocateId();
    wire.source = source;
    wire.target = target;
    wire.kind = kind;
    wire.params = catalogue::defaultConnectionParams(kind, src->kind);
    if (kind == ConnectionKind::ServiceIntegration && src->kind == ComponentKind::StepFunctions) {
        // A new Task state goes to the end of the chain.
        qlonglong order = 0;
        for (const Connection *c : m_design.outgoing(source)) {
            if (c->kind == ConnectionKind::ServiceIntegration)
                order = std::max(order, c->params.value(QStringLiteral("order")).toLongLong());
        }
        wire.params.insert(QStringLiteral("order"), order + 1);
    }
    auto *edit = new DesignEdit(
        this, tr("Connect %1 to %2 (%3)")
                  .arg(quoted(src->name), quoted(dst->name), connectionKindName(kind)));
    edit->connections.insert(wire.id, {std::nullopt, wire});
    push(edit);
    return wire.id;
}

bool Document::setConnectionParam(ConnectionId id, const QString &key, const QVariant &value,
                                  QString *error)
{
    const Connection *c = m_design.connection(id);
    if (!c) {
        setError(error, tr("No wire with id %1").arg(id));
        return false;
    }
    const Component *src = m_design.component(c->source);
    const Component *dst = m_design.component(c->target);
    const QString where =
        tr("Wire %1 -> %2 (%3)")
            .arg(quoted(src->name), quoted(dst->name), connectionKindName(c->kind));
    const ParamSpec *spec = catalogue::findConnectionParam(c->kind, src->kind, key);
    if (!spec) {
        setError(error, tr("%1 has no parameter '%2'").arg(where, key));
        return false;
    }
    QString why;
    auto normalized = normalizeValue(*spec, value, &why);
    if (!normalized) {
        setError(error, tr("%1: %2 = %3 %4").arg(where, spec->displayName, value.toString(), why));
        return false;
    }
    Connection changed = *c;
    changed.params.insert(key, *normalized);
    auto *edit = new DesignEdit(this, tr("Set %1 of %2 -> %3 to %4")
                                          .arg(spec->displayName, quoted(src->name),
                                               quoted(dst->name), formatValue(*spec, *normalized)));
    edit->connections.insert(id, {*c, changed});
    push(edit);
    return true;
}

bool Document::setProjectParam(const QString &key, const QVariant &value, QString *error)
{
    const ParamSpec *spec = catalogue::findProjectParam(key);
    if (!spec) {
        setError(error, tr("The project has no setting '%1'").arg(key));
        return false;
    }
    QString why;
    auto normalized = normalizeValue(*spec, value, &why);
    if (!normalized) {
        setError(error, tr("Project: %1 = %2 %3").arg(spec->displayName, value.toString(), why));
        return false;
    }
    DesignEdit::ProjectState before{m_design.name, m_design.settings};
    DesignEdit::ProjectState after = before;
    after.settings.insert(key, *normalized);
    auto *edit = new DesignEdit(
        this, tr("Set %1 to %2").arg(spec->displayName, formatValue(*spec, *normalized)));
    edit->project = DesignEdit::Change<DesignEdit::ProjectState>{before, after};
    push(edit);
    return true;
}

bool Document::setProjectName(const QString &name, QString *error)
{
    if (name.trimmed().isEmpty()) {
        setError(error, tr("The project name cannot be empty"));
        return false;
    }
    DesignEdit::ProjectState before{m_design.name, m_design.settings};
    DesignEdit::ProjectState after{name.trimmed(), m_design.settings};
    auto *edit = new DesignEdit(this, tr("Rename project to %1").arg(quoted(name.trimmed())));
    edit->project = DesignEdit::Change<DesignEdit::ProjectState>{before, after};
    push(edit);
    return true;
}

FaultId Document::addFault(const Fault &fault, QString *error)
{
    Fault added = fault;
    const QString why = validateFault(added, m_design);
    if (!why.isEmpty()) {
        setError(error, why);
        return InvalidId;
    }
    added.id = m_design.allocateId();
    auto *edit = new DesignEdit(this, tr("Add %1 on %2")
                                          .arg(faultKindName(added.kind).toLower(),
                                               quoted(faultTargetName(added, m_design))));
    edit->faults.insert(added.id, {std::nullopt, added});
    push(edit);
    return added.id;
}

bool Document::updateFault(const Fault &fault, QString *error)
{
    auto it = m_design.faults.constFind(fault.id);
    if (it == m_design.faults.cend()) {
        setError(error, tr("No fault with id %1").arg(fault.id));
        return false;
    }
    const QString why = validateFault(fault, m_design);
    if (!why.isEmpty()) {
        setError(error, why);
        return false;
    }
    auto *edit = new DesignEdit(this, tr("Edit %1").arg(faultKindName(fault.kind).toLower()));
    edit->faults.insert(fault.id, {*it, fault});
    push(edit);
    return true;
}

void Document::removeFault(FaultId id)
{
    auto it = m_design.faults.constFind(id);
    if (it == m_design.faults.cend())
        return;
    auto *edit = new DesignEdit(this, tr("Remove %1").arg(faultKindName(it->kind).toLower()));
    edit->faults.insert(id, {*it, std::nullopt});
    push(edit);
}

QList<ComponentId> Document::insertFragment(const Design &fragment, QPointF offset,
                                            const QString &text)
{
    auto *edit = new DesignEdit(
        this, text.isEmpty() ? tr("Paste %1").arg(counted(fragment.components.size(), tr("block")))
                             : text);
    QHash<ComponentId, ComponentId> idMap;
    QList<ComponentId> added;
    QStringList takenNames;
    for (const Component &source : fragment.components) {
        Component copy = source;
        copy.id = m_design.allocateId();
        QString name = m_design.uniqueName(source.name);
        for (int n = 2; takenNames.contains(name); ++n)
            name = m_design.uniqueName(source.name + QLatin1Char(' ') + QString::number(n));
        takenNames.append(name);
        copy.name = name;
        copy.position = checked::clampPoint(copy.position + offset);
        idMap.insert(source.id, copy.id);
        added.append(copy.id);
        edit->components.insert(copy.id, {std::nullopt, copy});
    }
    for (const Connection &source : fragment.connections) {
        if (!idMap.contains(source.source) || !idMap.contains(source.target))
            continue;
        Connection copy = source;
        copy.id = m_design.allocateId();
        copy.source = idMap.value(source.source);
        copy.target = idMap.value(source.target);
        idMap.insert(source.id, copy.id); // a fault may target the wire (an SNS subscription)
        edit->connections.insert(copy.id, {std::nullopt, copy});
    }
    for (const Fault &source : fragment.faults) {
        if (!idMap.contains(source.target))
            continue;
        Fault copy = source;
        copy.id = m_design.allocateId();
        copy.target = idMap.value(source.target);
        edit->faults.insert(copy.id, {std::nullopt, copy});
    }
    push(edit);
    return added;
}

} // namespace swb
