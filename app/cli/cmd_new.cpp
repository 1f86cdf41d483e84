#include "cliutil.h"
#include "commands.h"

#include "model/patterns.h"

#include <QFileInfo>

namespace swb::cli {

namespace {

void listPatterns(QTextStream &out)
{
    for (const QString &id : patternIds())
        out << id.leftJustified(20) << patternTitle(id) << "\n";
}

} // namespace

// swb new --pattern NAME FILE [--force] | swb new --list
// Writes a project built from a bundled pattern. Exit: 0 written, 2 bad arguments or unknown
// pattern (the valid names are listed), 3 the file exists (without --force) or cannot be written.
int runNew(const QStringList &args, Io &io)
{
    ParsedArgs parsed;
    const QString problem = parseArgs(args, {QStringLiteral("--force"), QStringLiteral("--list")},
                                      {QStringLiteral("--pattern")}, &parsed);
    if (!problem.isEmpty())
        return usageError(io, "new", problem);
    if (parsed.has(QStringLiteral("--list"))) {
        if (!parsed.positional.isEmpty() || !parsed.options.isEmpty())
            return usageError(io, "new", QStringLiteral("--list takes no other argument"));
        listPatterns(io.out);
        return ExitOk;
    }
    if (!parsed.options.contains(QStringLiteral("--pattern")))
        return usageError(io, "new",
                          QStringLiteral("missing --pattern NAME (patterns: %1)")
                              .arg(patternIds().join(QStringLiteral(", "))));
    const QString id = parsed.options.value(QStringLiteral("--pattern"));
    if (!patternIds().contains(id)) {
        io.err << "swb new: unknown pattern '" << id << "'. Patterns:\n";
        listPatterns(io.err);
        return ExitUsage;
    }
    if (parsed.positional.size() != 1)
        return usageError(io, "new",
                          parsed.positional.isEmpty()
                              ? QStringLiteral("missing FILE")
                              : QStringLiteral("expected one FILE, got %1 arguments")
                                    .arg(parsed.positional.size()));
    const QString path = parsed.positional.first();
    const QFileInfo info(path);
    if (info.isDir()) {
        io.err << "swb new: '" << path << "' is a directory\n";
        return ExitFile;
    }
    if (info.exists() && !parsed.has(QStringLiteral("--force"))) {
        io.err << "swb new: '" << path << "' already exists; use --force to overwrite it\n";
        return ExitFile;
    }
    const std::optional<Design> design = makePattern(id);
    if (!design) {
        io.err << "swb new: pattern '" << id << "' could not be built\n";
        return ExitFile;
    }
    if (!saveDesign(io, "new", path, *design))
        return ExitFile;
    io.out << "Created " << path << " from pattern '" << id << "' (" << design->components.size()
           << " blocks, " << design->connections.size() << " wires)\n";
    return ExitOk;
}

} // namespace swb::cli
