// The XLSX cost sheet's workbook (model/costsheet.h describes the sheets): every figure the cost
// model derives is a formula over plain input cells, with the model's value cached, so a reader can
// change a quantity, an allowance, a tier bound or a tier price and every total follows.
//
// The formulas repeat model/costmodel.cpp priceUsage() exactly: AWS applies free tiers and price
// tiers per account, not per resource (e.g. Lambda "The monthly free tier ... applies to all
// functions in the account"; SQS/SNS "first 1 million requests per month are free"), so a
// dimension's dollars come from walking its tiers with the account total, and each row carries its
// share in proportion to its quantity.
#include "model/costsheetxlsx.h"

#include "model/costsheetxlsx_p.h"

#include <cmath>

namespace swb {

namespace costxlsx {

QList<DimensionBlock> dimensionBlocks(const CostReport &r, const PricingCatalogue &catalogue)
{
    QList<DimensionBlock> blocks;
    QHash<QString, qsizetype> index;
    for (const CostLine &l : r.lines) {
        const QString key = l.serviceId + QLatin1Char('/') + l.dimensionId;
        if (!index.contains(key)) {
            DimensionBlock b;
            b.key = key;
            b.first = &l;
            b.dim = catalogue.dimension(l.serviceId, l.dimensionId);
            if (b.dim && freeTierApplies(*b.dim, r.options)) {
                b.allowance = b.dim->freeTier.quantity;
                b.pool = b.dim->freeTier.pool;
            }
            index.insert(key, blocks.size());
            blocks.append(b);
        }
        blocks[index.value(key)].quantity += l.quantity;
    }
    QHash<QString, double> pools;
    for (const DimensionBlock &b : blocks)
        pools[b.pool] += b.quantity;
    for (DimensionBlock &b : blocks) {
        b.poolQuantity = pools.value(b.pool);
        b.freeUsed = b.poolQuantity > 0
                         ? std::min(b.allowance, b.poolQuantity) * b.quantity / b.poolQuantity
                         : 0.0;
    }
    return blocks;
}

WorkbookWriter::WorkbookWriter(lxw_workbook *wb, const CostReport &r,
                               const PricingCatalogue &catalogue)
    : m_wb(wb)
    , m_r(r)
    , m_blocks(dimensionBlocks(r, catalogue))
{
    m_summary = workbook_add_worksheet(wb, "Summary");
    m_detail = workbook_add_worksheet(wb, "Detail");
    m_dims = workbook_add_worksheet(wb, "Dimensions");
    m_tiers = workbook_add_worksheet(wb, "Tiers");
    m_bold = workbook_add_format(wb);
    format_set_bold(m_bold);
    m_money = workbook_add_format(wb);
    format_set_num_format(m_money, "$#,##0.00");
    m_price = workbook_add_format(wb);
    format_set_num_format(m_price, "0.00000000##");
    // Row numbers first: the sheets reference each other.
    int tierRow = 1;
    for (qsizetype i = 0; i < m_blocks.size(); ++i) {
        DimensionBlock &b = m_blocks[i];
        b.row = int(i) + 1;
        b.firstTier = tierRow;
        tierRow += b.dim ? std::max<int>(1, int(b.dim->tiers.size())) : 1;
        b.lastTier = tierRow - 1;
    }
    m_lastDetail = int(r.lines.size()); // zero-based; row 0 is the header
    m_lastDim = int(m_blocks.size());
}

// Tiers: one row per price step. "From" is the previous step's "Up to" (a formula, so moving a
// bound moves the next step); an empty "Up to" is the unbounded last step. Billed units are the
// part of [free used, account quantity) inside [From, Up to), as PriceDimension::costOfRange.
void WorkbookWriter::writeTiers()
{
    header(m_tiers, {QStringLiteral("Dimension"), QStringLiteral("Tier"), QStringLiteral("From"),
                     QStringLiteral("Up to"), QStringLiteral("Price (USD per 'Price per')"),
                     QStringLiteral("Billed units"), QStringLiteral("USD")});
    worksheet_set_column(m_tiers, 0, 0, 36, nullptr);
    worksheet_set_column(m_tiers, 2, 5, 18, nullptr);
    worksheet_set_column(m_tiers, 6, 6, 14, m_money);
    for (const DimensionBlock &b : m_blocks) {
        const QList<PriceTier> tiers = b.dim ? b.dim->tiers : QList<PriceTier>{PriceTier{}};
        const double per = b.dim && b.dim->per > 0 ? b.dim->per : 1.0;
        double lower = 0;
        double usd = 0;
        for (int t = 0; t < tiers.size(); ++t) {
            const int row = b.firstTier + t;
            const PriceTier &tier = tiers.at(t);
            text(m_tiers, row, TKey, b.key);
            number(m_tiers, row, TTier, t + 1);
            if (t == 0)
                number(m_tiers, row, TFrom, 0);
            else
                formula(m_tiers, row, TFrom, QLatin1Char('=') + cell(row - 1, TUpTo), lower);
            if (std::isfinite(tier.upTo))
                number(m_tiers, row, TUpTo, tier.upTo);
            number(m_tiers, row, TPrice, tier.price, m_price);
            const double a = std::max(b.freeUsed, lower);
            const double units = std::max(0.0, std::min(b.quantity, tier.upTo) - a);
            const QString q = dimRef(b, MQuantity);
            const QString upTo = cell(row, TUpTo);
            formula(m_tiers, row, TUnits,
                    QStringLiteral("=MAX(0,IF(%1=\"\",%2,MIN(%2,%1))-MAX(%3,%4))")
                        .arg(upTo, q, dimRef(b, MFreeUsed), cell(row, TFrom)),
                    units);
            const double lineUsd = units * tier.price / per;
            formula(m_tiers, row, TUsd,
                    QStringLiteral("=%1/%2*%3")
                        .arg(cell(row, TUnits), dimRef(b, MPer), cell(row, TPrice)),
                    lineUsd, m_money);
            usd += lineUsd;
            lower = tier.upTo;
        }
        m_dimUsd.insert(b.key, usd);
    }
}

// Dimensions: the account-wide quantity (SUMIF over the detail rows), the free allowance (0 when
// the free tier is off or does not apply), the pool it is shared in and the dollars (SUM of the
// dimension's tier rows).
void WorkbookWriter::writeDimensions()
{
    header(m_dims, {QStringLiteral("Dimension"), QStringLiteral("Service"), QStringLiteral("Name"),
                    QStringLiteral("Unit"), QStringLiteral("Price per"),
                    QStringLiteral("Quantity/month"), QStringLiteral("Free allowance"),
                    QStringLiteral("Free pool"), QStringLiteral("Pool quantity"),
                    QStringLiteral("Free used"), QStringLiteral("Monthly USD")});
    worksheet_set_column(m_dims, 0, 0, 36, nullptr);
    worksheet_set_column(m_dims, 1, 2, 22, nullptr);
    worksheet_set_column(m_dims, 3, 9, 15, nullptr);
    worksheet_set_column(m_dims, 10, 10, 14, m_money);
    for (const DimensionBlock &b : m_blocks) {
        const int row = b.row;
        text(m_dims, row, MKey, b.key);
        text(m_dims, row, MService, b.first->service);
        text(m_dims, row, MDimension, b.first->dimension);
        text(m_dims, row, MUnit, b.first->unit);
        number(m_dims, row, MPer, b.dim && b.dim->per > 0 ? b.dim->per : 1.0);
        formula(m_dims, row, MQuantity,
                QStringLiteral("=SUMIF(Detail!%1,%2,Detail!%3)")
                    .arg(column(DKey, 1, m_lastDetail), cell(row, MKey),
                         column(DQuantity, 1, m_lastDetail)),
                b.quantity);
        number(m_dims, row, MAllowance, b.allowance);
        text(m_dims, row, MPool, b.pool);
        // The dimensions sharing this pool, by reference: SUMIF against a blank pool (no free
        // tier) matches nothing in LibreOffice but everything blank in Excel.
        QStringList pooled;
        for (const DimensionBlock &other : m_blocks) {
            if (other.pool == b.pool)
                pooled.append(cell(other.row, MQuantity));
        }
        formula(m_dims, row, MPoolQuantity, QStringLiteral("=SUM(%1)").arg(pooled.join(u',')),
                b.poolQuantity);
        formula(m_dims, row, MFreeUsed,
                QStringLiteral("=IF(%1>0,MIN(%2,%1)*%3/%1,0)")
                    .arg(cell(row, MPoolQuantity), cell(row, MAllowance), cell(row, MQuantity)),
                b.freeUsed);
        formula(m_dims, row, MUsd,
                QStringLiteral("=SUM(Tiers!%1:%2)")
                    .arg(cell(b.firstTier, TUsd), cell(b.lastTier, TUsd)),
                m_dimUsd.value(b.key), m_money);
    }
}

} // namespace costxlsx

lxw_error fillCostWorkbook(lxw_workbook *wb, const CostReport &report,
                           const PricingCatalogue &catalogue, const QString &designName)
{
    return costxlsx::WorkbookWriter(wb, report, catalogue).write(designName);
}

} // namespace swb
