#include "cliparse.h"
#include "cliutil.h"
#include "commands.h"

#include "sim/sweep.h"

#include "model/fileformat.h"
#include "model/pricing.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace swb::cli {

namespace {

constexpr const char *kCommand = "sweep";

QString figure(double mean, double halfWidth)
{
    const int decimals = std::fabs(mean) >= 100 ? 0 : 2;
    QString text = QString::number(mean, 'f', decimals);
    if (halfWidth > 0)
        text += QStringLiteral(" ± ") + QString::number(halfWidth, 'f', decimals);
    return text;
}

QByteArray toCsv(const SweepResult &result)
{
    QStringList header;
    for (const SweepAxis &axis : result.axes)
        header.append(axis.target + QLatin1Char('.') + axis.key);
    for (const QString &name : headlineNames())
        header << name << name + QStringLiteral(" ±95%");
    QByteArray out = header.join(QLatin1Char(',')).toUtf8() + '\n';
    for (const SweepCell &cell : result.cells) {
        QStringList row;
        for (const Assignment &a : cell.assignments)
            row.append(a.value);
        for (int f = 0; f < cell.mean.size(); ++f)
            row << QString::number(cell.mean[f], 'g', 12)
                << QString::number(cell.halfWidth95[f], 'g', 12);
        out += row.join(QLatin1Char(',')).toUtf8() + '\n';
    }
    return out;
}

QByteArray toJson(const SweepResult &result, int seeds, double duration)
{
    QJsonArray cells;
    for (const SweepCell &cell : result.cells) {
        QJsonObject values;
        for (const Assignment &a : cell.assignments)
            values.insert(a.target + QLatin1Char('.') + a.key, a.value);
        QJsonObject figures;
        for (int f = 0; f < cell.mean.size(); ++f)
            figures.insert(headlineNames()[f],
                           QJsonObject{{QStringLiteral("mean"), cell.mean[f]},
                                       {QStringLiteral("ci95"), cell.halfWidth95[f]}});
        cells.append(
            QJsonObject{{QStringLiteral("set"), values}, {QStringLiteral("figures"), figures}});
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("seeds"), seeds},
                                     {QStringLiteral("durationSeconds"), duration},
                                     {QStringLiteral("cells"), cells}})
        .toJson();
}

} // namespace

// swb sweep FILE --vary C.P=a,b,c [--vary ...] --duration D [--seeds N] [--threads N]
//           [--out table.csv|table.json]
// Exit: 0 ran, 1 a run was refused, 2 bad arguments or values, 3 file error.
int runSweep(const QStringList &args, Io &io)
{
    QList<SweepAxis> axes;
    QStringList rest;
    for (int i = 0; i < args.size(); ++i) {
        QString vary;
        if (args[i] == QLatin1String("--vary")) {
            if (i + 1 >= args.size())
                return usageError(io, kCommand, QStringLiteral("option '--vary' needs a value"));
            vary = args[++i];
        } else if (args[i].startsWith(QLatin1String("--vary="))) {
            vary = args[i].mid(7);
        } else {
            rest.append(args[i]);
            continue;
        }
        SweepAxis axis;
        const QString problem = parseSweepAxis(vary, &axis);
        if (!problem.isEmpty())
            return usageError(io, kCommand, QStringLiteral("--vary ") + problem);
        axes.append(axis);
    }
    ParsedArgs parsed;
    const QString problem = parseArgs(rest, {},
                                      {QStringLiteral("--duration"), QStringLiteral("--seeds"),
                                       QStringLiteral("--threads"), QStringLiteral("--out")},
                                      &parsed);
    if (!problem.isEmpty())
        return usageError(io, kCommand, problem);
    if (parsed.positional.size() != 1)
        return usageError(io, kCommand, QStringLiteral("expected one FILE"));
    if (axes.isEmpty())
        return usageError(io, kCommand, QStringLiteral("give at least one --vary C.P=a,b,c"));

    SweepOptions options;
    options.pricing = &PricingCatalogue::builtIn(); // the shipped prices, as `swb cost`
    const QString duration =
        parsed.options.value(QStringLiteral("--duration"), QStringLiteral("1h"));
    options.durationSeconds = parseDuration(duration);
    if (options.durationSeconds <= 0)
        return usageError(
            io, kCommand,
            QStringLiteral("--duration '%1': use e.g. 90s, 15m, 1h or 1h30m").arg(duration));
    bool ok = true;
    options.seeds = parsed.options.value(QStringLiteral("--seeds"), QStringLiteral("3")).toInt(&ok);
    if (!ok || options.seeds < 1 || options.seeds > 1000)
        return usageError(io, kCommand, QStringLiteral("--seeds must be a whole number 1 to 1000"));
    options.threads =
        parsed.options.value(QStringLiteral("--threads"), QStringLiteral("0")).toInt(&ok);
    if (!ok || options.threads < 0 || options.threads > 256)
        return usageError(io, kCommand,
                          QStringLiteral("--threads must be 0 (one per core) to 256"));
    const QString out = parsed.options.value(QStringLiteral("--out"));
    if (!out.isEmpty() && !out.endsWith(QLatin1String(".csv"))
        && !out.endsWith(QLatin1String(".json")))
        return usageError(io, kCommand, QStringLiteral("--out must end in .csv or .json"));

    Design design;
    if (!loadDesign(io, kCommand, parsed.positional.first(), &design))
        return ExitFile;
    const SweepResult result = runSweep(design, axes, options);
    if (!result.ok) {
        io.err << "swb sweep: " << result.error << "\n";
        return result.failure == SweepResult::Failure::BadValue ? ExitUsage : ExitFindings;
    }

    QStringList header;
    for (const SweepAxis &axis : axes)
        header.append(axis.target + QLatin1Char('.') + axis.key);
    header.append(headlineNames());
    QList<QStringList> rows;
    for (const SweepCell &cell : result.cells) {
        QStringList row;
        for (const Assignment &a : cell.assignments)
            row.append(a.value);
        for (int f = 0; f < cell.mean.size(); ++f)
            row.append(figure(cell.mean[f], cell.halfWidth95[f]));
        rows.append(row);
    }
    QList<qsizetype> widths(header.size());
    for (int c = 0; c < header.size(); ++c) {
        widths[c] = header[c].size();
        for (const QStringList &row : rows)
            widths[c] = std::max(widths[c], row[c].size());
    }
    auto printRow = [&](const QStringList &row) {
        for (int c = 0; c < row.size(); ++c)
            io.out << (c ? "  " : "") << row[c].leftJustified(widths[c]);
        io.out << "\n";
    };
    printRow(header);
    for (const QStringList &row : rows)
        printRow(row);
    io.out << "(" << options.seeds << " seed(s) per cell, " << options.durationSeconds
           << " s simulated; ± = 95% confidence half-width over seeds)\n";
    if (!out.isEmpty()) {
        const QByteArray data = out.endsWith(QLatin1String(".csv"))
                                    ? toCsv(result)
                                    : toJson(result, options.seeds, options.durationSeconds);
        QString error;
        if (!writeFileAtomically(out, data, &error)) {
            io.err << "swb sweep: cannot write '" << out << "': " << error << "\n";
            return ExitFile;
        }
    }
    return ExitOk;
}

} // namespace swb::cli
