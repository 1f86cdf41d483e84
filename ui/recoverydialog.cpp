#include "ui/recoverydialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace swb {

RecoveryDialog::RecoveryDialog(const QList<RecoveryEntry> &entries, QWidget *parent)
    : QDialog(parent)
    , m_entries(entries)
    , m_list(new QListWidget(this)) {
    setObjectName(QStringLiteral("recoveryDialog"));
    setWindowTitle(tr("Recover unsaved work"));
    auto *column = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Serverless Workbench did not close normally. These designs had "
                                "unsaved changes; recover them?"),
                             this);
    intro->setWordWrap(true);
    column->addWidget(intro);
    for (const RecoveryEntry &entry : entries) {
        const QString where = entry.originalPath.isEmpty()
                                  ? tr("never saved")
                                  : QDir::toNativeSeparators(entry.originalPath);
        const QString name = entry.name.isEmpty() ? tr("Untitled") : entry.name;
        auto *item = new QListWidgetItem(
            tr("%1 (%2), autosaved %3")
                .arg(name, where,
                     QLocale().toString(entry.savedAt.toLocalTime(), QLocale::ShortFormat)),
            m_list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    column->addWidget(m_list);

    auto *buttons = new QDialogButtonBox(this);
    m_recover = buttons->addButton(tr("&Recover"), QDialogButtonBox::AcceptRole);
    m_discard = buttons->addButton(tr("&Discard"), QDialogButtonBox::DestructiveRole);
    QPushButton *later = buttons->addButton(tr("&Not Now"), QDialogButtonBox::RejectRole);
    m_recover->setObjectName(QStringLiteral("recoverButton"));
    m_discard->setObjectName(QStringLiteral("discardButton"));
    m_recover->setDefault(true);
    connect(m_recover, &QPushButton::clicked, this, [this] { finish(Choice::Recover); });
    connect(m_discard, &QPushButton::clicked, this, [this] { finish(Choice::Discard); });
    connect(later, &QPushButton::clicked, this, [this] { finish(Choice::Later); });
    column->addWidget(buttons);
    resize(520, 260);
}

QList<RecoveryEntry> RecoveryDialog::chosenEntries() const {
    QList<RecoveryEntry> chosen;
    for (int row = 0; row < m_list->count() && row < m_entries.size(); ++row) {
        if (m_list->item(row)->checkState() == Qt::Checked)
            chosen.append(m_entries.at(row));
    }
    return chosen;
}

void RecoveryDialog::finish(Choice choice) {
    m_choice = choice;
    if (choice == Choice::Later)
        reject();
    else
        accept();
}

} // namespace swb
