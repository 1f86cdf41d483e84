#include "ui/docks/findingsdock.h"

#include "model/document.h"
#include "model/wording.h"

#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

namespace swb {

namespace {

constexpr int kIndexRole = Qt::UserRole + 1;

QIcon severityIcon(Severity severity)
{
    QStyle *style = QApplication::style();
    switch (severity) {
    case Severity::Error:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case Severity::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case Severity::Info:
        break;
    }
    return style->standardIcon(QStyle::SP_MessageBoxInformation);
}

} // namespace

FindingsDock::FindingsDock(Document *document, QWidget *parent)
    : QDockWidget(tr("Findings"), parent)
    , m_document(document)
    , m_list(new QListWidget)
    , m_empty(new QLabel(tr("No findings: the design follows every rule the analysis knows.")))
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("findingsDock"));
    auto *page = new QWidget;
    auto *column = new QVBoxLayout(page);
    column->setContentsMargins(4, 4, 4, 4);
    m_list->setObjectName(QStringLiteral("findingsList"));
    m_list->setWordWrap(true);
    m_list->setIconSize(QSize(16, 16));
    m_list->setUniformItemSizes(false);
    m_list->setTextElideMode(Qt::ElideNone);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    column->addWidget(m_list);
    column->addWidget(m_empty);
    setWidget(page);

    m_timer->setSingleShot(true);
    m_timer->setInterval(kDebounceMs);
    connect(m_timer, &QTimer::timeout, this, &FindingsDock::refresh);
    // Clicking (not only double-clicking) a finding selects its blocks: it is a navigation list.
    connect(m_list, &QListWidget::itemClicked, this, &FindingsDock::onItemActivated);
    connect(m_list, &QListWidget::itemActivated, this, &FindingsDock::onItemActivated);

    connect(document, &Document::componentAdded, this, &FindingsDock::scheduleRefresh);
    connect(document, &Document::componentRemoved, this, &FindingsDock::scheduleRefresh);
    connect(document, &Document::componentChanged, this, &FindingsDock::scheduleRefresh);
    connect(document, &Document::connectionAdded, this, &FindingsDock::scheduleRefresh);
    connect(document, &Document::connectionRemoved, this, &FindingsDock::scheduleRefresh);
    connect(document, &Document::connectionChanged, this, &FindingsDock::scheduleRefresh);
    connect(document, &Document::faultsChanged, this, &FindingsDock::scheduleRefresh);
    connect(document, &Document::projectChanged, this, &FindingsDock::scheduleRefresh);
    connect(document, &Document::designReset, this, &FindingsDock::scheduleRefresh);
    refresh();
}

void FindingsDock::scheduleRefresh()
{
    m_timer->start(); // restarts: the analysis runs once the edits pause
}

void FindingsDock::refresh()
{
    m_timer->stop();
    m_findings = analyze(m_document->design());
    m_list->clear();
    int errors = 0;
    int warnings = 0;
    for (int i = 0; i < m_findings.size(); ++i) {
        const Finding &finding = m_findings.at(i);
        auto *item = new QListWidgetItem(severityIcon(finding.severity), finding.message, m_list);
        item->setData(kIndexRole, i);
        item->setToolTip(QStringLiteral("%1 (%2)").arg(finding.message, finding.code));
        errors += finding.severity == Severity::Error;
        warnings += finding.severity == Severity::Warning;
    }
    m_list->setVisible(!m_findings.isEmpty());
    m_empty->setVisible(m_findings.isEmpty());
    // "2 errors, 1 warning", "3 warnings": only the counts there are.
    QStringList parts;
    if (errors > 0)
        parts.append(counted(errors, tr("error")));
    if (warnings > 0)
        parts.append(counted(warnings, tr("warning")));
    const QString summary =
        parts.isEmpty() ? tr("No problems found") : parts.join(QStringLiteral(", "));
    // The dock's title is a tab among others: the count only; the summary is in the status bar.
    setWindowTitle(errors + warnings > 0 ? tr("Findings (%1)").arg(errors + warnings)
                                         : tr("Findings"));
    Q_EMIT summaryChanged(summary);
    Q_EMIT findingsChanged();
}

bool FindingsDock::showFindingsFor(ComponentId id)
{
    const Design &design = m_document->design();
    return showFirst([&](const Finding &finding) {
        if (finding.components.contains(id))
            return true;
        for (ConnectionId wire : finding.connections) {
            const Connection *c = design.connection(wire);
            if (c && c->source == id)
                return true;
        }
        return false;
    });
}

bool FindingsDock::showFindingsForWire(ConnectionId id)
{
    return showFirst([id](const Finding &finding) { return finding.connections.contains(id); });
}

bool FindingsDock::showFirst(const std::function<bool(const Finding &)> &concerns)
{
    for (int row = 0; row < m_list->count(); ++row) {
        const int index = m_list->item(row)->data(kIndexRole).toInt();
        if (index < 0 || index >= m_findings.size() || !concerns(m_findings.at(index)))
            continue;
        show();
        raise();
        m_list->setCurrentRow(row);
        m_list->scrollToItem(m_list->item(row));
        return true;
    }
    return false;
}

void FindingsDock::onItemActivated(QListWidgetItem *item)
{
    const int index = item->data(kIndexRole).toInt();
    if (index < 0 || index >= m_findings.size())
        return;
    const Finding &finding = m_findings.at(index);
    Q_EMIT findingActivated(finding.components, finding.connections);
}

} // namespace swb
