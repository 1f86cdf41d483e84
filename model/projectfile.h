#pragma once

#include "model/fileformat.h"

#include <optional>

namespace swb {

// The native project file (.swb): an SQLite database.
//
// Layout of format 1 (see kSchemaV1 in projectfile.cpp for the SQL):
//   meta(key, value)         nextId (integer), appVersion, savedAt (UTC, ISO 8601)
//   project(name, settings, extra)            one row; settings and extra as JSON
//   components(id, kind, name, x, y, params, extra)
//   connections(id, kind, source, target, params, extra)
//   faults(id, kind, target, start, duration, error_rate, duration_factor, rate_factor)
// Kinds are the stable ids of kinds.h; params and settings are plain JSON whose exact types the
// catalogue restores; extra maps use the typed JSON of variantjson.h, so a round trip is exact.
//
// PRAGMA application_id holds ApplicationId, so another program's SQLite file is recognised as
// foreign; PRAGMA user_version holds the format. Reading an older format migrates a temporary
// copy (the user's file is never modified by opening it, except that SQLite rolls back a save
// another program left half-done, its "hot journal"); reading a newer one is refused. A file
// another process holds locked is reported as in use, one with a hot journal that cannot be
// rolled back (read-only folder) as recoverable: neither is "damaged".
// Saving writes a temporary file in the target's folder in one transaction and renames it over
// the target, so a failed save leaves the old file as it was. Every operation uses its own
// uniquely named database connection, so any thread may read or write.
// Whether an SQLite message means another connection holds the file (SQLITE_BUSY / LOCKED):
// the file is in use, not damaged.
bool isBusyError(const QString &sqliteMessage);

class ProjectFile : public FileFormat
{
public:
    static constexpr int CurrentVersion = 1;
    static constexpr qint32 ApplicationId = 0x53574250; // "SWBP"

    // One step of the migration table: the SQL that turns format fromVersion into fromVersion+1.
    // Step 0 -> 1 creates the schema, so a new file is "migrated" from an empty database.
    struct Migration {
        int fromVersion = 0;
        QString description;
        QStringList statements;
    };
    static const QList<Migration> &migrations();

    ProjectFile();
    // A project format with another migration table and current version: how tests exercise
    // migrations and newer-format files before a second format exists.
    ProjectFile(QList<Migration> migrations, int currentVersion);

    QString id() const override;
    QString displayName() const override;
    QStringList suffixes() const override;
    bool canRead(const QString &path) const override;
    bool canWrite() const override { return true; }
    bool read(const QString &path, Design *out) override;
    bool write(const QString &path, const Design &design) override;

    // What the 100-byte SQLite header says, without opening the database.
    struct Header {
        qint32 applicationId = 0;
        qint32 userVersion = 0;
        qint64 pageSize = 0;
        qint64 pageCount = 0; // 0 when the header's count is not valid
    };
    // nullopt when the file is missing, shorter than a header or not SQLite.
    static std::optional<Header> readHeader(const QString &path);

    // Applies, in order and in one transaction, the steps leading from the file's user_version
    // to toVersion (creating the database when it does not exist); on failure nothing changes
    // and *error names the step.
    static bool migrate(const QString &path, const QList<Migration> &steps, int toVersion,
                        QString *error);
    // Runs SQL statements on a database in one transaction: for maintenance tools and tests
    // that need to craft damaged projects.
    static bool execute(const QString &path, const QStringList &statements, QString *error);

private:
    bool readDatabase(const QString &path, const QString &shownPath, Design *out);

    QList<Migration> m_migrations;
    int m_currentVersion;
};

} // namespace swb
