#include "ui/charts/chartlegend.h"

#include <QHeaderView>
#include <QPainter>
#include <QPixmap>
#include <QStyledItemDelegate>
#include <QToolButton>

namespace swb {

namespace {

// Measures a name wrapped at its column's width: QTreeView asks delegates for row heights with
// no width, so with word wrap alone a long name would be drawn on two lines in a one-line row.
class WrappingDelegate : public QStyledItemDelegate
{
public:
    WrappingDelegate(QHeaderView *header, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_header(header)
    {}

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem wrapped(option);
        // A valid rectangle (the style wraps only within one): the column's width, any height.
        wrapped.rect = QRect(0, 0, m_header->sectionSize(index.column()), 1);
        wrapped.features |= QStyleOptionViewItem::WrapText;
        return QStyledItemDelegate::sizeHint(wrapped, index);
    }

private:
    QHeaderView *m_header;
};

} // namespace

QIcon penSwatch(const QPen &pen, const QSize &size)
{
    QPixmap pixmap(size * 2);
    pixmap.setDevicePixelRatio(2);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    QPen drawn(pen);
    drawn.setWidthF(std::max(2.0, pen.widthF()));
    drawn.setCapStyle(Qt::FlatCap);
    p.setPen(drawn);
    p.drawLine(QPointF(1, size.height() / 2.0), QPointF(size.width() - 1, size.height() / 2.0));
    return QIcon(pixmap);
}

ChartLegend::ChartLegend(QWidget *parent)
    : QTreeWidget(parent)
{
    setColumnCount(2);
    setHeaderHidden(true);
    setRootIsDecorated(false);
    setIndentation(0);
    setSelectionMode(QAbstractItemView::NoSelection);
    setFocusPolicy(Qt::NoFocus);
    setIconSize(QSize(26, 12));
    // A name longer than the column wraps onto a second line (the row grows, the list scrolls
    // down): read whole at a glance, never cut off and never hidden behind a sideways scroll.
    setTextElideMode(Qt::ElideNone);
    setWordWrap(true);
    setUniformRowHeights(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    header()->setStretchLastSection(false);
    // The line and the value first, at a fixed width (a new value never re-measures the list
    // and stays in view however long the names), then the name in the rest of the width (set
    // in updateGeometries: a hidden header does not stretch its sections).
    header()->setSectionResizeMode(QHeaderView::Fixed);
    header()->setMinimumSectionSize(40); // a narrow legend (small window) wraps more, not wider
    setItemDelegateForColumn(1, new WrappingDelegate(header(), this));
    // Row heights follow the name column's width (wrapped lines are measured at layout time).
    connect(header(), &QHeaderView::sectionResized, this, [this](int section) {
        if (section == 1)
            scheduleDelayedItemsLayout();
    });
    setFrameShape(QFrame::NoFrame);
    QFont f = font();
    f.setPointSizeF(8.5);
    setFont(f);
    header()->resizeSection(0, iconSize().width() + 12
                                   + fontMetrics().horizontalAdvance(QStringLiteral("888.8 min")));
    QPalette pal = palette();
    pal.setColor(QPalette::Base, pal.color(QPalette::Window));
    setPalette(pal);
}

void ChartLegend::updateGeometries()
{
    QTreeWidget::updateGeometries();
    // The viewport's width changes with the legend's and when the vertical scroll bar comes or
    // goes; the name column takes what the value column leaves.
    const int names =
        std::max(header()->minimumSectionSize(), viewport()->width() - header()->sectionSize(0));
    if (header()->sectionSize(1) != names)
        header()->resizeSection(1, names);
}

QSize ChartLegend::sizeHint() const
{
    return QSize(250, 120);
}

void ChartLegend::setEntries(const QList<Entry> &entries)
{
    m_removeGhost = nullptr;
    m_ghostItem = nullptr;
    clear();
    m_entries = entries;
    for (const Entry &e : entries) {
        auto *item = new QTreeWidgetItem(this);
        item->setIcon(0, penSwatch(e.pen));
        item->setText(1, e.name);
        item->setToolTip(1, e.name);
        item->setTextAlignment(0, Qt::AlignRight | Qt::AlignVCenter);
    }
}

void ChartLegend::setValues(const QStringList &values)
{
    // One repaint for all the values, not a model signal per row.
    QAbstractItemModel *m = model();
    const bool wasBlocked = m->blockSignals(true);
    int changed = 0;
    for (int i = 0; i < m_entries.size() && i < values.size(); ++i) {
        QTreeWidgetItem *item = topLevelItem(i);
        if (item && item->text(0) != values.at(i)) {
            item->setText(0, values.at(i));
            ++changed;
        }
    }
    m->blockSignals(wasBlocked);
    if (changed > 0)
        viewport()->update();
}

QString ChartLegend::valueText(int row) const
{
    const QTreeWidgetItem *item = row < m_entries.size() ? topLevelItem(row) : nullptr;
    return item ? item->text(0) : QString();
}

void ChartLegend::setGhostShown(bool shown)
{
    if (shown == isGhostShown())
        return;
    if (!shown) {
        delete m_ghostItem; // its item widget goes with it
        m_ghostItem = nullptr;
        m_removeGhost = nullptr;
        return;
    }
    m_ghostItem = new QTreeWidgetItem(this);
    QPen pen(QColor(90, 90, 90, 150), 1.5, Qt::DashLine);
    m_ghostItem->setIcon(0, penSwatch(pen));
    m_ghostItem->setText(1, tr("previous run (dashed, faint)"));
    m_ghostItem->setToolTip(1, tr("The run before the last edit, for comparison"));
    m_removeGhost = new QToolButton;
    m_removeGhost->setObjectName(QStringLiteral("removeGhostButton"));
    m_removeGhost->setText(tr("Remove"));
    m_removeGhost->setToolTip(tr("Remove the previous run from the charts"));
    m_removeGhost->setAutoRaise(true);
    connect(m_removeGhost, &QToolButton::clicked, this, &ChartLegend::removeGhostRequested);
    setItemWidget(m_ghostItem, 0, m_removeGhost);
}

} // namespace swb
