#include "cliparse.h"

#include "cliutil.h"
#include "commands.h"

#include "sim/sweep.h"
#include "model/pricing.h"

#include <QMap>

#include <cmath>

namespace swb::cli {

namespace {

constexpr const char *kCommand = "check";

struct Gate {
    QString name;
    QString limit;
    QString value;
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

// Prints a table as aligned text or as a Markdown table (for a pull-request comment).
void printTable(QTextStream &out, const QStringList &header, const QList<QStringList> &rows,
                bool markdown)
{
    if (markdown) {
        out << "| " << header.join(QStringLiteral(" | ")) << " |\n|";
        for (qsizetype i = 0; i < header.size(); ++i)
            out << (i ? "---:|" : "---|");
        out << "\n";
        for (const QStringList &row : rows)
            out << "| " << row.join(QStringLiteral(" | ")) << " |\n";
        return;
    }
    QList<qsizetype> widths(header.size());
    for (qsizetype c = 0; c < header.size(); ++c) {
        widths[c] = header[c].size();
        for (const QStringList &row : rows)
            widths[c] = std::max(widths[c], row[c].size());
    }
    auto line = [&](const QStringList &row) {
        for (qsizetype c = 0; c < row.size(); ++c)
            out << (c ? "  " : "") << row[c].leftJustified(widths[c]);
        out << "\n";
    };
    line(header);
    for (const QStringList &row : rows)
        line(row);
}

// ExitOk, ExitFile (unreadable) or ExitFindings (the design cannot run: Error findings).
int runDesign(Io &io, const QString &path, const RunOptions &options, RunResults *results)
{
    Design design;
    if (!loadDesign(io, kCommand, path, &design))
        return ExitFile;
    *results = runToEnd(design, options);
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

} // namespace

// swb check FILE [--budget 500/month] [--p99 300ms] [--no-loss] [--baseline OTHER]
//           [--duration D] [--seed N] [--markdown]
// Simulates the design (and the baseline) and checks the gates on the measured figures.
// Exit: 0 every gate holds, 1 a gate is broken or the design cannot run, 2 bad arguments,
// 3 file error.
int runCheck(const QStringList &args, Io &io)
{
    ParsedArgs parsed;
    const QString problem = parseArgs(
        args, {QStringLiteral("--no-loss"), QStringLiteral("--markdown")},
        {QStringLiteral("--budget"), QStringLiteral("--p99"), QStringLiteral("--baseline"),
         QStringLiteral("--duration"), QStringLiteral("--seed")},
        &parsed);
    if (!problem.isEmpty())
        return usageError(io, kCommand, problem);
    if (parsed.positional.size() != 1)
        return usageError(io, kCommand, QStringLiteral("expected one FILE"));
    const bool markdown = parsed.has(QStringLiteral("--markdown"));

    double budget = -1;
    if (parsed.options.contains(QStringLiteral("--budget"))) {
        budget = parseMonthlyUsd(parsed.options.value(QStringLiteral("--budget")));
        if (budget < 0)
            return usageError(io, kCommand,
                              QStringLiteral("--budget '%1': use USD per month, e.g. 500/month")
                                  .arg(parsed.options.value(QStringLiteral("--budget"))));
    }
    double p99Limit = -1;
    if (parsed.options.contains(QStringLiteral("--p99"))) {
        p99Limit = parseMilliseconds(parsed.options.value(QStringLiteral("--p99")));
        if (p99Limit < 0)
            return usageError(io, kCommand,
                              QStringLiteral("--p99 '%1': use e.g. 300ms or 0.3s")
                                  .arg(parsed.options.value(QStringLiteral("--p99"))));
    }
    RunOptions options;
    options.pricing = &PricingCatalogue::builtIn(); // the shipped prices, as `swb cost`
    if (parsed.options.contains(QStringLiteral("--duration"))) {
        const double seconds = parseDuration(parsed.options.value(QStringLiteral("--duration")));
        if (seconds <= 0)
            return usageError(io, kCommand, QStringLiteral("--duration: use e.g. 15m or 1h"));
        options.durationSeconds = seconds;
    }
    if (parsed.options.contains(QStringLiteral("--seed"))) {
        bool ok = false;
        options.seed = parsed.options.value(QStringLiteral("--seed")).toULongLong(&ok);
        if (!ok)
            return usageError(io, kCommand, QStringLiteral("--seed must be a whole number"));
    }

    RunResults run;
    if (const int code = runDesign(io, parsed.positional.first(), options, &run))
        return code;
    const Headline h = headlineOf(run);

    QList<Gate> gates;
    if (budget >= 0) {
        const bool ok = h.monthlyCostUsd <= budget;
        gates.append(
            {QStringLiteral("monthly cost"), usd(budget), usd(h.monthlyCostUsd), ok,
             ok ? QString()
                : QStringLiteral("over budget by %1").arg(usd(h.monthlyCostUsd - budget))});
    }
    if (p99Limit >= 0) {
        const bool ok = h.p99Ms <= p99Limit;
        gates.append({QStringLiteral("p99 latency"),
                      QString::number(p99Limit) + QStringLiteral(" ms"),
                      QString::number(h.p99Ms, 'f', 1) + QStringLiteral(" ms"), ok,
                      ok ? QString() : QStringLiteral("the slowest entry path's p99 is too high")});
    }
    if (parsed.has(QStringLiteral("--no-loss"))) {
        const bool ok = h.lost == 0 && h.deadLetters == 0;
        gates.append(
            {QStringLiteral("no loss"), QStringLiteral("0"),
             QStringLiteral("%1 lost, %2 dead-lettered").arg(h.lost).arg(h.deadLetters), ok,
             ok ? QString() : QStringLiteral("messages expired, were dropped or reached a DLQ")});
    }
    if (gates.isEmpty())
        return usageError(io, kCommand,
                          QStringLiteral("give at least one gate: --budget, --p99 or --no-loss"));

    bool passed = true;
    QList<QStringList> rows;
    for (const Gate &g : gates) {
        passed = passed && g.passed;
        rows.append({g.name, g.limit, g.value,
                     g.passed ? QStringLiteral("pass") : QStringLiteral("FAIL: ") + g.why});
    }
    io.out << (markdown ? "### " : "") << "swb check " << parsed.positional.first() << ": "
           << (passed ? "passed" : "FAILED") << "\n\n";
    printTable(io.out,
               {QStringLiteral("gate"), QStringLiteral("limit"), QStringLiteral("measured"),
                QStringLiteral("result")},
               rows, markdown);

    const QString baselinePath = parsed.options.value(QStringLiteral("--baseline"));
    if (!baselinePath.isEmpty()) {
        RunResults base;
        if (const int code = runDesign(io, baselinePath, options, &base))
            return code;
        const Headline b = headlineOf(base);
        io.out << "\n" << (markdown ? "#### " : "") << "Compared with " << baselinePath << "\n\n";
        QList<QStringList> diff;
        const QList<double> now = headlineValues(h);
        const QList<double> was = headlineValues(b);
        for (qsizetype f = 0; f < now.size(); ++f)
            diff.append({headlineNames()[f], QString::number(was[f], 'f', 2),
                         QString::number(now[f], 'f', 2),
                         QString::number(now[f] - was[f], 'f', 2)});
        printTable(io.out,
                   {QStringLiteral("figure"), QStringLiteral("baseline"),
                    QStringLiteral("this design"), QStringLiteral("change")},
                   diff, markdown);
        io.out << "\n";
        QMap<QString, double> costNow = costByComponent(run);
        const QMap<QString, double> costWas = costByComponent(base);
        QStringList names = costNow.keys();
        for (const QString &name : costWas.keys()) {
            if (!names.contains(name))
                names.append(name);
        }
        QList<QStringList> costRows;
        for (const QString &name : std::as_const(names)) {
            const double n = costNow.value(name, 0), w = costWas.value(name, 0);
            costRows.append({name, costWas.contains(name) ? usd(w) : QStringLiteral("-"),
                             costNow.contains(name) ? usd(n) : QStringLiteral("-"),
                             signedUsd(n - w)});
        }
        printTable(io.out,
                   {QStringLiteral("component"), QStringLiteral("baseline / month"),
                    QStringLiteral("this design / month"), QStringLiteral("change")},
                   costRows, markdown);
    }
    return passed ? ExitOk : ExitFindings;
}

} // namespace swb::cli
