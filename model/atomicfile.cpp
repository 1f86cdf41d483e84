#include "model/atomicfile.h"

#include "model/referencedfile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace swb {

namespace {

constexpr const char kTempTag[] = ".swbsave-";
constexpr qint64 kSniffBytes = 4096;

QString systemError(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

QByteArray native(const QString &path)
{
    return QFile::encodeName(path);
}

bool isText(const QByteArray &head)
{
    return !head.contains('\0');
}

QByteArray afterWhitespace(const QByteArray &head)
{
    qsizetype i = 0;
    while (i < head.size()
           && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t'
               || uchar(head[i]) == 0xEF || uchar(head[i]) == 0xBB || uchar(head[i]) == 0xBF))
        ++i;
    return head.mid(i);
}

// fsync on a folder makes a rename in it durable.
void syncFolder(const QString &folder)
{
    const int fd = ::open(native(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

// Temporary files this process is writing right now. removeSaveLitter() must not even open one:
// closing any descriptor of a file drops every POSIX lock the process holds on it, and SQLite,
// writing that file from another thread, relies on its locks.
QMutex &ownTempsMutex()
{
    static QMutex m;
    return m;
}

QSet<QString> &ownTemps()
{
    static QSet<QString> s;
    return s;
}

void setOwnTemp(const QString &path, bool own)
{
    const QMutexLocker lock(&ownTempsMutex());
    if (own)
        ownTemps().insert(path);
    else
        ownTemps().remove(path);
}

bool isOwnTemp(const QString &path)
{
    const QMutexLocker lock(&ownTempsMutex());
    return ownTemps().contains(path);
}

} // namespace

bool looksLike(OutputKind kind, const QByteArray &head)
{
    switch (kind) {
    case OutputKind::Project:
        // SQLite header with application_id "SWBP" (ProjectFile::ApplicationId) at offset 68.
        return head.startsWith(QByteArrayLiteral("SQLite format 3\0")) && head.size() >= 72
               && head.mid(68, 4) == QByteArrayLiteral("SWBP");
    case OutputKind::DesignText: {
        if (!isText(head))
            return false;
        for (const QByteArray &raw : head.split('\n')) {
            const QByteArray line = raw.trimmed();
            if (line.isEmpty() || line.startsWith('#') || line == "---")
                continue;
            return line.startsWith("format:");
        }
        return true; // only comments
    }
    case OutputKind::Json: {
        const QByteArray body = afterWhitespace(head);
        return isText(head) && (body.isEmpty() || body.startsWith('{') || body.startsWith('['));
    }
    case OutputKind::Xlsx:
        return head.startsWith(QByteArrayLiteral("PK\x03\x04"));
    case OutputKind::Pdf:
        return head.startsWith(QByteArrayLiteral("%PDF-"));
    case OutputKind::Png:
        return head.startsWith(QByteArrayLiteral("\x89PNG\r\n\x1a\n"));
    case OutputKind::Svg: {
        const QByteArray body = afterWhitespace(head);
        return isText(head)
               && (body.startsWith("<?xml") || body.startsWith("<svg") || head.contains("<svg"));
    }
    case OutputKind::Template:
    case OutputKind::Csv:
    case OutputKind::Text:
        return isText(head);
    }
    return false;
}

QString kindName(OutputKind kind)
{
    switch (kind) {
    case OutputKind::Project:
        return QStringLiteral("a Serverless Workbench project");
    case OutputKind::DesignText:
        return QStringLiteral("a Serverless Workbench design text file");
    case OutputKind::Template:
        return QStringLiteral("a text template");
    case OutputKind::Csv:
        return QStringLiteral("a CSV text file");
    case OutputKind::Json:
        return QStringLiteral("a JSON file");
    case OutputKind::Xlsx:
        return QStringLiteral("an XLSX workbook");
    case OutputKind::Pdf:
        return QStringLiteral("a PDF document");
    case OutputKind::Svg:
        return QStringLiteral("an SVG image");
    case OutputKind::Png:
        return QStringLiteral("a PNG image");
    case OutputKind::Text:
        return QStringLiteral("a text file");
    }
    return {};
}

QString replaceRefusal(const QString &path, OutputKind kind)
{
    const QFileInfo info(path);
    if (info.isSymLink())
        return QStringLiteral("'%1' is a symbolic link to '%2'").arg(path, info.symLinkTarget());
    struct stat st;
    if (::stat(native(path).constData(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0)
        return {}; // nothing there, or refused whatever the user says (a folder, a device)
    const std::optional<QByteArray> head = readFileHead(path, kSniffBytes);
    if (head && !looksLike(kind, *head))
        return QStringLiteral("'%1' exists and is not %2").arg(path, kindName(kind));
    return {};
}

AtomicFile::AtomicFile(const QString &path, OutputKind kind, bool force)
    : m_path(path)
    , m_kind(kind)
    , m_force(force)
{}

AtomicFile::~AtomicFile()
{
    if (!m_committed && !m_tempPath.isEmpty()) {
        ::unlink(native(m_tempPath + QStringLiteral("-journal")).constData());
        ::unlink(native(m_tempPath).constData());
    }
    if (m_fd >= 0)
        ::close(m_fd);
    if (!m_tempPath.isEmpty())
        setOwnTemp(m_tempPath, false);
}

bool AtomicFile::fail(const QString &why)
{
    m_error = QStringLiteral("Cannot save '%1': %2").arg(m_path, why);
    return false;
}

bool AtomicFile::checkTarget()
{
    if (m_path.isEmpty()) {
        m_error = QStringLiteral("Cannot save: no file name given");
        return false;
    }
    m_target = QFileInfo(m_path).absoluteFilePath();
    if (!m_force) {
        const QString why = replaceRefusal(m_path, m_kind);
        if (!why.isEmpty()) {
            m_error = QStringLiteral("Cannot save: %1; not replacing it (use --force to replace "
                                     "%2)")
                          .arg(why, QFileInfo(m_path).isSymLink()
                                        ? QStringLiteral("the file it points to")
                                        : QStringLiteral("it"));
            return false;
        }
    }
    struct stat st;
    if (::lstat(native(m_target).constData(), &st) == 0 && S_ISLNK(st.st_mode)) {
        const QString pointsTo = QFileInfo(m_target).symLinkTarget();
        if (!QFileInfo(pointsTo).exists())
            return fail(QStringLiteral("it is a symbolic link to '%1', which does not exist; "
                                       "not creating a file there")
                            .arg(pointsTo));
        m_target = QFileInfo(m_target).canonicalFilePath();
    }
    if (::stat(native(m_target).constData(), &st) == 0) {
        m_existed = true;
        if (S_ISDIR(st.st_mode))
            return fail(QStringLiteral("it is a folder"));
        if (!S_ISREG(st.st_mode))
            return fail(QStringLiteral("it is not a regular file (a device, FIFO or socket)"));
        if (::access(native(m_target).constData(), W_OK) != 0)
            return fail(QStringLiteral("the file is read-only"));
    }
    const QFileInfo info(m_target);
    if (!info.absoluteDir().exists())
        return fail(QStringLiteral("the folder '%1' does not exist").arg(info.absolutePath()));
    return true;
}

bool AtomicFile::open()
{
    if (!checkTarget())
        return false;
    const QFileInfo info(m_target);
    removeSaveLitter(info.absolutePath());
    mode_t mode = 0666; // less the umask, as for any new file
    struct stat st;
    if (m_existed && ::stat(native(m_target).constData(), &st) == 0)
        mode = st.st_mode & 07777;
    for (int attempt = 0; attempt < 100 && m_fd < 0; ++attempt) {
        QString suffix;
        for (int i = 0; i < 6; ++i)
            suffix.append(
                QLatin1Char("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                                [QRandomGenerator::global()->bounded(62)]));
        const QString candidate = info.absolutePath() + QStringLiteral("/.") + info.fileName()
                                  + QLatin1String(kTempTag) + suffix;
        m_fd = ::open(native(candidate).constData(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (m_fd >= 0) {
            // Marks the file as in use: removeSaveLitter() leaves locked files alone. Another
            // process's clean-up may have taken it between open and lock: then start again.
            struct stat own;
            if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0 || ::fstat(m_fd, &own) != 0
                || own.st_nlink == 0) {
                ::close(m_fd);
                m_fd = -1;
                continue;
            }
            m_tempPath = candidate;
            setOwnTemp(m_tempPath, true);
        } else if (errno != EEXIST) {
            const int err = errno;
            return fail(QStringLiteral("cannot create a file in '%1': %2")
                            .arg(info.absolutePath(), systemError(err)));
        }
    }
    if (m_fd < 0)
        return fail(
            QStringLiteral("cannot create a temporary file in '%1'").arg(info.absolutePath()));
    if (m_existed)
        ::fchmod(m_fd, mode); // keep the permissions of the file being replaced
    return true;
}

bool AtomicFile::write(const QByteArray &data)
{
    if (m_fd < 0)
        return fail(QStringLiteral("the file is not open"));
    const char *p = data.constData();
    qsizetype left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(m_fd, p, std::size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return fail(systemError(n < 0 ? errno : ENOSPC));
        p += n;
        left -= n;
    }
    return true;
}

bool AtomicFile::commit()
{
    if (m_fd < 0)
        return fail(QStringLiteral("the file is not open"));
    if (::fsync(m_fd) != 0)
        return fail(systemError(errno));
    if (::rename(native(m_tempPath).constData(), native(m_target).constData()) != 0)
        return fail(QStringLiteral("cannot replace the file: %1").arg(systemError(errno)));
    m_committed = true;
    ::close(m_fd);
    m_fd = -1;
    ::unlink(native(m_tempPath + QStringLiteral("-journal")).constData());
    syncFolder(QFileInfo(m_target).absolutePath());
    return true;
}

bool writeFileAtomically(const QString &path, const QByteArray &data, OutputKind kind, bool force,
                         QString *error)
{
    AtomicFile file(path, kind, force);
    if (file.open() && file.write(data) && file.commit())
        return true;
    if (error)
        *error = file.error();
    return false;
}

int removeSaveLitter(const QString &folder)
{
    static const QRegularExpression current(QStringLiteral(R"(^\..+\.swbsave-[A-Za-z0-9]{6}$)"));
    static const QRegularExpression legacy(QStringLiteral(R"(^\..+\.swb\.[A-Za-z0-9]{6}$)"));
    QDir dir(folder);
    if (folder.isEmpty() || !dir.exists())
        return 0;
    int removed = 0;
    const QStringList names = dir.entryList(QDir::Files | QDir::Hidden | QDir::System);
    for (const QString &name : names) {
        QString base = name;
        const bool journal = name.endsWith(QLatin1String("-journal"));
        if (journal)
            base.chop(8);
        const bool ours = current.match(base).hasMatch();
        if (!ours && !legacy.match(base).hasMatch())
            continue;
        const QString path = dir.filePath(name);
        if (isOwnTemp(dir.filePath(base)))
            continue; // being written by this process
        if (journal) {
            // A journal whose database is gone belongs to nobody.
            if (!names.contains(base) && ::unlink(native(path).constData()) == 0)
                ++removed;
            continue;
        }
        if (!ours) {
            // Earlier versions did not lock: leave a young one, its writer may still run.
            if (QFileInfo(path).lastModified().secsTo(QDateTime::currentDateTime()) < 600)
                continue;
        } else {
            const int fd =
                ::open(native(path).constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
            if (fd < 0)
                continue;
            const bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
            ::close(fd);
            if (!free)
                continue; // another writer is at work
        }
        if (::unlink(native(path).constData()) == 0) {
            ++removed;
            if (::unlink(native(path + QStringLiteral("-journal")).constData()) == 0)
                ++removed;
        }
    }
    return removed;
}

} // namespace swb
