#include "cliutil.h"
#include "commands.h"

#include "model/sam/samexporter.h"

namespace swb::cli {

int exportCostSheet(const QStringList &args, Io &io);   // cmd_export_cost.cpp
int exportDiagramFile(const QStringList &args, Io &io); // cmd_export_diagram.cpp

namespace {

// swb export sam FILE OUT.yaml
int exportSamTemplate(const QStringList &args, Io &io)
{
    if (args.size() != 2)
        return usageError(io, "export",
                          QStringLiteral("'export sam' expects FILE and OUT.yaml, got %1 "
                                         "argument(s)")
                              .arg(args.size()));
    Design design;
    if (!loadDesign(io, "export", args.at(0), &design))
        return ExitFile;
    QString error;
    if (!sam::exportSamFile(design, args.at(1), &error)) {
        io.err << "swb export: cannot write '" << args.at(1) << "': " << error << "\n";
        return ExitFile;
    }
    io.out << "Exported '" << args.at(0) << "' as a SAM template: " << args.at(1) << "\n";
    return ExitOk;
}

// One line per export kind; `diagram` and `cost` join here as further entries.
struct ExportKind {
    const char *name;
    const char *synopsis;
    int (*run)(const QStringList &args, Io &io);
};

const ExportKind kExportKinds[] = {
    {"sam", "export sam FILE OUT.yaml", &exportSamTemplate},
    {"cost", "export cost FILE OUT.csv|xlsx|pdf [--from-results RESULTS.json] [--no-free-tier]",
     &exportCostSheet},
    {"diagram",
     "export diagram FILE OUT.svg|png|pdf [--scale N] [--transparent] [--select A,B] "
     "[--no-title] [--no-legend] [--title TEXT] [--date YYYY-MM-DD]",
     &exportDiagramFile},
};

QString kindNames()
{
    QStringList names;
    for (const ExportKind &kind : kExportKinds)
        names.append(QLatin1String(kind.name));
    return names.join(QStringLiteral(", "));
}

} // namespace

// swb export KIND ARGS...: exit 0 written, 2 bad arguments or unknown kind, 3 unreadable design
// or unwritable output.
int runExport(const QStringList &args, Io &io)
{
    if (args.isEmpty())
        return usageError(io, "export",
                          QStringLiteral("missing KIND (kinds: %1)").arg(kindNames()));
    for (const ExportKind &kind : kExportKinds) {
        if (args.first() == QLatin1String(kind.name))
            return kind.run(args.mid(1), io);
    }
    return usageError(
        io, "export",
        QStringLiteral("unknown kind '%1' (kinds: %2)").arg(args.first(), kindNames()));
}

} // namespace swb::cli
