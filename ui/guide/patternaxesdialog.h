#pragma once
// The six-axis comparison of API Gateway, SNS, SQS and Kinesis as a table
// ("patternAxesTable"): rows are the talk's axes, columns the four ways to get data to a
// function, cells the current values from model/patternaxes.h with the AWS rule as tooltip.

#include <QDialog>

class QLabel;
class QTableWidget;

namespace swb {

class PricingSource;

class PatternAxesDialog : public QDialog
{
    Q_OBJECT

public:
    // The prices are pricing's catalogue, like the cost panel's; refilled when it changes.
    explicit PatternAxesDialog(const PricingSource *pricing, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fill();

    const PricingSource *m_pricing;
    QTableWidget *m_table;
    QLabel *m_note;
};

} // namespace swb
