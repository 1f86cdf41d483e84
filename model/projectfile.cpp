#include "model/projectfile.h"

#include "model/designjson.h"
#include "model/designvalidation.h"
#include "model/referencedfile.h"
#include "model/sqlconnection.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlError>

#include <memory>

namespace swb {

namespace {

// Format 1. Ids are the design's own (INTEGER PRIMARY KEY keeps them), no foreign keys: the
// reader checks references itself so that it can name the broken record.
const char *const kSchemaV1[] = {
    "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value)",
    "CREATE TABLE project (name TEXT NOT NULL, settings TEXT NOT NULL, extra TEXT NOT NULL)",
    "CREATE TABLE components (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, "
    "x REAL NOT NULL, y REAL NOT NULL, params TEXT NOT NULL, extra TEXT NOT NULL)",
    "CREATE TABLE connections (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, source INTEGER NOT "
    "NULL, target INTEGER NOT NULL, params TEXT NOT NULL, extra TEXT NOT NULL)",
    "CREATE TABLE faults (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, target INTEGER NOT NULL, "
    "start REAL NOT NULL, duration REAL NOT NULL, error_rate REAL NOT NULL, duration_factor "
    "REAL NOT NULL, rate_factor REAL NOT NULL)",
};

QString jsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

qint32 bigEndian32(const QByteArray &bytes, int offset)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData() + offset);
    return qint32((quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | p[3]);
}

// Applies steps from..to on an open database, inside the caller's transaction.
bool applySteps(const SqlConnection &db, int from, int to,
                const QList<ProjectFile::Migration> &steps, QString *error)
{
    for (int version = from; version < to; ++version) {
        const ProjectFile::Migration *step = nullptr;
        for (const ProjectFile::Migration &candidate : steps) {
            if (candidate.fromVersion == version)
                step = &candidate;
        }
        if (!step) {
            *error = QStringLiteral("there is no migration from format %1 to %2")
                         .arg(version)
                         .arg(version + 1);
            return false;
        }
        QString why;
        for (const QString &sql : step->statements) {
            if (!db.exec(sql, &why)) {
                *error = QStringLiteral("migration from format %1 to %2 (%3) failed: %4")
                             .arg(version)
                             .arg(version + 1)
                             .arg(step->description, why);
                return false;
            }
        }
        if (!db.exec(QStringLiteral("PRAGMA user_version = %1").arg(version + 1), error))
            return false;
    }
    return true;
}

bool insertDesign(const SqlConnection &db, const Design &design, QString *error)
{
    QSqlQuery q(db.database());
    auto run = [&](const QVariantList &values) {
        for (int i = 0; i < values.size(); ++i)
            q.bindValue(i, values.at(i));
        if (q.exec())
            return true;
        *error = q.lastError().text();
        return false;
    };
    q.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?)"));
    const QString version = QCoreApplication::applicationVersion();
    if (!run({QStringLiteral("nextId"), qlonglong(design.nextId)})
        || !run(
            {QStringLiteral("appVersion"), version.isEmpty() ? QStringLiteral("unknown") : version})
        || !run({QStringLiteral("savedAt"),
                 QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}))
        return false;
    q.prepare(QStringLiteral("INSERT INTO project (name, settings, extra) VALUES (?, ?, ?)"));
    // A null QString would bind as SQL NULL; a new design's name is null.
    if (!run({design.name.isNull() ? QStringLiteral("") : design.name,
              jsonText(paramsToJson(design.settings)), jsonText(variantMapToJson(design.extra))}))
        return false;
    q.prepare(QStringLiteral("INSERT INTO components (id, kind, name, x, y, params, extra) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    for (const Component &c : design.components) {
        if (!run({qlonglong(c.id), componentKindId(c.kind), c.name, c.position.x(), c.position.y(),
                  jsonText(paramsToJson(c.params)), jsonText(variantMapToJson(c.extra))}))
            return false;
    }
    q.prepare(QStringLiteral("INSERT INTO connections (id, kind, source, target, params, extra) "
                             "VALUES (?, ?, ?, ?, ?, ?)"));
    for (const Connection &w : design.connections) {
        if (!run({qlonglong(w.id), connectionKindId(w.kind), qlonglong(w.source),
                  qlonglong(w.target), jsonText(paramsToJson(w.params)),
                  jsonText(variantMapToJson(w.extra))}))
            return false;
    }
    q.prepare(QStringLiteral("INSERT INTO faults (id, kind, target, start, duration, error_rate, "
                             "duration_factor, rate_factor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const Fault &f : design.faults) {
        if (!run({qlonglong(f.id), faultKindId(f.kind), qlonglong(f.target), f.start, f.duration,
                  f.errorRate, f.durationFactor, f.rateFactor}))
            return false;
    }
    return true;
}

} // namespace

const QList<ProjectFile::Migration> &ProjectFile::migrations()
{
    // Append one entry per new format; never edit a published one (old files replay them).
    static const QList<Migration> table = {
        {0, QStringLiteral("create the format-1 tables"),
         [] {
             QStringList list;
             for (const char *sql : kSchemaV1)
                 list.append(QLatin1String(sql));
             return list;
         }()},
    };
    return table;
}

ProjectFile::ProjectFile()
    : ProjectFile(migrations(), CurrentVersion)
{}

ProjectFile::ProjectFile(QList<Migration> migrations, int currentVersion)
    : m_migrations(std::move(migrations))
    , m_currentVersion(currentVersion)
{}

QString ProjectFile::id() const
{
    return QStringLiteral("swb");
}

QString ProjectFile::displayName() const
{
    return QStringLiteral("Serverless Workbench project");
}

QStringList ProjectFile::suffixes() const
{
    return {QStringLiteral("swb")};
}

std::optional<ProjectFile::Header> ProjectFile::readHeader(const QString &path)
{
    // SQLite file format, "The Database Header": magic at 0, page size at 16 (1 means 65536),
    // change counter at 24, page count at 28 (valid when offset 92 equals the change counter),
    // user_version at 60, application_id at 68.
    const std::optional<QByteArray> head = readFileHead(path, 100);
    if (!head)
        return std::nullopt;
    const QByteArray &bytes = *head;
    if (bytes.size() < 100 || !bytes.startsWith(QByteArrayLiteral("SQLite format 3\0")))
        return std::nullopt;
    Header header;
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData());
    const int rawPageSize = (p[16] << 8) | p[17];
    header.pageSize = rawPageSize == 1 ? 65536 : rawPageSize;
    if (bigEndian32(bytes, 24) == bigEndian32(bytes, 92))
        header.pageCount = quint32(bigEndian32(bytes, 28));
    header.userVersion = bigEndian32(bytes, 60);
    header.applicationId = bigEndian32(bytes, 68);
    return header;
}

