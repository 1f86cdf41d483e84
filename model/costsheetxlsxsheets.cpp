// The XLSX cost sheet's Detail and Summary sheets (model/costsheet.h describes them; the
// Dimensions and Tiers sheets they reference are in model/costsheetxlsx.cpp).
#include "model/costsheetxlsx_p.h"

#include "model/costsheet.h"

namespace swb {

namespace costxlsx {

// Detail: one row per block and dimension; its free units and dollars are its share of the
// dimension's, the unit price is the blend it pays (a formula, for reading only).
void WorkbookWriter::writeDetail()
{
    header(m_detail,
           {QStringLiteral("Component"), QStringLiteral("Service"), QStringLiteral("Dimension"),
            QStringLiteral("Quantity/month"), QStringLiteral("Unit"), QStringLiteral("Free units"),
            QStringLiteral("Price per"), QStringLiteral("Blended unit price (USD)"),
            QStringLiteral("Tiers"), QStringLiteral("Monthly USD"),
            QStringLiteral("Dimension key")});
    worksheet_set_column(m_detail, 0, 2, 24, nullptr);
    worksheet_set_column(m_detail, 3, 7, 15, nullptr);
    worksheet_set_column(m_detail, 8, 8, 40, nullptr);
    worksheet_set_column(m_detail, 9, 9, 14, m_money);
    worksheet_set_column(m_detail, 10, 10, 36, nullptr);
    int row = 1;
    for (const CostLine &l : m_r.lines) {
        const DimensionBlock &b = blockOf(l);
        const double per = b.dim && b.dim->per > 0 ? b.dim->per : 1.0;
        const double billable = std::max(0.0, l.quantity - l.freeQuantity);
        const double firstPrice = b.dim && !b.dim->tiers.isEmpty() ? b.dim->tiers.first().price : 0;
        text(m_detail, row, DComponent, l.componentName);
        text(m_detail, row, DService, l.service);
        text(m_detail, row, DDimension, l.dimension);
        number(m_detail, row, DQuantity, l.quantity);
        text(m_detail, row, DUnit, l.unit);
        const QString share =
            QStringLiteral("IF(%1>0,%3*%2/%1,0)").arg(dimRef(b, MQuantity), cell(row, DQuantity));
        formula(m_detail, row, DFree, QLatin1Char('=') + share.arg(dimRef(b, MFreeUsed)),
                l.freeQuantity);
        formula(m_detail, row, DPer, QLatin1Char('=') + dimRef(b, MPer), per);
        // Cached as the formula computes it: from the row's dollars rounded to the cent (DUsd).
        formula(m_detail, row, DPrice,
                QStringLiteral("=IF(%1-%2>0,%3/(%1-%2)*%4,Tiers!%5)")
                    .arg(cell(row, DQuantity), cell(row, DFree), cell(row, DUsd), cell(row, DPer),
                         cell(b.firstTier, TPrice)),
                billable > 0 ? double(toCents(l.usd)) / 100.0 / billable * per : firstPrice,
                m_price);
        const QString tiers = b.dim ? b.dim->priceText() : l.priceText;
        text(m_detail, row, DTiers,
             l.appliedPrice.isEmpty() || l.appliedPrice == tiers
                 ? tiers
                 : tiers + QStringLiteral("; applied: ") + l.appliedPrice);
        // The one rounding rule of every cost output (kCostRoundingRule): each row to the cent.
        formula(m_detail, row, DUsd, QStringLiteral("=ROUND(%1,2)").arg(share.arg(dimRef(b, MUsd))),
                double(toCents(l.usd)) / 100.0, m_money);
        text(m_detail, row, DKey, b.key);
        ++row;
    }
    text(m_detail, row, DComponent, QStringLiteral("TOTAL"), m_bold);
    formula(m_detail, row, DUsd,
            m_r.lines.isEmpty()
                ? QStringLiteral("=0")
                : QStringLiteral("=SUM(%1:%2)").arg(cell(1, DUsd), cell(m_lastDetail, DUsd)),
            double(m_r.totalCents()) / 100.0, m_money);
}

// Summary: the assumptions and the rounding rule, then one SUM per component of its rounded detail
// rows and the total.
void WorkbookWriter::writeSummary(const QString &designName)
{
    worksheet_set_column(m_summary, 0, 0, 28, nullptr);
    worksheet_set_column(m_summary, 1, 1, 60, nullptr);
    int s = 0;
    auto info = [&](const QString &key, const QString &value) {
        text(m_summary, s, 0, key, m_bold);
        text(m_summary, s, 1, value);
        ++s;
    };
    info(QStringLiteral("Design"), designName);
    info(QStringLiteral("Region"), m_r.region);
    info(QStringLiteral("Currency"), m_r.currency);
    info(QStringLiteral("Prices of"), m_r.priceDate);
    info(QStringLiteral("Hours per month"), QString::number(m_r.hoursPerMonth));
    info(QStringLiteral("Free tier"), freeTierAssumption(m_r.options));
    info(QStringLiteral("Rounding"), kCostRoundingRule);
    info(QStringLiteral("How totals follow"),
         QStringLiteral("Detail!J = the dimension's dollars (Dimensions!K) x the row's share of "
                        "its quantity; Dimensions!K sums the dimension's price tiers (Tiers!G). "
                        "Edit a quantity (Detail!D), a free allowance (Dimensions!G) or a tier "
                        "bound or price (Tiers!D, Tiers!E) and every total follows."));
    for (const QString &a : m_r.assumptions)
        info(QStringLiteral("Assumption"), a);
    ++s;
    text(m_summary, s, 0, QStringLiteral("Component"), m_bold);
    text(m_summary, s, 1, QStringLiteral("Monthly USD"), m_bold);
    ++s;
    const int firstComponent = s;
    QStringList seen;
    for (const CostLine &l : m_r.lines) {
        if (seen.contains(l.componentName))
            continue;
        seen.append(l.componentName);
        // The block's rounded rows by reference: a SUMIF on the name would read '*', '?', '~'
        // or a leading '=' in a block name as criteria syntax.
        qint64 cents = 0;
        QStringList refs;
        for (qsizetype i = 0; i < m_r.lines.size(); ++i) {
            if (m_r.lines.at(i).componentName == l.componentName) {
                cents += toCents(m_r.lines.at(i).usd);
                refs.append(QStringLiteral("Detail!") + cell(int(i) + 1, DUsd));
            }
        }
        text(m_summary, s, 0, l.componentName);
        formula(m_summary, s, 1, QStringLiteral("=SUM(%1)").arg(refs.join(u',')),
                double(cents) / 100.0, m_money);
        ++s;
    }
    text(m_summary, s, 0, QStringLiteral("TOTAL"), m_bold);
    formula(m_summary, s, 1,
            s == firstComponent
                ? QStringLiteral("=0")
                : QStringLiteral("=SUM(%1:%2)").arg(cell(firstComponent, 1), cell(s - 1, 1)),
            double(m_r.totalCents()) / 100.0, m_money);
}

} // namespace costxlsx

QString freeTierAssumption(const CostOptions &options)
{
    if (!options.freeTier)
        return QStringLiteral("off");
    return options.twelveMonthFreeTier ? QStringLiteral("on (always-free and 12-month)")
                                       : QStringLiteral("on (always-free)");
}

} // namespace swb
