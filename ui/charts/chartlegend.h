#pragma once
// The legend beside one chart of the charts dock: one row per series with its line (colour and
// dash of the block), its value at the hovered time or at the playback position, and its full
// name (the block's name and what is plotted; never elided: a name wider than its column wraps
// onto a second line, a list longer than its space scrolls). A previous run (what-if ghost) is one
// row, "previous run (dashed)", with a button that removes it.

#include <QPen>
#include <QTreeWidget>

class QToolButton;

namespace swb {

class ChartLegend : public QTreeWidget
{
    Q_OBJECT

public:
    explicit ChartLegend(QWidget *parent = nullptr);

    struct Entry {
        QString name;
        QPen pen;
    };
    // Replaces every row (and drops the ghost row).
    void setEntries(const QList<Entry> &entries);
    int entryCount() const { return int(m_entries.size()); }
    QString entryName(int row) const { return m_entries.value(row).name; }
    // Value column texts, one per entry (the same order).
    void setValues(const QStringList &values);
    QString valueText(int row) const;

    // Shows or hides the "previous run" row.
    void setGhostShown(bool shown);
    bool isGhostShown() const { return m_ghostItem != nullptr; }
    QToolButton *removeGhostButton() const { return m_removeGhost; }

    QSize sizeHint() const override;

Q_SIGNALS:
    void removeGhostRequested();

protected:
    void updateGeometries() override;

private:
    QList<Entry> m_entries;
    QTreeWidgetItem *m_ghostItem = nullptr;
    QToolButton *m_removeGhost = nullptr;
};

// A small picture of a pen (legend swatches).
QIcon penSwatch(const QPen &pen, const QSize &size = QSize(26, 12));

} // namespace swb
