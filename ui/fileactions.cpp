#include "ui/fileactions.h"

#include "model/document.h"
#include "model/layout.h"
#include "model/patterns.h"
#include "ui/projectio.h"
#include "ui/prompter.h"
#include "ui/recentfiles.h"
#include "ui/recovery.h"

#include <QDir>
#include <QFileInfo>
#include <QWidget>

namespace swb {

void layoutIfUnplaced(Design *design)
{
    for (const Component &c : std::as_const(design->components)) {
        if (!c.position.isNull())
            return;
    }
    const auto positions = autoLayout(*design);
    for (auto it = positions.cbegin(); it != positions.cend(); ++it) {
        if (design->components.contains(it.key()))
            design->components[it.key()].position = it.value();
    }
}

FileActions::FileActions(Document *document, QWidget *window)
    : QObject(window)
    , m_document(document)
    , m_window(window)
    , m_prompter(std::make_unique<Prompter>())
    , m_autosaver(new Autosaver(document, this))
{
    connect(m_autosaver, &Autosaver::autosaveFailed, this, [this](const QString &error) {
        Q_EMIT statusMessage(tr("Autosave failed: %1").arg(error), 10000);
    });
}

FileActions::~FileActions() = default;

void FileActions::setPrompter(std::unique_ptr<Prompter> prompter)
{
    m_prompter = std::move(prompter);
}

QString FileActions::displayName() const
{
    if (!m_document->filePath().isEmpty())
        return QFileInfo(m_document->filePath()).fileName();
    if (!m_document->design().name.trimmed().isEmpty())
        return m_document->design().name;
    return tr("Untitled");
}

bool FileActions::maybeSave()
{
    if (!m_document->isModified())
        return true;
    switch (m_prompter->askSaveChanges(m_window, displayName())) {
    case Prompter::SaveChoice::Save:
        return save();
    case Prompter::SaveChoice::Discard:
        return true;
    case Prompter::SaveChoice::Cancel:
        break;
    }
    return false;
}

void FileActions::load(const Design &design, const QString &path)
{
    // The old design's recovery copy is obsolete once the user chose to replace it.
    m_autosaver->discard();
    m_document->replaceDesign(design);
    m_document->setFilePath(path);
}

void FileActions::newBlank()
{
    if (!maybeSave())
        return;
    load(Design(), QString());
    Q_EMIT statusMessage(tr("New design"), 3000);
}

bool FileActions::newFromPattern(const QString &patternId)
{
    std::optional<Design> pattern = makePattern(patternId);
    if (!pattern) {
        m_prompter->showError(m_window, tr("Unknown pattern"),
                              tr("There is no pattern \"%1\"; the patterns are: %2")
                                  .arg(patternId, patternIds().join(QStringLiteral(", "))));
        return false;
    }
    if (!maybeSave())
        return false;
    layoutIfUnplaced(&*pattern);
    load(*pattern, QString());
    Q_EMIT statusMessage(tr("New design from the pattern \"%1\"").arg(patternTitle(patternId)),
                         5000);
    return true;
}

bool FileActions::open()
{
    if (!maybeSave())
        return false;
    const QString dir = m_document->filePath().isEmpty()
                            ? QDir::homePath()
                            : QFileInfo(m_document->filePath()).absolutePath();
    const QString path =
        m_prompter->openFileName(m_window, tr("Open design"), dir, projectio::openFilter());
    if (path.isEmpty())
        return false;
    return readInto(path);
}

bool FileActions::openFile(const QString &path)
{
    if (!maybeSave())
        return false;
    return readInto(path);
}

bool FileActions::readInto(const QString &path)
{
    Design design;
    QString error;
    bool isProject = true;
    if (!projectio::readDesign(path, &design, &error, &isProject)) {
        m_prompter->showError(m_window, tr("Open failed"),
                              tr("Cannot open %1:\n%2").arg(QDir::toNativeSeparators(path), error));
        return false;
    }
    layoutIfUnplaced(&design);
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (isProject) {
        load(design, absolute);
        Q_EMIT statusMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 3000);
    } else {
        // An import keeps no path: Save asks for a project file instead of overwriting the
        // template with a project database.
        if (design.name.trimmed().isEmpty())
            design.name = QFileInfo(path).completeBaseName();
        load(design, QString());
        Q_EMIT statusMessage(
            tr("Imported %1; Save asks where to keep the project").arg(QFileInfo(path).fileName()),
            8000);
    }
    RecentFiles::add(absolute);
    Q_EMIT recentFilesChanged();
    return true;
}

