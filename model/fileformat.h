#pragma once

#include "model/atomicfile.h"
#include "model/design.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace swb {

// One file format (project, YAML text, SAM template, ...): DESIGN.md "Files". Conversion code
// lives in the format, never in the entities. Formats keep their last error, so an instance
// serves one operation at a time; FileFormats hands out a fresh instance per call, which makes
// reading and writing on worker threads safe.
class FileFormat
{
public:
    virtual ~FileFormat();

    virtual QString id() const = 0;           // stable, for the command line: "swb"
    virtual QString displayName() const = 0;  // "Serverless Workbench project"
    virtual QStringList suffixes() const = 0; // without the dot, preferred first: {"swb"}
    // "Serverless Workbench project (*.swb)", for file dialogs.
    QString nameFilter() const;
    bool hasSuffix(const QString &path) const;

    // Whether the file's content looks like this format (sniffed, not only the suffix).
    virtual bool canRead(const QString &path) const = 0;
    virtual bool canWrite() const = 0;

    // Both return false with errorString() set on failure. read() leaves *out untouched then;
    // write() leaves an existing file at path untouched (writes are atomic).
    virtual bool read(const QString &path, Design *out) = 0;
    virtual bool write(const QString &path, const Design &design) = 0;

    QString errorString() const { return m_errorString; }

    // Folders besides the file's own that files it references may be read from (a template's
    // DefinitionUri; model/referencedfile.h): what the user allowed with swb --allow-dir.
    void setAllowedDirectories(const QStringList &dirs) { m_allowedDirs = dirs; }
    QStringList allowedDirectories() const { return m_allowedDirs; }

    // Whether write() may replace a file that is not of this format, or write through a symbolic
    // link to the file it points to (swb --force, or the user confirmed it in a dialog).
    // Without it such a target is refused, saying which (model/atomicfile.h).
    void setForce(bool force) { m_force = force; }
    bool force() const { return m_force; }

protected:
    bool fail(const QString &message); // sets errorString(), returns false

private:
    QString m_errorString;
    QStringList m_allowedDirs;
    bool m_force = false;
};

// The registry: every format, in the order dialogs list them (the project format first).
// A new format registers by one line in fileformat.cpp.
namespace FileFormats {

// One shared instance per format, for its name, filter, suffixes and canRead(). Do not call
// read()/write() on these from several threads; use forReading()/forWriting()/create().
const QList<const FileFormat *> &all();

std::unique_ptr<FileFormat> create(const QString &id);

// The format whose content sniffing recognises the file; if none does, the format whose suffix
// matches (so its read() can say precisely what is wrong with a damaged file). nullptr, with the
// reason in *error, when neither matches.
std::unique_ptr<FileFormat> forReading(const QString &path, QString *error = nullptr);

// By format id ("swb") or by the suffix of a path; nullptr with the reason in *error otherwise.
std::unique_ptr<FileFormat> forWriting(const QString &pathOrId, QString *error = nullptr);

// Name filters for open and save dialogs; the open list starts with "All supported (...)".
QStringList readFilters();
QStringList writeFilters();

} // namespace FileFormats

} // namespace swb
