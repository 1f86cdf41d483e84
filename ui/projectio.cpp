#include "ui/projectio.h"

#include "model/designjson.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

// TEMPORARY: JSON until model/fileformat.h (the .swb SQLite format) lands.
namespace swb::projectio {

bool readDesign(const QString &path, Design *design, QString *error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!json.isObject()) {
        *error = parseError.errorString();
        return false;
    }
    return designFromJson(json.object(), design, error);
}

bool writeProject(const QString &path, const Design &design, QString *error) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(QJsonDocument(designToJson(design)).toJson()) < 0 || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

QString openFilter() {
    return QObject::tr("Serverless Workbench projects (*.swb);;All files (*)");
}

QString saveFilter() {
    return QObject::tr("Serverless Workbench projects (*.swb)");
}

QString withProjectSuffix(const QString &path) {
    return QFileInfo(path).suffix().isEmpty() ? path + QStringLiteral(".swb") : path;
}

} // namespace swb::projectio
