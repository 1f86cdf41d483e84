#pragma once

#include "model/design.h"

#include <QHash>
#include <QObject>
#include <QUndoStack>

namespace swb {

class DesignEdit;

// The edited design plus its undo stack. Every change goes through an undo command (DesignEdit);
// nothing mutates the design otherwise, except replaceDesign() which loads a new one and clears
// the history. Views listen to the typed signals and read the design back.
class Document : public QObject
{
    Q_OBJECT

public:
    explicit Document(QObject *parent = nullptr);
    ~Document() override;

    const Design &design() const { return m_design; }
    QUndoStack *undoStack() { return &m_undoStack; }

    QString filePath() const { return m_filePath; }
    void setFilePath(const QString &path);
    bool isModified() const { return !m_undoStack.isClean(); }
    void markSaved() { m_undoStack.setClean(); }

    // Loads a new design (file open, import, new from pattern): clears the undo history.
    void replaceDesign(const Design &design);

    // --- Edits; each pushes one undo command. On refusal nothing changes, the function returns
    // an invalid id / false and, through error, the message the user sees (what, where, allowed).
    ComponentId addComponent(ComponentKind kind, QPointF position, const QString &name = {});
    // Removes the blocks (with their wires and faults) and the wires, as one command.
    void removeItems(const QList<ComponentId> &components,
                     const QList<ConnectionId> &connections = {});
    // dragId > 0 merges successive moves of one drag into one undo step.
    void moveComponents(const QHash<ComponentId, QPointF> &positions, int dragId = 0,
                        const QString &text = {});
    bool renameComponent(ComponentId id, const QString &name, QString *error = nullptr);
    bool setComponentParam(ComponentId id, const QString &key, const QVariant &value,
                           QString *error = nullptr);
    // The same parameter on several blocks of one kind as one undo step ("Set Timeout of 3
    // Lambda functions to 30 s"); blocks that already hold the value are left out of it.
    // Refused when the blocks differ in kind or the value is invalid for it (documentmulti.cpp).
    bool setComponentsParam(const QList<ComponentId> &ids, const QString &key,
                            const QVariant &value, QString *error = nullptr);
    ConnectionId connectComponents(ComponentId source, ComponentId target, ConnectionKind kind,
                                   QString *error = nullptr);
    bool setConnectionParam(ConnectionId id, const QString &key, const QVariant &value,
                            QString *error = nullptr);
    bool setProjectParam(const QString &key, const QVariant &value, QString *error = nullptr);
    bool setProjectName(const QString &name, QString *error = nullptr);
    FaultId addFault(const Fault &fault, QString *error = nullptr);
    bool updateFault(const Fault &fault, QString *error = nullptr);
    void removeFault(FaultId id);
    // Pastes a fragment (copy/paste, duplicate): new ids, unique names, positions offset; wires
    // whose ends are not both in the fragment are dropped. Returns the new component ids.
    QList<ComponentId> insertFragment(const Design &fragment, QPointF offset,
                                      const QString &text = {});

    // Validation shared by the edits and by scripted edits (swb set): the message names the
    // component, the parameter, the value and the allowed range.
    static std::optional<QVariant> validateComponentParam(const Component &component,
                                                          const QString &key,
                                                          const QVariant &value, QString *error);

Q_SIGNALS:
    void componentAdded(swb::ComponentId id);
    void componentRemoved(swb::ComponentId id);
    void componentChanged(swb::ComponentId id);
    void connectionAdded(swb::ConnectionId id);
    void connectionRemoved(swb::ConnectionId id);
    void connectionChanged(swb::ConnectionId id);
    void faultsChanged();
    void projectChanged();
    void designReset();
    void modifiedChanged(bool modified);
    void filePathChanged(const QString &path);

private:
    friend class DesignEdit;
    void push(DesignEdit *edit);

    Design m_design;
    QUndoStack m_undoStack;
    QString m_filePath;
};

} // namespace swb
