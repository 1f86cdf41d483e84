#pragma once
// File-system fault fixtures shared by tests/model, tests/cli and tests/ui: a tiny tmpfs that is
// full (as root; skipped with a message otherwise), a read-only folder (a read-only tmpfs as
// root, since root ignores permission bits; chmod 555 otherwise), and helpers to list what a
// folder holds, hidden files included.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <unistd.h>

namespace swb::test {

inline bool runMount(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral("mount"), args);
    return p.waitForFinished(10000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

inline QByteArray bytesOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline bool putBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.flush();
}

// Every entry of a folder, hidden ones included, sorted: what a failed write must not change.
inline QStringList entriesOf(const QString &folder)
{
    return QDir(folder).entryList(
        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

// A tmpfs of sizeKb mounted on a fresh folder; unmounted on destruction.
class TinyFs
{
public:
    // nullptr with *why when not root or the mount is refused (a container without the
    // capability): the caller skips with that message.
    static std::unique_ptr<TinyFs> mount(int sizeKb, QString *why)
    {
        if (::geteuid() != 0) {
            *why = QStringLiteral("needs root to mount a tiny tmpfs (running as uid %1)")
                       .arg(::geteuid());
            return nullptr;
        }
        auto fs = std::unique_ptr<TinyFs>(new TinyFs);
        if (!fs->m_dir.isValid()
            || !runMount({QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                          QStringLiteral("size=%1k").arg(sizeKb), QStringLiteral("tmpfs"),
                          fs->m_dir.path()})) {
            *why = QStringLiteral("mount -t tmpfs was refused (no CAP_SYS_ADMIN?)");
            return nullptr;
        }
        fs->m_mounted = true;
        return fs;
    }
    ~TinyFs()
    {
        if (m_mounted)
            QProcess::execute(QStringLiteral("umount"), {m_dir.path()});
    }

    QString path() const { return m_dir.path(); }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

    // Takes every free byte with a filler file (".filler"), so the next write fails (ENOSPC).
    bool fill()
    {
        QFile filler(filePath(QStringLiteral(".filler")));
        if (!filler.open(QIODevice::Append))
            return false;
        const QByteArray block(4096, 'f');
        while (filler.write(block) == block.size() && filler.flush()) {
        }
        // Single bytes until even the last page is gone.
        while (filler.write("f", 1) == 1 && filler.flush()) {
        }
        return true;
    }
    bool remountReadOnly()
    {
        return runMount({QStringLiteral("-o"), QStringLiteral("remount,ro"), m_dir.path()});
    }

private:
    TinyFs() = default;
    QTemporaryDir m_dir;
    bool m_mounted = false;
};

// A folder nobody may write to, holding the given files: a read-only tmpfs as root (root
// ignores permission bits), chmod 555 otherwise.
class ReadOnlyFolder
{
public:
    explicit ReadOnlyFolder(const QHash<QString, QByteArray> &files)
    {
        QString why;
        m_fs = TinyFs::mount(4096, &why);
        m_path = m_fs ? m_fs->path() : m_dir.path();
        for (auto it = files.cbegin(); it != files.cend(); ++it)
            m_ok = putBytes(QDir(m_path).filePath(it.key()), it.value()) && m_ok;
        if (m_fs)
            m_ok = m_fs->remountReadOnly() && m_ok;
        else
            m_ok = QFile::setPermissions(m_path, QFile::ReadOwner | QFile::ExeOwner) && m_ok;
    }
    ~ReadOnlyFolder()
    {
        if (!m_fs)
            QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    bool isValid() const { return m_ok; }
    QString path() const { return m_path; }
    QString filePath(const QString &name) const { return QDir(m_path).filePath(name); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TinyFs> m_fs;
    QString m_path;
    bool m_ok = true;
};

} // namespace swb::test
