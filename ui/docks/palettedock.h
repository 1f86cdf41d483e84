#pragma once

#include "model/kinds.h"

#include <QDockWidget>
#include <QListWidget>

class QLineEdit;

namespace swb {

// The block list: dragging an entry carries kComponentKindMime (payload componentKindId) to the
// canvas, which creates the block where it is dropped.
class PaletteList : public QListWidget
{
    Q_OBJECT

public:
    explicit PaletteList(QWidget *parent = nullptr);

    static ComponentKind kindOf(const QListWidgetItem *item);
    QMimeData *mimeDataFor(ComponentKind kind) const;

protected:
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override;
};

// Every block kind with its icon and name, filtered by a search field. Double-click (or Enter)
// asks for the kind to be added at the centre of the view.
class PaletteDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit PaletteDock(QWidget *parent = nullptr);

    PaletteList *list() const { return m_list; }
    QLineEdit *searchField() const { return m_search; }
    QListWidgetItem *itemFor(ComponentKind kind) const;
    // The kinds shown under the current filter, in palette order.
    QList<ComponentKind> visibleKinds() const;

Q_SIGNALS:
    void kindActivated(swb::ComponentKind kind);

private:
    void applyFilter(const QString &text);

    QLineEdit *m_search;
    PaletteList *m_list;
};

// One line on what a block kind is, for the palette's tooltips and its search.
QString componentKindSummary(ComponentKind kind);

} // namespace swb
