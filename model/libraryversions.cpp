#include "model/libraryversions.h"

#include "model/sqlconnection.h"

#include <QVariant>
#include <QtGlobal>

#include <boost/version.hpp>
#include <xlsxwriter.h>

namespace swb {

namespace {

QString sqliteVersion()
{
    // The SQLite the project files use is the one behind Qt's QSQLITE driver, so ask it.
    const SqlConnection db(QStringLiteral(":memory:"), false);
    if (!db.isOpen())
        return QStringLiteral("unknown (%1)").arg(db.errorString());
    QString error;
    const QString version = db.scalar(QStringLiteral("SELECT sqlite_version()"), &error).toString();
    return version.isEmpty() ? QStringLiteral("unknown") : version;
}

QString boostVersion()
{
    // BOOST_LIB_VERSION is "1_74" (or "1_74_1"): shown the way Boost names its releases.
    return QString::fromLatin1(BOOST_LIB_VERSION).replace(QLatin1Char('_'), QLatin1Char('.'));
}

} // namespace

QString projectVersion()
{
    return QStringLiteral(SWB_PROJECT_VERSION);
}

QList<LibraryInfo> libraryVersions()
{
    return {
        {QStringLiteral("Qt"), QString::fromLatin1(qVersion()), QStringLiteral("LGPLv3"),
         QStringLiteral("windows, canvas, charts, project files")},
        {QStringLiteral("Boost"), boostVersion(), QStringLiteral("BSL-1.0"),
         QStringLiteral("graph analysis (Boost.Graph)")},
        {QStringLiteral("yaml-cpp"), QStringLiteral(SWB_YAMLCPP_VERSION), QStringLiteral("MIT"),
         QStringLiteral("design text files and SAM templates")},
        {QStringLiteral("libxlsxwriter"), QString::fromLatin1(lxw_version()),
         QStringLiteral("BSD-2-Clause"), QStringLiteral("cost sheets (.xlsx)")},
        {QStringLiteral("SQLite"), sqliteVersion(), QStringLiteral("public domain"),
         QStringLiteral("project files (.swb)")},
    };
}

} // namespace swb
