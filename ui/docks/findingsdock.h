#pragma once

#include "model/analysis.h"

#include <QDockWidget>

#include <functional>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QTimer;

namespace swb {

class Document;

// The design analysis (model/analysis.h) as a list: an icon per severity and the message. It is
// recomputed ~200 ms after the last change, so a drag or a burst of edits costs one analysis.
// Activating a finding asks for its blocks and wires to be selected.
class FindingsDock : public QDockWidget
{
    Q_OBJECT

public:
    static constexpr int kDebounceMs = 200;

    explicit FindingsDock(Document *document, QWidget *parent = nullptr);

    QListWidget *list() const { return m_list; }
    const QList<Finding> &findings() const { return m_findings; }
    // Runs the analysis now (the timer calls this; tests may too).
    void refresh();
    // Raises the dock and selects the first finding about the block (or a wire leaving it).
    // False when there is none.
    bool showFindingsFor(ComponentId id);
    // The same for a wire: the first finding about it.
    bool showFindingsForWire(ConnectionId id);

Q_SIGNALS:
    void findingActivated(const QList<swb::ComponentId> &components,
                          const QList<swb::ConnectionId> &connections);
    // refresh() ran: findings() is the new list (the canvas marks its blocks).
    void findingsChanged();
    // "2 errors, 3 warnings": for the dock title and the status bar.
    void summaryChanged(const QString &summary);

private:
    void scheduleRefresh();
    void onItemActivated(QListWidgetItem *item);
    // Raises the dock and selects the first listed finding that concerns passes.
    bool showFirst(const std::function<bool(const Finding &)> &concerns);

    Document *m_document;
    QListWidget *m_list;
    QLabel *m_empty;
    QTimer *m_timer;
    QList<Finding> m_findings;
};

} // namespace swb
