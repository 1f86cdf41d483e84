#pragma once

#include <QDate>
#include <QSizeF>
#include <QString>

#include <optional>

class QPainter;
class QRectF;

namespace swb {

class DiagramScene;
class Document;

// Diagram export: the canvas as SVG (vector, text stays text), PNG (scaled, white or
// transparent) or PDF (vector, one page fitted, landscape when wider than tall), optionally
// with a title block and a legend of the block kinds. Rendering never shows the editor's
// decorations (selection, rename editor, wire drag, grid) and never changes the live scene.
enum class DiagramFormat { Svg, Png, Pdf };

struct DiagramExportOptions {
    double scale = 1.0;         // PNG pixels per scene unit (1..8)
    bool transparent = false;   // PNG only: transparent instead of white background
    bool selectionOnly = false; // only the selected blocks and the wires between them
    bool titleBlock = true;     // project name + date under the diagram
    bool legend = true;         // block kinds present in the diagram
    bool liveBadges = false;    // keep the playback badges the scene shows now
    QString title;              // defaults to the project / design name
    QDate date;                 // defaults to today
    // Replace a file of another kind, or the file a symbolic link points to (swb --force; the
    // GUI after the user confirmed); without it such a target is refused (model/atomicfile.h).
    bool force = false;
};

constexpr double kMinDiagramScale = 1.0;
constexpr double kMaxDiagramScale = 8.0;

// By suffix, case-insensitive (.svg, .png, .pdf); nullopt otherwise.
std::optional<DiagramFormat> diagramFormatForPath(const QString &path);

// The size the diagram (with title block and legend) occupies, in scene units.
QSizeF diagramSize(DiagramScene &scene, const DiagramExportOptions &options);

// Paints the diagram scaled to fit `target` (aspect kept, centred); used by the PDF cost report.
// Paints no background: the caller's device decides (the exporters fill white unless asked for
// transparency).
void paintDiagram(QPainter &painter, const QRectF &target, DiagramScene &scene,
                  const DiagramExportOptions &options);

// Writes the diagram to path in the format its suffix selects, atomically: on failure nothing
// is left half-written, an existing file is untouched, and *error says why.
bool exportDiagram(DiagramScene &scene, const QString &path, const DiagramExportOptions &options,
                   QString *error);

} // namespace swb
