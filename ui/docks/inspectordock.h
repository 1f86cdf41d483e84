#pragma once

#include "model/ids.h"
#include "model/parameter.h"

#include <QDockWidget>
#include <QList>

class QFormLayout;
class QLabel;
class QLineEdit;
class QScrollArea;

namespace swb {

class Document;
class ParameterEditor;

// Shows and edits the selected block, the selected wire, or the project settings when nothing is
// selected. Editors are generated from the parameter catalogue; every change goes through the
// Document's undoable setters, and the editors re-read the model on its change signals (so undo
// and edits made elsewhere show at once). Several selected blocks of one kind are edited
// together: a field shows their common value (or "mixed values") and a change applies to all of
// them as one undo step. A setting shows only while it applies (ParamSpec::appliesTo).
class InspectorDock : public QDockWidget
{
    Q_OBJECT

public:
    enum class Mode { Project, Component, Connection, Multiple };

    explicit InspectorDock(Document *document, QWidget *parent = nullptr);

    void setSelection(const QList<ComponentId> &components, const QList<ConnectionId> &connections);

    Mode mode() const { return m_mode; }
    qint64 currentId() const { return m_id; }
    // Mode::Multiple: the selected blocks when they are all of one kind (editable together),
    // empty otherwise.
    QList<ComponentId> editedComponents() const { return m_ids; }
    ParameterEditor *editor(const QString &key) const;
    QList<ParameterEditor *> editors() const { return m_editors; }
    // The name field (block or project name); null for wires and multiple selections.
    QLineEdit *nameEdit() const { return m_nameEdit; }
    QString nameError() const;
    // Step Functions: the targets of its Task states, in chain order (empty otherwise).
    QStringList taskChain() const;

private:
    void rebuild();
    void refreshValues();
    void buildProject(QFormLayout *form);
    void buildComponent(QFormLayout *form);
    void buildConnection(QFormLayout *form);
    void addNameField(QFormLayout *form, const QString &label);
    void addEditors(QFormLayout *form, const QList<ParamSpec> &specs);
    void commitName();
    void commitValue(const QString &key, const QVariant &value);
    void refreshTaskChain();
    void buildMultiple(QFormLayout *form);
    void refreshMultiple();
    QString headerText() const;

    Document *m_document;
    Mode m_mode = Mode::Project;
    qint64 m_id = InvalidId;
    int m_selectionCount = 0;
    QList<ComponentId> m_ids; // Mode::Multiple: blocks of one kind edited together
    QScrollArea *m_scroll;
    QLabel *m_header = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    QLabel *m_nameError = nullptr;
    QLabel *m_taskChain = nullptr;
    QList<ParameterEditor *> m_editors;
};

} // namespace swb
