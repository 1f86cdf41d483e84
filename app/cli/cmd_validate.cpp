#include "cireport.h"
#include "cliutil.h"
#include "commands.h"
#include "output.h"

#include "model/analysis.h"
#include "model/texttable.h"

#include <QJsonArray>

namespace swb::cli {

namespace {

const QString kCommand = QStringLiteral("validate");

QStringList blockNames(const Design &design, const Finding &f)
{
    QStringList names;
    for (ComponentId id : f.components) {
        if (const Component *c = design.component(id))
            names.append(c->name);
    }
    return names;
}

TextTable findingsTable(const Design &design, const QList<Finding> &findings)
{
    TextTable table;
    table.header = {QStringLiteral("severity"), QStringLiteral("code"), QStringLiteral("blocks"),
                    QStringLiteral("message")};
    for (const Finding &f : findings)
        table.rows.append({severityId(f.severity), f.code,
                           blockNames(design, f).join(QStringLiteral(", ")), f.message});
    return table;
}

QList<CiItem> ciItems(const Design &design, const QList<Finding> &findings)
{
    QList<CiItem> items;
    for (const Finding &f : findings) {
        const QString level = f.severity == Severity::Error     ? QStringLiteral("error")
                              : f.severity == Severity::Warning ? QStringLiteral("warning")
                                                                : QStringLiteral("note");
        items.append({f.code, f.code, level, false, f.message, blockNames(design, f)});
    }
    return items;
}

int run(const Args &args, Io &io)
{
    if (args.positional.size() != 1)
        return usageError(io, kCommand,
                          args.positional.isEmpty()
                              ? QStringLiteral("missing FILE")
                              : QStringLiteral("expected one FILE, got %1 arguments")
                                    .arg(args.positional.size()));
    const QString path = args.positional.first();
    Design design;
    if (!loadDesign(io, kCommand, path, &design, allowedDirs(args)))
        return ExitFile;
    const QList<Finding> findings = analyze(design);
    int counts[3] = {0, 0, 0}; // errors, warnings, infos
    for (const Finding &f : findings)
        ++counts[f.severity == Severity::Error ? 0 : f.severity == Severity::Warning ? 1 : 2];

    const QString format = args.value(QStringLiteral("format"), QStringLiteral("table"));
    if (format == QLatin1String("json")) {
        QJsonArray list;
        for (const Finding &f : findings)
            list.append(QJsonObject{
                {QStringLiteral("severity"), severityId(f.severity)},
                {QStringLiteral("code"), f.code},
                {QStringLiteral("message"), f.message},
                {QStringLiteral("blocks"), QJsonArray::fromStringList(blockNames(design, f))},
            });
        QJsonObject root = jsonHeader(QStringLiteral("swb-validate"));
        root.insert(QStringLiteral("file"), path);
        root.insert(QStringLiteral("design"), design.name);
        root.insert(QStringLiteral("errors"), counts[0]);
        root.insert(QStringLiteral("warnings"), counts[1]);
        root.insert(QStringLiteral("infos"), counts[2]);
        root.insert(QStringLiteral("findings"), list);
        printJson(io, root);
    } else if (format == QLatin1String("csv")) {
        io.out << findingsTable(design, findings).toCsv();
    } else if (format == QLatin1String("markdown")) {
        io.out << findingsTable(design, findings).toMarkdown();
    } else if (format == QLatin1String("sarif")) {
        writeStdout(io, sarifReport(kCommand, path, ciItems(design, findings)));
    } else if (format == QLatin1String("junit")) {
        writeStdout(io,
                    junitReport(QStringLiteral("swb validate"), path, ciItems(design, findings)));
    } else {
        printFindings(findings, io.out);
    }
    io.out.flush();
    io.err << path << ": " << counts[0] << (counts[0] == 1 ? " error, " : " errors, ") << counts[1]
           << (counts[1] == 1 ? " warning, " : " warnings, ") << counts[2] << " info\n";
    return counts[0] ? ExitFindings : ExitOk;
}

} // namespace

CommandSpec validateCommand()
{
    CommandSpec c;
    c.name = kCommand;
    c.usage = QStringLiteral("[OPTIONS] FILE");
    c.summary = QStringLiteral("Check a design and list its findings (exit 1 on errors).");
    c.description = QStringLiteral(
        "Runs the design analysis: illegal wires, cycles, unreachable blocks, missing dead-letter "
        "queues or failure destinations, timeouts shorter than AWS needs, and more. Each finding "
        "has a severity (error, warning, info), a stable code for scripts and a message naming "
        "the blocks. A one-line count goes to standard error.");
    c.arguments = {designArgument()};
    c.options = {
        formatOption({QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("csv"),
                      QStringLiteral("markdown"), QStringLiteral("sarif"), QStringLiteral("junit")},
                     QStringLiteral("the findings (table: one \"severity  code  "
                                    "message\" line each; sarif and junit for CI)")),
        allowDirOption()};
    c.examples = {QStringLiteral("swb validate design.swb"),
                  QStringLiteral("swb validate design.swb.yaml -f sarif > findings.sarif"),
                  QStringLiteral("swb validate design.swb --format junit > validate.xml")};
    c.exitStatus = exitStatusText(QStringLiteral("the design has errors"));
    c.run = &run;
    return c;
}

} // namespace swb::cli
