#include "ui/docks/inspectordock.h"

#include "model/document.h"
#include "model/parametercatalogue.h"
#include "ui/docks/parametereditor.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>

namespace swb {

InspectorDock::InspectorDock(Document *document, QWidget *parent)
    : QDockWidget(tr("Inspector"), parent)
    , m_document(document)
    , m_scroll(new QScrollArea(this))
{
    setObjectName(QStringLiteral("inspectorDock"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setWidget(m_scroll);

    connect(document, &Document::componentChanged, this, [this](ComponentId id) {
        if ((m_mode == Mode::Component && id == m_id) || m_ids.contains(id))
            refreshValues();
        else if (m_mode == Mode::Connection) // a renamed end changes the header
            refreshValues();
        else if (m_taskChain)
            refreshTaskChain();
    });
    connect(document, &Document::componentRemoved, this, [this](ComponentId id) {
        if (m_mode == Mode::Component && id == m_id) {
            setSelection({}, {});
        } else if (m_ids.contains(id)) {
            QList<ComponentId> rest = m_ids;
            rest.removeAll(id);
            setSelection(rest, {});
        }
    });
    connect(document, &Document::connectionChanged, this, [this](ConnectionId id) {
        if (m_mode == Mode::Connection && id == m_id)
            refreshValues();
        else if (m_taskChain)
            refreshTaskChain();
    });
    connect(document, &Document::connectionAdded, this, [this] {
        if (m_taskChain)
            refreshTaskChain();
    });
    connect(document, &Document::connectionRemoved, this, [this](ConnectionId id) {
        if (m_mode == Mode::Connection && id == m_id)
            setSelection({}, {});
        else if (m_taskChain)
            refreshTaskChain();
    });
    connect(document, &Document::projectChanged, this, [this] {
        if (m_mode == Mode::Project)
            refreshValues();
    });
    // A new design (open, import, recovery) replaces every value: rebuild even when the project
    // settings were already on show, or they would keep the previous design's values.
    connect(document, &Document::designReset, this, [this] {
        m_mode = Mode::Project;
        m_id = InvalidId;
        m_selectionCount = 0;
        m_ids.clear();
        rebuild();
    });
    rebuild();
}

void InspectorDock::setSelection(const QList<ComponentId> &components,
                                 const QList<ConnectionId> &connections)
{
    Mode mode = Mode::Project;
    qint64 id = InvalidId;
    QList<ComponentId> ids;
    const int count = int(components.size() + connections.size());
    if (count > 1) {
        mode = Mode::Multiple;
        // Blocks only, all of one kind: edited together.
        const Design &design = m_document->design();
        const Component *first = design.component(components.value(0, InvalidId));
        bool oneKind = connections.isEmpty() && first;
        for (ComponentId c : components) {
            const Component *block = design.component(c);
            oneKind = oneKind && block && block->kind == first->kind;
        }
        if (oneKind)
            ids = components;
    } else if (components.size() == 1 && m_document->design().component(components.first())) {
        mode = Mode::Component;
        id = components.first();
    } else if (connections.size() == 1 && m_document->design().connection(connections.first())) {
        mode = Mode::Connection;
        id = connections.first();
    }
    if (mode == m_mode && id == m_id && count == m_selectionCount && ids == m_ids
        && m_scroll->widget())
        return;
    m_mode = mode;
    m_id = id;
    m_selectionCount = count;
    m_ids = ids;
    rebuild();
}

ParameterEditor *InspectorDock::editor(const QString &key) const
{
    for (ParameterEditor *e : m_editors) {
        if (e->key() == key)
            return e;
    }
    return nullptr;
}

QString InspectorDock::nameError() const
{
    return m_nameError ? m_nameError->text() : QString();
}

void InspectorDock::rebuild()
{
    m_editors.clear();
    m_nameEdit = nullptr;
    m_nameError = nullptr;
    m_taskChain = nullptr;

    auto *page = new QWidget;
    auto *column = new QVBoxLayout(page);
    m_header = new QLabel(page);
    m_header->setObjectName(QStringLiteral("inspectorHeader"));
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::RichText);
    column->addWidget(m_header);
    auto *form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    column->addLayout(form);
    column->addStretch();

    switch (m_mode) {
    case Mode::Project:
        buildProject(form);
        break;
    case Mode::Component:
        buildComponent(form);
        break;
    case Mode::Connection:
        buildConnection(form);
        break;
    case Mode::Multiple:
        buildMultiple(form);
        break;
    }
    m_scroll->setWidget(page); // deletes the previous page
    refreshValues();
}

void InspectorDock::addNameField(QFormLayout *form, const QString &label)
{
    auto *box = new QWidget;
    auto *column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    m_nameEdit = new QLineEdit(box);
    m_nameEdit->setObjectName(QStringLiteral("nameEdit"));
    connect(m_nameEdit, &QLineEdit::editingFinished, this, &InspectorDock::commitName);
    m_nameError = new QLabel(box);
    m_nameError->setWordWrap(true);
    m_nameError->setStyleSheet(QStringLiteral("color: #d32f2f;"));
    m_nameError->hide();
    column->addWidget(m_nameEdit);
    column->addWidget(m_nameError);
    form->addRow(label, box);
}

void InspectorDock::addEditors(QFormLayout *form, const QList<ParamSpec> &specs)
{
    for (const ParamSpec &spec : specs) {
        auto *editor = new ParameterEditor(spec);
        editor->setObjectName(QStringLiteral("param_") + spec.key);
        connect(editor, &ParameterEditor::valueCommitted, this, &InspectorDock::commitValue);
        editor->addToForm(form);
        m_editors.append(editor);
    }
}

void InspectorDock::buildProject(QFormLayout *form)
{
    addNameField(form, tr("Name"));
    m_nameEdit->setPlaceholderText(tr("Untitled project"));
    addEditors(form, catalogue::projectParams());
}

void InspectorDock::buildComponent(QFormLayout *form)
{
    const Component *c = m_document->design().component(m_id);
    addNameField(form, tr("Name"));
    if (c->kind == ComponentKind::StepFunctions) {
        // The chain is the state machine's ServiceIntegration wires in "order" (DESIGN.md: a
        // chain of Task states); its order is edited on each wire.
        m_taskChain = new QLabel;
        m_taskChain->setObjectName(QStringLiteral("taskChain"));
        m_taskChain->setWordWrap(true);
        m_taskChain->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(tr("Task chain"), m_taskChain);
    }
    addEditors(form, catalogue::componentParams(c->kind));
}

void InspectorDock::buildConnection(QFormLayout *form)
{
    const Design &design = m_document->design();
    const Connection *c = design.connection(m_id);
    const Component *source = design.component(c->source);
    addEditors(form, catalogue::connectionParams(c->kind, source->kind));
    if (m_editors.isEmpty())
        form->addRow(new QLabel(tr("This wire has no settings.")));
}

void InspectorDock::buildMultiple(QFormLayout *form)
{
    if (m_ids.isEmpty())
        return;
    addEditors(form,
               catalogue::componentParams(m_document->design().component(m_ids.first())->kind));
}

QString InspectorDock::headerText() const
{
    const Design &design = m_document->design();
    switch (m_mode) {
    case Mode::Project:
        return tr("<b>Project settings</b><br/><small>Account and simulation settings. Select a "
                  "block or wire to edit it.</small>");
    case Mode::Component: {
        const Component *c = design.component(m_id);
        return QStringLiteral("<b>%1</b><br/><small>%2</small>")
            .arg(c->name.toHtmlEscaped(), componentKindName(c->kind));
    }
    case Mode::Connection: {
        const Connection *c = design.connection(m_id);
        return QStringLiteral("<b>%1 &rarr; %2</b><br/><small>%3 wire</small>")
            .arg(design.component(c->source)->name.toHtmlEscaped(),
                 design.component(c->target)->name.toHtmlEscaped(), connectionKindName(c->kind));
    }
    case Mode::Multiple:
        if (!m_ids.isEmpty())
            return tr("<b>%n blocks selected</b><br/><small>%1: a change applies to all of "
                      "them, as one undo step.</small>",
                      nullptr, int(m_ids.size()))
                .arg(componentKindName(design.component(m_ids.first())->kind));
        return tr("<b>%n items selected</b><br/><small>Select blocks of one kind to edit them "
                  "together, or one wire.</small>",
                  nullptr, m_selectionCount);
    }
    return {};
}

void InspectorDock::refreshValues()
{
    const Design &design = m_document->design();
    QVariantMap values;
    QString name;
    switch (m_mode) {
    case Mode::Project:
        values = design.settings;
        name = design.name;
        break;
    case Mode::Component:
        values = design.component(m_id)->params;
        name = design.component(m_id)->name;
        break;
    case Mode::Connection:
        values = design.connection(m_id)->params;
        break;
    case Mode::Multiple:
        refreshMultiple();
        return;
    }
    m_header->setText(headerText());
    if (m_nameEdit) {
        m_nameEdit->setText(name);
        // QLineEdit leaves the cursor after the last character, which scrolls a long name so
        // that only its end shows; a name is read from its start, as the parameter fields are.
        m_nameEdit->setCursorPosition(0);
        m_nameError->clear();
        m_nameError->hide();
        m_nameEdit->setStyleSheet(QString());
    }
    for (ParameterEditor *editor : std::as_const(m_editors))
        values.insert(editor->key(), values.value(editor->key(), editor->spec().defaultValue));
    for (ParameterEditor *editor : std::as_const(m_editors)) {
        editor->setValue(values.value(editor->key()));
        editor->setApplies(editor->spec().appliesTo(values));
    }
    if (m_taskChain)
        refreshTaskChain();
}

void InspectorDock::refreshMultiple()
{
    m_header->setText(headerText());
    const Design &design = m_document->design();
    for (ParameterEditor *editor : std::as_const(m_editors)) {
        const ParamSpec &spec = editor->spec();
        // The common value, or "mixed values"; shown when it applies to any of the blocks.
        std::optional<QVariant> common;
        bool mixed = false;
        bool applies = false;
        for (ComponentId id : std::as_const(m_ids)) {
            QVariantMap values = design.component(id)->params;
            for (const ParamSpec &s : catalogue::componentParams(design.component(id)->kind)) {
                if (!values.contains(s.key))
                    values.insert(s.key, s.defaultValue);
            }
            const QVariant value = values.value(spec.key);
            if (!common)
                common = value;
            else if (*common != value)
                mixed = true;
            applies = applies || spec.appliesTo(values);
        }
        if (mixed)
            editor->setMixed();
        else
            editor->setValue(common.value_or(spec.defaultValue));
        editor->setApplies(applies);
    }
}

QStringList InspectorDock::taskChain() const
{
    QStringList names;
    if (m_mode != Mode::Component)
        return names;
    const Design &design = m_document->design();
    QList<const Connection *> tasks;
    for (const Connection *c : design.outgoing(m_id)) {
        if (c->kind == ConnectionKind::ServiceIntegration)
            tasks.append(c);
    }
    std::stable_sort(tasks.begin(), tasks.end(), [](const Connection *a, const Connection *b) {
        return a->params.value(QStringLiteral("order")).toLongLong()
               < b->params.value(QStringLiteral("order")).toLongLong();
    });
    for (const Connection *c : tasks)
        names.append(design.component(c->target)->name);
    return names;
}

void InspectorDock::refreshTaskChain()
{
    const QStringList names = taskChain();
    if (names.isEmpty()) {
        m_taskChain->setText(tr("<i>No Task states yet: wire this state machine to a Lambda "
                                "function (service integration).</i>"));
        return;
    }
    QStringList lines;
    for (int i = 0; i < names.size(); ++i)
        lines.append(QStringLiteral("%1. %2").arg(i + 1).arg(names.at(i).toHtmlEscaped()));
    m_taskChain->setText(lines.join(QStringLiteral("<br/>")));
}

void InspectorDock::commitName()
{
    const QString text = m_nameEdit->text();
    QString error;
    bool ok = true;
    if (m_mode == Mode::Component) {
        if (text == m_document->design().component(m_id)->name)
            return;
        ok = m_document->renameComponent(m_id, text, &error);
    } else if (m_mode == Mode::Project) {
        if (text == m_document->design().name)
            return;
        ok = m_document->setProjectName(text, &error);
    }
    if (!ok) {
        m_nameError->setText(error);
        m_nameError->show();
        m_nameEdit->setStyleSheet(QStringLiteral("QLineEdit { border: 2px solid #d32f2f; }"));
    }
}

void InspectorDock::commitValue(const QString &key, const QVariant &value)
{
    QString error;
    bool ok = false;
    switch (m_mode) {
    case Mode::Project:
        ok = m_document->setProjectParam(key, value, &error);
        break;
    case Mode::Component:
        ok = m_document->setComponentParam(m_id, key, value, &error);
        break;
    case Mode::Connection:
        ok = m_document->setConnectionParam(m_id, key, value, &error);
        break;
    case Mode::Multiple:
        ok = m_document->setComponentsParam(m_ids, key, value, &error);
        break;
    }
    if (!ok && !error.isEmpty()) {
        if (ParameterEditor *e = editor(key))
            e->showError(error);
    }
}

} // namespace swb
