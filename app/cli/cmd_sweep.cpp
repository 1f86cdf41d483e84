#include "cliutil.h"
#include "commands.h"
#include "interrupt.h"
#include "output.h"
#include "runguard.h"

#include "sim/sweep.h"

#include "model/pricing.h"
#include "model/texttable.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace swb::cli {

namespace {

const QString kCommand = QStringLiteral("sweep");

QString figure(double mean, double halfWidth)
{
    const int decimals = std::fabs(mean) >= 100 ? 0 : 2;
    QString text = QString::number(mean, 'f', decimals);
    if (halfWidth > 0)
        text += QStringLiteral(" ± ") + QString::number(halfWidth, 'f', decimals);
    return text;
}

QStringList axisHeader(const SweepResult &result)
{
    QStringList header;
    for (const SweepAxis &axis : result.axes)
        header.append(axis.target + QLatin1Char('.') + axis.key);
    return header;
}

// The file table: one column per axis, then each figure's mean and 95% half-width.
TextTable fileTable(const SweepResult &result)
{
    TextTable t;
    t.header = axisHeader(result);
    for (const QString &name : headlineNames())
        t.header << name << name + QStringLiteral(" ±95%");
    for (const SweepCell &cell : result.cells) {
        QStringList row;
        for (const Assignment &a : cell.assignments)
            row.append(a.value);
        for (int f = 0; f < cell.mean.size(); ++f)
            row << QString::number(cell.mean[f], 'g', 12)
                << QString::number(cell.halfWidth95[f], 'g', 12);
        t.rows.append(row);
    }
    return t;
}

// The printed table: each figure as "mean ± half-width".
TextTable printTable(const SweepResult &result)
{
    TextTable t;
    t.header = axisHeader(result) + headlineNames();
    for (const SweepCell &cell : result.cells) {
        QStringList row;
        for (const Assignment &a : cell.assignments)
            row.append(a.value);
        for (int f = 0; f < cell.mean.size(); ++f)
            row.append(figure(cell.mean[f], cell.halfWidth95[f]));
        t.rows.append(row);
    }
    return t;
}

QByteArray toJson(const SweepResult &result, const SweepOptions &options)
{
    QJsonArray axes;
    for (const SweepAxis &axis : result.axes)
        axes.append(
            QJsonObject{{QStringLiteral("block"), axis.target},
                        {QStringLiteral("parameter"), axis.key},
                        {QStringLiteral("values"), QJsonArray::fromStringList(axis.values)}});
    QJsonArray figures;
    for (int f = 0; f < headlineIds().size(); ++f)
        figures.append(QJsonObject{{QStringLiteral("id"), headlineIds()[f]},
                                   {QStringLiteral("name"), headlineNames()[f]}});
    QJsonArray cells;
    for (const SweepCell &cell : result.cells) {
        QJsonObject values;
        for (const Assignment &a : cell.assignments)
            values.insert(a.target + QLatin1Char('.') + a.key, a.value);
        QJsonObject figureValues;
        for (int f = 0; f < cell.mean.size(); ++f)
            figureValues.insert(headlineIds()[f],
                                QJsonObject{{QStringLiteral("mean"), cell.mean[f]},
                                            {QStringLiteral("ci95"), cell.halfWidth95[f]}});
        cells.append(QJsonObject{{QStringLiteral("set"), values},
                                 {QStringLiteral("figures"), figureValues}});
    }
    QJsonObject root = jsonHeader(QStringLiteral("swb-sweep"));
    root.insert(QStringLiteral("seeds"), options.seeds);
    root.insert(QStringLiteral("durationSeconds"), options.durationSeconds);
    root.insert(QStringLiteral("axes"), axes);
    root.insert(QStringLiteral("figures"), figures);
    root.insert(QStringLiteral("cells"), cells);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

int run(const Args &args, Io &io)
{
    QList<SweepAxis> axes;
    for (const QString &vary : args.values(QStringLiteral("vary"))) {
        SweepAxis axis;
        const QString problem = parseSweepAxis(vary, &axis);
        if (!problem.isEmpty())
            return usageError(io, kCommand, QStringLiteral("option '--vary': ") + problem);
        axes.append(axis);
    }
    if (args.positional.size() != 1)
        return usageError(io, kCommand, QStringLiteral("expected one FILE"));
    if (axes.isEmpty())
        return usageError(io, kCommand,
                          QStringLiteral("give at least one --vary BLOCK.PARAM=a,b,c"));

    SweepOptions options;
    options.pricing = &PricingCatalogue::builtIn(); // the shipped prices, as `swb cost`
    std::optional<double> duration;
    const QString durationProblem = readDuration(args, 1, 604800, &duration);
    if (!durationProblem.isEmpty())
        return usageError(io, kCommand, durationProblem);
    options.durationSeconds = duration.value_or(3600);
    bool ok = true;
    options.seeds = args.value(QStringLiteral("seeds"), QStringLiteral("3")).toInt(&ok);
    if (!ok || options.seeds < 1 || options.seeds > 1000)
        return usageError(io, kCommand,
                          QStringLiteral("option '--seeds' must be a whole number 1 to 1000"));
    options.threads = args.value(QStringLiteral("threads"), QStringLiteral("0")).toInt(&ok);
    if (!ok || options.threads < 0 || options.threads > 256)
        return usageError(io, kCommand,
                          QStringLiteral("option '--threads' must be 0 (one per core) to 256"));
    const QString out = args.value(QStringLiteral("out"));
    const QString format = args.value(QStringLiteral("format"), QStringLiteral("table"));
    if (!out.isEmpty() && !isStdout(out) && !out.endsWith(QLatin1String(".csv"))
        && !out.endsWith(QLatin1String(".json")))
        return usageError(io, kCommand,
                          QStringLiteral("option '--out' must end in .csv or .json (or be '-')"));
    if (isStdout(out) && args.isSet(QStringLiteral("format")) && format != QLatin1String("csv")
        && format != QLatin1String("json"))
        return usageError(io, kCommand,
                          QStringLiteral("with '--out -' the table file goes to standard output: "
                                         "--format must be csv or json"));

    Design design;
    const QString path = args.positional.first();
    if (!loadDesign(io, kCommand, path, &design, allowedDirs(args)))
        return ExitFile;
    // Each run of the grid is checked against the limits (they run in parallel, so memory
    // adds up across threads; the estimate of one run is what the user can act on).
    if (!runSizeAllowed(io, kCommand, path, design, options.durationSeconds, forced(args)))
        return ExitUsage;
    options.build.baseDirectory = QFileInfo(path).absolutePath();
    options.build.allowedDirectories = allowedDirs(args);
    options.cancelled = cancelOnInterrupt();
    const SweepResult result = runSweep(design, axes, options);
    if (result.failure == SweepResult::Failure::Cancelled)
        return interruptedExit(io, kCommand);
    if (!result.ok) {
        io.err << "swb sweep: " << result.error << "\n";
        return result.failure == SweepResult::Failure::BadValue ? ExitUsage : ExitFindings;
    }
    const QString note = QStringLiteral("(%1 seed(s) per cell, %2 s simulated; ± = 95% confidence "
                                        "half-width over seeds)")
                             .arg(options.seeds)
                             .arg(options.durationSeconds);
    if (isStdout(out)) {
        writeStdout(io, format == QLatin1String("json") ? toJson(result, options)
                                                        : fileTable(result).toCsv().toUtf8());
        return ExitOk;
    }
    if (format == QLatin1String("json"))
        writeStdout(io, toJson(result, options));
    else if (format == QLatin1String("csv"))
        io.out << fileTable(result).toCsv();
    else if (format == QLatin1String("markdown"))
        io.out << printTable(result).toMarkdown() << "\n" << markdownText(note) << "\n";
    else
        io.out << printTable(result).toText() << note << "\n";
    io.out.flush();
    if (!out.isEmpty()) {
        const bool csv = out.endsWith(QLatin1String(".csv"));
        const QByteArray data = csv ? fileTable(result).toCsv().toUtf8() : toJson(result, options);
        if (!writeData(io, kCommand, out, data, csv ? OutputKind::Csv : OutputKind::Json,
                       forced(args)))
            return ExitFile;
    }
    return ExitOk;
}

} // namespace

CommandSpec sweepCommand()
{
    CommandSpec c;
    c.name = kCommand;
    c.usage = QStringLiteral("[OPTIONS] FILE --vary BLOCK.PARAM=a,b,c...");
    c.summary = QStringLiteral("Run a grid of what-ifs over seeds in parallel; headline figures "
                               "with 95% intervals.");
    c.description = QStringLiteral(
        "Every combination of the --vary values is one cell; each cell runs with --seeds "
        "different seeds on --threads threads, and prints the mean of each headline figure "
        "(throughput, p99 latency, throttles, dead letters, lost units, monthly cost) with the "
        "half-width of its 95% confidence interval over the seeds (Student t).");
    c.arguments = {designArgument()};
    OptionSpec vary;
    vary.names = {QStringLiteral("vary")};
    vary.valueName = QStringLiteral("BLOCK.PARAM=a,b,c");
    vary.description = QStringLiteral("A parameter and the values to try (project.KEY for a "
                                      "project setting).");
    vary.repeatable = true;
    OptionSpec seeds;
    seeds.names = {QStringLiteral("seeds")};
    seeds.valueName = QStringLiteral("N");
    seeds.description = QStringLiteral("Runs per cell, 1 to 1000, with seeds 1..N.");
    seeds.defaultValue = QStringLiteral("3");
    OptionSpec threads;
    threads.names = {QStringLiteral("j"), QStringLiteral("threads")};
    threads.valueName = QStringLiteral("N");
    threads.description = QStringLiteral("Runs in parallel, 0 = one per core.");
    threads.defaultValue = QStringLiteral("0");
    c.options = {formatOption({QStringLiteral("table"), QStringLiteral("json"),
                               QStringLiteral("csv"), QStringLiteral("markdown")},
                              QStringLiteral("the grid")),
                 vary,
                 durationOption(QStringLiteral("1h")),
                 seeds,
                 threads,
                 outOption(QStringLiteral("Also write the grid to a .csv or .json file (means and "
                                          "half-widths as separate columns);")),
                 allowDirOption(),
                 forceOption(ForceMeans::RunAndReplace)};
    c.examples = {
        QStringLiteral("swb sweep design.swb --vary worker.memory=512,1024 -d 30m -o s.csv"),
        QStringLiteral("swb sweep d.swb --vary q.deliveryDelay=0,5 --vary "
                       "w.memory=512,1024 -f json")};
    c.exitStatus = exitStatusText(QStringLiteral("a run was refused"));
    c.run = &run;
    return c;
}

} // namespace swb::cli
