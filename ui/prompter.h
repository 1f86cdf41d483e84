#pragma once

#include "model/atomicfile.h"

#include <QString>

class QWidget;

namespace swb {

// Every question the main window asks the user goes through this strategy, so tests can answer
// file dialogs without a native dialog while the real QMessageBox prompts stay testable too.
class Prompter
{
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
    // A yes/no question whose safe answer is no (the default button): true when the user
    // chose acceptLabel ("Replace", "Run").
    virtual bool confirm(QWidget *parent, const QString &title, const QString &text,
                         const QString &acceptLabel);

    // Before a save or export to path: when the target needs force (a symbolic link, a file
    // of another kind: model/atomicfile.h) asks whether to replace it. False when the user
    // declined; *force says whether the writer must be forced.
    bool confirmReplace(QWidget *parent, const QString &path, OutputKind kind, bool *force);
};

} // namespace swb
