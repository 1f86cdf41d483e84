#include "cliparse.h"
#include "cliutil.h"
#include "commands.h"

#include "sim/resultswriter.h"
#include "sim/runresults.h"

#include "model/assignment.h"
#include "model/document.h"
#include "model/pricing.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <cmath>

namespace swb::cli {

namespace {

constexpr const char *kCommand = "simulate";

// Applies one "COMPONENT.PARAM=VALUE" (or "project.KEY=VALUE") what-if through the Document, so
// it is validated exactly like an edit in the inspector. Returns the problem or "".
QString applySet(Document *doc, const QString &text)
{
    Assignment assignment;
    QString error = parseAssignment(text, &assignment);
    if (error.isEmpty())
        error = applyAssignment(doc, assignment);
    return error.isEmpty() ? QString() : QStringLiteral("--set %1: %2").arg(text, error);
}

QString cell(double v, int decimals = 0)
{
    return std::isfinite(v) ? QString::number(v, 'f', decimals) : QStringLiteral("-");
}

void printSummary(const RunResults &r, QTextStream &out)
{
    const RunSummary &s = r.summary;
    out << "Simulated " << r.metadata.durationSeconds << " s of '" << r.metadata.designName
        << "' (seed " << r.metadata.seed << ", " << r.binCount() << " bins of "
        << r.metadata.binWidthSeconds << " s, " << s.events << " events, "
        << QString::number(s.wallSeconds, 'f', 2) << " s wall)\n\n";
    const QStringList head = {QStringLiteral("component"),   QStringLiteral("kind"),
                              QStringLiteral("peak conc"),   QStringLiteral("throttles"),
                              QStringLiteral("max backlog"), QStringLiteral("max iter age s"),
                              QStringLiteral("DLQ"),         QStringLiteral("p99 ms"),
                              QStringLiteral("errors"),      QStringLiteral("retries"),
                              QStringLiteral("cost $/month")};
    QList<QStringList> rows{head};
    for (const ComponentSummary &c : s.components) {
        rows.append({c.name, componentKindId(c.kind), cell(c.peakConcurrency), cell(c.throttles),
                     cell(c.maxBacklog), cell(c.maxIteratorAgeS, 1), cell(c.dlqCount),
                     cell(c.latencyP99Ms, 1), cell(c.errors), cell(c.retries),
                     cell(c.monthlyCostUsd, 2)});
    }
    QList<int> widths(head.size(), 0);
    for (const QStringList &row : rows) {
        for (int i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], int(row[i].size()));
    }
    for (const QStringList &row : rows) {
        QString line;
        for (int i = 0; i < row.size(); ++i)
            line +=
                i < 2 ? row[i].leftJustified(widths[i] + 2) : row[i].rightJustified(widths[i] + 2);
        out << line.trimmed() << "\n";
    }
    const LedgerSnapshot &l = s.ledger;
    out << "\nAccount peak concurrency: " << cell(s.peakAccountConcurrency) << "\n";
    out << "Projected monthly cost: "
        << (std::isfinite(s.monthlyCostUsd) ? QStringLiteral("$") + cell(s.monthlyCostUsd, 2)
                                            : QStringLiteral("not available"))
        << "\n";
    for (const QString &note : s.costNotes)
        out << "  " << note << "\n";
    out << "Ledger: produced " << l.produced << " = in flight " << l.inFlight << " + succeeded "
        << l.succeeded << " + dead-lettered " << l.deadLettered << " + expired " << l.expired
        << " + rejected " << l.rejected << " + dropped " << l.dropped
        << (l.balanced() ? " (balanced)" : " (NOT BALANCED)") << "\n";
}

} // namespace

