#pragma once

#include "model/kinds.h"
#include "ui/canvas/diagramscene.h"
#include "ui/export/diagramexport.h"

#include <QList>
#include <QRectF>

namespace swb {

// The title an export shows unless the options name one: the design's name, else the file's
// base name, else "Untitled design".
QString defaultDiagramTitle(const Document &document);

// What an export draws, frozen at construction: a private DiagramScene built from the live
// scene's Document (so the live scene's selection, hover, rename editor and wire drag are never
// drawn and never disturbed), painted with a fixed light palette whatever the desktop theme,
// restricted to the selection and carrying the live badges when the options ask for them.
// Below the blocks: the legend (block and wire kinds present) and the title block (name, date).
class DiagramSnapshot
{
public:
    DiagramSnapshot(DiagramScene &live, const DiagramExportOptions &options);

    bool isEmpty() const { return m_blockCount == 0; } // nothing (or nothing selected) to draw
    QSizeF size() const { return m_size; }             // whole sheet, scene units, whole numbers
    QString title() const { return m_title; }
    // Paints the sheet with its top-left at (0, 0), one unit per scene unit; no background.
    void paint(QPainter &painter);

private:
    struct LegendEntry {
        bool isBlock = true;
        ComponentKind block = ComponentKind::Lambda;
        ConnectionKind wire = ConnectionKind::Traffic;
        QString text;
        QRectF rect; // footer units
    };
    void collectLegend(const QList<ComponentKind> &blocks, const QList<ConnectionKind> &wires);
    void layOut();
    void paintLegend(QPainter &painter) const;
    void paintTitleBlock(QPainter &painter) const;

    DiagramExportOptions m_options;
    DiagramScene m_scene;
    int m_blockCount = 0;
    QString m_title;
    QString m_dateText;
    QRectF m_content;      // scene rect of the drawn items, with a margin
    QRectF m_contentSheet; // where it lands on the sheet
    QList<LegendEntry> m_legend;
    QRectF m_footer;         // legend + title block, in footer units (origin: its top-left corner)
    QRectF m_titleRect;      // footer units
    qreal m_footerScale = 1; // footer units -> sheet units
    QSizeF m_size;
};

} // namespace swb
