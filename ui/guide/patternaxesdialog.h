#pragma once
// The six-axis comparison of API Gateway, SNS, SQS and Kinesis as a table
// ("patternAxesTable"): rows are the talk's axes, columns the four ways to get data to a
// function, cells the current values from model/patternaxes.h with the AWS rule as tooltip.

#include "model/pricing.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace swb {

class PatternAxesDialog : public QDialog
{
    Q_OBJECT

public:
    // The prices are the compiled-in catalogue's, like the cost panel's.
    explicit PatternAxesDialog(QWidget *parent = nullptr,
                               const PricingCatalogue &prices = PricingCatalogue::builtIn());

    QTableWidget *table() const { return m_table; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    QTableWidget *m_table;
    QLabel *m_note;
};

} // namespace swb
