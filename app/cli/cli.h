#pragma once

#include "commandline.h"

#include <QStringList>
#include <QTextStream>

namespace swb::cli {

// Exit codes shared by every command.
enum ExitCode : int {
    ExitOk = 0,
    ExitFindings = 1, // the command ran and found a problem (validation errors, a broken gate)
    ExitUsage = 2,    // bad arguments
    ExitFile = 3,     // a file could not be read or written
};

struct Io {
    QTextStream &out;
    QTextStream &err;
};

// Every command, in the order swb --help lists them (defined in commands.cpp). The export kinds
// are commands named "export sam", "export cost" and "export diagram".
const QList<CommandSpec> &commands();
// The command named name ("cost", "export cost"), or nullptr.
const CommandSpec *findCommand(const QString &name);

// The top-level help (swb --help): usage, the commands with their summaries, exit codes.
QString mainHelpText();

// The bash completion script (`swb completion bash`): commands, export kinds, each command's
// options and the allowed values of its options, files elsewhere (completion.cpp).
QString bashCompletionScript();

// Entry point of the swb executable (after the QCoreApplication/QGuiApplication exists).
int run(const QStringList &arguments, Io &io);

} // namespace swb::cli
