#pragma once

#include "ui/export/diagramexport.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace swb {

class MainWindow;

// File > Export > Diagram's options: the format comes from the chosen file name; scale and
// transparency apply to PNG only, "selection only" needs a selection, "live badges" a loaded
// run. Shows the PNG's pixel size as the options change. Widgets carry object names for tests.
class DiagramExportDialog : public QDialog
{
    Q_OBJECT

public:
    DiagramExportDialog(DiagramScene *scene, DiagramFormat format, bool hasSelection, bool hasRun,
                        QWidget *parent = nullptr);

    DiagramExportOptions options() const;

private:
    void updateSize();

    DiagramScene *m_scene;
    DiagramFormat m_format;
    QLabel *m_formatLabel;
    QDoubleSpinBox *m_scale;
    QCheckBox *m_transparent;
    QCheckBox *m_selectionOnly;
    QCheckBox *m_titleBlock;
    QLineEdit *m_title;
    QCheckBox *m_legend;
    QCheckBox *m_liveBadges;
    QLabel *m_sizeLabel;
    QDialogButtonBox *m_buttons;
};

// The whole File > Export > Diagram... flow for a window: file name through the window's
// Prompter, the options dialog, the export; errors in a message box (Prompter::showError),
// success in the status bar. Returns true when a file was written.
bool exportDiagramFromWindow(MainWindow *window);

} // namespace swb
