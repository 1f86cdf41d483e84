#include "model/designlock.h"

#include <QFileInfo>

namespace swb {

namespace {

QString lockPathFor(const QString &designPath)
{
    const QFileInfo info(designPath);
    return info.absolutePath() + QStringLiteral("/.") + info.fileName() + QStringLiteral(".lock");
}

} // namespace

DesignLock::DesignLock(const QString &designPath)
    : m_path(designPath)
    , m_lock(lockPathFor(designPath))
{
    m_lock.setStaleLockTime(0); // only a dead holder's lock is stale, never a slow one's
}

bool DesignLock::lock(int timeoutMs)
{
    if (m_lock.tryLock(timeoutMs))
        return true;
    // Only a lock held by another process refuses; a folder where no lock file can be made
    // (read-only, full) cannot take the design either, and the write says so precisely.
    if (m_lock.error() != QLockFile::LockFailedError)
        return true;
    qint64 pid = 0;
    QString host, app;
    m_lock.getLockInfo(&pid, &host, &app);
    m_error = QStringLiteral("'%1' is in use by another process (%2, pid %3); try again when it "
                             "has finished")
                  .arg(m_path, app.isEmpty() ? QStringLiteral("another program") : app)
                  .arg(pid);
    return false;
}

} // namespace swb
