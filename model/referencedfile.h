#pragma once
// Bounded reading of files: the ones a user names (a design, a template, a results file, a price
// list) and the ones a design or template names for itself (a traffic source's replay CSV, a
// state machine's DefinitionUri, a function's CodeUri).
//
// Every read takes only a regular file, opened without blocking and checked on the open
// descriptor, so a device (/dev/zero), a FIFO or a socket is refused without reading a byte, and
// stops at a size cap, so a huge file cannot take the memory.
//
// A referenced file is read only when it lies inside the folder of the file that names it (or a
// folder the user allowed explicitly, swb --allow-dir), after resolving "..", and symbolic links
// one at a time: a link inside the folder that leads out of it is refused like a path that does.
// A path outside is refused without touching it, so a template cannot probe whether an arbitrary
// file exists, and messages name the reference and the folder, never a file's content.

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace swb {

// Where the files a design or template names may be read from.
struct FileAccess {
    QString baseDir;         // the folder of the design or template; relative names resolve here
    QStringList allowedDirs; // further folders the user allowed explicitly
    qint64 maxBytes = 64LL * 1024 * 1024;
    QString owner = QStringLiteral("the design"); // for messages: "outside the design's folder"
};

// Reads a regular file the user named, of at most maxBytes. On failure *error names the path and
// the reason ("is a device or FIFO, not a regular file", "is 1024 MB; at most 4 MB is read").
bool readRegularFile(const QString &path, qint64 maxBytes, QByteArray *out, QString *error);

// The first (at most) n bytes of a regular file, for sniffing a format; nullopt for anything
// else (a FIFO is never opened for blocking reads, a device never read).
std::optional<QByteArray> readFileHead(const QString &path, qint64 n);

// What a reference resolves to, without reading it.
struct ResolvedReference {
    enum class Status {
        Inside,  // path is a file (or something) inside an allowed folder
        Missing, // inside, but nothing is there
        Outside, // leaves the allowed folders (lexically or through a link); never touched
    };
    Status status = Status::Missing;
    QString path; // the resolved absolute path (Inside, Missing)
};
ResolvedReference resolveReference(const QString &reference, const FileAccess &access);

// Resolves and reads a referenced file; false with *error (naming the reference) when it is
// outside, missing, not a regular file or above access.maxBytes.
bool readReferencedFile(const QString &reference, const FileAccess &access, QByteArray *out,
                        QString *error);

// "'r.csv' is outside the design's folder '/home/a/p'; ..." with the hint on allowing it.
QString outsideMessage(const QString &reference, const FileAccess &access);

} // namespace swb
