#pragma once

#include "cli.h"

#include "model/analysis.h"
#include "model/design.h"

#include <QHash>
#include <QStringList>

// Helpers every command shares: argument parsing, reading and writing designs with a clear
// message, printing findings. Messages start with "swb COMMAND: " and go to io.err.
namespace swb::cli {

struct ParsedArgs {
    QStringList positional;
    QStringList flags;               // given flags, e.g. "--force"
    QHash<QString, QString> options; // "--pattern" -> "sqs-lambda" ("--pattern x" or "--pattern=x")

    bool has(const QString &flag) const { return flags.contains(flag); }
};

// Splits args into flags, options with a value and positional arguments. Returns an empty string
// on success, otherwise the problem ("unknown option '--x' (options: --force, --pattern)").
// A lone "--" ends the options.
QString parseArgs(const QStringList &args, const QStringList &knownFlags,
                  const QStringList &valueOptions, ParsedArgs *parsed);

// Prints "swb COMMAND: message" and the command's usage line to io.err; returns ExitUsage.
int usageError(Io &io, const char *command, const QString &message);

// Reads a design from a file in any registered format (fileformat.h), validated by the reader.
// On failure prints "swb COMMAND: " and the format's message (it names the file and the
// problem) and returns false (callers exit with ExitFile).
bool loadDesign(Io &io, const char *command, const QString &path, Design *design);
// Writes a design atomically in the format the file name's suffix selects. On failure prints
// "swb COMMAND: " and the reason (an unknown suffix lists the writable ones) and returns false.
bool saveDesign(Io &io, const char *command, const QString &path, const Design &design);

// "error  CODE  message": severity id, two spaces, stable code, two spaces, message.
QString findingLine(const Finding &finding);
// One line per finding to out; returns the number of Error findings.
int printFindings(const QList<Finding> &findings, QTextStream &out);

} // namespace swb::cli
