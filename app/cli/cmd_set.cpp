#include "cliutil.h"
#include "commands.h"

#include "model/assignment.h"

namespace swb::cli {

// swb set FILE COMPONENT.PARAM=VALUE... [--out OTHER]: scripted edits, validated like edits in
// the GUI. All assignments apply or none does; the file (or --out, in the format its name picks)
// is written atomically. Prints one line per change, as the Edit menu would name it.
// Exit: 0 written, 2 bad arguments or a refused value, 3 file error.
int runSet(const QStringList &args, Io &io)
{
    ParsedArgs parsed;
    const QString problem = parseArgs(args, {}, {QStringLiteral("--out")}, &parsed);
    if (!problem.isEmpty())
        return usageError(io, "set", problem);
    if (parsed.positional.size() < 2)
        return usageError(io, "set",
                          parsed.positional.isEmpty()
                              ? QStringLiteral("missing FILE")
                              : QStringLiteral("missing COMPONENT.PARAM=VALUE"));
    const QString path = parsed.positional.first();
    Design design;
    if (!loadDesign(io, "set", path, &design))
        return ExitFile;

    Document document;
    document.replaceDesign(design);
    for (const QString &text : parsed.positional.mid(1)) {
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
    const QString out = parsed.options.value(QStringLiteral("--out"), path);
    if (!saveDesign(io, "set", out, document.design()))
        return ExitFile;
    QUndoStack *stack = document.undoStack();
    for (int i = 0; i < stack->count(); ++i)
        io.out << stack->text(i) << "\n";
    if (stack->count() < parsed.positional.size() - 1)
        io.out << (parsed.positional.size() - 1 - stack->count())
               << " assignment(s) left a value unchanged\n";
    return ExitOk;
}

} // namespace swb::cli
