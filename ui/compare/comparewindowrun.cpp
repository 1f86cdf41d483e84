// CompareWindow: the list of designs and the run (start, progress, results, cancel).
#include "ui/compare/comparewindow.h"

#include "model/document.h"
#include "model/patterns.h"
#include "ui/compare/compareresults.h"
#include "ui/compare/comparerunner.h"
#include "ui/cost/pricingsource.h"
#include "ui/projectio.h"
#include "ui/prompter.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QGroupBox>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>

#include <cmath>

namespace swb {

void CompareWindow::addEntry(Entry entry, const QString &toolTip)
{
    // Rows, legends and the CSV name each design; two entries never share a name.
    const QString base = entry.name;
    for (int n = 2;; ++n) {
        const bool taken = std::any_of(m_entries.cbegin(), m_entries.cend(),
                                       [&](const Entry &e) { return e.name == entry.name; });
        if (!taken)
            break;
        entry.name = QStringLiteral("%1 (%2)").arg(base).arg(n);
    }
    entry.input.name = entry.name;
    auto *item = new QListWidgetItem(entry.name, m_designs);
    item->setToolTip(toolTip);
    m_entries.append(entry);
    updateButtons();
}

void CompareWindow::addPattern(const QString &patternId)
{
    const std::optional<Design> design = makePattern(patternId);
    if (!design) {
        setStatus(tr("Unknown pattern '%1' (patterns: %2)")
                      .arg(patternId, patternIds().join(QStringLiteral(", "))),
                  true);
        return;
    }
    Entry entry;
    entry.source = Source::Pattern;
    entry.name = patternTitle(patternId);
    entry.input.design = *design;
    addEntry(entry, patternDescription(patternId));
}

void CompareWindow::addCurrentDesign()
{
    Entry entry;
    entry.source = Source::Current;
    entry.name = tr("current design");
    addEntry(entry, tr("The design open in the editor, as it is when Run is pressed"));
}

bool CompareWindow::addFile(const QString &path)
{
    Entry entry;
    QString error;
    if (!projectio::readDesign(path, &entry.input.design, &error)) {
        m_prompter()->showError(
            this, tr("Compare Designs"),
            tr("Cannot add %1:\n%2").arg(QDir::toNativeSeparators(path), error));
        return false;
    }
    entry.source = Source::File;
    entry.name = QFileInfo(path).fileName();
    entry.input.baseDirectory = QFileInfo(path).absolutePath();
    addEntry(entry, QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath()));
    return true;
}

void CompareWindow::addDesign(const QString &name, const Design &design, const QString &toolTip)
{
    Entry entry;
    entry.source = Source::Pattern; // a fixed design, read when added
    entry.name = name;
    entry.input.design = design;
    addEntry(entry, toolTip);
}

void CompareWindow::setProfile(const TrafficProfile &traffic, double durationSeconds)
{
    m_rate->setValue(traffic.rate);
    m_trafficPattern->setCurrentText(traffic.pattern);
    m_duration->setValue(int(std::lround(durationSeconds)));
}

int CompareWindow::designCount() const
{
    return int(m_entries.size());
}

void CompareWindow::removeSelected()
{
    for (int row = m_designs->count() - 1; row >= 0; --row) {
        if (m_designs->item(row)->isSelected()) {
            delete m_designs->takeItem(row);
            m_entries.removeAt(row);
        }
    }
    updateButtons();
}

bool CompareWindow::run()
{
    if (m_runner->isRunning())
        return false;
    if (m_entries.size() < 2) {
        setStatus(tr("Add at least two designs to compare."), true);
        return false;
    }
    const ComparisonOptions o = options();
    const QString problem = validateComparisonOptions(o);
    if (!problem.isEmpty()) {
        setStatus(problem, true);
        return false;
    }
    QList<ComparisonInput> inputs;
    for (const Entry &entry : std::as_const(m_entries)) {
        ComparisonInput input = entry.input;
        if (entry.source == Source::Current) {
            input.design = m_document->design();
            if (!m_document->filePath().isEmpty())
                input.baseDirectory = QFileInfo(m_document->filePath()).absolutePath();
        }
        inputs.append(input);
    }
    m_runOptions = o;
    m_results->clear();
    m_progress->setValue(0);
    m_runner->start(inputs, o, m_pricing->shared());
    setRunning(true);
    setStatus(tr("Running %1 designs...").arg(inputs.size()));
    return true;
}

void CompareWindow::cancel()
{
    m_runner->cancel();
}

void CompareWindow::onProgress(double done, int total)
{
    m_progress->setValue(total > 0 ? int(done / total * 1000) : 0);
    const int current = std::min(total, int(done) + 1);
    setStatus(tr("Running design %1 of %2...").arg(current).arg(total));
}

void CompareWindow::onFinished(const QList<ComparisonRow> &rows)
{
    setRunning(false);
    m_progress->setValue(m_progress->maximum());
    m_results->setResults(rows, m_runOptions);
    const qsizetype failed =
        std::count_if(rows.cbegin(), rows.cend(), [](const ComparisonRow &r) { return !r.ok; });
    if (failed == 0)
        setStatus(tr("Compared %1 designs.").arg(rows.size()));
    else
        setStatus(tr("Compared %1 designs; %2 could not run (see the notes column).")
                      .arg(rows.size())
                      .arg(failed),
                  true);
}

void CompareWindow::onCancelled()
{
    setRunning(false);
    m_progress->setValue(0);
    setStatus(tr("Cancelled."));
}

void CompareWindow::setRunning(bool running)
{
    m_setup->setEnabled(!running);
    m_duration->setEnabled(!running);
    m_seed->setEnabled(!running);
    m_cancel->setEnabled(running);
    updateButtons();
}

void CompareWindow::updateButtons()
{
    const bool running = m_runner->isRunning();
    m_run->setEnabled(!running && m_entries.size() >= 2);
    m_remove->setEnabled(!m_designs->selectedItems().isEmpty());
}

void CompareWindow::setStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setStyleSheet(problem ? QStringLiteral("color: #b00000;") : QString());
}

void CompareWindow::closeEvent(QCloseEvent *event)
{
    cancel(); // a hidden window keeps no run going
    QWidget::closeEvent(event);
}

} // namespace swb
