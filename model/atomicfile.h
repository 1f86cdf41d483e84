#pragma once
// Atomic replacement of a file, for every writer: projects, design text, SAM templates, cost
// sheets, diagrams, reports and results files.
//
// The new content goes to a temporary file beside the target (".NAME.swbsave-XXXXXX", so the
// rename stays on one file system), is flushed to the disk (fsync), then renamed over the target,
// and the folder is flushed too. Every write's result is checked, short writes included: on any
// error (a full disk, a read-only folder, a failing disk) the old file stays byte-identical and
// the temporary file is removed. Qt's QSaveFile is not used: on a full disk it reported success
// for outputs smaller than its write buffer and left a 0-byte file.
//
// Before anything is written the target is checked, and refused with the reason:
//   - a folder, a device, a FIFO or a socket: always;
//   - a symbolic link: unless forced, then the file it points to is replaced (a dangling link is
//     always refused: it would create a file wherever it points);
//   - a non-empty file that is not of the kind being written (a foreign SQLite database named
//     places.swb, a PNG named cost.csv): unless forced.
// "Forced" is swb's --force or the user's confirmation in a dialog.
//
// A temporary file is locked (flock) while its writer lives; a killed save leaves it unlocked,
// and the next save or open in that folder removes it (removeSaveLitter).

#include <QByteArray>
#include <QString>

namespace swb {

enum class OutputKind {
    Project,    // .swb: an SQLite database with the project's application id
    DesignText, // .swb.yaml
    Template,   // SAM / CloudFormation YAML or JSON
    Csv,
    Json,
    Xlsx,
    Pdf,
    Svg,
    Png,
    Text,
};

// Whether existing bytes (a file's first kilobytes) are a file of this kind, i.e. one the writer
// may replace without --force.
bool looksLike(OutputKind kind, const QByteArray &head);
// "a Serverless Workbench project", "a PDF document": for messages.
QString kindName(OutputKind kind);

// Why writing a `kind` file at path needs force ("'x' is a symbolic link to 'y'", "'x' exists
// and is not a PDF document"), or empty when it does not. The GUI asks the user with it.
QString replaceRefusal(const QString &path, OutputKind kind);

class AtomicFile
{
public:
    AtomicFile(const QString &path, OutputKind kind, bool force = false);
    ~AtomicFile(); // removes the temporary file unless it was committed
    AtomicFile(const AtomicFile &) = delete;
    AtomicFile &operator=(const AtomicFile &) = delete;

    // Checks the target, removes litter of killed saves in its folder and creates the temporary
    // file. False with error() when the target is refused or the file cannot be created.
    bool open();
    // The temporary file, for writers that take a path (SQLite, libxlsxwriter); they must have
    // closed it before commit().
    QString tempPath() const { return m_tempPath; }
    // Appends data to the temporary file; false with error() on any failure (ENOSPC included).
    bool write(const QByteArray &data);
    // Flushes the temporary file to the disk, renames it over the target and flushes the folder.
    // False with error() and the old file untouched on failure.
    bool commit();

    QString error() const { return m_error; }
    // Where the rename goes: the path, or with force the file a symbolic link points to.
    QString targetPath() const { return m_target; }

private:
    bool fail(const QString &why);
    bool checkTarget();

    QString m_path;
    OutputKind m_kind;
    bool m_force;
    QString m_target;
    QString m_tempPath;
    int m_fd = -1;
    bool m_committed = false;
    bool m_existed = false;
    QString m_error;
};

// The whole write in one call. On failure *error says why, naming the path.
bool writeFileAtomically(const QString &path, const QByteArray &data, OutputKind kind, bool force,
                         QString *error);

// Removes temporary files of killed saves in folder (".NAME.swbsave-XXXXXX", their SQLite
// journals, and ".NAME.swb.XXXXXX" left by earlier versions) that no running writer holds.
// Returns how many files were removed. Never touches a file another process is writing.
int removeSaveLitter(const QString &folder);

} // namespace swb
