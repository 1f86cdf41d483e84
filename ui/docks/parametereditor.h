#pragma once

#include "model/parameter.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace swb {

// The typed editor of one catalogue parameter: a line edit with its unit for numbers and text
// (durations and sizes in human units, "4 d", "256 KB", which it also accepts), a check box for
// flags, a combo box for choices; the AWS help text as tooltip and as a short note
// underneath. Input is checked against the catalogue range before anything reaches the model: an
// invalid value gets a red frame and an inline message with the allowed range, and is not
// committed. The value shown always comes from the model (setValue) so undo refreshes it.
class ParameterEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ParameterEditor(const ParamSpec &spec, QWidget *parent = nullptr);

    const ParamSpec &spec() const { return m_spec; }
    QString key() const { return m_spec.key; }

    // Shows the model's value and clears any error.
    void setValue(const QVariant &value);
    QVariant value() const { return m_value; }
    // Several selected blocks hold different values: the field shows "mixed values" (an empty
    // line, no choice, a partly checked box) and any valid input is committed to all of them.
    void setMixed();
    bool isMixed() const { return m_mixed; }
    // Shows or hides the editor's rows (label, field, message, note) in its form: a setting that
    // does not apply to the block as it is set up (ParamSpec::appliesTo).
    void setApplies(bool applies);
    bool applies() const { return m_applies; }
    // Shows a refusal (from the editor's own check or from the Document).
    void showError(const QString &message);
    void clearError();
    bool hasError() const;
    QString errorText() const;

    // Adds "name: [input] unit" and, below it across the full width, the inline error and the
    // short help note.
    void addToForm(QFormLayout *form);
    QLabel *errorLabel() const { return m_errorLabel; }
    QLabel *helpLabel() const { return m_helpLabel; }

    // The widget that takes input (QLineEdit, QCheckBox or QComboBox), for focus and tests.
    QWidget *inputWidget() const;

Q_SIGNALS:
    // A valid, normalised value different from the model's.
    void valueCommitted(const QString &key, const QVariant &value);

private:
    void commitText();
    void commit(const QVariant &raw);

    ParamSpec m_spec;
    QVariant m_value;
    QLineEdit *m_lineEdit = nullptr;
    QCheckBox *m_checkBox = nullptr;
    QComboBox *m_comboBox = nullptr;
    QLabel *m_errorLabel = nullptr;
    QLabel *m_helpLabel = nullptr;
    QFormLayout *m_form = nullptr;
    bool m_mixed = false;
    bool m_applies = true;
};

// The first sentence of a help text, whole, for the wrapped note under an editor (the tooltip has
// it all).
QString shortHelp(const QString &help);

} // namespace swb
