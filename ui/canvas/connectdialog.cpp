#include "ui/canvas/connectdialog.h"

#include "model/design.h"
#include "ui/canvas/wiredragcontroller.h"
#include "ui/icons.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace swb {

namespace {

constexpr int kTargetRole = Qt::UserRole + 1;
constexpr int kKindRole = Qt::UserRole + 2;

} // namespace

ConnectDialog::ConnectDialog(const Design &design, ComponentId source, QWidget *parent)
    : QDialog(parent)
    , m_filter(new QLineEdit(this))
    , m_list(new QTreeWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("connectDialog"));
    const Component *src = design.component(source);
    setWindowTitle(tr("Connect \u201c%1\u201d to").arg(src ? src->name : QString()));
    auto *intro = new QLabel(tr("Wires AWS allows from this block come first; the others say "
                                "why not."),
                             this);
    intro->setWordWrap(true);
    m_filter->setObjectName(QStringLiteral("connectFilter"));
    m_filter->setPlaceholderText(tr("Type to filter blocks"));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);
    m_list->setObjectName(QStringLiteral("connectTargets"));
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({tr("Block"), tr("Wire")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setWordWrap(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_buttons);
    fill(design, source);
    connect(m_filter, &QLineEdit::textChanged, this, &ConnectDialog::applyFilter);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &ConnectDialog::updateOk);
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (item && (item->flags() & Qt::ItemIsEnabled))
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_list->setCurrentItem(firstVisibleChoice());
    updateOk();
    resize(620, 420);
    m_filter->setFocus();
}

void ConnectDialog::fill(const Design &design, ComponentId source)
{
    struct Row {
        QString name;
        ComponentKind kind;
        ComponentId target;
        std::optional<ConnectionKind> wire; // nullopt: refused
        QString text;
    };
    QList<Row> allowed;
    QList<Row> refused;
    for (const Component &c : design.components) {
        if (c.id == source)
            continue;
        const auto out =
            WireDragController::verdictFor(design, source, BlockItem::Port::Output, c.id);
        const auto fail =
            WireDragController::verdictFor(design, source, BlockItem::Port::Failure, c.id);
        for (ConnectionKind kind : out.kinds)
            allowed.append({c.name, c.kind, c.id, kind, connectionKindName(kind)});
        for (ConnectionKind kind : fail.kinds)
            allowed.append({c.name, c.kind, c.id, kind,
                            tr("%1 (failure port)").arg(connectionKindName(kind))});
        if (out.kinds.isEmpty() && fail.kinds.isEmpty())
            refused.append({c.name, c.kind, c.id, std::nullopt, out.reason});
    }
    auto byName = [](const Row &a, const Row &b) { return a.name < b.name; };
    std::stable_sort(allowed.begin(), allowed.end(), byName);
    std::stable_sort(refused.begin(), refused.end(), byName);
    for (const Row &row : allowed + refused) {
        auto *item = new QTreeWidgetItem(m_list, {row.name, row.text});
        item->setIcon(0, iconFor(row.kind));
        item->setData(0, kTargetRole, row.target);
        if (row.wire) {
            item->setData(0, kKindRole, int(*row.wire));
            item->setToolTip(1, row.text);
        } else {
            // Listed, greyed out and not selectable, with the reason: the user learns why.
            item->setFlags(Qt::NoItemFlags);
            item->setText(1, tr("not allowed: %1").arg(row.text));
            item->setToolTip(1, row.text);
        }
    }
}

void ConnectDialog::applyFilter(const QString &text)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        item->setHidden(!item->text(0).contains(text.trimmed(), Qt::CaseInsensitive));
    }
    QTreeWidgetItem *current = m_list->currentItem();
    if (!current || current->isHidden())
        m_list->setCurrentItem(firstVisibleChoice());
    updateOk();
}

QTreeWidgetItem *ConnectDialog::firstVisibleChoice() const
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (!item->isHidden() && (item->flags() & Qt::ItemIsEnabled))
            return item;
    }
    return nullptr;
}

void ConnectDialog::updateOk()
{
    QTreeWidgetItem *item = m_list->currentItem();
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(item && !item->isHidden() && (item->flags() & Qt::ItemIsEnabled));
}

ConnectDialog::Choice ConnectDialog::choice() const
{
    Choice c;
    if (QTreeWidgetItem *item = m_list->currentItem();
        item && (item->flags() & Qt::ItemIsEnabled)) {
        c.target = item->data(0, kTargetRole).toLongLong();
        c.kind = ConnectionKind(item->data(0, kKindRole).toInt());
    }
    return c;
}

bool ConnectDialog::eventFilter(QObject *watched, QEvent *event)
{
    // Up, Down, Page Up/Down in the filter field move through the list, so typing and choosing
    // need no Tab in between.
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Up || key == Qt::Key_Down || key == Qt::Key_PageUp
            || key == Qt::Key_PageDown) {
            QKeyEvent copy(QEvent::KeyPress, key, Qt::NoModifier);
            QCoreApplication::sendEvent(m_list, &copy);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace swb
