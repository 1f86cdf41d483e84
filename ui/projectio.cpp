#include "ui/projectio.h"

#include "model/fileformat.h"
#include "model/projectfile.h"
#include "model/textformat.h"

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
        *isProject = format->id() == ProjectFile().id() || format->id() == TextFormat().id();
    return true;
}

namespace {

// The two lossless native formats: the SQLite project and its YAML text form.
std::unique_ptr<FileFormat> nativeFormatFor(const QString &path)
{
    if (TextFormat().hasSuffix(path))
        return std::make_unique<TextFormat>();
    return std::make_unique<ProjectFile>();
}

} // namespace

OutputKind projectKindFor(const QString &path)
{
    return TextFormat().hasSuffix(path) ? OutputKind::DesignText : OutputKind::Project;
}

bool writeProject(const QString &path, const Design &design, QString *error, bool force)
{
    // Always a native, lossless format: Save never turns a design into a lossy export format.
    std::unique_ptr<FileFormat> format = nativeFormatFor(path);
    format->setForce(force);
    if (!format->write(path, design)) {
        if (error)
            *error = format->errorString();
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
    return ProjectFile().nameFilter() + QStringLiteral(";;") + TextFormat().nameFilter();
}

QString withProjectSuffix(const QString &path)
{
    return QFileInfo(path).suffix().isEmpty() ? path + QStringLiteral(".swb") : path;
}

} // namespace swb::projectio
