#include "cliutil.h"
#include "commands.h"

#include "model/analysis.h"

namespace swb::cli {

// swb validate FILE: prints every finding of the design analysis as
// "error|warning|info  CODE  message" on stdout and a one-line summary on stderr.
// Exit: 0 no errors (warnings allowed), 1 at least one error, 2 bad arguments, 3 unreadable file.
int runValidate(const QStringList &args, Io &io)
{
    ParsedArgs parsed;
    const QString problem = parseArgs(args, {}, {}, &parsed);
    if (!problem.isEmpty())
        return usageError(io, "validate", problem);
    if (parsed.positional.size() != 1)
        return usageError(io, "validate",
                          parsed.positional.isEmpty()
                              ? QStringLiteral("missing FILE")
                              : QStringLiteral("expected one FILE, got %1 arguments")
                                    .arg(parsed.positional.size()));
    Design design;
    if (!loadDesign(io, "validate", parsed.positional.first(), &design))
        return ExitFile;
    const QList<Finding> findings = analyze(design);
    const int errors = printFindings(findings, io.out);
    int warnings = 0;
    for (const Finding &f : findings)
        warnings += f.severity == Severity::Warning;
    io.out.flush();
    io.err << parsed.positional.first() << ": " << errors
           << (errors == 1 ? " error, " : " errors, ") << warnings
           << (warnings == 1 ? " warning, " : " warnings, ")
           << (findings.size() - errors - warnings) << " info\n";
    return errors ? ExitFindings : ExitOk;
}

} // namespace swb::cli
