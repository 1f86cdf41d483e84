#include "model/sqlconnection.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QSqlQuery>

namespace swb {

namespace {

QAtomicInteger<quint64> g_connectionCounter;

} // namespace

SqlConnection::SqlConnection(const QString &path, bool readOnly)
    : m_name(QStringLiteral("swb-sqlite-%1").arg(g_connectionCounter.fetchAndAddRelaxed(1)))
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE"))) {
        m_error = QStringLiteral("the Qt SQLite driver (QSQLITE) is not installed; on Debian "
                                 "install libqt6sql6-sqlite");
        return;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    db.setDatabaseName(path);
    if (readOnly)
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    if (!db.open()) {
        m_error = db.lastError().text();
        if (m_error.trimmed().isEmpty())
            m_error = QStringLiteral("SQLite could not open the file");
    }
}

SqlConnection::~SqlConnection()
{
    if (!QSqlDatabase::contains(m_name))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

QSqlDatabase SqlConnection::database() const
{
    return QSqlDatabase::database(m_name, false);
}

bool SqlConnection::exec(const QString &sql, QString *error) const
{
    QSqlQuery query(database());
    if (query.exec(sql))
        return true;
    if (error)
        *error = QStringLiteral("%1 (in: %2)").arg(query.lastError().text(), sql.simplified());
    return false;
}

QVariant SqlConnection::scalar(const QString &sql, QString *error) const
{
    QSqlQuery query(database());
    if (query.exec(sql) && query.next())
        return query.value(0);
    if (error)
        *error = query.lastError().text().isEmpty()
                     ? QStringLiteral("no result (in: %1)").arg(sql)
                     : QStringLiteral("%1 (in: %2)").arg(query.lastError().text(), sql);
    return {};
}

} // namespace swb
