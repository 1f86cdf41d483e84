#pragma once

#include "cli.h"

#include "model/atomicfile.h"

#include <QByteArray>
#include <QJsonObject>

#include <functional>

// Where commands write: a file, replaced atomically, or standard output when the path is "-".
// Messages start with "swb COMMAND: " and go to io.err.
namespace swb::cli {

inline bool isStdout(const QString &path)
{
    return path == QLatin1String("-");
}

// Bytes on standard output, after whatever io.out holds (binary safe: XLSX, PNG, PDF).
void writeStdout(Io &io, const QByteArray &data);

// data to path (atomic replace, model/atomicfile.h: force replaces a symbolic link's target or a
// file of another kind than `kind`) or to standard output for "-". False (reported) on failure.
bool writeData(Io &io, const QString &command, const QString &path, const QByteArray &data,
               OutputKind kind, bool force = false);

// For writers that need a path (libxlsxwriter, QPdfWriter, the design formats): a file is
// written in place; for "-" the writer fills a temporary file named "out" + suffix (the suffix
// picks the format) whose bytes are then copied to standard output.
using PathWriter = std::function<bool(const QString &path, QString *error)>;
bool writeVia(Io &io, const QString &command, const QString &path, const QString &suffix,
              const PathWriter &write);

// For exports whose OUT suffix picks the format: with OUT '-' the --format value (e.g. "pdf")
// names it instead. Sets *suffix (".pdf", or "" when --format is not given) and *formatPath (a
// name whose suffix picks the format); returns "" or the problem ("with OUT '-' give --format
// svg, png or pdf").
QString outputFormat(const QString &out, const QString &format, const QString &allowed,
                     QString *suffix, QString *formatPath);

// Pretty-printed JSON on io.out.
void printJson(Io &io, const QJsonObject &root);

// The format and version tags every JSON output starts with ("swb-cost", 1): a reader checks
// them, and a change to a documented field bumps the version.
QJsonObject jsonHeader(const QString &format, int version = 1);

} // namespace swb::cli
