#include "cliutil.h"

#include "model/document.h"
#include "ui/canvas/diagramscene.h"
#include "ui/export/diagramexport.h"

#include <QFileInfo>
#include <QtMath>

namespace swb::cli {

namespace {

const char kCommand[] = "export";

// "--select a,b": the blocks to draw; an unknown name is refused with the names that exist.
bool selectByName(const QString &list, const Design &design, QList<ComponentId> *ids,
                  QString *problem)
{
    for (const QString &raw : list.split(QLatin1Char(','))) {
        const QString name = raw.trimmed();
        if (name.isEmpty())
            continue;
        const Component *c = design.componentByName(name);
        if (!c) {
            QStringList names;
            for (const Component &each : design.components)
                names.append(each.name);
            *problem = QStringLiteral("--select: no block named '%1' (blocks: %2)")
                           .arg(name, names.join(QStringLiteral(", ")));
            return false;
        }
        ids->append(c->id);
    }
    if (ids->isEmpty()) {
        *problem = QStringLiteral("--select needs at least one block name");
        return false;
    }
    return true;
}

} // namespace

// swb export diagram FILE OUT.svg|png|pdf [--scale N] [--transparent] [--select A,B]
// [--no-title] [--no-legend] [--title TEXT] [--date YYYY-MM-DD]: the canvas as a picture.
// Renders offscreen (main.cpp picks the offscreen platform), so it works without a display.
// Exit 0 written, 2 bad arguments, 3 unreadable design or unwritable output.
int exportDiagramFile(const QStringList &args, Io &io)
{
    ParsedArgs parsed;
    const QString problem = parseArgs(args,
                                      {QStringLiteral("--transparent"),
                                       QStringLiteral("--no-title"), QStringLiteral("--no-legend")},
                                      {QStringLiteral("--scale"), QStringLiteral("--select"),
                                       QStringLiteral("--title"), QStringLiteral("--date")},
                                      &parsed);
    if (!problem.isEmpty())
        return usageError(io, kCommand, problem);
    if (parsed.positional.size() != 2)
        return usageError(io, kCommand,
                          QStringLiteral("'export diagram' expects FILE and OUT.svg|png|pdf, got "
                                         "%1 argument(s)")
                              .arg(parsed.positional.size()));
    const QString out = parsed.positional.at(1);
    const std::optional<DiagramFormat> format = diagramFormatForPath(out);
    if (!format)
        return usageError(io, kCommand,
                          QStringLiteral("cannot tell the format of '%1' from its suffix "
                                         "(allowed: .svg, .png, .pdf)")
                              .arg(out));

    DiagramExportOptions options;
    options.titleBlock = !parsed.has(QStringLiteral("--no-title"));
    options.legend = !parsed.has(QStringLiteral("--no-legend"));
    options.transparent = parsed.has(QStringLiteral("--transparent"));
    options.title = parsed.options.value(QStringLiteral("--title"));
    const bool isPng = *format == DiagramFormat::Png;
    if ((options.transparent || parsed.options.contains(QStringLiteral("--scale"))) && !isPng)
        return usageError(io, kCommand,
                          QStringLiteral("--scale and --transparent apply to PNG only (SVG and "
                                         "PDF are vector formats)"));
    if (parsed.options.contains(QStringLiteral("--scale"))) {
        bool ok = false;
        options.scale = parsed.options.value(QStringLiteral("--scale")).toDouble(&ok);
        if (!ok || options.scale < kMinDiagramScale || options.scale > kMaxDiagramScale)
            return usageError(io, kCommand,
                              QStringLiteral("--scale '%1' is not a number from %2 to %3")
                                  .arg(parsed.options.value(QStringLiteral("--scale")))
                                  .arg(kMinDiagramScale)
                                  .arg(kMaxDiagramScale));
    }
    if (parsed.options.contains(QStringLiteral("--date"))) {
        const QString text = parsed.options.value(QStringLiteral("--date"));
        options.date = QDate::fromString(text, Qt::ISODate);
        if (!options.date.isValid())
            return usageError(
                io, kCommand,
                QStringLiteral("--date '%1' is not a date like 2024-05-31").arg(text));
    }

    Design design;
    if (!loadDesign(io, kCommand, parsed.positional.first(), &design))
        return ExitFile;
    Document document;
    document.replaceDesign(design);
    document.setFilePath(parsed.positional.first());
    DiagramScene scene(&document);
    if (parsed.options.contains(QStringLiteral("--select"))) {
        QList<ComponentId> ids;
        QString selectProblem;
        if (!selectByName(parsed.options.value(QStringLiteral("--select")), design, &ids,
                          &selectProblem))
            return usageError(io, kCommand, selectProblem);
        scene.selectItems(ids);
        options.selectionOnly = true;
    }

    QString error;
    if (!exportDiagram(scene, out, options, &error)) {
        io.err << "swb export: cannot write '" << out << "': " << error << "\n";
        return ExitFile;
    }
    const QSizeF size = diagramSize(scene, options);
    io.out << "Exported the diagram of '" << parsed.positional.first() << "' ("
           << (options.selectionOnly ? scene.selectedComponents().size() : design.components.size())
           << " blocks";
    if (isPng)
        io.out << ", " << qCeil(size.width() * options.scale) << " x "
               << qCeil(size.height() * options.scale) << " px";
    io.out << "): " << out << "\n";
    return ExitOk;
}

} // namespace swb::cli
