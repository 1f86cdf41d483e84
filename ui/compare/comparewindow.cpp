#include "ui/compare/comparewindow.h"

#include "model/document.h"
#include "ui/cost/pricingsource.h"
#include "model/parametercatalogue.h"
#include "model/patterns.h"
#include "ui/compare/compareresults.h"
#include "ui/compare/comparerunner.h"
#include "ui/projectio.h"
#include "ui/prompter.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

namespace swb {

CompareWindow::CompareWindow(Document *document, const PricingSource *pricing,
                             std::function<Prompter *()> prompter, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_document(document)
    , m_pricing(pricing)
    , m_prompter(std::move(prompter))
    , m_results(new CompareResults)
    , m_runner(new CompareRunner(this))
{
    setObjectName(QStringLiteral("compareWindow"));
    setWindowTitle(tr("Compare Designs"));
    m_results->setObjectName(QStringLiteral("compareResults"));

    m_setup = new QWidget;
    auto *setupLayout = new QVBoxLayout(m_setup);
    setupLayout->setContentsMargins(0, 0, 0, 0);
    setupLayout->addWidget(createDesignsBox(), 1);
    setupLayout->addWidget(createTrafficBox());
    setupLayout->addWidget(createFaultBox());
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(6, 6, 0, 6);
    leftLayout->addWidget(m_setup, 1);
    leftLayout->addWidget(createRunBox());

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(left);
    splitter->addWidget(m_results);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({320, 960});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 6, 0);
    layout->addWidget(splitter);
    resize(1320, 820);

    connect(m_runner, &CompareRunner::progressed, this, &CompareWindow::onProgress);
    connect(m_runner, &CompareRunner::finished, this, &CompareWindow::onFinished);
    connect(m_runner, &CompareRunner::cancelled, this, &CompareWindow::onCancelled);
    setRunning(false);
    setStatus(tr("Add two or more designs, then Run."));
}

CompareWindow::~CompareWindow() = default;

QWidget *CompareWindow::createDesignsBox()
{
    auto *box = new QGroupBox(tr("Designs"));
    m_designs = new QListWidget;
    m_designs->setObjectName(QStringLiteral("compareDesigns"));
    m_designs->setSelectionMode(QAbstractItemView::ExtendedSelection);
    connect(m_designs, &QListWidget::itemSelectionChanged, this, &CompareWindow::updateButtons);

    m_patternChoice = new QComboBox;
    m_patternChoice->setObjectName(QStringLiteral("comparePatternChoice"));
    for (const QString &id : patternIds()) {
        // By title, as the pattern gallery and File > New from Pattern name them; the id is
        // what `swb compare` and `swb new --pattern` take, so it stays in the tooltip.
        m_patternChoice->addItem(patternTitle(id), id);
        m_patternChoice->setItemData(m_patternChoice->count() - 1,
                                     QStringLiteral("%1 (%2)").arg(patternDescription(id), id),
                                     Qt::ToolTipRole);
    }
    auto *addPatternButton = new QPushButton(tr("Add &Pattern"));
    addPatternButton->setObjectName(QStringLiteral("compareAddPattern"));
    connect(addPatternButton, &QPushButton::clicked, this,
            [this] { addPattern(m_patternChoice->currentData().toString()); });
    auto *addCurrent = new QPushButton(tr("Add &Current Design"));
    addCurrent->setObjectName(QStringLiteral("compareAddCurrent"));
    connect(addCurrent, &QPushButton::clicked, this, &CompareWindow::addCurrentDesign);
    auto *addFileButton = new QPushButton(tr("Add &File..."));
    addFileButton->setObjectName(QStringLiteral("compareAddFile"));
    connect(addFileButton, &QPushButton::clicked, this, [this] {
        const QString path = m_prompter()->openFileName(this, tr("Add a design to compare"),
                                                        QDir::homePath(), projectio::openFilter());
        if (!path.isEmpty())
            addFile(path);
    });
    m_remove = new QPushButton(tr("&Remove"));
    m_remove->setObjectName(QStringLiteral("compareRemove"));
    connect(m_remove, &QPushButton::clicked, this, &CompareWindow::removeSelected);

    auto *patternRow = new QHBoxLayout;
    patternRow->addWidget(m_patternChoice, 1);
    patternRow->addWidget(addPatternButton);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(addCurrent);
    fileRow->addWidget(addFileButton);
    fileRow->addWidget(m_remove);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_designs, 1);
    layout->addLayout(patternRow);
    layout->addLayout(fileRow);
    return box;
}

