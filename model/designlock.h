#pragma once
// The lock a command takes around a read-modify-write of a design file (swb set): a lock file
// beside it (".NAME.lock", QLockFile; a lock whose process died is taken over at once). Two
// concurrent `swb set` on one file then apply one after the other and both changes are kept;
// a lock held longer than the wait is refused as "in use by another process". The project
// writer also takes SQLite's own lock on the file it replaces (ProjectFile::write).

#include <QLockFile>
#include <QString>

namespace swb {

class DesignLock
{
public:
    explicit DesignLock(const QString &designPath);
    // Waits up to timeoutMs for another process to finish. False with error() when it does
    // not; true also when the folder cannot hold a lock file (read-only or full: nothing can be
    // written there, and the write itself will say so).
    bool lock(int timeoutMs = 15000);
    QString error() const { return m_error; }

private:
    QString m_path;
    QLockFile m_lock;
    QString m_error;
};

} // namespace swb
