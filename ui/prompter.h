#pragma once

#include <QString>

class QWidget;

namespace swb {

// Every question the main window asks the user goes through this strategy, so tests can answer
// file dialogs without a native dialog while the real QMessageBox prompts stay testable too.
class Prompter {
public:
    enum class SaveChoice { Save, Discard, Cancel };

    virtual ~Prompter() = default;

    // "Save changes to NAME?" with Save / Discard / Cancel (on close, New and Open).
    virtual SaveChoice askSaveChanges(QWidget *parent, const QString &documentName);
    // Empty string when the user cancels. caption is the dialog's title ("Export cost sheet"),
    // so each dialog says what it is for.
    virtual QString openFileName(QWidget *parent, const QString &caption, const QString &directory,
                                 const QString &filter);
    virtual QString saveFileName(QWidget *parent, const QString &caption,
                                 const QString &suggestedPath, const QString &filter);
    virtual void showError(QWidget *parent, const QString &title, const QString &text);
    virtual void showInformation(QWidget *parent, const QString &title, const QString &text);
};

} // namespace swb
