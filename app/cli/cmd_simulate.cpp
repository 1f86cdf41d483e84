#include "adviceoutput.h"
#include "cliutil.h"
#include "commands.h"
#include "faultoption.h"
#include "interrupt.h"
#include "output.h"
#include "runguard.h"

#include "sim/comparison.h"
#include "sim/resultswriter.h"
#include "sim/runresults.h"

#include "model/assignment.h"
#include "model/document.h"
#include "model/pricing.h"
#include "model/texttable.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <cmath>

namespace swb::cli {

namespace {

const QString kCommand = QStringLiteral("simulate");

QString cell(double v, int decimals = 0)
{
    return std::isfinite(v) ? QString::number(v, 'f', decimals) : QStringLiteral("-");
}

TextTable summaryTable(const RunSummary &s)
{
    using A = TextTable::Align;
    TextTable t;
    t.header = {QStringLiteral("component"),   QStringLiteral("kind"),
                QStringLiteral("peak conc"),   QStringLiteral("throttles"),
                QStringLiteral("max backlog"), QStringLiteral("max iter age s"),
                QStringLiteral("DLQ"),         QStringLiteral("p99 ms"),
                QStringLiteral("errors"),      QStringLiteral("retries"),
                QStringLiteral("P(cold)"),     QStringLiteral("cost $/month")};
    t.align = QList<A>(t.header.size(), A::Right);
    t.align[0] = t.align[1] = A::Left;
    for (const ComponentSummary &c : s.components)
        t.rows.append({c.name, componentKindId(c.kind), cell(c.peakConcurrency), cell(c.throttles),
                       cell(c.maxBacklog), cell(c.maxIteratorAgeS, 1), cell(c.dlqCount),
                       cell(c.latencyP99Ms, 1), cell(c.errors), cell(c.retries),
                       cell(c.coldStartProbability, 3), cell(c.monthlyCostUsd, 2)});
    return t;
}

void printSummary(const RunResults &r, bool markdown, QTextStream &out)
{
    const RunSummary &s = r.summary;
    const QString head = QStringLiteral("Simulated %1 s of '%2' (seed %3, %4 bins of %5 s, %6 "
                                        "events, %7 s wall)")
                             .arg(r.metadata.durationSeconds)
                             .arg(r.metadata.designName)
                             .arg(r.metadata.seed)
                             .arg(r.binCount())
                             .arg(r.metadata.binWidthSeconds)
                             .arg(s.events)
                             .arg(QString::number(s.wallSeconds, 'f', 2));
    const auto text = [markdown](const QString &t) { return markdown ? markdownText(t) : t; };
    out << (markdown ? "### " : "") << text(head) << "\n\n";
    out << (markdown ? summaryTable(s).toMarkdown() : summaryTable(s).toText());
    const LedgerSnapshot &l = s.ledger;
    const QString item = markdown ? QStringLiteral("- ") : QString();
    out << "\n" << item << "Account peak concurrency: " << cell(s.peakAccountConcurrency) << "\n";
    out << item << "Projected monthly cost: "
        << (std::isfinite(s.monthlyCostUsd) ? QStringLiteral("$") + cell(s.monthlyCostUsd, 2)
                                            : QStringLiteral("not available"))
        << "\n";
    for (const QString &note : s.costNotes)
        out << "  " << item << text(note) << "\n";
    out << item << "Ledger: produced " << l.produced << " = in flight " << l.inFlight
        << " + succeeded " << l.succeeded << " + dead-lettered " << l.deadLettered << " + expired "
        << l.expired << " + rejected " << l.rejected << " + dropped " << l.dropped
        << (l.balanced() ? " (balanced)" : " (NOT BALANCED)") << "\n";
}

int run(const Args &args, Io &io)
{
    if (args.positional.size() != 1)
        return usageError(
            io, kCommand,
            args.positional.isEmpty()
                ? QStringLiteral("missing FILE")
                : QStringLiteral("expected one FILE, got %1").arg(args.positional.size()));
    RunOptions options;
    options.pricing = &PricingCatalogue::builtIn(); // the shipped prices, as `swb cost`
    QString problem = readDuration(args, 1, 604800, &options.durationSeconds);
    if (problem.isEmpty())
        problem = readSeed(args, &options.seed);
    if (!problem.isEmpty())
        return usageError(io, kCommand, problem);
    const QString outPath = args.value(QStringLiteral("out"));
    const QString format = args.value(QStringLiteral("format"), QStringLiteral("table"));
    const QString suffix = QFileInfo(outPath).suffix().toLower();
    if (isStdout(outPath)) {
        if (format != QLatin1String("json") && format != QLatin1String("csv")
            && args.isSet(QStringLiteral("format")))
            return usageError(io, kCommand,
                              QStringLiteral("with '--out -' the results file goes to standard "
                                             "output: --format must be json or csv"));
    } else if (!outPath.isEmpty() && suffix != QLatin1String("json")
               && suffix != QLatin1String("csv")) {
        return usageError(io, kCommand,
                          QStringLiteral("option '--out': '%1' must end in .json or .csv (or be "
                                         "'-' for standard output)")
                              .arg(outPath));
    }

    const QString path = args.positional.first();
    Design loaded;
    if (!loadDesign(io, kCommand, path, &loaded, allowedDirs(args)))
        return ExitFile;
    Document doc;
    doc.replaceDesign(loaded);
    if (const QString error = applySetOptions(args, &doc); !error.isEmpty())
        return usageError(io, kCommand, error);
    if (args.isSet(QStringLiteral("fault"))) {
        // Placed as swb compare places it (sim/comparison.h injectFault).
        ComparisonFault fault;
        QString error = parseFaultOption(args.value(QStringLiteral("fault")), &fault);
        QStringList notes;
        if (error.isEmpty())
            error = injectFault(&doc, fault, &notes);
        if (!error.isEmpty())
            return usageError(io, kCommand, QStringLiteral("--fault: ") + error);
        for (const QString &note : std::as_const(notes))
            io.err << "swb simulate: " << note << "\n";
    }
    options.build.baseDirectory = QFileInfo(path).absolutePath();
    options.build.allowedDirectories = allowedDirs(args);
    if (!runSizeAllowed(io, kCommand, path, doc.design(), options.durationSeconds.value_or(0),
                        forced(args)))
        return ExitUsage;
    options.cancelled = cancelOnInterrupt();

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
    if (results.cancelled)
        return interruptedExit(io, kCommand);
    // Wall time goes to the console; the results file carries it only on request, so that two
    // runs of one design and seed write byte-identical files.
    const ResultsTiming timing =
        args.isSet(QStringLiteral("timing")) ? ResultsTiming::Include : ResultsTiming::Omit;
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
    if (isStdout(outPath)) {
        writeStdout(io, format == QLatin1String("csv")
                            ? resultsToCsv(results)
                            : resultsToJson(results, ResultsSeries::Include, timing));
        return ExitOk;
    }
    if (format == QLatin1String("json"))
        writeStdout(io, resultsToJson(results, ResultsSeries::Omit, timing));
    else if (format == QLatin1String("csv"))
        io.out << summaryTable(results.summary).toCsv();
    else {
        printSummary(results, format == QLatin1String("markdown"), io.out);
        // What hurt, by the advisor's rules (swb advise verifies fixes by re-simulation).
        printDiagnoses(
            io.out, diagnose(doc.design(), results, {}), format == QLatin1String("markdown"),
            QStringLiteral("swb advise proposes fixes, each verified by re-simulation."));
    }
    io.out.flush();
    if (!outPath.isEmpty()) {
        QString error;
        if (!writeResults(results, outPath, &error, timing, forced(args))) {
            io.err << "swb simulate: cannot write results: " << error << "\n";
            return ExitFile;
        }
        io.err << "swb simulate: wrote " << results.catalog.series.size() << " series x "
               << results.binCount() << " bins to " << outPath << " ("
               << QString::number(results.summary.wallSeconds, 'f', 2) << " s wall)\n";
    }
    return ExitOk;
}

} // namespace

CommandSpec simulateCommand()
{
    CommandSpec c;
    c.name = kCommand;
    c.usage = QStringLiteral("[OPTIONS] FILE");
    c.summary = QStringLiteral("Run the simulation, print a summary per block, write the time "
                               "series.");
    c.description = QStringLiteral(
        "Compiles the design into a scenario and runs the discrete-event simulation to the end "
        "with the project's seed (or --seed): the same design and seed give the same run. Prints "
        "per block the peak concurrency, throttles, backlog, iterator age, dead letters, p99 "
        "latency, errors, retries and the projected monthly cost from measured usage, then the "
        "ledger of every unit of work. Progress goes to standard error on long runs.\n\n"
        "--format json prints the results file's JSON without its series (see the README, "
        "'Results files'); --out writes every series, one value per bin.");
    c.arguments = {designArgument()};
    const OptionSpec set = setOption();
    OptionSpec timingOption;
    timingOption.names = {QStringLiteral("timing")};
    timingOption.description = QStringLiteral(
        "Add the run's wall time (metadata.wallSeconds) to the JSON. Without it the results of "
        "one design, duration and seed are byte-identical from run to run.");
    c.options = {formatOption({QStringLiteral("table"), QStringLiteral("json"),
                               QStringLiteral("csv"), QStringLiteral("markdown")},
                              QStringLiteral("the summary (with '--out -': the results file, json "
                                             "or csv)")),
                 durationOption(QStringLiteral("the project's duration")),
                 seedOption(),
                 outOption(QStringLiteral("Write every series to a results file: .json or .csv "
                                          "by its suffix."),
                           QStringLiteral("RESULTS")),
                 set,
                 faultOption(),
                 timingOption,
                 allowDirOption(),
                 forceOption(ForceMeans::RunAndReplace)};
    c.examples = {
        QStringLiteral("swb simulate design.swb --duration 1h"),
        QStringLiteral("swb simulate design.swb -d 15m --set order-worker.memory=1024 -f json"),
        QStringLiteral("swb simulate design.swb -d 1h --out results.json"),
        QStringLiteral("swb simulate design.swb -d 10m --fault outage:orders-db@2m+1m"),
        QStringLiteral("swb simulate design.swb -d 10m --out - --format csv > series.csv")};
    c.exitStatus = exitStatusText(QStringLiteral("the design cannot run (error findings)"));
    c.run = &run;
    return c;
}

} // namespace swb::cli
