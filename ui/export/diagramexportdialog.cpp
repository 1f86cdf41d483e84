#include "ui/export/diagramexportdialog.h"

#include "model/document.h"
#include "ui/canvas/diagramscene.h"
#include "ui/export/diagramrender.h"
#include "ui/fileactions.h"
#include "ui/mainwindow.h"
#include "ui/playback/framestore.h"
#include "ui/prompter.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QVBoxLayout>
#include <QtMath>

namespace swb {

namespace {

constexpr int kStatusTimeoutMs = 5000;

QString formatName(DiagramFormat format)
{
    switch (format) {
    case DiagramFormat::Svg:
        return DiagramExportDialog::tr("SVG drawing (vector, text kept as text)");
    case DiagramFormat::Png:
        return DiagramExportDialog::tr("PNG image");
    case DiagramFormat::Pdf:
        return DiagramExportDialog::tr("PDF document (vector, one page)");
    }
    return {};
}

QCheckBox *checkBox(const QString &name, const QString &text, bool checked, QWidget *parent)
{
    auto *box = new QCheckBox(text, parent);
    box->setObjectName(name);
    box->setChecked(checked);
    return box;
}

} // namespace

DiagramExportDialog::DiagramExportDialog(DiagramScene *scene, DiagramFormat format,
                                         bool hasSelection, bool hasRun, QWidget *parent)
    : QDialog(parent)
    , m_scene(scene)
    , m_format(format)
{
    setObjectName(QStringLiteral("diagramExportDialog"));
    setWindowTitle(tr("Export Diagram"));
    const bool png = format == DiagramFormat::Png;

    m_formatLabel = new QLabel(formatName(format), this);
    m_formatLabel->setObjectName(QStringLiteral("formatLabel"));
    m_scale = new QDoubleSpinBox(this);
    m_scale->setObjectName(QStringLiteral("scaleSpin"));
    m_scale->setRange(kMinDiagramScale, kMaxDiagramScale);
    m_scale->setSingleStep(0.5);
    m_scale->setDecimals(1);
    m_scale->setValue(2.0); // sharp on high-density screens and in slides
    m_scale->setSuffix(QStringLiteral(" \u00d7"));
    m_scale->setEnabled(png);
    m_transparent =
        checkBox(QStringLiteral("transparentCheck"), tr("Transparent background"), false, this);
    m_transparent->setEnabled(png);
    m_selectionOnly =
        checkBox(QStringLiteral("selectionOnlyCheck"), tr("Selected blocks only"), false, this);
    m_selectionOnly->setEnabled(hasSelection);
    if (!hasSelection)
        m_selectionOnly->setToolTip(tr("Select blocks on the canvas to export only them."));
    m_titleBlock =
        checkBox(QStringLiteral("titleBlockCheck"), tr("Title block (name and date)"), true, this);
    m_title = new QLineEdit(this);
    m_title->setObjectName(QStringLiteral("titleEdit"));
    m_title->setPlaceholderText(defaultDiagramTitle(*scene->document()));
    m_legend =
        checkBox(QStringLiteral("legendCheck"), tr("Legend of block and wire kinds"), true, this);
    m_liveBadges = checkBox(QStringLiteral("liveBadgesCheck"),
                            tr("Live badges at the current playback position"), false, this);
    m_liveBadges->setEnabled(hasRun);
    if (!hasRun)
        m_liveBadges->setToolTip(tr("Run a simulation to show its badges on the diagram."));
    m_sizeLabel = new QLabel(this);
    m_sizeLabel->setObjectName(QStringLiteral("sizeLabel"));

    auto *form = new QFormLayout;
    form->addRow(tr("Format:"), m_formatLabel);
    form->addRow(tr("Scale:"), m_scale);
    form->addRow(QString(), m_transparent);
    form->addRow(QString(), m_selectionOnly);
    form->addRow(QString(), m_titleBlock);
    form->addRow(tr("Title:"), m_title);
    form->addRow(QString(), m_legend);
    form->addRow(QString(), m_liveBadges);
    form->addRow(tr("Size:"), m_sizeLabel);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_titleBlock, &QCheckBox::toggled, m_title, &QWidget::setEnabled);
    for (QCheckBox *box : {m_selectionOnly, m_titleBlock, m_legend})
        connect(box, &QCheckBox::toggled, this, &DiagramExportDialog::updateSize);
    connect(m_scale, &QDoubleSpinBox::valueChanged, this, &DiagramExportDialog::updateSize);
    connect(m_title, &QLineEdit::textChanged, this, &DiagramExportDialog::updateSize);
    updateSize();
}

