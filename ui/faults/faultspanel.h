#pragma once
// Fault injection from the GUI: the design's faults (bad deploy on a Lambda, downstream
// outage, traffic spike) in a table, with a form to add one on a block chosen from the blocks of
// the matching kind, inline editing of the numbers and removal. Every change is an undoable
// Document edit validated by validateFault; a refused value shows the message and keeps the old
// value. The charts shade the same windows on their time axis (ChartsPanel).

#include "model/design.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QTableWidgetItem;

namespace swb {

class Document;

class FaultsPanel : public QWidget
{
    Q_OBJECT

public:
    enum Column {
        KindColumn,
        TargetColumn,
        StartColumn,
        DurationColumn,
        ErrorRateColumn,
        DurationFactorColumn,
        RateFactorColumn,
        ColumnCount
    };

    explicit FaultsPanel(Document *document, QWidget *parent = nullptr);

    QComboBox *kindBox() const { return m_kind; }
    QComboBox *targetBox() const { return m_target; }
    QLineEdit *startEdit() const { return m_start; }
    QLineEdit *durationEdit() const { return m_duration; }
    // Error rate (bad deploy) or rate factor (traffic spike); unused for an outage.
    QLineEdit *valueEdit() const { return m_value; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }
    QTableWidget *table() const { return m_table; }
    QLabel *messageLabel() const { return m_message; }

private:
    void rebuildTargets();
    void rebuildTable();
    void updateForm();
    void addFault();
    void removeSelected();
    void onItemChanged(QTableWidgetItem *item);
    void applyEdit(FaultId id, int column, const QString &text);
    void showMessage(const QString &text);

    Document *m_document;
    QComboBox *m_kind;
    QComboBox *m_target;
    QLineEdit *m_start;
    QLineEdit *m_duration;
    QLabel *m_valueLabel;
    QLineEdit *m_value;
    QPushButton *m_add;
    QPushButton *m_remove;
    QTableWidget *m_table;
    QLabel *m_message;
    bool m_filling = false;
};

} // namespace swb
