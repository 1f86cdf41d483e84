#include "ui/prompter.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>

namespace swb {

Prompter::SaveChoice Prompter::askSaveChanges(QWidget *parent, const QString &documentName)
{
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
                               const QString &filter)
{
    return QFileDialog::getOpenFileName(parent, caption, directory, filter);
}

QString Prompter::saveFileName(QWidget *parent, const QString &caption,
                               const QString &suggestedPath, const QString &filter)
{
    return QFileDialog::getSaveFileName(parent, caption, suggestedPath, filter);
}

void Prompter::showError(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox::critical(parent, title, text);
}

void Prompter::showInformation(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox::information(parent, title, text);
}

bool Prompter::confirm(QWidget *parent, const QString &title, const QString &text,
                       const QString &acceptLabel)
{
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::NoButton, parent);
    QPushButton *accept = box.addButton(acceptLabel, QMessageBox::AcceptRole);
    QPushButton *cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel);
    box.setObjectName(QStringLiteral("confirmPrompt"));
    box.exec();
    return box.clickedButton() == accept;
}

bool Prompter::confirmReplace(QWidget *parent, const QString &path, OutputKind kind, bool *force)
{
    const QString why = replaceRefusal(path, kind);
    *force = false;
    if (why.isEmpty())
        return true;
    const bool link = QFileInfo(path).isSymLink();
    if (!confirm(parent, QObject::tr("Replace file?"),
                 QObject::tr("%1.\n\n%2")
                     .arg(why, link ? QObject::tr("Replace the file the link points to?")
                                    : QObject::tr("Replace it with %1?").arg(kindName(kind))),
                 QObject::tr("Replace")))
        return false;
    *force = true;
    return true;
}

} // namespace swb