DiagramExportOptions DiagramExportDialog::options() const
{
    DiagramExportOptions options;
    options.scale = m_scale->value();
    options.transparent = m_format == DiagramFormat::Png && m_transparent->isChecked();
    options.selectionOnly = m_selectionOnly->isEnabled() && m_selectionOnly->isChecked();
    options.titleBlock = m_titleBlock->isChecked();
    options.title = m_title->text();
    options.legend = m_legend->isChecked();
    options.liveBadges = m_liveBadges->isEnabled() && m_liveBadges->isChecked();
    return options;
}

void DiagramExportDialog::updateSize()
{
    const DiagramExportOptions current = options();
    const QSizeF size = diagramSize(*m_scene, current);
    if (m_format == DiagramFormat::Png)
        m_sizeLabel->setText(tr("%1 \u00d7 %2 pixels")
                                 .arg(qCeil(size.width() * current.scale))
                                 .arg(qCeil(size.height() * current.scale)));
    else if (m_format == DiagramFormat::Pdf)
        m_sizeLabel->setText(size.width() > size.height() ? tr("one A4 page, landscape")
                                                          : tr("one A4 page, portrait"));
    else
        m_sizeLabel->setText(
            tr("%1 \u00d7 %2 units").arg(qCeil(size.width())).arg(qCeil(size.height())));
}

bool exportDiagramFromWindow(MainWindow *window)
{
    Prompter *prompter = window->files()->prompter();
    const QString title = DiagramExportDialog::tr("Export Diagram");
    const QString documentPath = window->document()->filePath();
    const QString suggested =
        documentPath.isEmpty()
            ? QStringLiteral("diagram.png")
            : QFileInfo(documentPath)
                  .absoluteDir()
                  .filePath(QFileInfo(documentPath).fileName().section(QLatin1Char('.'), 0, 0)
                            + QStringLiteral(".png"));
    const QString path = prompter->saveFileName(
        window, title, suggested,
        DiagramExportDialog::tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty())
        return false;
    const std::optional<DiagramFormat> format = diagramFormatForPath(path);
    if (!format) {
        prompter->showError(window, title,
                            DiagramExportDialog::tr("Cannot tell the format of %1 from its name."
                                                    "\nAllowed endings: .svg, .png, .pdf.")
                                .arg(QFileInfo(path).fileName()));
        return false;
    }
    DiagramScene *scene = window->scene();
    const FrameStore *frames = window->frameStore();
    DiagramExportDialog dialog(scene, *format, !scene->selectedComponents().isEmpty(),
                               frames && !frames->isEmpty(), window);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    DiagramExportOptions options = dialog.options();
    const OutputKind kind = *format == DiagramFormat::Svg   ? OutputKind::Svg
                            : *format == DiagramFormat::Png ? OutputKind::Png
                                                            : OutputKind::Pdf;
    if (!prompter->confirmReplace(window, path, kind, &options.force))
        return false;
    QString error;
    if (!exportDiagram(*scene, path, options, &error)) {
        prompter->showError(
            window, title,
            DiagramExportDialog::tr("Cannot export the diagram to %1:\n%2").arg(path, error));
        return false;
    }
    window->statusBar()->showMessage(
        DiagramExportDialog::tr("Exported diagram %1").arg(QFileInfo(path).fileName()),
        kStatusTimeoutMs);
    return true;
}

} // namespace swb
