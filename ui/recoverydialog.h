#pragma once

#include "ui/recovery.h"

#include <QDialog>

class QListWidget;
class QPushButton;

namespace swb {

// Lists the recovery copies a crash left behind (name, original file, time), all checked;
// Recover opens the checked ones, Discard deletes them, Not Now keeps them for the next start.
class RecoveryDialog : public QDialog {
    Q_OBJECT

public:
    enum class Choice { Later, Recover, Discard };

    explicit RecoveryDialog(const QList<RecoveryEntry> &entries, QWidget *parent = nullptr);

    Choice choice() const { return m_choice; }
    QList<RecoveryEntry> chosenEntries() const;
    QListWidget *list() const { return m_list; }
    QPushButton *recoverButton() const { return m_recover; }
    QPushButton *discardButton() const { return m_discard; }

private:
    void finish(Choice choice);

    QList<RecoveryEntry> m_entries;
    QListWidget *m_list;
    QPushButton *m_recover;
    QPushButton *m_discard;
    Choice m_choice = Choice::Later;
};

} // namespace swb
