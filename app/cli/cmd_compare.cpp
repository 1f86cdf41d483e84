#include "cliparse.h"
#include "cliutil.h"
#include "commands.h"
#include "faultoption.h"
#include "interrupt.h"
#include "output.h"
#include "runguard.h"

#include "sim/comparison.h"

#include "model/pricing.h"
#include "model/texttable.h"

#include <QJsonArray>

#include <QFileInfo>

namespace swb::cli {

namespace {

const QString kCommand = QStringLiteral("compare");

TextTable comparisonTable(const QList<ComparisonRow> &rows)
{
    using A = TextTable::Align;
    TextTable t;
    t.header = comparisonColumns();
    t.align = QList<A>(t.header.size(), A::Right);
    t.align.first() = t.align.last() = A::Left;
    for (const ComparisonRow &row : rows)
        t.rows.append(comparisonCells(row));
    return t;
}

QJsonValue orNull(bool has, double v)
{
    return has ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

QJsonObject comparisonJson(const QList<ComparisonRow> &rows, const ComparisonOptions &options)
{
    QJsonArray designs;
    for (const ComparisonRow &r : rows) {
        const Headline &h = r.headline;
        designs.append(QJsonObject{
            {QStringLiteral("name"), r.name},
            {QStringLiteral("ok"), r.ok},
            {QStringLiteral("error"), r.error},
            {QStringLiteral("throughputPerS"), orNull(r.ok, h.throughputPerS)},
            {QStringLiteral("p99Ms"), orNull(r.ok && r.latencyMeasured, h.p99Ms)},
            {QStringLiteral("throttles"), orNull(r.ok, h.throttles)},
            {QStringLiteral("lost"), orNull(r.ok, h.lost)},
            {QStringLiteral("deadLetters"), orNull(r.ok, h.deadLetters)},
            {QStringLiteral("peakConcurrency"), orNull(r.ok, r.peakConcurrency)},
            {QStringLiteral("monthlyCostUsd"), orNull(r.ok && r.costPriced, h.monthlyCostUsd)},
            {QStringLiteral("notes"), QJsonArray::fromStringList(r.notes)},
        });
    }
    QJsonValue fault = QJsonValue::Null;
    if (options.fault)
        fault = QJsonObject{{QStringLiteral("kind"), faultKindId(options.fault->kind)},
                            {QStringLiteral("target"), options.fault->target},
                            {QStringLiteral("startSeconds"), options.fault->start},
                            {QStringLiteral("durationSeconds"), options.fault->duration}};
    QJsonObject root = jsonHeader(QStringLiteral("swb-compare"));
    root.insert(QStringLiteral("durationSeconds"), options.durationSeconds);
    root.insert(QStringLiteral("seed"), QString::number(options.seed));
    root.insert(QStringLiteral("rate"), options.traffic.rate);
    root.insert(QStringLiteral("pattern"), options.traffic.pattern);
    root.insert(QStringLiteral("fault"), fault);
    root.insert(QStringLiteral("designs"), designs);
    return root;
}

QString describe(const ComparisonOptions &options, int designs)
{
    QString text = QStringLiteral("Compared %1 designs over %2 s simulated (seed %3; every traffic "
                                  "source %4 req/s %5")
                       .arg(designs)
                       .arg(options.durationSeconds)
                       .arg(options.seed)
                       .arg(options.traffic.rate)
                       .arg(options.traffic.pattern);
    if (options.fault)
        text += QStringLiteral("; %1%2 from %3 s for %4 s")
                    .arg(faultKindName(options.fault->kind),
                         options.fault->target.isEmpty()
                             ? QString()
                             : QStringLiteral(" on '%1'").arg(options.fault->target))
                    .arg(options.fault->start)
                    .arg(options.fault->duration);
    return text + QStringLiteral(")");
}

int run(const Args &args, Io &io)
{
    if (args.positional.size() < 2)
        return usageError(io, kCommand,
                          QStringLiteral("give two or more design files to compare (got %1)")
                              .arg(args.positional.size()));
    ComparisonOptions options;
    options.pricing = &PricingCatalogue::builtIn(); // the shipped prices, as `swb cost`
    if (args.isSet(QStringLiteral("rate"))) {
        bool ok = false;
        options.traffic.rate = args.value(QStringLiteral("rate")).toDouble(&ok);
        if (!ok)
            return usageError(io, kCommand,
                              QStringLiteral("option '--rate': '%1' is not a number of requests "
                                             "per second")
                                  .arg(args.value(QStringLiteral("rate"))));
    }
    options.traffic.pattern = args.value(QStringLiteral("pattern"), options.traffic.pattern);
    std::optional<double> duration;
    std::optional<quint64> seed;
    QString problem = readDuration(args, 1, 604800, &duration);
    if (problem.isEmpty())
        problem = readSeed(args, &seed);
    if (!problem.isEmpty())
        return usageError(io, kCommand, problem);
    options.durationSeconds = duration.value_or(options.durationSeconds);
    options.seed = seed.value_or(options.seed);
    if (args.isSet(QStringLiteral("fault"))) {
        ComparisonFault fault;
        const QString error = parseFaultOption(args.value(QStringLiteral("fault")), &fault);
        if (!error.isEmpty())
            return usageError(io, kCommand, error);
        options.fault = fault;
    }
    const QString invalid = validateComparisonOptions(options);
    if (!invalid.isEmpty())
        return usageError(io, kCommand, invalid);

    QList<ComparisonInput> inputs;
    for (const QString &path : std::as_const(args.positional)) {
        ComparisonInput input;
        if (!loadDesign(io, kCommand, path, &input.design, allowedDirs(args)))
            return ExitFile;
        input.name = QFileInfo(path).fileName();
        input.baseDirectory = QFileInfo(path).absolutePath();
        // The size check sees the design as it will run: with the comparison's traffic.
        QStringList notes;
        QString why;
        const std::optional<Design> prepared = applyComparison(input.design, options, &notes, &why);
        if (prepared
            && !runSizeAllowed(io, kCommand, path, *prepared, options.durationSeconds,
                               forced(args)))
            return ExitUsage;
        inputs.append(input);
    }
    options.allowedDirectories = allowedDirs(args);
    options.cancelled = cancelOnInterrupt();
    const QList<ComparisonRow> rows = compareDesigns(inputs, options);
    if (interrupted())
        return interruptedExit(io, kCommand);
    bool allRan = true;
    for (const ComparisonRow &row : rows)
        allRan = allRan && row.ok;
    const QString format = args.isSet(QStringLiteral("csv"))
                               ? QStringLiteral("csv")
                               : args.value(QStringLiteral("format"), QStringLiteral("table"));
    if (format == QLatin1String("csv"))
        io.out << comparisonCsv(rows);
    else if (format == QLatin1String("json"))
        printJson(io, comparisonJson(rows, options));
    else if (format == QLatin1String("markdown"))
        io.out << markdownText(describe(options, int(rows.size()))) << "\n\n"
               << comparisonTable(rows).toMarkdown();
    else
        io.out << describe(options, int(rows.size())) << "\n\n" << comparisonTable(rows).toText();
    io.out.flush();
    if (!allRan)
        io.err << "swb compare: some designs could not be run (see their notes)\n";
    return allRan ? ExitOk : ExitFindings;
}

} // namespace

CommandSpec compareCommand()
{
    CommandSpec c;
    c.name = kCommand;
    c.usage = QStringLiteral("[OPTIONS] FILE FILE...");
    c.summary = QStringLiteral("Run the same traffic and fault through several designs; one "
                               "table.");
    c.description = QStringLiteral(
        "Every traffic source of every design is set to the same rate and pattern, the same "
        "fault is injected as swb simulate --fault places it (on the named block, else the first "
        "block of its kind), and each design runs with the same "
        "seed and duration. One row per design: throughput, p99 latency, throttles, lost and "
        "dead-lettered units, peak concurrency and monthly cost, the figures swb simulate "
        "prints.");
    c.arguments = {designArgument(QStringLiteral("FILE..."))};
    OptionSpec rate;
    rate.names = {QStringLiteral("r"), QStringLiteral("rate")};
    rate.valueName = QStringLiteral("REQ_PER_S");
    rate.description = QStringLiteral("Mean rate of every traffic source, requests per second.");
    rate.defaultValue = QStringLiteral("100");
    OptionSpec pattern;
    pattern.names = {QStringLiteral("p"), QStringLiteral("pattern")};
    pattern.valueName = QStringLiteral("PATTERN");
    pattern.description = QStringLiteral("Traffic pattern of every source: constant, poisson, "
                                         "diurnal, spike (as the traffic source block offers).");
    pattern.defaultValue = QStringLiteral("poisson");
    const OptionSpec fault = faultOption();
    OptionSpec csv;
    csv.names = {QStringLiteral("csv")};
    csv.description = QStringLiteral("Same as --format csv (kept for scripts written for it).");
    c.options = {formatOption({QStringLiteral("table"), QStringLiteral("json"),
                               QStringLiteral("csv"), QStringLiteral("markdown")},
                              QStringLiteral("the comparison")),
                 rate,
                 pattern,
                 durationOption(QStringLiteral("10m")),
                 seedOption(),
                 fault,
                 csv,
                 allowDirOption(),
                 forceOption(ForceMeans::Run)};
    c.options[4].defaultValue = QStringLiteral("1"); // the seed: comparisons default to 1
    c.examples = {QStringLiteral("swb compare a.swb b.swb --rate 200 --duration 10m "
                                 "--fault bad-deploy@2m+1m"),
                  QStringLiteral("swb compare a.swb b.swb -f json")};
    c.exitStatus = exitStatusText(QStringLiteral("some design could not run (its row says why)"));
    c.run = &run;
    return c;
}

} // namespace swb::cli
