#include "cliutil.h"
#include "commands.h"
#include "output.h"

#include "model/assignment.h"
#include "model/designlock.h"
#include "model/document.h"

namespace swb::cli {

namespace {

const QString kCommand = QStringLiteral("set");

// All assignments apply or none does; the file (or --out, in the format its name picks) is
// written atomically. Prints one line per change, as the Edit menu would name it (on standard
// error when the design itself goes to standard output).
int run(const Args &args, Io &io)
{
    if (args.positional.size() < 2)
        return usageError(io, kCommand,
                          args.positional.isEmpty() ? QStringLiteral("missing FILE")
                                                    : QStringLiteral("missing BLOCK.PARAM=VALUE"));
    const QString path = args.positional.first();
    const QString out = args.value(QStringLiteral("out"), path);
    // Read, change and write under the output's lock, so a concurrent `swb set` on the same
    // file waits and then reads this one's result: both changes are kept.
    DesignLock lock(isStdout(out) ? path : out);
    if (!lock.lock()) {
        io.err << "swb set: " << lock.error() << "\n"
               << "swb set: nothing was written\n";
        return ExitFile;
    }
    Design design;
    if (!loadDesign(io, kCommand, path, &design, allowedDirs(args)))
        return ExitFile;

    Document document;
    document.replaceDesign(design);
    for (const QString &text : args.positional.mid(1)) {
        Assignment assignment;
        QString error = parseAssignment(text, &assignment);
        if (error.isEmpty())
            error = applyAssignment(&document, assignment);
        if (!error.isEmpty()) {
            io.err << "swb set: " << text << ": " << error << "\n"
                   << "swb set: nothing was written\n";
            return ExitUsage;
        }
    }
    if (!saveDesign(io, kCommand, out, document.design(), forced(args)))
        return ExitFile;
    QTextStream &report = isStdout(out) ? io.err : io.out;
    QUndoStack *stack = document.undoStack();
    for (int i = 0; i < stack->count(); ++i)
        report << stack->text(i) << "\n";
    if (stack->count() < args.positional.size() - 1)
        report << (args.positional.size() - 1 - stack->count())
               << " assignment(s) left a value unchanged\n";
    return ExitOk;
}

} // namespace

CommandSpec setCommand()
{
    CommandSpec c;
    c.name = kCommand;
    c.usage = QStringLiteral("[OPTIONS] FILE BLOCK.PARAM=VALUE...");
    c.summary = QStringLiteral("Change parameters from a script, validated like GUI edits.");
    c.description = QStringLiteral(
        "Each assignment names a block and one of its parameters (project.KEY for a project "
        "setting) and is checked against the parameter's documented range, exactly like an edit "
        "in the inspector. All assignments apply or none does; the design is written atomically, "
        "and one line per change is printed as the Edit menu names it.");
    c.arguments = {designArgument(),
                   {QStringLiteral("BLOCK.PARAM=VALUE"),
                    QStringLiteral("A change, e.g. order-worker.memory=1024 or "
                                   "project.duration=3600."),
                    ValueHint::None}};
    c.options = {outOption(QStringLiteral("Write the changed design here instead of FILE, in "
                                          "the format its suffix picks (.swb or .swb.yaml);")),
                 allowDirOption(), forceOption(ForceMeans::Replace)};
    c.examples = {QStringLiteral("swb set design.swb order-worker.memory=1024"),
                  QStringLiteral("swb set design.swb orders-queue.visibilityTimeout=180 "
                                 "--out what-if.swb.yaml")};
    c.exitStatus = QStringLiteral("0 written, 2 bad arguments or a refused value, 3 a file could "
                                  "not be read or written.");
    c.run = &run;
    return c;
}

} // namespace swb::cli
