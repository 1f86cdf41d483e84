#include "adviceoutput.h"
#include "cireport.h"
#include "cliutil.h"
#include "commands.h"
#include "interrupt.h"
#include "output.h"
#include "runguard.h"

#include "sim/sweep.h"

#include "model/pricing.h"
#include "model/texttable.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QMap>

#include <cmath>

namespace swb::cli {

namespace {

const QString kCommand = QStringLiteral("check");

struct Gate {
    QString id;   // "monthly-cost", "p99-latency", "no-loss"
    QString name; // "monthly cost"
    double limit = 0;
    double measured = 0;
    QString unit;
    QString limitText;
    QString measuredText;
    bool passed = true;
    QString why; // the reason when broken
};

QString usd(double v)
{
    return QStringLiteral("$") + QString::number(v, 'f', 2);
}

QString signedUsd(double v)
{
    return (v >= 0 ? QStringLiteral("+$") : QStringLiteral("-$"))
           + QString::number(std::fabs(v), 'f', 2);
}

// A path as the report shows it: relative to the working folder when inside it, else the file
// name, so a report pasted into a pull request does not leak a machine's folders.
QString shownPath(const QString &path)
{
    const QFileInfo info(path);
    const QString relative = QDir::current().relativeFilePath(info.absoluteFilePath());
    return relative.startsWith(QLatin1String("..")) ? info.fileName() : relative;
}

// ExitOk, ExitFile (unreadable), ExitFindings (the design cannot run: Error findings),
// ExitUsage (projected above the size limits without --force) or the interrupted exit.
int runDesign(Io &io, const QString &path, RunOptions options, const Args &args,
              RunResults *results, Design *loaded = nullptr)
{
    Design local;
    Design &design = loaded ? *loaded : local;
    if (!loadDesign(io, kCommand, path, &design, allowedDirs(args)))
        return ExitFile;
    // A design's replay CSV is read from its own folder (or an allowed one) only: a pull
    // request's design must not reach files elsewhere on the CI machine.
    options.build.baseDirectory = QFileInfo(path).absolutePath();
    options.build.allowedDirectories = allowedDirs(args);
    if (!runSizeAllowed(io, kCommand, path, design, options.durationSeconds.value_or(0),
                        forced(args)))
        return ExitUsage;
    options.cancelled = cancelOnInterrupt();
    *results = runToEnd(design, options);
    if (results->cancelled)
        return interruptedExit(io, kCommand);
    if (!results->ok) {
        io.err << "swb check: " << path << " cannot run:\n" << results->error << "\n";
        return ExitFindings;
    }
    return ExitOk;
}

QMap<QString, double> costByComponent(const RunResults &results)
{
    QMap<QString, double> costs;
    for (const ComponentSummary &c : results.summary.components) {
        if (std::isfinite(c.monthlyCostUsd))
            costs.insert(c.name, c.monthlyCostUsd);
    }
    return costs;
}

// What the baseline comparison prints: the headline figures, then the cost per block.
struct BaselineDiff {
    QString file;
    TextTable figures;
    TextTable costs;
    QJsonObject json;
};

BaselineDiff compareWith(const QString &file, const RunResults &run, const RunResults &base)
{
    BaselineDiff d;
    d.file = file;
    using A = TextTable::Align;
    d.figures.header = {QStringLiteral("figure"), QStringLiteral("baseline"),
                        QStringLiteral("this design"), QStringLiteral("change")};
    d.figures.align = {A::Left, A::Right, A::Right, A::Right};
    const QList<double> now = headlineValues(headlineOf(run));
    const QList<double> was = headlineValues(headlineOf(base));
    QJsonArray figures;
    for (qsizetype f = 0; f < now.size(); ++f) {
        d.figures.rows.append({headlineNames()[f], QString::number(was[f], 'f', 2),
                               QString::number(now[f], 'f', 2),
                               QString::number(now[f] - was[f], 'f', 2)});
        figures.append(QJsonObject{{QStringLiteral("id"), headlineIds()[f]},
                                   {QStringLiteral("name"), headlineNames()[f]},
                                   {QStringLiteral("baseline"), was[f]},
                                   {QStringLiteral("design"), now[f]},
                                   {QStringLiteral("change"), now[f] - was[f]}});
    }
    const QMap<QString, double> costNow = costByComponent(run);
    const QMap<QString, double> costWas = costByComponent(base);
    QStringList names = costNow.keys();
    for (const QString &name : costWas.keys()) {
        if (!names.contains(name))
            names.append(name);
    }
    d.costs.header = {QStringLiteral("component"), QStringLiteral("baseline / month"),
                      QStringLiteral("this design / month"), QStringLiteral("change")};
    d.costs.align = d.figures.align;
    QJsonArray components;
    for (const QString &name : std::as_const(names)) {
        const double n = costNow.value(name, 0), w = costWas.value(name, 0);
        d.costs.rows.append({name, costWas.contains(name) ? usd(w) : QStringLiteral("-"),
                             costNow.contains(name) ? usd(n) : QStringLiteral("-"),
                             signedUsd(n - w)});
        components.append(
            QJsonObject{{QStringLiteral("name"), name},
                        {QStringLiteral("baselineUsd"),
                         costWas.contains(name) ? QJsonValue(w) : QJsonValue(QJsonValue::Null)},
                        {QStringLiteral("designUsd"),
                         costNow.contains(name) ? QJsonValue(n) : QJsonValue(QJsonValue::Null)},
                        {QStringLiteral("changeUsd"), n - w}});
    }
    d.json = QJsonObject{{QStringLiteral("file"), file},
                         {QStringLiteral("figures"), figures},
                         {QStringLiteral("components"), components}};
    return d;
}

TextTable gateTable(const QList<Gate> &gates)
{
    TextTable t;
    t.header = {QStringLiteral("gate"), QStringLiteral("limit"), QStringLiteral("measured"),
                QStringLiteral("result")};
    for (const Gate &g : gates)
        t.rows.append({g.name, g.limitText, g.measuredText,
                       g.passed ? QStringLiteral("pass") : QStringLiteral("FAIL: ") + g.why});
    return t;
}

void printReport(Io &io, const QString &format, const QString &file, bool passed,
                 const QList<Gate> &gates, const std::optional<BaselineDiff> &baseline,
                 const QList<Diagnosis> &diagnoses)
{
    if (format == QLatin1String("json")) {
        QJsonArray list;
        for (const Gate &g : gates)
            list.append(QJsonObject{{QStringLiteral("id"), g.id},
                                    {QStringLiteral("name"), g.name},
                                    {QStringLiteral("limit"), g.limit},
                                    {QStringLiteral("measured"), g.measured},
                                    {QStringLiteral("unit"), g.unit},
                                    {QStringLiteral("passed"), g.passed},
                                    {QStringLiteral("reason"), g.why}});
        QJsonObject root = jsonHeader(QStringLiteral("swb-check"));
        root.insert(QStringLiteral("file"), file);
        root.insert(QStringLiteral("passed"), passed);
        root.insert(QStringLiteral("gates"), list);
        root.insert(QStringLiteral("baseline"),
                    baseline ? QJsonValue(baseline->json) : QJsonValue(QJsonValue::Null));
        root.insert(QStringLiteral("diagnoses"), diagnosesJson(diagnoses));
        printJson(io, root);
        return;
    }
    if (format == QLatin1String("junit") || format == QLatin1String("sarif")) {
        QList<CiItem> items;
        for (const Gate &g : gates)
            items.append({g.id,
                          g.name,
                          QStringLiteral("error"),
                          g.passed,
                          QStringLiteral("%1: limit %2, measured %3%4")
                              .arg(g.name, g.limitText, g.measuredText,
                                   g.passed ? QString() : QStringLiteral(" (") + g.why + u')'),
                          {}});
        writeStdout(io, format == QLatin1String("junit")
                            ? junitReport(QStringLiteral("swb check"), file, items)
                            : sarifReport(kCommand, file, items));
        return;
    }
    if (format == QLatin1String("csv")) {
        io.out << gateTable(gates).toCsv();
        return;
    }
    const bool markdown = format == QLatin1String("markdown");
    const auto table = [markdown](const TextTable &t) {
        return markdown ? t.toMarkdown() : t.toText();
    };
    const auto text = [markdown](const QString &t) { return markdown ? markdownText(t) : t; };
    io.out << (markdown ? "### " : "")
           << text(QStringLiteral("swb check %1: %2")
                       .arg(file, passed ? QStringLiteral("passed") : QStringLiteral("FAILED")))
           << "\n\n"
           << table(gateTable(gates));
    if (baseline) {
        io.out << "\n"
               << (markdown ? "#### " : "")
               << text(QStringLiteral("Compared with ") + baseline->file) << "\n\n"
               << table(baseline->figures) << "\n"
               << table(baseline->costs);
    }
    printDiagnoses(io.out, diagnoses, markdown,
                   QStringLiteral("swb advise proposes fixes, each verified by re-simulation."));
}

int run(const Args &args, Io &io)
{
    if (args.positional.size() != 1)
        return usageError(io, kCommand, QStringLiteral("expected one FILE"));
    const QString format = args.isSet(QStringLiteral("markdown"))
                               ? QStringLiteral("markdown")
                               : args.value(QStringLiteral("format"), QStringLiteral("table"));
    double budget = -1;
    double p99Limit = -1;
    if (QString problem = readBudget(args, QStringLiteral("budget"), &budget); !problem.isEmpty())
        return usageError(io, kCommand, problem);
    if (QString problem = readLatency(args, QStringLiteral("p99"), &p99Limit); !problem.isEmpty())
        return usageError(io, kCommand, problem);
    RunOptions options;
    options.pricing = &PricingCatalogue::builtIn(); // the shipped prices, as `swb cost`
    QString problem = readDuration(args, 1, 604800, &options.durationSeconds);
    if (problem.isEmpty())
        problem = readSeed(args, &options.seed);
    if (!problem.isEmpty())
        return usageError(io, kCommand, problem);
    const bool noLoss = args.isSet(QStringLiteral("no-loss"));
    if (budget < 0 && p99Limit < 0 && !noLoss)
        return usageError(io, kCommand,
                          QStringLiteral("give at least one gate: --budget, --p99 or --no-loss"));

    RunResults run;
    Design design;
    if (const int code = runDesign(io, args.positional.first(), options, args, &run, &design))
        return code;
    const Headline h = headlineOf(run);
    QList<Gate> gates;
    if (budget >= 0) {
        const bool ok = h.monthlyCostUsd <= budget;
        gates.append(
            {QStringLiteral("monthly-cost"), QStringLiteral("monthly cost"), budget,
             h.monthlyCostUsd, QStringLiteral("USD/month"), usd(budget), usd(h.monthlyCostUsd), ok,
             ok ? QString()
                : QStringLiteral("over budget by %1").arg(usd(h.monthlyCostUsd - budget))});
    }
    if (p99Limit >= 0) {
        const bool ok = h.p99Ms <= p99Limit;
        gates.append({QStringLiteral("p99-latency"), QStringLiteral("p99 latency"), p99Limit,
                      h.p99Ms, QStringLiteral("ms"),
                      QString::number(p99Limit) + QStringLiteral(" ms"),
                      QString::number(h.p99Ms, 'f', 1) + QStringLiteral(" ms"), ok,
                      ok ? QString() : QStringLiteral("the slowest entry path's p99 is too high")});
    }
    if (noLoss) {
        const bool ok = h.lost == 0 && h.deadLetters == 0;
        gates.append(
            {QStringLiteral("no-loss"), QStringLiteral("no loss"), 0, h.lost + h.deadLetters,
             QStringLiteral("units"), QStringLiteral("0"),
             QStringLiteral("%1 lost, %2 dead-lettered").arg(h.lost).arg(h.deadLetters), ok,
             ok ? QString() : QStringLiteral("messages expired, were dropped or reached a DLQ")});
    }
    bool passed = true;
    for (const Gate &g : gates)
        passed = passed && g.passed;

    std::optional<BaselineDiff> baseline;
    const QString baselinePath = args.value(QStringLiteral("baseline"));
    if (!baselinePath.isEmpty()) {
        RunResults base;
        if (const int code = runDesign(io, baselinePath, options, args, &base))
            return code;
        baseline = compareWith(shownPath(baselinePath), run, base);
    }
    printReport(io, format, shownPath(args.positional.first()), passed, gates, baseline,
                diagnose(design, run, {}));
    io.out.flush();
    return passed ? ExitOk : ExitFindings;
}

} // namespace

CommandSpec checkCommand()
{
    CommandSpec c;
    c.name = kCommand;
    c.usage = QStringLiteral("[OPTIONS] FILE");
    c.summary = QStringLiteral("Fail (exit 1) when a design breaks its budget, latency or loss "
                               "gates.");
    c.description = QStringLiteral(
        "Simulates the design (and the baseline) with the project's seed, compares the measured "
        "monthly cost, the worst entry path's p99 and the lost and dead-lettered units with the "
        "gates, and with --baseline prints the change of each headline figure and of each "
        "block's monthly cost. --format markdown makes a pull-request comment; junit and sarif "
        "let a CI system show each gate.");
    c.arguments = {designArgument()};
    OptionSpec budget;
    budget.names = {QStringLiteral("budget")};
    budget.valueName = QStringLiteral("USD");
    budget.description = QStringLiteral("Most the measured monthly cost may be: 500, 500/month, "
                                        "$1,200.50/mo.");
    OptionSpec p99;
    p99.names = {QStringLiteral("p99")};
    p99.valueName = QStringLiteral("LATENCY");
    p99.description = QStringLiteral("Most the worst entry path's p99 may be: 300ms, 0.3s or "
                                     "plain milliseconds.");
    OptionSpec noLoss;
    noLoss.names = {QStringLiteral("no-loss")};
    noLoss.description = QStringLiteral("Fail when any unit expired, was dropped or reached a "
                                        "dead-letter queue or failure destination.");
    OptionSpec baseline;
    baseline.names = {QStringLiteral("b"), QStringLiteral("baseline")};
    baseline.valueName = QStringLiteral("FILE");
    baseline.description = QStringLiteral("Another design (e.g. main's) to compare the figures "
                                          "and the cost per block with.");
    baseline.hint = ValueHint::File;
    OptionSpec markdown;
    markdown.names = {QStringLiteral("markdown")};
    markdown.description = QStringLiteral("Same as --format markdown (kept for scripts written "
                                          "for it).");
    c.options = {
        formatOption({QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("csv"),
                      QStringLiteral("markdown"), QStringLiteral("junit"), QStringLiteral("sarif")},
                     QStringLiteral("the report")),
        budget,
        p99,
        noLoss,
        baseline,
        durationOption(QStringLiteral("the project's duration")),
        seedOption(),
        markdown,
        allowDirOption(),
        forceOption(ForceMeans::Run)};
    c.examples = {
        QStringLiteral("swb check design.swb.yaml --budget 500/month --p99 300ms --no-loss"),
        QStringLiteral("swb check new.swb.yaml --budget 500 -b main.swb.yaml -f markdown"),
        QStringLiteral("swb check design.swb --budget 200 -f junit > check.xml")};
    c.exitStatus = exitStatusText(QStringLiteral("a gate is broken or a design cannot run"));
    c.run = &run;
    return c;
}

} // namespace swb::cli
