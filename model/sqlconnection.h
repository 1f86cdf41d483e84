#pragma once

// Private to the model's SQLite-based formats: this header includes Qt Sql, which only swb_model
// links (privately). Never include it from a public header.

#include <QSqlDatabase>
#include <QString>

namespace swb {

// One uniquely named QSQLITE connection for the duration of one operation, removed on
// destruction. Qt allows a connection to be used only by the thread that made it; giving every
// read and write its own makes the file formats usable from worker threads.
class SqlConnection
{
public:
    SqlConnection(const QString &path, bool readOnly);
    ~SqlConnection();
    SqlConnection(const SqlConnection &) = delete;
    SqlConnection &operator=(const SqlConnection &) = delete;

    bool isOpen() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; } // why opening failed
    QSqlDatabase database() const;

    // Runs one statement; on failure *error gets SQLite's message and the statement.
    bool exec(const QString &sql, QString *error) const;
    // The first column of the first row, or an invalid QVariant (with *error) on failure.
    QVariant scalar(const QString &sql, QString *error) const;

private:
    QString m_name;
    QString m_error;
};

} // namespace swb
