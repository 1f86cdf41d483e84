#include "cliparse.h"

#include "cliutil.h"
#include "commands.h"

#include "sim/comparison.h"
#include "model/pricing.h"

#include <QFileInfo>

namespace swb::cli {

namespace {

constexpr const char *kCommand = "compare";

// "0", "90", "10m", "1h30m": 0 is a valid fault start, which parseDuration reserves for errors.
double parseStart(const QString &text)
{
    bool plain = false;
    const double seconds = text.toDouble(&plain);
    if (plain)
        return seconds >= 0 ? seconds : -1;
    const double parsed = parseDuration(text);
    return parsed > 0 ? parsed : -1;
}

// KIND@START+DURATION, e.g. "bad-deploy@10m+5m". Returns the problem or "".
QString parseFault(const QString &text, ComparisonFault *fault)
{
    QStringList kinds;
    for (FaultKind kind : comparisonFaultKinds())
        kinds.append(faultKindId(kind));
    const QString usage = QStringLiteral("--fault '%1': expected KIND@START+DURATION, e.g. "
                                         "bad-deploy@10m+5m (kinds: %2)")
                              .arg(text, kinds.join(QStringLiteral(", ")));
    const qsizetype at = text.indexOf(QLatin1Char('@'));
    const qsizetype plus = text.indexOf(QLatin1Char('+'), at + 1);
    if (at <= 0 || plus < 0)
        return usage;
    if (!faultKindFromId(text.left(at), &fault->kind))
        return QStringLiteral("--fault: unknown kind '%1' (kinds: %2)")
            .arg(text.left(at), kinds.join(QStringLiteral(", ")));
    fault->start = parseStart(text.mid(at + 1, plus - at - 1));
    fault->duration = parseDuration(text.mid(plus + 1));
    if (fault->start < 0 || fault->duration <= 0)
        return usage;
    return {};
}

// The table with its columns aligned: names and notes to the left, figures to the right.
void printTable(const QList<ComparisonRow> &rows, QTextStream &out)
{
    QList<QStringList> lines{comparisonColumns()};
    for (const ComparisonRow &row : rows)
        lines.append(comparisonCells(row));
    const qsizetype columns = lines.first().size();
    QList<qsizetype> width(columns, 0);
    for (const QStringList &line : lines) {
        for (qsizetype c = 0; c < columns; ++c)
            width[c] = std::max(width[c], line.at(c).size());
    }
    for (const QStringList &line : lines) {
        QStringList padded;
        for (qsizetype c = 0; c < columns; ++c) {
            const bool text = c == 0 || c == columns - 1;
            padded.append(text ? line.at(c).leftJustified(width[c])
                               : line.at(c).rightJustified(width[c]));
        }
        out << padded.join(QLatin1String("  ")).trimmed() << "\n";
    }
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
        text += QStringLiteral("; %1 from %2 s for %3 s")
                    .arg(faultKindName(options.fault->kind))
                    .arg(options.fault->start)
                    .arg(options.fault->duration);
    return text + QStringLiteral(")");
}

} // namespace

// swb compare FILE FILE... [--rate R] [--pattern P] [--duration D] [--seed N]
//             [--fault KIND@START+DURATION] [--csv]
// Exit: 0 every design ran, 1 some design could not run (its row says why), 2 bad arguments,
// 3 a file could not be read.
int runCompare(const QStringList &args, Io &io)
{
    ParsedArgs parsed;
    const QString problem = parseArgs(args, {QStringLiteral("--csv")},
                                      {QStringLiteral("--rate"), QStringLiteral("--pattern"),
                                       QStringLiteral("--duration"), QStringLiteral("--seed"),
                                       QStringLiteral("--fault")},
                                      &parsed);
    if (!problem.isEmpty())
        return usageError(io, kCommand, problem);
    if (parsed.positional.size() < 2)
        return usageError(io, kCommand,
                          QStringLiteral("give two or more design files to compare (got %1)")
                              .arg(parsed.positional.size()));
    ComparisonOptions options;
    options.pricing = &PricingCatalogue::builtIn(); // the shipped prices, as `swb cost`
    if (parsed.options.contains(QStringLiteral("--rate"))) {
        bool ok = false;
        options.traffic.rate = parsed.options.value(QStringLiteral("--rate")).toDouble(&ok);
        if (!ok)
            return usageError(io, kCommand,
                              QStringLiteral("--rate '%1': expected a number of requests per "
                                             "second")
                                  .arg(parsed.options.value(QStringLiteral("--rate"))));
    }
    options.traffic.pattern =
        parsed.options.value(QStringLiteral("--pattern"), options.traffic.pattern);
    if (parsed.options.contains(QStringLiteral("--duration"))) {
        const QString text = parsed.options.value(QStringLiteral("--duration"));
        options.durationSeconds = parseDuration(text);
        if (options.durationSeconds <= 0)
            return usageError(io, kCommand,
                              QStringLiteral("--duration '%1': use e.g. 90s, 15m, 1h or plain "
                                             "seconds")
                                  .arg(text));
    }
    if (parsed.options.contains(QStringLiteral("--seed"))) {
        bool ok = false;
        const QString text = parsed.options.value(QStringLiteral("--seed"));
        options.seed = text.toULongLong(&ok);
        if (!ok)
            return usageError(
                io, kCommand,
                QStringLiteral("--seed '%1': expected a whole number 0 or more").arg(text));
    }
    if (parsed.options.contains(QStringLiteral("--fault"))) {
        ComparisonFault fault;
        const QString error = parseFault(parsed.options.value(QStringLiteral("--fault")), &fault);
        if (!error.isEmpty())
            return usageError(io, kCommand, error);
        options.fault = fault;
    }
    const QString invalid = validateComparisonOptions(options);
    if (!invalid.isEmpty())
        return usageError(io, kCommand, invalid);

    QList<ComparisonInput> inputs;
    for (const QString &path : std::as_const(parsed.positional)) {
        ComparisonInput input;
        if (!loadDesign(io, kCommand, path, &input.design))
            return ExitFile;
        input.name = QFileInfo(path).fileName();
        input.baseDirectory = QFileInfo(path).absolutePath();
        inputs.append(input);
    }
    const QList<ComparisonRow> rows = compareDesigns(inputs, options);
    bool allRan = true;
    for (const ComparisonRow &row : rows)
        allRan = allRan && row.ok;
    if (parsed.has(QStringLiteral("--csv"))) {
        io.out << comparisonCsv(rows);
    } else {
        io.out << describe(options, int(rows.size())) << "\n\n";
        printTable(rows, io.out);
    }
    io.out.flush();
    if (!allRan)
        io.err << "swb compare: some designs could not be run (see their notes)\n";
    return allRan ? ExitOk : ExitFindings;
}

} // namespace swb::cli
