#include "ui/projectio.h"

#include "model/fileformat.h"
#include "model/projectfile.h"

#include <QFileInfo>

namespace swb::projectio {

bool readDesign(const QString &path, Design *design, QString *error, bool *isProject)
{
    std::unique_ptr<FileFormat> format = FileFormats::forReading(path, error);
    if (!format)
        return false;
    if (!format->read(path, design)) {
        if (error)
            *error = format->errorString();
        return false;
    }
    if (isProject)
        *isProject = format->id() == ProjectFile().id();
    return true;
}

bool writeProject(const QString &path, const Design &design, QString *error)
{
    // Always the native project: Save never turns a design into a lossy export format.
    ProjectFile format;
    if (!format.write(path, design)) {
        if (error)
            *error = format.errorString();
        return false;
    }
    return true;
}

QString openFilter()
{
    return FileFormats::readFilters().join(QStringLiteral(";;"));
}

QString saveFilter()
{
    return ProjectFile().nameFilter();
}

QString withProjectSuffix(const QString &path)
{
    return QFileInfo(path).suffix().isEmpty() ? path + QStringLiteral(".swb") : path;
}

} // namespace swb::projectio
