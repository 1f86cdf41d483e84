// The comparison table's text: one definition for the compare window, its clipboard copy and
// `swb compare`, rounded like `swb simulate` prints each figure (app/cli/cmd_simulate.cpp).
#include "sim/comparison.h"

#include "model/texttable.h"

namespace swb {

namespace {

QString fixed(double v, int decimals)
{
    return QString::number(v, 'f', decimals);
}

} // namespace

QStringList comparisonColumns()
{
    return {QStringLiteral("design"),
            QStringLiteral("throughput /s"),
            QStringLiteral("p99 ms"),
            QStringLiteral("throttles"),
            QStringLiteral("lost"),
            QStringLiteral("dead-lettered"),
            QStringLiteral("peak concurrency"),
            QStringLiteral("cost $/month"),
            QStringLiteral("notes")};
}

QStringList comparisonColumnHelp()
{
    return {QStringLiteral("The design: a bundled pattern, a file or the current design"),
            QStringLiteral("Units that succeeded end to end per simulated second (the ledger's "
                           "succeeded count / duration); a fan-out counts every delivered copy"),
            QStringLiteral("Worst end-to-end p99 over the entry paths (traffic sources), ms"),
            QStringLiteral("Lambda throttles, API Gateway 429s, Kinesis write throttles, Step "
                           "Functions start throttles and downstream rejections"),
            QStringLiteral("Units expired (retention, maximum event age) or dropped by a "
                           "documented rule (a failed sync call, an async event out of retries "
                           "without a destination)"),
            QStringLiteral("Units in a DLQ or on-failure destination at the end"),
            QStringLiteral("Peak account-wide Lambda concurrency, environments"),
            QStringLiteral("Measured usage priced for a 730-hour month, USD"),
            QStringLiteral("Why a design did not run, or where the fault could not apply")};
}

QStringList comparisonCells(const ComparisonRow &row)
{
    const QString none = QStringLiteral("-");
    if (!row.ok) {
        QStringList notes = row.notes;
        notes.prepend(QStringLiteral("not run: ")
                      + row.error.trimmed().replace(QLatin1Char('\n'), QLatin1String("; ")));
        return {
            row.name, none, none, none, none, none, none, none, notes.join(QLatin1String("; "))};
    }
    const Headline &h = row.headline;
    return {row.name,
            fixed(h.throughputPerS, 2),
            row.latencyMeasured ? fixed(h.p99Ms, 1) : none,
            fixed(h.throttles, 0),
            fixed(h.lost, 0),
            fixed(h.deadLetters, 0),
            fixed(row.peakConcurrency, 0),
            row.costPriced ? fixed(h.monthlyCostUsd, 2) : QStringLiteral("not available"),
            row.notes.join(QLatin1String("; "))};
}

QString comparisonCsv(const QList<ComparisonRow> &rows)
{
    TextTable table;
    table.header = comparisonColumns();
    for (const ComparisonRow &row : rows)
        table.rows.append(comparisonCells(row));
    return table.toCsv();
}

} // namespace swb