QWidget *CompareWindow::createTrafficBox()
{
    auto *box = new QGroupBox(tr("Traffic (every traffic source)"));
    const ParamSpec *rate =
        catalogue::findComponentParam(ComponentKind::TrafficSource, QStringLiteral("rate"));
    const ParamSpec *pattern =
        catalogue::findComponentParam(ComponentKind::TrafficSource, QStringLiteral("pattern"));
    m_rate = new QDoubleSpinBox;
    m_rate->setObjectName(QStringLiteral("compareRate"));
    m_rate->setDecimals(2);
    m_rate->setRange(rate->minimum, rate->maximum);
    m_rate->setSuffix(QLatin1Char(' ') + rate->unit);
    m_rate->setValue(ComparisonOptions().traffic.rate);
    m_rate->setToolTip(rate->help);
    m_trafficPattern = new QComboBox;
    m_trafficPattern->setObjectName(QStringLiteral("compareTrafficPattern"));
    for (const QString &choice : pattern->choices) {
        // A replay reads each design's own CSV file: it cannot be one profile for all.
        if (choice != QLatin1String("replay"))
            m_trafficPattern->addItem(choice);
    }
    m_trafficPattern->setCurrentText(ComparisonOptions().traffic.pattern);
    m_trafficPattern->setToolTip(pattern->help);
    auto *form = new QFormLayout(box);
    form->addRow(tr("Mean rate:"), m_rate);
    form->addRow(tr("Pattern:"), m_trafficPattern);
    return box;
}

QWidget *CompareWindow::createFaultBox()
{
    m_fault = new QGroupBox(tr("Inject a fault"));
    m_fault->setObjectName(QStringLiteral("compareFault"));
    m_fault->setCheckable(true);
    m_fault->setChecked(false);
    m_fault->setToolTip(tr("Placed on the first block of the matching kind in each design; a "
                           "design without one runs without it (its notes say so)."));
    m_faultKind = new QComboBox;
    m_faultKind->setObjectName(QStringLiteral("compareFaultKind"));
    for (FaultKind kind : comparisonFaultKinds())
        m_faultKind->addItem(faultKindName(kind), int(kind));
    const ComparisonFault defaults;
    auto seconds = [](const char *name, double value) {
        auto *spin = new QDoubleSpinBox;
        spin->setObjectName(QLatin1String(name));
        spin->setRange(0, 604800);
        spin->setDecimals(0);
        spin->setSuffix(QStringLiteral(" s"));
        spin->setValue(value);
        return spin;
    };
    m_faultStart = seconds("compareFaultStart", defaults.start);
    m_faultDuration = seconds("compareFaultDuration", defaults.duration);
    m_faultDuration->setMinimum(1);
    auto *form = new QFormLayout(m_fault);
    form->addRow(tr("Kind:"), m_faultKind);
    form->addRow(tr("Start:"), m_faultStart);
    form->addRow(tr("Duration:"), m_faultDuration);
    return m_fault;
}

QWidget *CompareWindow::createRunBox()
{
    auto *box = new QGroupBox(tr("Run"));
    const ComparisonOptions defaults;
    m_duration = new QSpinBox;
    m_duration->setObjectName(QStringLiteral("compareDuration"));
    m_duration->setRange(1, 604800); // as swb simulate: 1 s to 7 days
    m_duration->setSuffix(QStringLiteral(" s"));
    m_duration->setValue(int(defaults.durationSeconds));
    m_seed = new QSpinBox;
    m_seed->setObjectName(QStringLiteral("compareSeed"));
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setValue(int(defaults.seed));
    m_run = new QPushButton(tr("R&un"));
    m_run->setObjectName(QStringLiteral("compareRun"));
    m_run->setDefault(true);
    connect(m_run, &QPushButton::clicked, this, &CompareWindow::run);
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("compareCancel"));
    connect(m_cancel, &QPushButton::clicked, this, &CompareWindow::cancel);
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("compareProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("compareStatus"));
    m_status->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    auto *form = new QFormLayout(box);
    form->addRow(tr("Simulated time:"), m_duration);
    form->addRow(tr("Seed:"), m_seed);
    form->addRow(buttons);
    form->addRow(m_progress);
    form->addRow(m_status);
    return box;
}

ComparisonOptions CompareWindow::options() const
{
    ComparisonOptions o;
    o.traffic.rate = m_rate->value();
    o.traffic.pattern = m_trafficPattern->currentText();
    if (m_fault->isChecked())
        o.fault = ComparisonFault{FaultKind(m_faultKind->currentData().toInt()),
                                  m_faultStart->value(), m_faultDuration->value(),
                                  QString()}; // the first block of the kind's usual target
    o.durationSeconds = m_duration->value();
    o.seed = quint64(m_seed->value());
    o.pricing = &m_pricing->catalogue();
    return o;
}

} // namespace swb
