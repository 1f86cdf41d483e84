// swb advise: what hurt in a run and what to change, each fix re-simulated with the same seed
// before it is offered (sim/advisor.h). --apply writes the design with every verified fix.

#include "adviceoutput.h"
#include "cliutil.h"
#include "commands.h"
#include "interrupt.h"
#include "output.h"
#include "runguard.h"

#include "sim/advisor.h"

#include "model/document.h"
#include "model/pricing.h"
#include "model/texttable.h"
#include "model/wording.h"

#include <QFileInfo>
#include <QJsonArray>

#include <cmath>

namespace swb::cli {

namespace {

const QString kCommand = QStringLiteral("advise");

QJsonObject headlineJson(const Headline &h)
{
    QJsonObject o;
    const QList<double> values = headlineValues(h);
    for (qsizetype i = 0; i < values.size(); ++i)
        o.insert(headlineIds().at(i), values.at(i));
    return o;
}

QJsonObject fixJson(const Fix &f)
{
    QJsonArray changes;
    for (const ParamChange &c : f.changes)
        changes.append(QJsonObject{{QStringLiteral("on"), ParamChange::onId(c.on)},
                                   {QStringLiteral("block"), c.block},
                                   {QStringLiteral("target"), c.target},
                                   {QStringLiteral("key"), c.key},
                                   {QStringLiteral("from"), QJsonValue::fromVariant(c.from)},
                                   {QStringLiteral("to"), QJsonValue::fromVariant(c.to)}});
    return QJsonObject{{QStringLiteral("rule"), f.rule},
                       {QStringLiteral("title"), f.title},
                       {QStringLiteral("sizing"), f.sizing},
                       {QStringLiteral("changes"), changes},
                       {QStringLiteral("verified"), f.verified},
                       {QStringLiteral("verdict"), f.verdict},
                       {QStringLiteral("before"), headlineJson(f.before)},
                       {QStringLiteral("after"), headlineJson(f.after)}};
}

QString figures(const Headline &h)
{
    return QStringLiteral("%1/s, p99 %2 ms, %3 throttled, %4 lost, %5 dead-lettered, $%6/month")
        .arg(QString::number(h.throughputPerS, 'g', 4), QString::number(h.p99Ms, 'f', 1),
             QString::number(h.throttles, 'f', 0), QString::number(h.lost, 'f', 0),
             QString::number(h.deadLetters, 'f', 0), QString::number(h.monthlyCostUsd, 'f', 2));
}

TextTable fixTable(const QList<Fix> &fixes)
{
    TextTable t;
    t.header = {QStringLiteral("fix"), QStringLiteral("changes"), QStringLiteral("after"),
                QStringLiteral("verdict")};
    for (const Fix &f : fixes) {
        QStringList changes;
        for (const ParamChange &c : f.changes)
            changes.append(c.text());
        t.rows.append({f.title, changes.join(QStringLiteral("; ")),
                       f.after.throughputPerS > 0 || f.verified ? figures(f.after) : QString(),
                       f.verdict});
    }
    return t;
}

void printAdvice(Io &io, const QString &format, const QString &file, const Advice &a, bool passed)
{
    if (format == QLatin1String("json")) {
        QJsonArray fixes;
        for (const Fix &f : a.fixes)
            fixes.append(fixJson(f));
        QJsonObject root = jsonHeader(QStringLiteral("swb-advise"));
        root.insert(QStringLiteral("file"), file);
        root.insert(QStringLiteral("passed"), passed);
        root.insert(QStringLiteral("before"), headlineJson(a.before));
        root.insert(QStringLiteral("diagnoses"), diagnosesJson(a.diagnoses));
        root.insert(QStringLiteral("fixes"), fixes);
        root.insert(QStringLiteral("combined"), a.combined.changes.isEmpty()
                                                    ? QJsonValue(QJsonValue::Null)
                                                    : QJsonValue(fixJson(a.combined)));
        printJson(io, root);
        return;
    }
    const bool markdown = format == QLatin1String("markdown");
    const auto table = [markdown](const TextTable &t) {
        return markdown ? t.toMarkdown() : t.toText();
    };
    const auto text = [markdown](const QString &t) { return markdown ? markdownText(t) : t; };
    io.out << (markdown ? "### " : "")
           << text(QStringLiteral("swb advise %1: %2, %3")
                       .arg(file,
                            counted(a.diagnoses.size(), QStringLiteral("diagnosis"),
                                    QStringLiteral("diagnoses")),
                            counted(std::count_if(a.fixes.cbegin(), a.fixes.cend(),
                                                  [](const Fix &f) { return f.verified; }),
                                    QStringLiteral("verified fix"),
                                    QStringLiteral("verified fixes"))))
           << "\n\n"
           << text(QStringLiteral("Before: ") + figures(a.before)) << "\n\n";
    if (a.diagnoses.isEmpty()) {
        io.out << text(QStringLiteral("Nothing hurt in this run.")) << "\n";
        return;
    }
    printDiagnoses(io.out, a.diagnoses, markdown);
    if (!a.fixes.isEmpty()) {
        io.out << "\n" << (markdown ? "#### " : "") << "Fixes\n\n" << table(fixTable(a.fixes));
        for (const Fix &f : a.fixes)
            io.out << (markdown ? "- " : "  ") << text(f.title + QStringLiteral(": ") + f.sizing)
                   << "\n";
    }
    if (!a.combined.changes.isEmpty())
        io.out << "\n"
               << text(QStringLiteral("All verified fixes together: %1 (%2)")
                           .arg(figures(a.combined.after), a.combined.verdict))
               << "\n";
}

int run(const Args &args, Io &io)
{
    if (args.positional.size() != 1)
        return usageError(io, kCommand, QStringLiteral("expected one FILE"));
    const QString path = args.positional.first();
    const QString format = args.value(QStringLiteral("format"), QStringLiteral("table"));
    AdviceOptions options;
    QString problem = readBudget(args, QStringLiteral("budget"), &options.budgetUsd);
    if (problem.isEmpty())
        problem = readLatency(args, QStringLiteral("target-p99"), &options.targetP99Ms);
    options.run.pricing = &PricingCatalogue::builtIn(); // the shipped prices, as `swb check`
    if (problem.isEmpty())
        problem = readDuration(args, 1, 604800, &options.run.durationSeconds);
    if (problem.isEmpty())
        problem = readSeed(args, &options.run.seed);
    if (!problem.isEmpty())
        return usageError(io, kCommand, problem);

    Design loaded;
    if (!loadDesign(io, kCommand, path, &loaded, allowedDirs(args)))
        return ExitFile;
    Document doc;
    doc.replaceDesign(loaded);
    if (const QString error = applySetOptions(args, &doc); !error.isEmpty())
        return usageError(io, kCommand, error);
    const Design design = doc.design();
    options.run.build.baseDirectory = QFileInfo(path).absolutePath();
    options.run.build.allowedDirectories = allowedDirs(args);
    if (!runSizeAllowed(io, kCommand, path, design, options.run.durationSeconds.value_or(0),
                        forced(args)))
        return ExitUsage;
    options.run.cancelled = cancelOnInterrupt();
    const RunResults first = runToEnd(design, options.run);
    if (first.cancelled)
        return interruptedExit(io, kCommand);
    if (!first.ok) {
        io.err << "swb advise: " << path << " cannot run:\n" << first.error << "\n";
        return ExitFindings;
    }
    const Advice advice = advise(design, first, options, [&io](int done, int total) {
        io.err << "swb advise: verifying fix " << done + 1 << " of " << total << "\n";
        io.err.flush();
    });
    if (interrupted())
        return interruptedExit(io, kCommand);
    if (!advice.ok) {
        io.err << "swb advise: a verification run failed: " << advice.error << "\n";
        return ExitFindings;
    }
    // The gates: the user's targets on the design as it is.
    bool passed = true;
    if (options.targetP99Ms >= 0 && advice.before.p99Ms > options.targetP99Ms)
        passed = false;
    if (options.budgetUsd >= 0 && advice.before.monthlyCostUsd > options.budgetUsd)
        passed = false;
    printAdvice(io, format, QFileInfo(path).fileName(), advice, passed);
    io.out.flush();

    const QString applyTo = args.value(QStringLiteral("apply"));
    if (!applyTo.isEmpty()) {
        if (advice.combined.changes.isEmpty() || !advice.combined.verified) {
            io.err << "swb advise: no verified fix to apply; " << applyTo << " not written\n";
        } else {
            Design fixed = design;
            if (const QString error = applyChanges(&fixed, advice.combined.changes);
                !error.isEmpty()) {
                io.err << "swb advise: " << error << "\n";
                return ExitFindings;
            }
            if (!saveDesign(io, kCommand, applyTo, fixed, forced(args)))
                return ExitFile;
            io.err << "swb advise: wrote " << applyTo << " with " << advice.combined.changes.size()
                   << " changes\n";
        }
    }
    return passed ? ExitOk : ExitFindings;
}

} // namespace

CommandSpec adviseCommand()
{
    CommandSpec c;
    c.name = kCommand;
    c.usage = QStringLiteral("[OPTIONS] FILE");
    c.summary = QStringLiteral("Diagnose a run and propose fixes, each verified by re-simulation.");
    c.description = QStringLiteral(
        "Simulates the design, finds what hurt (throttling, growing backlogs or iterator age, "
        "cold starts, retries, dead letters, p99 over a target) and proposes fixes sized from "
        "queueing theory and the AWS limits (Erlang B for concurrency, the shard limits, "
        "Little's law). Every fix is re-simulated with the same seed, traffic and duration and "
        "offered only if it removes the diagnosis without making throughput, losses, p99 or the "
        "budget worse. --apply writes the design with every verified fix, verified together.");
    c.arguments = {designArgument()};
    OptionSpec p99;
    p99.names = {QStringLiteral("target-p99")};
    p99.valueName = QStringLiteral("LATENCY");
    p99.description = QStringLiteral("Diagnose entry paths whose p99 is above this (300ms, 0.3s "
                                     "or plain milliseconds); exit 1 when the design misses it.");
    OptionSpec budget;
    budget.names = {QStringLiteral("budget")};
    budget.valueName = QStringLiteral("USD");
    budget.description = QStringLiteral("Offer no fix that takes the monthly bill above this "
                                        "(500, 500/month); exit 1 when the design is over it.");
    OptionSpec apply;
    apply.names = {QStringLiteral("apply")};
    apply.valueName = QStringLiteral("FILE");
    apply.description = QStringLiteral("Write the design with every verified fix to FILE (.swb "
                                       "or .swb.yaml); the original is not changed.");
    apply.hint = ValueHint::File;
    c.options = {
        formatOption({QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("markdown")},
                     QStringLiteral("the report")),
        p99,
        budget,
        apply,
        setOption(),
        durationOption(QStringLiteral("the project's duration")),
        seedOption(),
        allowDirOption(),
        forceOption(ForceMeans::RunAndReplace)};
    c.examples = {
        QStringLiteral("swb advise design.swb.yaml"),
        QStringLiteral("swb advise design.swb --set api-traffic.rate=600 --target-p99 300ms"),
        QStringLiteral("swb advise design.swb -f markdown --apply fixed.swb.yaml")};
    c.exitStatus = exitStatusText(QStringLiteral("a --target-p99 or --budget gate is missed, or "
                                                 "the design cannot run"));
    c.run = &run;
    return c;
}

} // namespace swb::cli
