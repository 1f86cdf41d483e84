#include "output.h"

#include "model/fileformat.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <cstdio>

namespace swb::cli {

void writeStdout(Io &io, const QByteArray &data)
{
    io.out.flush();
    if (QIODevice *device = io.out.device()) {
        device->write(data);
        if (auto *file = qobject_cast<QFile *>(device))
            file->flush();
    } else {
        // A stream on a string (tests calling a command in-process): bytes as UTF-8 text.
        io.out << QString::fromUtf8(data);
        io.out.flush();
    }
}

namespace {

// The writers' messages (model/atomicfile.h) name the file already ("Cannot save 'x': ...").
void reportWriteError(Io &io, const QString &command, const QString &path, const QString &error)
{
    io.err << "swb " << command << ": ";
    if (!error.contains(path))
        io.err << "cannot write '" << path << "': ";
    io.err << error << "\n";
}

} // namespace

bool writeData(Io &io, const QString &command, const QString &path, const QByteArray &data,
               OutputKind kind, bool force)
{
    if (isStdout(path)) {
        writeStdout(io, data);
        return true;
    }
    QString error;
    if (writeFileAtomically(path, data, kind, force, &error))
        return true;
    reportWriteError(io, command, path, error);
    return false;
}

bool writeVia(Io &io, const QString &command, const QString &path, const QString &suffix,
              const PathWriter &write)
{
    QString error;
    if (!isStdout(path)) {
        if (write(path, &error))
            return true;
        reportWriteError(io, command, path, error);
        return false;
    }
    const QTemporaryDir dir;
    const QString temp = dir.filePath(QStringLiteral("out") + suffix);
    QFile file(temp);
    if (!dir.isValid() || !write(temp, &error) || !file.open(QIODevice::ReadOnly)) {
        io.err << "swb " << command << ": cannot write to standard output: "
               << (error.isEmpty() ? file.errorString() : error) << "\n";
        return false;
    }
    writeStdout(io, file.readAll());
    return true;
}

QString outputFormat(const QString &out, const QString &format, const QString &allowed,
                     QString *suffix, QString *formatPath)
{
    if (isStdout(out) && format.isEmpty())
        return QStringLiteral("with OUT '-' give --format %1").arg(allowed);
    *suffix = format.isEmpty() ? QString() : QLatin1Char('.') + format;
    if (!format.isEmpty() && !isStdout(out) && !out.endsWith(*suffix, Qt::CaseInsensitive))
        return QStringLiteral("option '--format' %1 does not match '%2'; the suffix picks the "
                              "format")
            .arg(format, out);
    *formatPath = isStdout(out) ? QStringLiteral("out") + *suffix : out;
    return {};
}

void printJson(Io &io, const QJsonObject &root)
{
    io.out << QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
    io.out.flush();
}

QJsonObject jsonHeader(const QString &format, int version)
{
    return QJsonObject{{QStringLiteral("format"), format}, {QStringLiteral("version"), version}};
}

} // namespace swb::cli
