#include "ui/prompter.h"

#include <QFileDialog>
#include <QMessageBox>

namespace swb {

Prompter::SaveChoice Prompter::askSaveChanges(QWidget *parent, const QString &documentName) {
    QMessageBox box(QMessageBox::Warning, QObject::tr("Unsaved changes"),
                    QObject::tr("Save the changes to \"%1\" before closing it?").arg(documentName),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, parent);
    box.setInformativeText(QObject::tr("Your changes are lost if you don't save them."));
    box.setDefaultButton(QMessageBox::Save);
    box.setObjectName(QStringLiteral("saveChangesPrompt"));
    switch (box.exec()) {
    case QMessageBox::Save:
        return SaveChoice::Save;
    case QMessageBox::Discard:
        return SaveChoice::Discard;
    default:
        return SaveChoice::Cancel;
    }
}

QString Prompter::openFileName(QWidget *parent, const QString &caption, const QString &directory,
                               const QString &filter) {
    return QFileDialog::getOpenFileName(parent, caption, directory, filter);
}

QString Prompter::saveFileName(QWidget *parent, const QString &caption,
                               const QString &suggestedPath, const QString &filter) {
    return QFileDialog::getSaveFileName(parent, caption, suggestedPath, filter);
}

void Prompter::showError(QWidget *parent, const QString &title, const QString &text) {
    QMessageBox::critical(parent, title, text);
}

void Prompter::showInformation(QWidget *parent, const QString &title, const QString &text) {
    QMessageBox::information(parent, title, text);
}

} // namespace swb
