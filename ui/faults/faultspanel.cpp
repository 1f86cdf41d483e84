#include "ui/faults/faultspanel.h"

#include "model/document.h"
#include "model/faulttarget.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace swb {

namespace {

constexpr FaultKind kKinds[] = {FaultKind::BadDeploy, FaultKind::Outage, FaultKind::TrafficSpike,
                                FaultKind::Throttle};

// A number typed by the user, or a message naming the field and what is allowed.
bool parseNumber(const QString &text, const QString &field, const QString &allowed, double *out,
                 QString *error)
{
    bool ok = false;
    const double v = QLocale::c().toDouble(text.trimmed(), &ok);
    if (!ok) {
        *error = QObject::tr("%1: '%2' is not a number (%3)").arg(field, text, allowed);
        return false;
    }
    *out = v;
    return true;
}

} // namespace

FaultsPanel::FaultsPanel(Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_kind(new QComboBox(this))
    , m_target(new QComboBox(this))
    , m_start(new QLineEdit(QStringLiteral("60"), this))
    , m_duration(new QLineEdit(QStringLiteral("60"), this))
    , m_valueLabel(new QLabel(this))
    , m_value(new QLineEdit(this))
    , m_add(new QPushButton(tr("Add"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_message(new QLabel(this))
{
    m_kind->setObjectName(QStringLiteral("faultKind"));
    m_target->setObjectName(QStringLiteral("faultTarget"));
    m_start->setObjectName(QStringLiteral("faultStart"));
    m_duration->setObjectName(QStringLiteral("faultDuration"));
    m_value->setObjectName(QStringLiteral("faultValue"));
    m_add->setObjectName(QStringLiteral("faultAdd"));
    m_remove->setObjectName(QStringLiteral("faultRemove"));
    m_table->setObjectName(QStringLiteral("faultTable"));
    m_message->setObjectName(QStringLiteral("faultMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));
    for (FaultKind k : kKinds)
        m_kind->addItem(faultKindName(k), int(k));

    auto *form = new QFormLayout;
    form->addRow(tr("Fault"), m_kind);
    form->addRow(tr("Target"), m_target);
    form->addRow(tr("Start (s)"), m_start);
    form->addRow(tr("Duration (s)"), m_duration);
    form->addRow(m_valueLabel, m_value);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch();

    m_table->setHorizontalHeaderLabels({tr("Fault"), tr("Target"), tr("Start (s)"),
                                        tr("Duration (s)"), tr("Error rate"), tr("Duration x"),
                                        tr("Rate x")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        rebuildTargets();
        updateForm();
    });
    connect(m_add, &QPushButton::clicked, this, &FaultsPanel::addFault);
    connect(m_remove, &QPushButton::clicked, this, &FaultsPanel::removeSelected);
    connect(m_table, &QTableWidget::itemChanged, this, &FaultsPanel::onItemChanged);
    connect(document, &Document::faultsChanged, this, &FaultsPanel::rebuildTable);
    connect(document, &Document::designReset, this, [this] {
        rebuildTargets();
        rebuildTable();
    });
    for (auto signal :
         {&Document::componentAdded, &Document::componentRemoved, &Document::componentChanged,
          &Document::connectionAdded, &Document::connectionRemoved})
        connect(document, signal, this, [this] {
            rebuildTargets();
            rebuildTable();
        });
    rebuildTargets();
    updateForm();
    rebuildTable();
}

void FaultsPanel::rebuildTargets()
{
    const auto kind = FaultKind(m_kind->currentData().toInt());
    const ComponentId current = m_target->currentData().toLongLong();
    m_target->clear();
    const Design &design = m_document->design();
    for (const Component &c : design.components) {
        if (faultAppliesTo(kind, c))
            m_target->addItem(c.name, qint64(c.id));
    }
    // An Outage may take one SNS subscription's endpoint out, the topic's others unaffected.
    for (const Connection &w : design.connections) {
        const Component *source = design.component(w.source);
        if (source && faultAppliesToWire(kind, w.kind, source->kind)) {
            Fault f;
            f.target = w.id;
            m_target->addItem(tr("%1 (subscription)").arg(faultTargetName(f, design)),
                              qint64(w.id));
        }
    }
    const int i = m_target->findData(qint64(current));
    if (i >= 0)
        m_target->setCurrentIndex(i);
    m_add->setEnabled(m_target->count() > 0);
    const QString what = kind == FaultKind::Outage ? tr("service block")
                         : kind == FaultKind::Throttle
                             ? tr("function, stream, state machine, API, topic or FIFO queue")
                             : componentKindName(faultTargetKind(kind));
    m_add->setToolTip(m_target->count() > 0 ? QString()
                                            : tr("The design has no %1 to target").arg(what));
}

void FaultsPanel::updateForm()
{
    switch (FaultKind(m_kind->currentData().toInt())) {
    case FaultKind::BadDeploy:
        m_valueLabel->setText(tr("Error rate (0-1)"));
        m_value->setText(QStringLiteral("1"));
        m_value->setEnabled(true);
        break;
    case FaultKind::TrafficSpike:
        m_valueLabel->setText(tr("Rate x"));
        m_value->setText(QStringLiteral("10"));
        m_value->setEnabled(true);
        break;
    case FaultKind::Throttle:
        m_valueLabel->setText(tr("Limit x (0-1)"));
        m_value->setText(QStringLiteral("0.5"));
        m_value->setEnabled(true);
        break;
    case FaultKind::Outage:
        m_valueLabel->setText(tr("(no parameter)"));
        m_value->clear();
        m_value->setEnabled(false);
        break;
    }
}

void FaultsPanel::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void FaultsPanel::addFault()
{
    Fault f;
    f.kind = FaultKind(m_kind->currentData().toInt());
    f.target = m_target->currentData().toLongLong();
    QString error;
    if (!parseNumber(m_start->text(), tr("Start"), tr("seconds, 0 or later"), &f.start, &error)
        || !parseNumber(m_duration->text(), tr("Duration"), tr("seconds, above 0"), &f.duration,
                        &error)) {
        showMessage(error);
        return;
    }
    if (f.kind == FaultKind::BadDeploy
        && !parseNumber(m_value->text(), tr("Error rate"), tr("0 to 1"), &f.errorRate, &error)) {
        showMessage(error);
        return;
    }
    if (f.kind == FaultKind::TrafficSpike
        && !parseNumber(m_value->text(), tr("Rate x"), tr("0 or more"), &f.rateFactor, &error)) {
        showMessage(error);
        return;
    }
    if (f.kind == FaultKind::Throttle
        && !parseNumber(m_value->text(), tr("Limit x"), tr("0 to 1"), &f.rateFactor, &error)) {
        showMessage(error);
        return;
    }
    if (m_document->addFault(f, &error) == InvalidId) {
        showMessage(error);
        return;
    }
    showMessage(QString());
}

void FaultsPanel::removeSelected()
{
    const QList<QTableWidgetItem *> items = m_table->selectedItems();
    QList<FaultId> ids;
    for (QTableWidgetItem *item : items) {
        const FaultId id = m_table->item(item->row(), KindColumn)->data(Qt::UserRole).toLongLong();
        if (!ids.contains(id))
            ids.append(id);
    }
    for (FaultId id : ids)
        m_document->removeFault(id);
}

void FaultsPanel::rebuildTable()
{
    m_filling = true;
    const Design &design = m_document->design();
    m_table->setRowCount(0);
    for (const Fault &f : design.faults) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto cell = [&](int column, const QString &text, bool editable) {
            auto *item = new QTableWidgetItem(text);
            if (!editable)
                item->setFlags(item->flags() & ~Qt::ItemIsEditable);
            m_table->setItem(row, column, item);
            return item;
        };
        const QString target = faultTargetName(f, design);
        cell(KindColumn, faultKindName(f.kind), false)->setData(Qt::UserRole, qint64(f.id));
        cell(TargetColumn, target.isEmpty() ? QStringLiteral("?") : target, false);
        cell(StartColumn, QString::number(f.start), true);
        cell(DurationColumn, QString::number(f.duration), true);
        const bool deploy = f.kind == FaultKind::BadDeploy;
        // The Rate x column holds a spike's rate factor and a throttle's limit factor.
        const bool spike = f.kind == FaultKind::TrafficSpike || f.kind == FaultKind::Throttle;
        const QString none = QStringLiteral("-");
        cell(ErrorRateColumn, deploy ? QString::number(f.errorRate) : none, deploy);
        cell(DurationFactorColumn, deploy ? QString::number(f.durationFactor) : none, deploy);
        cell(RateFactorColumn, spike ? QString::number(f.rateFactor) : none, spike);
    }
    m_remove->setEnabled(m_table->rowCount() > 0);
    m_filling = false;
}

void FaultsPanel::onItemChanged(QTableWidgetItem *item)
{
    if (m_filling)
        return;
    // Applied after the edit returns: the edit's undo command rebuilds the table, which must not
    // delete the item while the view is still committing to it.
    const FaultId id = m_table->item(item->row(), KindColumn)->data(Qt::UserRole).toLongLong();
    const int column = item->column();
    const QString text = item->text();
    QMetaObject::invokeMethod(
        this, [this, id, column, text] { applyEdit(id, column, text); }, Qt::QueuedConnection);
}

void FaultsPanel::applyEdit(FaultId id, int column, const QString &text)
{
    const auto it = m_document->design().faults.constFind(id);
    if (it == m_document->design().faults.cend())
        return;
    Fault f = *it;
    static const char *const names[] = {"",           "",           "Start", "Duration",
                                        "Error rate", "Duration x", "Rate x"};
    double *fields[] = {nullptr,      nullptr,           &f.start,     &f.duration,
                        &f.errorRate, &f.durationFactor, &f.rateFactor};
    double *field = column >= 0 && column < ColumnCount ? fields[column] : nullptr;
    QString error;
    if (!field || !parseNumber(text, tr(names[column]), tr("a number"), field, &error)
        || !m_document->updateFault(f, &error)) {
        showMessage(error);
        rebuildTable(); // the refused value is replaced by the fault's current one
        return;
    }
    showMessage(QString());
}

} // namespace swb
