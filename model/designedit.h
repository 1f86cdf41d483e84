#pragma once

#include "model/design.h"

#include <QUndoCommand>

#include <optional>

namespace swb {

class Document;

// Merge ids for QUndoCommand::id(), in one place so no two commands collide.
enum class MergeId : int { None = -1, Move = 1 };

// The one undo command behind every edit: it replaces a set of objects (components, connections,
// faults, project settings) with new versions. "Before" absent = the edit adds the object; "after"
// absent = it removes it. Redo applies the afters, undo the befores, and the Document emits the
// matching typed signals.
class DesignEdit : public QUndoCommand
{
public:
    template<typename T>
    struct Change {
        std::optional<T> before;
        std::optional<T> after;
    };
    struct ProjectState {
        QString name;
        QVariantMap settings;
        bool operator==(const ProjectState &) const = default;
    };

    DesignEdit(Document *document, const QString &text, MergeId mergeId = MergeId::None,
               int mergeKey = 0);

    QMap<ComponentId, Change<Component>> components;
    QMap<ConnectionId, Change<Connection>> connections;
    QMap<FaultId, Change<Fault>> faults;
    std::optional<Change<ProjectState>> project;

    bool isEmpty() const;

    void redo() override;
    void undo() override;
    int id() const override { return int(m_mergeId); }
    bool mergeWith(const QUndoCommand *other) override;

private:
    void apply(bool forward);

    Document *m_document;
    MergeId m_mergeId;
    int m_mergeKey; // e.g. the drag number: moves merge only within one drag
};

} // namespace swb
