#pragma once

#include <QList>
#include <QString>

namespace swb {

// A third-party library the binaries use, for the About box.
struct LibraryInfo {
    QString name;    // "Qt"
    QString version; // read at run time where the library offers it, else its build version
    QString licence; // as shown to the user: "LGPLv3", "BSL-1.0", "public domain"
    QString use;     // what the app uses it for, one short phrase
};

// Serverless Workbench's own version: the CMake project version it was built from.
QString projectVersion();

// Qt, Boost, yaml-cpp, libxlsxwriter and SQLite, in that order. Qt (qVersion), libxlsxwriter
// (lxw_version) and SQLite (sqlite_version() through the QSQLITE driver) report the version
// loaded at run time; Boost is header-only and yaml-cpp has no version call, so theirs are
// the versions compiled against. A version that cannot be read is "unknown".
QList<LibraryInfo> libraryVersions();

} // namespace swb
