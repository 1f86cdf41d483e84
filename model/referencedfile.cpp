#include "model/referencedfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace swb {

namespace {

constexpr int kMaxLinkHops = 40; // as the kernel's own limit on symbolic links in a path

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024 * 1024), 'f', bytes < 1024 * 1024 ? 2 : 0);
}

// Whether clean absolute path p is root or below it.
bool isUnder(const QString &p, const QString &root)
{
    if (root == QLatin1String("/"))
        return true;
    return p == root || p.startsWith(root + QLatin1Char('/'));
}

QStringList canonicalRoots(const FileAccess &access)
{
    QStringList roots;
    for (const QString &dir : QStringList{access.baseDir} + access.allowedDirs) {
        if (dir.isEmpty())
            continue;
        const QString canonical = QFileInfo(dir).canonicalFilePath();
        if (!canonical.isEmpty() && QFileInfo(canonical).isDir())
            roots.append(canonical);
    }
    return roots;
}

QString rootOf(const QString &p, const QStringList &roots)
{
    for (const QString &root : roots) {
        if (isUnder(p, root))
            return root;
    }
    return {};
}

// Reads at most maxBytes + 1 bytes from an open descriptor.
bool readAll(int fd, qint64 maxBytes, QByteArray *out)
{
    // Through QFile on the descriptor (Qt retries EINTR): the shipped programs then make no
    // direct read(2) call that _FORTIFY_SOURCE would leave unchecked (lintian's
    // hardening-no-fortify-functions, checked by the packaging test).
    QFile file;
    if (!file.open(fd, QIODevice::ReadOnly | QIODevice::Unbuffered, QFileDevice::DontCloseHandle))
        return false;
    QByteArray data;
    char buffer[65536];
    for (;;) {
        const qint64 n = file.read(buffer, sizeof buffer);
        if (n < 0)
            return false;
        if (n == 0)
            break;
        data.append(buffer, qsizetype(n));
        if (data.size() > maxBytes)
            break;
    }
    *out = std::move(data);
    return true;
}

bool readOpenRegular(const QString &path, const QString &shown, qint64 maxBytes, int extraFlags,
                     QByteArray *out, QString *error)
{
    const QByteArray native = QFile::encodeName(path);
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the type is checked on the
    // descriptor itself, so a path swapped after a check cannot slip a device in.
    const int fd = ::open(native.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | extraFlags);
    if (fd < 0) {
        const int err = errno;
        if (error)
            *error = err == ENOENT ? QStringLiteral("'%1' does not exist").arg(shown)
                     : err == ELOOP
                         ? QStringLiteral("'%1' changed into a symbolic link while it was read")
                               .arg(shown)
                         : QStringLiteral("cannot open '%1': %2")
                               .arg(shown, QString::fromLocal8Bit(std::strerror(err)));
        return false;
    }
    struct stat st;
    bool ok = ::fstat(fd, &st) == 0;
    if (ok && !S_ISREG(st.st_mode)) {
        if (error)
            *error = S_ISDIR(st.st_mode)
                         ? QStringLiteral("'%1' is a folder, not a file").arg(shown)
                         : QStringLiteral("'%1' is not a regular file (a device, FIFO or "
                                          "socket); only plain files are read")
                               .arg(shown);
        ok = false;
    } else if (ok && st.st_size > maxBytes) {
        if (error)
            *error = QStringLiteral("'%1' is %2 MB; at most %3 MB is read")
                         .arg(shown, megabytes(st.st_size), megabytes(maxBytes));
        ok = false;
    } else if (ok) {
        // Back to blocking reads (a regular file never blocks, but be exact about it).
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
        ok = readAll(fd, maxBytes, out);
        if (!ok && error)
            *error = QStringLiteral("cannot read '%1': %2")
                         .arg(shown, QString::fromLocal8Bit(std::strerror(errno)));
        if (ok && out->size() > maxBytes) { // grew while it was read
            if (error)
                *error = QStringLiteral("'%1' is more than %2 MB; at most %2 MB is read")
                             .arg(shown, megabytes(maxBytes));
            out->clear();
            ok = false;
        }
    } else if (error) {
        *error = QStringLiteral("cannot read '%1': %2")
                     .arg(shown, QString::fromLocal8Bit(std::strerror(errno)));
    }
    ::close(fd);
    return ok;
}

} // namespace

