#include "cli.h"

#include "interrupt.h"

namespace swb::cli {

namespace {

// The export kinds share "swb export": `swb export --help` shows all three.
bool isExportKind(const CommandSpec &c)
{
    return c.name.startsWith(QLatin1String("export "));
}

QString exportHelpText()
{
    QString out = QStringLiteral("Usage: swb export KIND [OPTIONS] FILE OUT\n"
                                 "Export a design as a SAM template, its monthly cost as a sheet "
                                 "or report, or its\ndiagram.\n\n"
                                 "Kinds:\n");
    for (const CommandSpec &c : commands()) {
        if (isExportKind(c))
            out += QStringLiteral("  %1%2\n").arg(c.name.mid(7).leftJustified(10), c.summary);
    }
    out += QStringLiteral("\nRun 'swb export KIND --help' for the options of one kind; in "
                          "full:\n");
    for (const CommandSpec &c : commands()) {
        if (isExportKind(c)) {
            QString help = helpText(c);
            // help2man reads "Options:" headings as sections: one per kind.
            help.replace(QStringLiteral("\nOptions:\n"),
                         QStringLiteral("\nOptions of %1:\n").arg(c.name));
            help.replace(QStringLiteral("\nArguments:\n"),
                         QStringLiteral("\nArguments of %1:\n").arg(c.name));
            help.replace(QStringLiteral("\nExamples:\n"),
                         QStringLiteral("\nExamples of %1:\n").arg(c.name));
            help.replace(QStringLiteral("\nExit status:\n"),
                         QStringLiteral("\nExit status of %1:\n").arg(c.name));
            out += QLatin1Char('\n') + help;
        }
    }
    return out;
}

int usageProblem(Io &io, const CommandSpec &spec, const QString &problem)
{
    io.err << "swb " << spec.name << ": " << problem << "\n"
           << "Usage: swb " << spec.name << " " << spec.usage << "\n"
           << "Run 'swb " << spec.name << " --help' for every option.\n";
    return ExitUsage;
}

int runCommand(const CommandSpec &spec, const QStringList &rest, Io &io)
{
    Args args;
    const QString problem = parseCommandLine(spec, rest, &args);
    if (args.isSet(QStringLiteral("help"))) {
        io.out << helpText(spec);
        return ExitOk;
    }
    if (!problem.isEmpty())
        return usageProblem(io, spec, problem);
    return spec.run(args, io);
}

// swb help [COMMAND [KIND]]
int runHelp(const QStringList &rest, Io &io)
{
    if (rest.isEmpty()) {
        io.out << mainHelpText();
        return ExitOk;
    }
    const QString name = rest.join(QLatin1Char(' '));
    if (const CommandSpec *spec = findCommand(name)) {
        io.out << helpText(*spec);
        return ExitOk;
    }
    if (name == QLatin1String("export")) {
        io.out << exportHelpText();
        return ExitOk;
    }
    QStringList names;
    for (const CommandSpec &c : commands())
        names.append(c.name);
    io.err << "swb help: no command '" << name
           << "' (commands: " << names.join(QStringLiteral(", ")) << ")\n";
    return ExitUsage;
}

} // namespace

const CommandSpec *findCommand(const QString &name)
{
    for (const CommandSpec &c : commands()) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

QString mainHelpText()
{
    QString out = QStringLiteral(
        "Usage: swb COMMAND [OPTIONS] [ARGS...]\n"
        "       swb help [COMMAND]\n"
        "       swb --help | --version\n"
        "Serverless Workbench on the command line: validate, price, simulate, compare\n"
        "and convert designs without a display.\n\nCommands:\n");
    QList<std::pair<QString, QString>> rows;
    for (const CommandSpec &c : commands())
        rows.append({c.name, c.summary});
    rows.append({QStringLiteral("help"),
                 QStringLiteral("Show the help of a command (same as swb COMMAND --help).")});
    rows.append({QStringLiteral("completion"),
                 QStringLiteral("Print the bash completion script (swb completion bash).")});
    out += twoColumns(rows);
    out += QStringLiteral("\nOptions:\n")
           + twoColumns(
               {{QStringLiteral("-h, --help"), QStringLiteral("Show this help and exit.")},
                {QStringLiteral("-V, --version"), QStringLiteral("Show the version and exit.")}});
    out += QLatin1Char('\n')
           + wrapText(QStringLiteral("Every command takes -h/--help. A file argument or --out "
                                     "value of '-' means standard output; commands that print "
                                     "results take -f/--format (table, json, csv, markdown)."),
                      79, 0);
    out += QStringLiteral("\nExit status:\n")
           + wrapText(QStringLiteral("0 ok, 1 findings or a broken gate, 2 bad arguments, 3 a "
                                     "file could not be read or written."),
                      79, 2, 2);
    return out;
}

int run(const QStringList &arguments, Io &io)
{
    installInterruptHandlers();
    const QStringList args = arguments.mid(1);
    if (args.isEmpty()) {
        io.err << mainHelpText();
        return ExitUsage;
    }
    const QString first = args.first();
    if (first == QLatin1String("--help") || first == QLatin1String("-h"))
        return runHelp({}, io);
    if (first == QLatin1String("help"))
        return runHelp(args.mid(1), io);
    if (first == QLatin1String("--version") || first == QLatin1String("-V")) {
        io.out << "swb " << SWB_VERSION << "\n";
        return ExitOk;
    }
    if (first == QLatin1String("completion")) {
        if (args.size() != 2 || args.at(1) != QLatin1String("bash")) {
            io.err << "swb completion: expected 'bash' (swb completion bash > swb.bash)\n";
            return ExitUsage;
        }
        io.out << bashCompletionScript();
        return ExitOk;
    }
    if (first == QLatin1String("export")) {
        const QString kind = args.value(1);
        if (const CommandSpec *spec = findCommand(QStringLiteral("export ") + kind))
            return runCommand(*spec, args.mid(2), io);
        if (kind == QLatin1String("-h") || kind == QLatin1String("--help")) {
            io.out << exportHelpText();
            return ExitOk;
        }
        io.err << "swb export: "
               << (kind.isEmpty() ? QStringLiteral("missing KIND")
                                  : QStringLiteral("unknown kind '%1'").arg(kind))
               << " (kinds: sam, cost, diagram)\n"
               << "Usage: swb export KIND [OPTIONS] FILE OUT\n";
        return ExitUsage;
    }
    if (const CommandSpec *spec = findCommand(first); spec && !isExportKind(*spec))
        return runCommand(*spec, args.mid(1), io);
    io.err << "swb: unknown command '" << first << "'. Run 'swb --help' for the list.\n";
    return ExitUsage;
}

} // namespace swb::cli