bool ProjectFile::canRead(const QString &path) const
{
    const auto header = readHeader(path);
    return header && header->applicationId == ApplicationId;
}

bool ProjectFile::migrate(const QString &path, const QList<Migration> &steps, int toVersion,
                          QString *error)
{
    SqlConnection db(path, false);
    QString why = db.errorString();
    bool ok = db.isOpen();
    const int from = ok ? db.scalar(QStringLiteral("PRAGMA user_version"), &why).toInt(&ok) : 0;
    ok = ok && db.exec(QStringLiteral("BEGIN IMMEDIATE"), &why);
    if (ok
        && !(applySteps(db, from, toVersion, steps, &why)
             && db.exec(QStringLiteral("COMMIT"), &why))) {
        db.exec(QStringLiteral("ROLLBACK"), nullptr);
        ok = false;
    }
    if (!ok && error)
        *error = QStringLiteral("'%1': %2").arg(path, why);
    return ok;
}

bool ProjectFile::execute(const QString &path, const QStringList &sql, QString *error)
{
    SqlConnection db(path, false);
    QString why = db.errorString();
    bool ok = db.isOpen() && db.exec(QStringLiteral("BEGIN IMMEDIATE"), &why);
    if (ok) {
        for (const QString &statement : sql)
            ok = ok && db.exec(statement, &why);
        ok = ok && db.exec(QStringLiteral("COMMIT"), &why);
        if (!ok)
            db.exec(QStringLiteral("ROLLBACK"), nullptr);
    }
    if (!ok && error)
        *error = QStringLiteral("'%1': %2").arg(path, why);
    return ok;
}

bool ProjectFile::write(const QString &path, const Design &design)
{
    Design normalized = design;
    if (const QString why = normalizeDesign(&normalized); !why.isEmpty())
        return fail(QStringLiteral("Cannot save '%1': %2").arg(path, why));

    // A new database in a temporary file beside the target, renamed over it (atomicfile.h): a
    // failed save, a full disk included, leaves the old file as it was and nothing behind.
    AtomicFile file(path, OutputKind::Project, force());
    if (!file.open())
        return fail(file.error());
    // SQLite's own lock on the file being replaced: while another program writes it (sqlite3,
    // a second workbench), this waits SQLite's busy timeout, then refuses.
    std::unique_ptr<SqlConnection> holder;
    const auto header = readHeader(file.targetPath());
    if (header && header->applicationId == ApplicationId) {
        holder = std::make_unique<SqlConnection>(file.targetPath(), false);
        QString why = holder->errorString();
        if (!holder->isOpen() || !holder->exec(QStringLiteral("BEGIN IMMEDIATE"), &why))
            return fail(isBusyError(why)
                            ? QStringLiteral("Cannot save '%1': it is in use by another process "
                                             "(SQLite reports it locked); try again when that "
                                             "process has finished")
                                  .arg(path)
                            : QStringLiteral("Cannot save '%1': %2").arg(path, why));
    }
    QString why;
    {
        SqlConnection db(file.tempPath(), false);
        why = db.errorString();
        bool ok = db.isOpen() && db.exec(QStringLiteral("BEGIN IMMEDIATE"), &why)
                  && db.exec(QStringLiteral("PRAGMA application_id = %1").arg(ApplicationId), &why)
                  && applySteps(db, 0, m_currentVersion, m_migrations, &why)
                  && insertDesign(db, normalized, &why) && db.exec(QStringLiteral("COMMIT"), &why);
        if (!ok) {
            db.exec(QStringLiteral("ROLLBACK"), nullptr);
            return fail(QStringLiteral("Cannot save '%1': %2").arg(path, why));
        }
    }
    if (!file.commit())
        return fail(file.error());
    return true;
}

bool isBusyError(const QString &sqliteMessage)
{
    return sqliteMessage.contains(QLatin1String("database is locked"))
           || sqliteMessage.contains(QLatin1String("database table is locked"));
}

} // namespace swb
