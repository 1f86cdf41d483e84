#include "ui/docks/parametereditor.h"

#include "ui/wheelguard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace swb {

namespace {

// Error styling is applied to the input widget only, so the rest of the form keeps the palette.
const QString kErrorStyle = QStringLiteral("QLineEdit { border: 2px solid #d32f2f; }");

QString displayText(const ParamSpec &spec, const QVariant &value)
{
    // A "not set" value shows its catalogue name ("unreserved"), which the field also accepts.
    if (spec.sentinel && !spec.sentinelName.isEmpty() && value.toDouble() == *spec.sentinel
        && (spec.type == ParamType::Integer || spec.type == ParamType::Real))
        return spec.sentinelName;
    switch (spec.type) {
    case ParamType::Integer:
        return QString::number(value.toLongLong());
    case ParamType::Real:
        return QString::number(value.toDouble(), 'g', 12);
    default:
        return value.toString();
    }
}

} // namespace

QString shortHelp(const QString &help)
{
    // Stop at the first ". " that ends a sentence; keep short texts whole.
    const qsizetype end = help.indexOf(QLatin1String(". "));
    QString text = end < 0 ? help : help.left(end + 1);
    if (text.size() > 140)
        text = text.left(137) + QStringLiteral("...");
    return text;
}

ParameterEditor::ParameterEditor(const ParamSpec &spec, QWidget *parent)
    : QWidget(parent)
    , m_spec(spec)
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(4);

    const QString tip = QStringLiteral("<p><b>%1</b> (%2)</p><p>%3</p><p>Allowed: %4</p>")
                            .arg(spec.displayName.toHtmlEscaped(), spec.key,
                                 spec.help.toHtmlEscaped(), spec.rangeText().toHtmlEscaped());
    switch (spec.type) {
    case ParamType::Boolean:
        m_checkBox = new QCheckBox(this);
        m_checkBox->setToolTip(tip);
        connect(m_checkBox, &QCheckBox::clicked, this, [this](bool on) { commit(on); });
        row->addWidget(m_checkBox);
        row->addStretch();
        break;
    case ParamType::Choice:
        m_comboBox = new QComboBox(this);
        m_comboBox->addItems(spec.choices);
        m_comboBox->setToolTip(tip);
        guardWheel(m_comboBox); // the inspector scrolls; passing over a choice keeps it
        connect(m_comboBox, &QComboBox::activated, this,
                [this](int index) { commit(m_spec.choices.value(index)); });
        row->addWidget(m_comboBox, 1);
        break;
    case ParamType::Integer:
    case ParamType::Real:
    case ParamType::Text:
        m_lineEdit = new QLineEdit(this);
        m_lineEdit->setToolTip(tip);
        if (spec.type != ParamType::Text)
            m_lineEdit->setPlaceholderText(spec.rangeText());
        // editingFinished covers Enter and focus loss; commitText ignores unchanged values, so
        // the pair (Enter, then focus out) commits once.
        connect(m_lineEdit, &QLineEdit::editingFinished, this, &ParameterEditor::commitText);
        connect(m_lineEdit, &QLineEdit::textEdited, this, [this] {
            if (hasError())
                clearError();
        });
        row->addWidget(m_lineEdit, 1);
        if (!spec.unit.isEmpty()) {
            auto *unit = new QLabel(spec.unit, this);
            unit->setMinimumWidth(unit->fontMetrics().horizontalAdvance(QStringLiteral("MB/s")));
            row->addWidget(unit);
        }
        break;
    }

    // The message and the note are separate widgets so a form can give them its full width
    // (addToForm); a narrow field column would wrap them into tall columns of words.
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #d32f2f;"));
    m_errorLabel->hide();

    m_helpLabel = new QLabel(shortHelp(spec.help), this);
    m_helpLabel->setObjectName(QStringLiteral("helpLabel"));
    m_helpLabel->setWordWrap(true);
    m_helpLabel->setToolTip(tip);
    m_helpLabel->setForegroundRole(QPalette::PlaceholderText);
    QFont small = m_helpLabel->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_helpLabel->setFont(small);
    m_helpLabel->setVisible(!spec.help.isEmpty());
}

void ParameterEditor::addToForm(QFormLayout *form)
{
    auto *label = new QLabel(m_spec.displayName);
    label->setToolTip(inputWidget()->toolTip());
    label->setBuddy(inputWidget());
    form->addRow(label, this);
    form->addRow(m_errorLabel);
    if (!m_spec.help.isEmpty())
        form->addRow(m_helpLabel);
}

void ParameterEditor::setValue(const QVariant &value)
{
    m_value = value;
    clearError();
    if (m_checkBox) {
        m_checkBox->setChecked(value.toBool());
    } else if (m_comboBox) {
        m_comboBox->setCurrentIndex(int(m_spec.choices.indexOf(value.toString())));
    } else if (m_lineEdit) {
        m_lineEdit->setText(displayText(m_spec, value));
        m_lineEdit->setCursorPosition(0);
    }
}

void ParameterEditor::showError(const QString &message)
{
    m_errorLabel->setText(message);
    m_errorLabel->show();
    if (m_lineEdit)
        m_lineEdit->setStyleSheet(kErrorStyle);
}

void ParameterEditor::clearError()
{
    m_errorLabel->clear();
    m_errorLabel->hide();
    if (m_lineEdit)
        m_lineEdit->setStyleSheet(QString());
}

bool ParameterEditor::hasError() const
{
    return !m_errorLabel->text().isEmpty();
}

QString ParameterEditor::errorText() const
{
    return m_errorLabel->text();
}

QWidget *ParameterEditor::inputWidget() const
{
    if (m_checkBox)
        return m_checkBox;
    if (m_comboBox)
        return m_comboBox;
    return m_lineEdit;
}

void ParameterEditor::commitText()
{
    commit(m_lineEdit->text());
}

void ParameterEditor::commit(const QVariant &raw)
{
    QString why;
    const auto normalized = normalizeValue(m_spec, raw, &why);
    if (!normalized) {
        showError(tr("%1 %2; the value was not applied.").arg(m_spec.displayName, why));
        return;
    }
    clearError();
    if (*normalized == m_value) {
        setValue(m_value); // re-show the canonical text ("30.0" -> "30")
        return;
    }
    Q_EMIT valueCommitted(m_spec.key, *normalized);
}

} // namespace swb
