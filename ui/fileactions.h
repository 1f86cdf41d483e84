#pragma once

#include <QObject>

#include <memory>

class QWidget;

namespace swb {

class Autosaver;
class Design;
class Document;
class Prompter;
struct RecoveryEntry;

// New / Open / Save / Save As / Open Recent / recovery for one window's Document. Nothing is lost
// silently: replacing a modified design asks first (Save / Discard / Cancel), and a failed save
// shows the writer's message and leaves the document modified.
class FileActions : public QObject
{
    Q_OBJECT

public:
    FileActions(Document *document, QWidget *window);
    ~FileActions() override;

    Prompter *prompter() const { return m_prompter.get(); }
    void setPrompter(std::unique_ptr<Prompter> prompter);
    Autosaver *autosaver() const { return m_autosaver; }

    // "orders.swb", the design's name, or "Untitled".
    QString displayName() const;

    // Asks to save a modified document; true when the caller may go on (saved or discarded).
    bool maybeSave();

    void newBlank();
    // A bundled pattern (model/patterns.h), laid out if it has no positions; not modified.
    bool newFromPattern(const QString &patternId);
    bool open(); // asks for a file
    bool openFile(const QString &path);
    // Like openFile; a missing file is removed from the list with a message.
    bool openRecent(const QString &path);
    bool save();
    bool saveAs();
    bool saveTo(const QString &path);

    // SAM / CloudFormation (fileactionssam.cpp). Import asks to save the current work first, then
    // opens the template as a new, unsaved design and shows the import report (what was kept
    // without being modelled, missing files, clamped values). Export writes the design as a SAM
    // template, atomically.
    bool importSamTemplate(); // asks for a file
    bool importSamFile(const QString &path);
    bool exportSamTemplate(); // asks for a file
    bool exportSamTo(const QString &path);

    // Opens a recovery copy as a modified document with its original path; the window then
    // autosaves under the copy's id (the copy goes away on the next clean save or close).
    bool recover(const RecoveryEntry &entry);
    // A clean close: the recovery copy is no longer needed.
    void closed();

Q_SIGNALS:
    void statusMessage(const QString &text, int timeoutMs);
    void recentFilesChanged();

private:
    void load(const Design &design, const QString &path);
    bool readInto(const QString &path);

    Document *m_document;
    QWidget *m_window;
    std::unique_ptr<Prompter> m_prompter;
    Autosaver *m_autosaver;
};

// Gives positions (model/layout.h) to a design whose blocks all sit at the origin, as designs
// from patterns and imports do.
void layoutIfUnplaced(Design *design);

} // namespace swb
