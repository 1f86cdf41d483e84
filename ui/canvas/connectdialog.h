#pragma once

#include "model/ids.h"
#include "model/kinds.h"

#include <QDialog>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;
class QDialogButtonBox;

namespace swb {

class Design;

// "Connect to...": wiring from the keyboard. Lists every other block of the design with the
// wires AWS allows from the source to it (one row per kind, the failure port's kinds marked as
// such) and, greyed out, the blocks it refuses with the wiring rules' reason. Typing filters by
// name; arrows move (also from the filter field); Enter or a double-click takes the row.
class ConnectDialog : public QDialog
{
    Q_OBJECT

public:
    ConnectDialog(const Design &design, ComponentId source, QWidget *parent = nullptr);

    struct Choice {
        ComponentId target = InvalidId;
        ConnectionKind kind = ConnectionKind::SyncInvoke;
    };
    // The row taken (valid after accept()).
    Choice choice() const;

    QTreeWidget *list() const { return m_list; }
    QLineEdit *filterField() const { return m_filter; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fill(const Design &design, ComponentId source);
    void applyFilter(const QString &text);
    void updateOk();
    QTreeWidgetItem *firstVisibleChoice() const;

    QLineEdit *m_filter;
    QTreeWidget *m_list;
    QDialogButtonBox *m_buttons;
};

} // namespace swb
