// ProjectFile::read: refuses anything that is not a complete, valid project of a format this
// version knows, with a message naming the file and the record, and never touches *out then.

#include "model/projectfile.h"

#include "model/designjson.h"
#include "model/designvalidation.h"
#include "model/sqlconnection.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryFile>

namespace swb {

namespace {

bool isInteger(const QVariant &v)
{
    return v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int;
}

bool isNumber(const QVariant &v)
{
    return isInteger(v) || v.typeId() == QMetaType::Double;
}

// Reads the rows of one table into a Design; the first problem is kept, naming the record.
class RowReader
{
public:
    explicit RowReader(const SqlConnection &db)
        : m_db(db)
    {}

    QString error() const { return m_error; }

    bool select(QSqlQuery *q, const QString &sql)
    {
        *q = QSqlQuery(m_db.database());
        q->setForwardOnly(true);
        if (q->exec(sql))
            return true;
        return fail(QStringLiteral("the file is damaged: cannot read its tables (%1)")
                        .arg(q->lastError().text()));
    }

    qint64 id(const QVariant &v, const QString &table)
    {
        if (!isInteger(v))
            fail(QStringLiteral("a record of '%1' has the id '%2', not a whole number")
                     .arg(table, v.toString()));
        return v.toLongLong();
    }

    qint64 integer(const QVariant &v, const QString &what, const char *column)
    {
        if (!isInteger(v))
            fail(QStringLiteral("%1: '%2' is '%3', not a whole number")
                     .arg(what, QLatin1String(column), v.toString()));
        return v.toLongLong();
    }

    double number(const QVariant &v, const QString &what, const char *column)
    {
        if (!isNumber(v))
            fail(QStringLiteral("%1: '%2' is '%3', not a number")
                     .arg(what, QLatin1String(column), v.toString()));
        return v.toDouble();
    }

    QJsonObject json(const QVariant &v, const QString &what, const char *column)
    {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(v.toString().toUtf8(), &parseError);
        if (!doc.isObject())
            fail(QStringLiteral("%1: '%2' is not a JSON object (%3 at offset %4)")
                     .arg(what, QLatin1String(column),
                          parseError.error == QJsonParseError::NoError
                              ? QStringLiteral("not an object")
                              : parseError.errorString())
                     .arg(parseError.offset));
        return doc.object();
    }

    QVariantMap extra(const QVariant &v, const QString &what)
    {
        const QJsonObject object = json(v, what, "extra");
        QString why;
        auto map = variantMapFromJson(object, &why);
        if (!map) {
            fail(QStringLiteral("%1: extra: %2").arg(what, why));
            return {};
        }
        return *map;
    }

