#include "ui/guide/patternaxesdialog.h"

#include "model/patternaxes.h"
#include "ui/cost/pricingsource.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace swb {

PatternAxesDialog::PatternAxesDialog(const PricingSource *pricing, QWidget *parent)
    : QDialog(parent)
    , m_pricing(pricing)
    , m_table(new QTableWidget(this))
    , m_note(new QLabel(this))
{
    setObjectName(QStringLiteral("patternAxesDialog"));
    setWindowTitle(tr("API, SNS, SQS and Kinesis on six axes"));
    m_table->setObjectName(QStringLiteral("patternAxesTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->setWordWrap(true);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Five channels wrap into tall rows: keep the scroll bar's room reserved, so the columns do
    // not narrow after the rows were sized to them (which clipped the last lines).
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_note->setObjectName(QStringLiteral("patternAxesNote"));
    m_note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_note);
    layout->addWidget(buttons);
    resize(1400, 660); // five channels side by side
    fill();
    connect(pricing, &PricingSource::catalogueChanged, this, &PatternAxesDialog::fill);
}

void PatternAxesDialog::fill()
{
    const PatternAxes axes = patternAxes(m_pricing->catalogue());
    m_table->setRowCount(int(axes.axisNames.size()));
    m_table->setColumnCount(int(axes.channelNames.size()));
    m_table->setHorizontalHeaderLabels(axes.channelNames);
    m_table->setVerticalHeaderLabels(axes.axisNames);
    for (PatternAxis axis : allPatternAxes()) {
        for (int column = 0; column < axes.channels.size(); ++column) {
            const AxisCell &cell = axes.cells.at(int(axis)).at(column);
            auto *item = new QTableWidgetItem(cell.text);
            item->setToolTip(cell.rule);
            item->setTextAlignment(Qt::AlignLeft | Qt::AlignTop);
            m_table->setItem(int(axis), column, item);
        }
    }
    m_note->setText(tr("%1 Limits and defaults are those the inspector uses. Hover a cell for "
                       "the AWS rule behind it and its source.")
                        .arg(axes.priceNote));
}

void PatternAxesDialog::resizeEvent(QResizeEvent *event)
{
    QDialog::resizeEvent(event);
    // Row heights follow the wrapped text once the stretched columns have their new width.
    // A little air under each cell's last line keeps the rows apart.
    QTimer::singleShot(0, m_table, [table = m_table] {
        table->resizeRowsToContents();
        for (int row = 0; row < table->rowCount(); ++row)
            table->setRowHeight(row, table->rowHeight(row) + 10);
    });
}

} // namespace swb
