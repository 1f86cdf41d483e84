#pragma once

#include "cli.h"

#include "model/analysis.h"
#include "model/design.h"

#include <QStringList>

#include <optional>

// Helpers every command shares: the arguments every command words the same way, reading and
// writing designs with a clear message, printing findings. Messages start with "swb COMMAND: "
// and go to io.err.
namespace swb {
class Document;
}

namespace swb::cli {

// "FILE": a design in any readable format.
ArgumentSpec designArgument(const QString &name = QStringLiteral("FILE"));
// -d/--duration, -s/--seed, -o/--out, --set: worded once for simulate, sweep, compare, check.
OptionSpec durationOption(const QString &defaultText);
OptionSpec seedOption();
// --set BLOCK.PARAM=VALUE (repeatable): a what-if for this run only.
OptionSpec setOption();
OptionSpec outOption(const QString &what, const QString &valueName = QStringLiteral("FILE"));
// --allow-dir DIR (repeatable): folders besides a design's or template's own that the files it
// names (replay CSV, DefinitionUri) may be read from (model/referencedfile.h).
OptionSpec allowDirOption();
// --force: replace a file of another kind or the file a symbolic link points to
// (model/atomicfile.h), start a run projected above the size limits (sim/runestimate.h), or
// both.
enum class ForceMeans { Replace, Run, RunAndReplace };
OptionSpec forceOption(ForceMeans means);
inline QStringList allowedDirs(const Args &args)
{
    return args.values(QStringLiteral("allow-dir"));
}
inline bool forced(const Args &args)
{
    return args.isSet(QStringLiteral("force"));
}

// --duration (seconds within [min, max]) and --seed, when given; "" or the problem, naming the
// option and the accepted forms.
QString readDuration(const Args &args, double min, double max, std::optional<double> *seconds);
QString readSeed(const Args &args, std::optional<quint64> *seed);
// A gate's limit: --OPTION as USD per month (readBudget) or as a latency in ms (readLatency).
// *value stays -1 when the option is not given; returns the problem or "".
QString readBudget(const Args &args, const QString &option, double *usd);
QString readLatency(const Args &args, const QString &option, double *ms);
// Applies every --set through the document, validated like an edit in the inspector; returns
// the first problem ("--set X: ...") or "".
QString applySetOptions(const Args &args, Document *document);

// The usual exit status text; extra names what exit 1 means for the command.
QString exitStatusText(const QString &findings = {});

// Prints "swb COMMAND: message", the usage line and a pointer to --help; returns ExitUsage.
// For problems found after parsing (a value the option's own syntax refuses).
int usageError(Io &io, const QString &command, const QString &message);

// Reads a design from a file in any registered format (fileformat.h), validated by the reader.
// On failure prints "swb COMMAND: " and the format's message (it names the file and the
// problem) and returns false (callers exit with ExitFile).
// Files the design names (a replay CSV) are read from its folder or allowedDirs only.
bool loadDesign(Io &io, const QString &command, const QString &path, Design *design,
                const QStringList &allowedDirs = {});
// Writes a design atomically in the format the file name's suffix selects, or as the text
// format (.swb.yaml) on standard output for "-". On failure prints "swb COMMAND: " and the
// reason (an unknown suffix lists the writable ones) and returns false.
// force replaces a file of another kind or the file a symbolic link points to.
bool saveDesign(Io &io, const QString &command, const QString &path, const Design &design,
                bool force = false);

// "error  CODE  message": severity id, two spaces, stable code, two spaces, message.
QString findingLine(const Finding &finding);
// One line per finding to out; returns the number of Error findings.
int printFindings(const QList<Finding> &findings, QTextStream &out);

} // namespace swb::cli