bool FileActions::openRecent(const QString &path)
{
    if (!QFileInfo::exists(path)) {
        RecentFiles::remove(path);
        Q_EMIT recentFilesChanged();
        m_prompter->showInformation(m_window, tr("File not found"),
                                    tr("%1 no longer exists; it was removed from the recent "
                                       "files.")
                                        .arg(QDir::toNativeSeparators(path)));
        return false;
    }
    return openFile(path);
}

bool FileActions::save()
{
    if (m_document->filePath().isEmpty())
        return saveAs();
    return saveTo(m_document->filePath());
}

bool FileActions::saveAs()
{
    QString suggested = m_document->filePath();
    if (suggested.isEmpty())
        suggested = QDir::home().filePath(displayName() + QStringLiteral(".swb"));
    else if (!suggested.endsWith(QLatin1String(".swb"), Qt::CaseInsensitive))
        suggested = QFileInfo(suggested).path() + QLatin1Char('/')
                    + QFileInfo(suggested).completeBaseName() + QStringLiteral(".swb");
    const QString path = m_prompter->saveFileName(m_window, tr("Save design as"), suggested,
                                                  projectio::saveFilter());
    if (path.isEmpty())
        return false;
    return saveTo(projectio::withProjectSuffix(path));
}

bool FileActions::saveTo(const QString &path)
{
    // Saving the document's own file replaces it, also through a link it was opened by; any
    // other target that is a link or another kind of file is replaced only if the user says so.
    bool force = QFileInfo(path).absoluteFilePath() == m_document->filePath();
    if (!force
        && !m_prompter->confirmReplace(m_window, path, projectio::projectKindFor(path), &force))
        return false;
    QString error;
    if (!projectio::writeProject(path, m_document->design(), &error, force)) {
        // Nothing is marked saved: the document stays modified and the old file is intact.
        m_prompter->showError(m_window, tr("Save failed"),
                              tr("Cannot save %1:\n%2\n\nYour changes are still open; save them "
                                 "somewhere else with Save As.")
                                  .arg(QDir::toNativeSeparators(path), error));
        return false;
    }
    m_document->setFilePath(QFileInfo(path).absoluteFilePath());
    m_document->markSaved();
    m_autosaver->discard();
    RecentFiles::add(path);
    Q_EMIT recentFilesChanged();
    Q_EMIT statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 3000);
    return true;
}

bool FileActions::recover(const RecoveryEntry &entry)
{
    Design design;
    QString error;
    if (!projectio::readDesign(entry.copyPath, &design, &error)) {
        m_prompter->showError(
            m_window, tr("Recovery failed"),
            tr("The recovery copy of \"%1\" cannot be read:\n%2").arg(entry.name, error));
        return false;
    }
    load(design, entry.originalPath);
    // Modified, so the prompt protects it and a save is needed to make it permanent.
    m_document->undoStack()->resetClean();
    m_autosaver->setRecoveryId(entry.id);
    Q_EMIT statusMessage(tr("Recovered \"%1\" from %2; save it to keep it.")
                             .arg(displayName(), entry.savedAt.toLocalTime().toString()),
                         10000);
    return true;
}

void FileActions::closed()
{
    m_autosaver->discard();
}

} // namespace swb