// swb simulate FILE --duration D [--seed N] [--out results.json|results.csv]
//              [--set COMPONENT.PARAM=VALUE ...]
// Exit: 0 ran, 1 design refused (Error findings), 2 bad arguments or --set value, 3 file error.
int runSimulate(const QStringList &args, Io &io)
{
    // --set may repeat; parseArgs keeps one value per option, so collect them first.
    QStringList rest, sets;
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--set")) {
            if (i + 1 >= args.size())
                return usageError(io, kCommand, QStringLiteral("option '--set' needs a value"));
            sets.append(args[++i]);
        } else if (args[i].startsWith(QLatin1String("--set="))) {
            sets.append(args[i].mid(6));
        } else {
            rest.append(args[i]);
        }
    }
    ParsedArgs parsed;
    const QString problem = parseArgs(
        rest, {}, {QStringLiteral("--duration"), QStringLiteral("--seed"), QStringLiteral("--out")},
        &parsed);
    if (!problem.isEmpty())
        return usageError(io, kCommand, problem);
    if (parsed.positional.size() != 1)
        return usageError(
            io, kCommand,
            parsed.positional.isEmpty()
                ? QStringLiteral("missing FILE")
                : QStringLiteral("expected one FILE, got %1").arg(parsed.positional.size()));
    RunOptions options;
    options.pricing = &PricingCatalogue::builtIn(); // the shipped prices, as `swb cost`
    if (parsed.options.contains(QStringLiteral("--duration"))) {
        const QString text = parsed.options.value(QStringLiteral("--duration"));
        const double seconds = parseDuration(text);
        if (!(seconds >= 1 && seconds <= 604800))
            return usageError(io, kCommand,
                              QStringLiteral("bad duration '%1': use e.g. 90s, 15m, 1h, 1h30m or "
                                             "plain seconds, from 1 s to 7 days")
                                  .arg(text));
        options.durationSeconds = seconds;
    }
    if (parsed.options.contains(QStringLiteral("--seed"))) {
        bool ok = false;
        const QString text = parsed.options.value(QStringLiteral("--seed"));
        const quint64 seed = text.toULongLong(&ok);
        if (!ok)
            return usageError(
                io, kCommand,
                QStringLiteral("bad seed '%1': expected a whole number 0 or more").arg(text));
        options.seed = seed;
    }
    const QString outPath = parsed.options.value(QStringLiteral("--out"));
    const QString suffix = QFileInfo(outPath).suffix().toLower();
    if (!outPath.isEmpty() && suffix != QLatin1String("json") && suffix != QLatin1String("csv"))
        return usageError(
            io, kCommand,
            QStringLiteral("--out '%1': the file must end in .json or .csv").arg(outPath));

    const QString path = parsed.positional.first();
    Design loaded;
    if (!loadDesign(io, kCommand, path, &loaded))
        return ExitFile;
    Document doc;
    doc.replaceDesign(loaded);
    for (const QString &assignment : std::as_const(sets)) {
        const QString error = applySet(&doc, assignment);
        if (!error.isEmpty())
            return usageError(io, kCommand, error);
    }
    options.build.baseDirectory = QFileInfo(path).absolutePath();

    // Progress: a line per 10 % on stderr once a run has taken more than a second.
    QElapsedTimer wall;
    wall.start();
    int lastTenth = 0;
    options.progress = [&](double t, double duration) {
        const int tenth = duration > 0 ? int(t / duration * 10 + 1e-9) : 10;
        if (tenth > lastTenth && tenth < 10 && wall.elapsed() > 1000) {
            io.err << "swb simulate: " << tenth * 10 << "% (" << qint64(t) << " of "
                   << qint64(duration) << " s simulated)\n";
            io.err.flush();
        }
        lastTenth = std::max(lastTenth, tenth);
    };
    const RunResults results = runToEnd(doc.design(), options);
    for (const BuildFinding &f : results.build.findings) {
        if (f.severity == BuildFinding::Severity::Info && !f.code.startsWith(QLatin1String("sim-")))
            continue; // the analysis' path listing belongs to swb validate
        const char *sev = f.severity == BuildFinding::Severity::Error     ? "error"
                          : f.severity == BuildFinding::Severity::Warning ? "warning"
                                                                          : "info";
        io.err << sev << "  " << f.code << "  " << f.message << "\n";
    }
    if (!results.ok) {
        io.err << "swb simulate: '" << path << "' cannot be simulated (errors above)\n";
        return ExitFindings;
    }
    for (const QString &w : results.summary.warnings)
        io.err << "warning  sim-core  " << w << "\n";
    printSummary(results, io.out);
    io.out.flush();
    if (!outPath.isEmpty()) {
        QString error;
        if (!writeResults(results, outPath, &error)) {
            io.err << "swb simulate: cannot write results: " << error << "\n";
            return ExitFile;
        }
        io.err << "swb simulate: wrote " << results.catalog.series.size() << " series x "
               << results.binCount() << " bins to " << outPath << "\n";
    }
    return ExitOk;
}

} // namespace swb::cli
