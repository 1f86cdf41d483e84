#include "model/designedit.h"

#include "model/document.h"

namespace swb {

DesignEdit::DesignEdit(Document *document, const QString &text, MergeId mergeId, int mergeKey)
    : QUndoCommand(text)
    , m_document(document)
    , m_mergeId(mergeId)
    , m_mergeKey(mergeKey)
{
}

bool DesignEdit::isEmpty() const
{
    auto unchanged = [](const auto &map) {
        for (const auto &change : map) {
            if (change.before != change.after)
                return false;
        }
        return true;
    };
    return unchanged(components) && unchanged(connections) && unchanged(faults)
           && (!project || project->before == project->after);
}

void DesignEdit::redo()
{
    apply(true);
}

void DesignEdit::undo()
{
    apply(false);
}

bool DesignEdit::mergeWith(const QUndoCommand *other)
{
    const auto *edit = static_cast<const DesignEdit *>(other);
    if (m_mergeId == MergeId::None || edit->m_mergeId != m_mergeId || edit->m_mergeKey != m_mergeKey
        || edit->components.keys() != components.keys() || !edit->connections.isEmpty()
        || !connections.isEmpty())
        return false;
    for (auto it = components.begin(); it != components.end(); ++it)
        it->after = edit->components.value(it.key()).after;
    return true;
}

void DesignEdit::apply(bool forward)
{
    Design &design = m_document->m_design;
    auto target = [forward](const auto &change) { return forward ? change.after : change.before; };
    auto source = [forward](const auto &change) { return forward ? change.before : change.after; };

    // Wires go first when they disappear and last when they appear, so a view never sees a wire
    // whose blocks are missing.
    for (auto it = connections.cbegin(); it != connections.cend(); ++it) {
        if (!target(*it) && source(*it)) {
            design.connections.remove(it.key());
            Q_EMIT m_document->connectionRemoved(it.key());
        }
    }
    bool faultsTouched = false;
    for (auto it = faults.cbegin(); it != faults.cend(); ++it) {
        if (target(*it))
            design.faults.insert(it.key(), *target(*it));
        else
            design.faults.remove(it.key());
        faultsTouched = true;
    }
    for (auto it = components.cbegin(); it != components.cend(); ++it) {
        const auto next = target(*it);
        const auto previous = source(*it);
        if (next) {
            design.components.insert(it.key(), *next);
            if (previous)
                Q_EMIT m_document->componentChanged(it.key());
            else
                Q_EMIT m_document->componentAdded(it.key());
        } else if (previous) {
            design.components.remove(it.key());
            Q_EMIT m_document->componentRemoved(it.key());
        }
    }
    for (auto it = connections.cbegin(); it != connections.cend(); ++it) {
        const auto next = target(*it);
        if (!next)
            continue;
        const bool existed = design.connections.contains(it.key());
        design.connections.insert(it.key(), *next);
        if (existed)
            Q_EMIT m_document->connectionChanged(it.key());
        else
            Q_EMIT m_document->connectionAdded(it.key());
    }
    if (project) {
        const auto state = target(*project);
        if (state) {
            design.name = state->name;
            design.settings = state->settings;
        }
        Q_EMIT m_document->projectChanged();
    }
    if (faultsTouched)
        Q_EMIT m_document->faultsChanged();
}

} // namespace swb