    bool fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
        return false;
    }

private:
    const SqlConnection &m_db;
    QString m_error;
};

bool readProject(RowReader &r, Design *d)
{
    QSqlQuery q;
    if (!r.select(&q, QStringLiteral("SELECT key, value FROM meta")))
        return false;
    QHash<QString, QVariant> meta;
    while (q.next())
        meta.insert(q.value(0).toString(), q.value(1));
    if (!meta.contains(QStringLiteral("nextId")))
        return r.fail(QStringLiteral("the file is damaged: the meta record 'nextId' is missing"));
    d->nextId = r.integer(meta.value(QStringLiteral("nextId")), QStringLiteral("meta"), "nextId");

    if (!r.select(&q, QStringLiteral("SELECT name, settings, extra FROM project")))
        return false;
    if (!q.next())
        return r.fail(QStringLiteral("the file is damaged: the project record is missing"));
    d->name = q.value(0).toString();
    d->settings = paramsFromJson(r.json(q.value(1), QStringLiteral("project"), "settings"));
    d->extra = r.extra(q.value(2), QStringLiteral("project"));
    if (q.next())
        return r.fail(QStringLiteral("the file is damaged: it has more than one project record"));
    return r.error().isEmpty();
}

bool readComponents(RowReader &r, Design *d)
{
    QSqlQuery q;
    if (!r.select(&q, QStringLiteral("SELECT id, kind, name, x, y, params, extra FROM components "
                                     "ORDER BY id")))
        return false;
    while (q.next() && r.error().isEmpty()) {
        Component c;
        c.id = r.id(q.value(0), QStringLiteral("components"));
        c.name = q.value(2).toString();
        const QString what = QStringLiteral("block #%1 '%2'").arg(c.id).arg(c.name);
        QString why;
        if (!parseComponentKind(q.value(1).toString(), &c.kind, &why))
            return r.fail(QStringLiteral("%1: %2").arg(what, why));
        c.position = QPointF(r.number(q.value(3), what, "x"), r.number(q.value(4), what, "y"));
        c.params = paramsFromJson(r.json(q.value(5), what, "params"));
        c.extra = r.extra(q.value(6), what);
        d->components.insert(c.id, c);
    }
    return r.error().isEmpty();
}

bool readConnections(RowReader &r, Design *d)
{
    QSqlQuery q;
    if (!r.select(&q, QStringLiteral("SELECT id, kind, source, target, params, extra FROM "
                                     "connections ORDER BY id")))
        return false;
    while (q.next() && r.error().isEmpty()) {
        Connection w;
        w.id = r.id(q.value(0), QStringLiteral("connections"));
        const QString what = QStringLiteral("wire #%1").arg(w.id);
        QString why;
        if (!parseConnectionKind(q.value(1).toString(), &w.kind, &why))
            return r.fail(QStringLiteral("%1: %2").arg(what, why));
        w.source = r.integer(q.value(2), what, "source");
        w.target = r.integer(q.value(3), what, "target");
        w.params = paramsFromJson(r.json(q.value(4), what, "params"));
        w.extra = r.extra(q.value(5), what);
        d->connections.insert(w.id, w);
    }
    return r.error().isEmpty();
}

bool readFaults(RowReader &r, Design *d)
{
    QSqlQuery q;
    if (!r.select(&q, QStringLiteral("SELECT id, kind, target, start, duration, error_rate, "
                                     "duration_factor, rate_factor FROM faults ORDER BY id")))
        return false;
    while (q.next() && r.error().isEmpty()) {
        Fault f;
        f.id = r.id(q.value(0), QStringLiteral("faults"));
        const QString what = QStringLiteral("fault #%1").arg(f.id);
        QString why;
        if (!parseFaultKind(q.value(1).toString(), &f.kind, &why))
            return r.fail(QStringLiteral("%1: %2").arg(what, why));
        f.target = r.integer(q.value(2), what, "target");
        f.start = r.number(q.value(3), what, "start");
        f.duration = r.number(q.value(4), what, "duration");
        f.errorRate = r.number(q.value(5), what, "error_rate");
        f.durationFactor = r.number(q.value(6), what, "duration_factor");
        f.rateFactor = r.number(q.value(7), what, "rate_factor");
        d->faults.insert(f.id, f);
    }
    return r.error().isEmpty();
}

QString inUseMessage(const QString &path)
{
    return QStringLiteral("'%1' is in use by another process (SQLite reports it locked); try "
                          "again when that process has finished")
        .arg(path);
}

QString recoverableMessage(const QString &path)
{
    return QStringLiteral("'%1' was left half-saved by a program that stopped; it is not "
                          "damaged but recoverable: its journal '%1-journal' holds the last "
                          "complete save, which SQLite restores when the file is opened where "
                          "it can be written (this folder or file is read-only)")
        .arg(path);
}

// Lets SQLite roll back a hot journal beside path (opening for writing and reading once is
// what triggers it). Returns a message when the file is in use, empty otherwise (also when the
// file cannot be opened for writing: the read then says the file is recoverable).
QString recoverJournal(const QString &path)
{
    const QFileInfo journal(path + QStringLiteral("-journal"));
    if (!journal.exists() || journal.size() == 0 || !QFileInfo(path).isWritable()
        || !QFileInfo(QFileInfo(path).absolutePath()).isWritable())
        return {};
    SqlConnection db(path, false);
    QString why = db.errorString();
    if (db.isOpen()
        && db.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master"), &why).isValid())
        return {};
    return isBusyError(why) ? inUseMessage(path) : QString();
}

} // namespace

bool ProjectFile::read(const QString &path, Design *out)
{
    const QFileInfo info(path);
    if (!info.exists())
        return fail(QStringLiteral("Cannot open '%1': the file does not exist").arg(path));
    if (info.isDir())
        return fail(QStringLiteral("Cannot open '%1': it is a folder, not a file").arg(path));
    if (!info.isReadable())
        return fail(QStringLiteral("Cannot open '%1': permission denied").arg(path));
    if (info.size() == 0)
        return fail(
            QStringLiteral("'%1' is empty; it is not a Serverless Workbench project").arg(path));
    if (!info.isFile())
        return fail(QStringLiteral("Cannot open '%1': it is not a regular file").arg(path));
    // A journal beside the file: a save by another program stopped half-way (a "hot" journal),
    // or one is under way. SQLite restores the last complete state when the file is opened for
    // writing; a read-only open cannot, and used to report the file as damaged.
    if (const QString why = recoverJournal(path); !why.isEmpty())
        return fail(why);

    const auto header = readHeader(path);
    if (!header) {
        QFile file(path);
        const bool sqlite = file.open(QIODevice::ReadOnly)
                            && file.read(16) == QByteArrayLiteral("SQLite format 3\0");
        if (sqlite)
            return fail(QStringLiteral("'%1' is damaged: the file is truncated (%2 bytes)")
                            .arg(path)
                            .arg(info.size()));
        return fail(QStringLiteral("'%1' is not a Serverless Workbench project (it is not an "
                                   "SQLite database)")
                        .arg(path));
    }
    if (header->applicationId != ApplicationId)
        return fail(QStringLiteral("'%1' is an SQLite database, but not a Serverless Workbench "
                                   "project (its application id is 0x%2, a project has 0x%3)")
                        .arg(path)
                        .arg(quint32(header->applicationId), 8, 16, QLatin1Char('0'))
                        .arg(quint32(ApplicationId), 8, 16, QLatin1Char('0')));
    if (header->userVersion > m_currentVersion)
        return fail(QStringLiteral("'%1' was made by a newer Serverless Workbench (format %2, "
                                   "this version reads up to %3)")
                        .arg(path)
                        .arg(header->userVersion)
                        .arg(m_currentVersion));
    if (header->userVersion < 1)
        return fail(QStringLiteral("'%1' is damaged: it is an unfinished project (format %2)")
                        .arg(path)
                        .arg(header->userVersion));
    if (header->pageCount > 0 && info.size() < header->pageSize * header->pageCount)
        return fail(QStringLiteral("'%1' is damaged: the file is truncated (%2 of %3 bytes)")
                        .arg(path)
                        .arg(info.size())
                        .arg(header->pageSize * header->pageCount));
    if (header->userVersion == m_currentVersion)
        return readDatabase(path, path, out);

    // An older format: upgrade a private copy, so opening never modifies the user's file.
    QTemporaryFile copy(QDir::tempPath() + QStringLiteral("/swb-upgrade-XXXXXX.swb"));
    QFile source(path);
    if (!copy.open() || !source.open(QIODevice::ReadOnly)
        || copy.write(source.readAll()) != info.size() || !copy.flush())
        return fail(QStringLiteral("Cannot open '%1': cannot make a temporary copy to upgrade "
                                   "(%2)")
                        .arg(path, copy.errorString()));
    copy.close();
    QString why;
    if (!migrate(copy.fileName(), m_migrations, m_currentVersion, &why))
        return fail(QStringLiteral("'%1' (format %2) cannot be upgraded to format %3: %4")
                        .arg(path)
                        .arg(header->userVersion)
                        .arg(m_currentVersion)
                        .arg(why));
    return readDatabase(copy.fileName(), path, out);
}

bool ProjectFile::readDatabase(const QString &path, const QString &shownPath, Design *out)
{
    SqlConnection db(path, true);
    if (!db.isOpen())
        return fail(isBusyError(db.errorString())
                        ? inUseMessage(shownPath)
                        : QStringLiteral("Cannot open '%1': %2").arg(shownPath, db.errorString()));
    // quick_check walks every page: damage is reported here, before any record is trusted.
    {
        QSqlQuery check(db.database());
        QStringList problems;
        if (!check.exec(QStringLiteral("PRAGMA quick_check")))
            problems.append(check.lastError().text());
        bool clean = problems.isEmpty();
        while (problems.size() < 2 && check.next()) {
            QString row = check.value(0).toString();
            clean = clean && row == QLatin1String("ok");
            // The first problem starts with a "*** in database main ***" line.
            if (row.startsWith(QLatin1String("***")))
                row = row.section(QLatin1Char('\n'), 1);
            if (row != QLatin1String("ok") && !row.trimmed().isEmpty())
                problems.append(row.section(QLatin1Char('\n'), 0, 0).simplified());
        }
        if (!clean && problems.isEmpty())
            problems.append(QStringLiteral("it fails SQLite's integrity check"));
        // Busy and recoverable are not damage: say what they are.
        if (!problems.isEmpty() && isBusyError(problems.first()))
            return fail(inUseMessage(shownPath));
        if (!problems.isEmpty() && problems.first().contains(QLatin1String("readonly"))
            && QFileInfo::exists(path + QStringLiteral("-journal")))
            return fail(recoverableMessage(shownPath));
        if (!problems.isEmpty())
            return fail(QStringLiteral("'%1' is damaged: %2")
                            .arg(shownPath, problems.join(QStringLiteral("; "))));
    }
    Design design;
    RowReader reader(db);
    if (!(readProject(reader, &design) && readComponents(reader, &design)
          && readConnections(reader, &design) && readFaults(reader, &design)))
        return fail(QStringLiteral("'%1': %2").arg(shownPath, reader.error()));
    if (const QString problem = normalizeDesign(&design); !problem.isEmpty())
        return fail(QStringLiteral("'%1': %2").arg(shownPath, problem));
    *out = std::move(design);
    return true;
}

} // namespace swb
