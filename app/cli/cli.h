#pragma once

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

// One subcommand: "swb NAME ARGS...". args excludes the program and the command name.
struct Command {
    const char *name;
    const char *synopsis; // "validate FILE"
    const char *summary;  // one line for swb --help
    int (*run)(const QStringList &args, Io &io);
};

// Every command, in the order swb --help lists them (defined in commands.cpp).
const QList<Command> &commands();

// Entry point of the swb executable (after the QCoreApplication/QGuiApplication exists).
int run(const QStringList &arguments, Io &io);

} // namespace swb::cli
