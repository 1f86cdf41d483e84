#include "model/fileformat.h"

#include "model/projectfile.h"
#include "model/sam/samformat.h"
#include "model/textformat.h"

#include <QDir>
#include <QFileInfo>

#include <vector>

namespace swb {

namespace {

template<typename Format>
std::unique_ptr<FileFormat> make()
{
    return std::make_unique<Format>();
}

using Factory = std::unique_ptr<FileFormat> (*)();

// THE registry: one line per format, in dialog order.
const Factory kFormats[] = {
    &make<ProjectFile>,
    &make<TextFormat>,
    &make<sam::SamFormat>,
};

QString formatList(bool writable)
{
    QStringList names;
    for (const FileFormat *format : FileFormats::all()) {
        if (!writable || format->canWrite())
            names.append(format->nameFilter());
    }
    return names.join(QStringLiteral(", "));
}

QString suffixPatterns(const FileFormat &format)
{
    QStringList patterns;
    for (const QString &suffix : format.suffixes())
        patterns.append(QStringLiteral("*.") + suffix);
    return patterns.join(QLatin1Char(' '));
}

} // namespace

FileFormat::~FileFormat() = default;

QString FileFormat::nameFilter() const
{
    return QStringLiteral("%1 (%2)").arg(displayName(), suffixPatterns(*this));
}

bool FileFormat::hasSuffix(const QString &path) const
{
    const QString name = QFileInfo(path).fileName();
    for (const QString &suffix : suffixes()) {
        if (name.endsWith(QLatin1Char('.') + suffix, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool FileFormat::fail(const QString &message)
{
    m_errorString = message;
    return false;
}

namespace FileFormats {

const QList<const FileFormat *> &all()
{
    // Function-local statics: initialised once, thread-safely; the instances live until exit.
    static const std::vector<std::unique_ptr<FileFormat>> owned = [] {
        std::vector<std::unique_ptr<FileFormat>> list;
        for (Factory factory : kFormats)
            list.push_back(factory());
        return list;
    }();
    static const QList<const FileFormat *> formats = [] {
        QList<const FileFormat *> list;
        for (const auto &format : owned)
            list.append(format.get());
        return list;
    }();
    return formats;
}

std::unique_ptr<FileFormat> create(const QString &id)
{
    for (Factory factory : kFormats) {
        auto format = factory();
        if (format->id() == id)
            return format;
    }
    return nullptr;
}

std::unique_ptr<FileFormat> forReading(const QString &path, QString *error)
{
    const QFileInfo info(path);
    QString reason;
    if (!info.exists())
        reason = QStringLiteral("Cannot open '%1': the file does not exist").arg(path);
    else if (info.isDir())
        reason = QStringLiteral("Cannot open '%1': it is a folder, not a file").arg(path);
    else if (!info.isFile()) // never opened: a FIFO would block, a device never end
        reason = QStringLiteral("Cannot open '%1': it is not a regular file (a device, FIFO or "
                                "socket)")
                     .arg(path);
    if (reason.isEmpty()) {
        // Opening a file is when the litter of killed saves in its folder goes (atomicfile.h).
        removeSaveLitter(info.absolutePath());
        for (const FileFormat *format : all()) {
            if (format->canRead(path))
                return create(format->id());
        }
        for (const FileFormat *format : all()) {
            if (format->hasSuffix(path))
                return create(format->id());
        }
        reason = QStringLiteral("Cannot open '%1': not a file this version can read (%2)")
                     .arg(path, formatList(false));
    }
    if (error)
        *error = reason;
    return nullptr;
}

std::unique_ptr<FileFormat> forWriting(const QString &pathOrId, QString *error)
{
    for (const FileFormat *format : all()) {
        if (format->canWrite() && format->id() == pathOrId)
            return create(format->id());
    }
    for (const FileFormat *format : all()) {
        if (format->canWrite() && format->hasSuffix(pathOrId))
            return create(format->id());
    }
    if (error)
        *error = QStringLiteral("Cannot save '%1': unknown format; choose a file name ending in "
                                "one of: %2")
                     .arg(pathOrId, formatList(true));
    return nullptr;
}

QStringList readFilters()
{
    QStringList filters;
    QStringList patterns;
    for (const FileFormat *format : all()) {
        filters.append(format->nameFilter());
        patterns.append(suffixPatterns(*format));
    }
    filters.prepend(QStringLiteral("All supported (%1)").arg(patterns.join(QLatin1Char(' '))));
    return filters;
}

QStringList writeFilters()
{
    QStringList filters;
    for (const FileFormat *format : all()) {
        if (format->canWrite())
            filters.append(format->nameFilter());
    }
    return filters;
}

} // namespace FileFormats

} // namespace swb
