#include "cliutil.h"
#include "commands.h"
#include "output.h"

#include "model/document.h"
#include "ui/canvas/diagramscene.h"
#include "ui/export/diagramexport.h"

#include <QFileInfo>
#include <QtMath>

namespace swb::cli {

namespace {

const QString kCommand = QStringLiteral("export diagram");

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

// swb export diagram FILE OUT.svg|png|pdf [--scale N] [--transparent] [--select A,B]
// [--no-title] [--no-legend] [--title TEXT] [--date YYYY-MM-DD]: the canvas as a picture.
// Renders offscreen (main.cpp picks the offscreen platform), so it works without a display.
// Exit 0 written, 2 bad arguments, 3 unreadable design or unwritable output.
int run(const Args &parsed, Io &io)
{
    if (parsed.positional.size() != 2)
        return usageError(io, kCommand,
                          QStringLiteral("expects FILE and OUT.svg|png|pdf, got %1 argument(s)")
                              .arg(parsed.positional.size()));
    const QString out = parsed.positional.at(1);
    QString suffix, formatPath;
    const QString formatProblem =
        outputFormat(out, parsed.value(QStringLiteral("format")), QStringLiteral("svg, png or pdf"),
                     &suffix, &formatPath);
    if (!formatProblem.isEmpty())
        return usageError(io, kCommand, formatProblem);
    const std::optional<DiagramFormat> format = diagramFormatForPath(formatPath);
    if (!format)
        return usageError(io, kCommand,
                          QStringLiteral("cannot tell the format of '%1' from its suffix "
                                         "(allowed: .svg, .png, .pdf)")
                              .arg(out));

    DiagramExportOptions options;
    options.titleBlock = !parsed.isSet(QStringLiteral("no-title"));
    options.legend = !parsed.isSet(QStringLiteral("no-legend"));
    options.transparent = parsed.isSet(QStringLiteral("transparent"));
    options.title = parsed.value(QStringLiteral("title"));
    options.force = forced(parsed);
    const bool isPng = *format == DiagramFormat::Png;
    if ((options.transparent || parsed.isSet(QStringLiteral("scale"))) && !isPng)
        return usageError(io, kCommand,
                          QStringLiteral("--scale and --transparent apply to PNG only (SVG and "
                                         "PDF are vector formats)"));
    if (parsed.isSet(QStringLiteral("scale"))) {
        bool ok = false;
        options.scale = parsed.value(QStringLiteral("scale")).toDouble(&ok);
        if (!ok || options.scale < kMinDiagramScale || options.scale > kMaxDiagramScale)
            return usageError(io, kCommand,
                              QStringLiteral("--scale '%1' is not a number from %2 to %3")
                                  .arg(parsed.value(QStringLiteral("scale")))
                                  .arg(kMinDiagramScale)
                                  .arg(kMaxDiagramScale));
    }
    if (parsed.isSet(QStringLiteral("date"))) {
        const QString text = parsed.value(QStringLiteral("date"));
        options.date = QDate::fromString(text, Qt::ISODate);
        if (!options.date.isValid())
            return usageError(
                io, kCommand,
                QStringLiteral("--date '%1' is not a date like 2024-05-31").arg(text));
    }

    Design design;
    if (!loadDesign(io, kCommand, parsed.positional.first(), &design, allowedDirs(parsed)))
        return ExitFile;
    Document document;
    document.replaceDesign(design);
    document.setFilePath(parsed.positional.first());
    DiagramScene scene(&document);
    if (parsed.isSet(QStringLiteral("select"))) {
        QList<ComponentId> ids;
        QString selectProblem;
        if (!selectByName(parsed.value(QStringLiteral("select")), design, &ids, &selectProblem))
            return usageError(io, kCommand, selectProblem);
        scene.selectItems(ids);
        options.selectionOnly = true;
    }

    if (!writeVia(io, kCommand, out, suffix, [&](const QString &path, QString *error) {
            return exportDiagram(scene, path, options, error);
        }))
        return ExitFile;
    const QSizeF size = diagramSize(scene, options);
    QTextStream &report = isStdout(out) ? io.err : io.out;
    report << "Exported the diagram of '" << parsed.positional.first() << "' ("
           << (options.selectionOnly ? scene.selectedComponents().size() : design.components.size())
           << " blocks";
    if (isPng)
        report << ", " << qCeil(size.width() * options.scale) << " x "
               << qCeil(size.height() * options.scale) << " px";
    report << "): " << out << "\n";
    return ExitOk;
}

} // namespace

CommandSpec exportDiagramCommand()
{
    CommandSpec c;
    c.name = kCommand;
    c.usage = QStringLiteral("[OPTIONS] FILE OUT.svg|png|pdf");
    c.summary = QStringLiteral("Export the diagram as SVG, PNG or PDF (no display needed).");
    c.description = QStringLiteral(
        "The canvas as a picture: SVG (vector, text kept as text, sized at 96 dpi), PNG (--scale "
        "pixels per canvas unit, its resolution recorded as 96 x scale dpi so it prints at the "
        "same size at any scale) or PDF (one A4 page, vector, landscape when the diagram is "
        "wider than tall). Under the blocks come a legend of the block and wire kinds present "
        "and a title block with the design's name and the date.");
    c.arguments = {designArgument(),
                   {QStringLiteral("OUT"),
                    QStringLiteral("The file to write; its suffix (.svg, .png, .pdf) picks the "
                                   "format. '-' writes to standard output (give --format)."),
                    ValueHint::File}};
    const auto flag = [](const char *name, const char *text) {
        OptionSpec o;
        o.names = {QLatin1String(name)};
        o.description = QLatin1String(text);
        return o;
    };
    const auto valued = [](const char *name, const char *value, const char *text) {
        OptionSpec o;
        o.names = {QLatin1String(name)};
        o.valueName = QLatin1String(value);
        o.description = QLatin1String(text);
        return o;
    };
    OptionSpec format = valued("format", "FORMAT", "The format when OUT is '-': svg, png or pdf.");
    format.names.prepend(QStringLiteral("f"));
    format.allowed = {QStringLiteral("svg"), QStringLiteral("png"), QStringLiteral("pdf")};
    OptionSpec scale = valued("scale", "N", "PNG only: pixels per canvas unit, 1 to 8.");
    scale.defaultValue = QStringLiteral("1");
    c.options = {format,
                 scale,
                 flag("transparent", "PNG only: a transparent background instead of white."),
                 valued("select", "A,B", "Draw only the named blocks and the wires between them."),
                 flag("no-title", "Leave out the title block."),
                 flag("no-legend", "Leave out the legend."),
                 valued("title", "TEXT", "The title block's title (default: the design's name)."),
                 valued("date", "YYYY-MM-DD", "The title block's date (default: today)."),
                 allowDirOption(),
                 forceOption(ForceMeans::Replace)};
    c.examples = {QStringLiteral("swb export diagram design.swb diagram.svg"),
                  QStringLiteral("swb export diagram design.swb diagram.png --scale 2 "
                                 "--transparent"),
                  QStringLiteral("swb export diagram design.swb part.pdf --select queue,worker "
                                 "--no-legend")};
    c.exitStatus = QStringLiteral("0 written, 2 bad arguments, 3 a file could not be read or "
                                  "written.");
    c.run = &run;
    return c;
}

} // namespace swb::cli
