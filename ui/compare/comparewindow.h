#pragma once
// Simulation > Compare Designs: the user picks two or more designs (the current
// document, bundled patterns, project files), one traffic profile, an optional fault, a duration
// and a seed, and runs them all on a worker thread (CompareRunner) with a progress bar and Cancel.
// The results (CompareResults) are the figures `swb compare` prints for the same options, and
// overlaid charts. Closing the window cancels a run.

#include "sim/comparison.h"

#include <QList>
#include <QWidget>

#include <functional>

class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace swb {

class CompareResults;
class CompareRunner;
class PricingSource;
class Document;
class Prompter;

class CompareWindow : public QWidget
{
    Q_OBJECT

public:
    // prompter is asked at each use (the main window's may be replaced, e.g. by tests).
    // pricing: the window's catalogue; each run prices with the one chosen when it starts.
    CompareWindow(Document *document, const PricingSource *pricing,
                  std::function<Prompter *()> prompter, QWidget *parent = nullptr);
    ~CompareWindow() override;

    // The options the form describes (not yet validated).
    ComparisonOptions options() const;
    // Adds a bundled pattern / the current document / a design file to the list. addFile
    // reports an unreadable file through the prompter and returns false.
    void addPattern(const QString &patternId);
    void addCurrentDesign();
    bool addFile(const QString &path);
    // A design made elsewhere (e.g. the advisor's structural fix), under `name`.
    void addDesign(const QString &name, const Design &design, const QString &toolTip);
    int designCount() const;
    // Sets the form's traffic profile and simulated time (the advisor's Compare sets the
    // design's own, so a fix is compared on the traffic that showed the problem).
    void setProfile(const TrafficProfile &traffic, double durationSeconds);

    CompareResults *results() const { return m_results; }
    CompareRunner *runner() const { return m_runner; }

    // Starts a run (Run button); false with the reason in the status line when it cannot.
    bool run();
    void cancel();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    enum class Source { Current, Pattern, File };
    struct Entry {
        Source source = Source::Pattern;
        QString name;
        ComparisonInput input; // patterns and files: read when added
    };

    QWidget *createDesignsBox();
    QWidget *createTrafficBox();
    QWidget *createFaultBox();
    QWidget *createRunBox();
    void addEntry(Entry entry, const QString &toolTip);
    void removeSelected();
    void onProgress(double done, int total);
    void onFinished(const QList<ComparisonRow> &rows);
    void onCancelled();
    void setRunning(bool running);
    void updateButtons();
    void setStatus(const QString &text, bool problem = false);

    Document *m_document;
    const PricingSource *m_pricing;
    std::function<Prompter *()> m_prompter;
    QList<Entry> m_entries; // parallel to m_designs' rows
    ComparisonOptions m_runOptions;

    QListWidget *m_designs = nullptr;
    QComboBox *m_patternChoice = nullptr;
    QPushButton *m_remove = nullptr;
    QDoubleSpinBox *m_rate = nullptr;
    QComboBox *m_trafficPattern = nullptr;
    QGroupBox *m_fault = nullptr;
    QComboBox *m_faultKind = nullptr;
    QDoubleSpinBox *m_faultStart = nullptr;
    QDoubleSpinBox *m_faultDuration = nullptr;
    QSpinBox *m_duration = nullptr;
    QSpinBox *m_seed = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QWidget *m_setup = nullptr;
    CompareResults *m_results = nullptr;
    CompareRunner *m_runner = nullptr;
};

} // namespace swb
