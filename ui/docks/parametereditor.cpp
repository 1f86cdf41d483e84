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
    // A duration or size in the largest unit that keeps it whole: "4 d", "256 KB".
    if (spec.quantity != paramunits::Quantity::Plain
        && (spec.type == ParamType::Integer || spec.type == ParamType::Real))
        return formatValue(spec, value);
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
    // Stop at the first ". " that ends a sentence; the note wraps, so the sentence stays whole
    // (a cut one, "spike (rat...", told the user nothing).
    const qsizetype end = help.indexOf(QLatin1String(". "));
    return end < 0 ? help : help.left(end + 1);
}

ParameterEditor::ParameterEditor(const ParamSpec &spec, QWidget *parent)
    : QWidget(parent)
    , m_spec(spec)
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(4);

    QString tip = QStringLiteral("<p><b>%1</b> (%2)</p><p>%3</p><p>Allowed: %4</p>")
                      .arg(spec.displayName.toHtmlEscaped(), spec.key, spec.help.toHtmlEscaped(),
                           spec.rangeText().toHtmlEscaped());
    const QStringList units = paramunits::unitNames(spec.quantity);
    if (!units.isEmpty())
        tip += tr("<p>Type a number with a unit (%1); a bare number is in %2.</p>")
                   .arg(units.join(QStringLiteral(", ")), spec.unit);
    switch (spec.type) {
    case ParamType::Boolean:
        m_checkBox = new QCheckBox(this);
        m_checkBox->setToolTip(tip);
        // A click on a partly checked (mixed) box checks it for every selected block.
        connect(m_checkBox, &QCheckBox::clicked, this, [this](bool on) {
            m_checkBox->setTristate(false);
            commit(on);
        });
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
        // A duration or size carries its unit in the text ("4 d"); other numbers show theirs
        // beside the field.
        if (!spec.unit.isEmpty() && units.isEmpty()) {
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
    m_form = form;
}

void ParameterEditor::setValue(const QVariant &value)
{
    m_value = value;
    m_mixed = false;
    clearError();
    if (m_checkBox) {
        m_checkBox->setTristate(false);
        m_checkBox->setChecked(value.toBool());
    } else if (m_comboBox) {
        m_comboBox->setCurrentIndex(int(m_spec.choices.indexOf(value.toString())));
    } else if (m_lineEdit) {
        m_lineEdit->setText(displayText(m_spec, value));
        m_lineEdit->setCursorPosition(0);
        m_lineEdit->setPlaceholderText(m_spec.type == ParamType::Text ? QString()
                                                                      : m_spec.rangeText());
    }
}

void ParameterEditor::setMixed()
{
    m_value = QVariant();
    m_mixed = true;
    clearError();
    if (m_checkBox) {
        m_checkBox->setTristate(true);
        m_checkBox->setCheckState(Qt::PartiallyChecked);
    } else if (m_comboBox) {
        m_comboBox->setCurrentIndex(-1);
        m_comboBox->setPlaceholderText(tr("mixed values"));
    } else if (m_lineEdit) {
        m_lineEdit->clear();
        m_lineEdit->setPlaceholderText(tr("mixed values"));
    }
}

void ParameterEditor::setApplies(bool applies)
{
    m_applies = applies;
    if (!m_form)
        return setVisible(applies);
    m_form->setRowVisible(this, applies);
    m_form->setRowVisible(m_errorLabel, applies);
    if (!m_spec.help.isEmpty())
        m_form->setRowVisible(m_helpLabel, applies);
    if (applies)
        m_errorLabel->setVisible(hasError()); // the row came back; its message only if any
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
    // An untouched "mixed values" field leaves every block as it is.
    if (m_mixed && m_lineEdit->text().trimmed().isEmpty())
        return;
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
    if (!m_mixed && *normalized == m_value) {
        setValue(m_value); // re-show the canonical text ("30.0" -> "30")
        return;
    }
    Q_EMIT valueCommitted(m_spec.key, *normalized);
}

} // namespace swb
