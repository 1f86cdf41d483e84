#include "cliutil.h"
#include "commands.h"
#include "output.h"

#include "sim/resultsreference.h"

#include <QJsonArray>

namespace swb::cli {

namespace {

const QString kCommand = QStringLiteral("metrics");

int run(const Args &args, Io &io)
{
    if (!args.positional.isEmpty())
        return usageError(
            io, kCommand,
            QStringLiteral("takes no argument, got '%1'").arg(args.positional.first()));
    const QString format = args.value(QStringLiteral("format"), QStringLiteral("table"));
    const TextTable table = resultsReferenceTable();
    if (format == QLatin1String("csv")) {
        io.out << table.toCsv();
    } else if (format == QLatin1String("markdown")) {
        io.out << table.toMarkdown();
    } else if (format == QLatin1String("json")) {
        QJsonArray series;
        for (const ResultsSeriesInfo &s : resultsReference())
            series.append(QJsonObject{{QStringLiteral("name"), s.name},
                                      {QStringLiteral("scope"), s.scope},
                                      {QStringLiteral("unit"), s.unit},
                                      {QStringLiteral("aggregation"), s.aggregation},
                                      {QStringLiteral("meaning"), s.meaning}});
        QJsonObject root = jsonHeader(QStringLiteral("swb-metrics"));
        root.insert(QStringLiteral("series"), series);
        printJson(io, root);
    } else {
        io.out << table.toText();
    }
    return ExitOk;
}

} // namespace

CommandSpec metricsCommand()
{
    CommandSpec c;
    c.name = kCommand;
    c.usage = QStringLiteral("[OPTIONS]");
    c.summary = QStringLiteral("List the series of a results file: unit, aggregation, meaning.");
    c.description = QStringLiteral(
        "The results reference, read from the simulator's metric registry: every series a run "
        "writes (swb simulate --out, File > Export > Results), its scope (one per block, the "
        "account, the ledger, or one per Kinesis shard or FIFO message group: '#' is its "
        "number), its unit, how "
        "a bin aggregates it (sum: total during the bin, max: peak during the bin, last: value "
        "when the bin closes) and what it counts.");
    c.options = {formatOption({QStringLiteral("table"), QStringLiteral("json"),
                               QStringLiteral("csv"), QStringLiteral("markdown")},
                              QStringLiteral("the reference"))};
    c.examples = {QStringLiteral("swb metrics"), QStringLiteral("swb metrics -f markdown"),
                  QStringLiteral("swb metrics -f csv | grep sqs.")};
    c.exitStatus = QStringLiteral("0 ok, 2 bad arguments.");
    c.run = &run;
    return c;
}

} // namespace swb::cli