bool readRegularFile(const QString &path, qint64 maxBytes, QByteArray *out, QString *error)
{
    return readOpenRegular(path, path, maxBytes, 0, out, error);
}

std::optional<QByteArray> readFileHead(const QString &path, qint64 n)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    struct stat st;
    std::optional<QByteArray> head;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        QByteArray bytes(qsizetype(std::min<qint64>(n, st.st_size)), Qt::Uninitialized);
        qsizetype got = 0;
        QFile file; // read through Qt, as readAll() does
        if (file.open(fd, QIODevice::ReadOnly | QIODevice::Unbuffered,
                      QFileDevice::DontCloseHandle)) {
            while (got < bytes.size()) {
                const qint64 r = file.read(bytes.data() + got, bytes.size() - got);
                if (r <= 0)
                    break;
                got += r;
            }
        }
        bytes.truncate(got);
        head = bytes;
    }
    ::close(fd);
    return head;
}

ResolvedReference resolveReference(const QString &reference, const FileAccess &access)
{
    ResolvedReference result;
    result.status = ResolvedReference::Status::Outside;
    const QStringList roots = canonicalRoots(access);
    if (roots.isEmpty() || reference.trimmed().isEmpty() || reference.contains(QChar(0)))
        return result;
    // Relative names resolve against the (canonical) folder of the file that names them.
    const QString base = QFileInfo(access.baseDir).canonicalFilePath();
    QString p = QDir::cleanPath(QDir::isAbsolutePath(reference) || base.isEmpty()
                                    ? reference
                                    : base + QLatin1Char('/') + reference);
    if (!QDir::isAbsolutePath(p))
        return result;
    for (int hop = 0; hop <= kMaxLinkHops; ++hop) {
        const QString root = rootOf(p, roots);
        if (root.isEmpty())
            return result; // outside: nothing below is looked at
        // Walk from the root (canonical: no links) down; lstat only paths inside it.
        const QStringList rest = p.mid(root.size()).split(QLatin1Char('/'), Qt::SkipEmptyParts);
        QString current = root;
        bool followed = false;
        for (qsizetype i = 0; i < rest.size(); ++i) {
            const QString next =
                (current == QLatin1String("/") ? QString() : current) + QLatin1Char('/') + rest[i];
            struct stat st;
            if (::lstat(QFile::encodeName(next).constData(), &st) != 0) {
                result.status = ResolvedReference::Status::Missing;
                result.path = p;
                return result;
            }
            if (S_ISLNK(st.st_mode)) {
                const QString target = QFileInfo(next).symLinkTarget();
                if (target.isEmpty())
                    return result;
                QString tail = rest.mid(i + 1).join(QLatin1Char('/'));
                p = QDir::cleanPath(tail.isEmpty() ? target : target + QLatin1Char('/') + tail);
                followed = true;
                break;
            }
            current = next;
        }
        if (!followed) {
            result.status = ResolvedReference::Status::Inside;
            result.path = p;
            return result;
        }
    }
    return result; // a loop of links: treated as leaving the folder
}

QString outsideMessage(const QString &reference, const FileAccess &access)
{
    const QString folder = access.baseDir.isEmpty()
                               ? QStringLiteral("(none: save %1 first)").arg(access.owner)
                               : QDir::cleanPath(QFileInfo(access.baseDir).absoluteFilePath());
    return QStringLiteral("'%1' is outside %2's folder '%3' and is not read; move it into that "
                          "folder or allow its folder explicitly (swb --allow-dir DIR)")
        .arg(reference, access.owner, folder);
}

bool readReferencedFile(const QString &reference, const FileAccess &access, QByteArray *out,
                        QString *error)
{
    const ResolvedReference resolved = resolveReference(reference, access);
    switch (resolved.status) {
    case ResolvedReference::Status::Outside:
        if (error)
            *error = outsideMessage(reference, access);
        return false;
    case ResolvedReference::Status::Missing:
        if (error)
            *error = QStringLiteral("'%1' does not exist").arg(reference);
        return false;
    case ResolvedReference::Status::Inside:
        break;
    }
    // O_NOFOLLOW: the path was resolved link by link; a link appearing now is refused.
    return readOpenRegular(resolved.path, reference, access.maxBytes, O_NOFOLLOW, out, error);
}

} // namespace swb
