#include "ui/docks/palettedock.h"

#include "ui/canvas/mimetypes.h"
#include "ui/icons.h"

#include "model/services/registry.h"

#include <QCoreApplication>

#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QVBoxLayout>

namespace swb {

namespace {

constexpr int kKindRole = Qt::UserRole + 1;

QString searchKeywords(ComponentKind kind)
{
    return QLatin1String(serviceModule(kind).paletteKeywords);
}

} // namespace

QString componentKindSummary(ComponentKind kind)
{
    return QCoreApplication::translate("PaletteDock", serviceModule(kind).paletteSummary);
}

PaletteList::PaletteList(QWidget *parent)
    : QListWidget(parent)
{
    setObjectName(QStringLiteral("paletteList"));
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setIconSize(QSize(32, 32));
    setSpacing(2);
    setUniformItemSizes(true);
    for (ComponentKind kind : allComponentKinds()) {
        auto *item = new QListWidgetItem(iconFor(kind), componentKindName(kind), this);
        item->setData(kKindRole, int(kind));
        item->setToolTip(componentKindSummary(kind));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    }
}

ComponentKind PaletteList::kindOf(const QListWidgetItem *item)
{
    return ComponentKind(item->data(kKindRole).toInt());
}

QMimeData *PaletteList::mimeDataFor(ComponentKind kind) const
{
    auto *mime = new QMimeData;
    mime->setData(QLatin1String(kComponentKindMime), componentKindId(kind).toUtf8());
    return mime;
}

QStringList PaletteList::mimeTypes() const
{
    return {QLatin1String(kComponentKindMime)};
}

QMimeData *PaletteList::mimeData(const QList<QListWidgetItem *> &items) const
{
    // QListWidget::startDrag builds the QDrag (with the item's icon as its pixmap) around this.
    if (items.isEmpty())
        return nullptr;
    return mimeDataFor(kindOf(items.first()));
}

PaletteDock::PaletteDock(QWidget *parent)
    : QDockWidget(tr("Blocks"), parent)
    , m_search(new QLineEdit)
    , m_list(new PaletteList)
{
    setObjectName(QStringLiteral("paletteDock"));
    auto *page = new QWidget;
    auto *column = new QVBoxLayout(page);
    column->setContentsMargins(4, 4, 4, 4);
    m_search->setObjectName(QStringLiteral("paletteSearch"));
    m_search->setPlaceholderText(tr("Search blocks"));
    m_search->setClearButtonEnabled(true);
    column->addWidget(m_search);
    column->addWidget(m_list);
    auto *hint = new QLabel(tr("Drag a block onto the canvas, or double-click it to add it at "
                               "the centre of the view."));
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    column->addWidget(hint);
    setWidget(page);

    connect(m_search, &QLineEdit::textChanged, this, &PaletteDock::applyFilter);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        const QList<ComponentKind> kinds = visibleKinds();
        if (kinds.size() == 1)
            Q_EMIT kindActivated(kinds.first());
    });
    connect(m_list, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { Q_EMIT kindActivated(PaletteList::kindOf(item)); });
}

QListWidgetItem *PaletteDock::itemFor(ComponentKind kind) const
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (PaletteList::kindOf(m_list->item(row)) == kind)
            return m_list->item(row);
    }
    return nullptr;
}

QList<ComponentKind> PaletteDock::visibleKinds() const
{
    QList<ComponentKind> kinds;
    for (int row = 0; row < m_list->count(); ++row) {
        if (!m_list->item(row)->isHidden())
            kinds.append(PaletteList::kindOf(m_list->item(row)));
    }
    return kinds;
}

void PaletteDock::applyFilter(const QString &text)
{
    // Matches the name, the stable id ("sqs") and a few words people search for ("database").
    const QString needle = text.trimmed();
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        const ComponentKind kind = PaletteList::kindOf(item);
        const bool match = needle.isEmpty()
                           || componentKindName(kind).contains(needle, Qt::CaseInsensitive)
                           || componentKindId(kind).contains(needle, Qt::CaseInsensitive)
                           || searchKeywords(kind).contains(needle, Qt::CaseInsensitive);
        item->setHidden(!match);
    }
}

} // namespace swb
