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

#include "model/costsheet.h"

#include <QHash>

#include <algorithm>
#include <cmath>

namespace swb {

namespace {

// Detail columns.
enum DetailCol {
    DComponent,
    DService,
    DDimension,
    DQuantity,
    DUnit,
    DFree,
    DPer,
    DPrice,
    DTiers,
    DUsd,
    DKey,
    DCount
};
// Dimensions columns.
enum DimCol {
    MKey,
    MService,
    MDimension,
    MUnit,
    MPer,
    MQuantity,
    MAllowance,
    MPool,
    MPoolQuantity,
    MFreeUsed,
    MUsd,
    MCount
};
// Tiers columns.
enum TierCol { TKey, TTier, TFrom, TUpTo, TPrice, TUnits, TUsd, TCount };

// A1 reference of a zero-based row and column (columns < 26 suffice here).
QString cell(int row, int col)
{
    return QString(QLatin1Char(char('A' + col))) + QString::number(row + 1);
}

// "A$2:A$9": a column of rows [first, last] (zero-based), rows anchored.
QString column(int col, int first, int last)
{
    const QString c(QLatin1Char(char('A' + col)));
    return QStringLiteral("%1$%2:%1$%3").arg(c).arg(first + 1).arg(last + 1);
}

QByteArray utf8(const QString &s)
{
    return s.toUtf8();
}

// One billed dimension of the account: the rows of the report that bill it and its tiers.
struct DimensionBlock {
    QString key;
    const CostLine *first = nullptr;
    const PriceDimension *dim = nullptr;
    double quantity = 0;  // account total of the rows
    double allowance = 0; // free units per month when the free tier applies, else 0
    QString pool;         // free-tier pool, "" when no allowance applies
    double poolQuantity = 0;
    double freeUsed = 0;
    int row = 0;       // zero-based row on the Dimensions sheet
    int firstTier = 0; // zero-based rows on the Tiers sheet
    int lastTier = 0;
};

bool allowanceApplies(const PriceDimension &d, const CostOptions &o)
{
    return o.freeTier
           && (d.freeTier.term == FreeTierTerm::Always
               || (d.freeTier.term == FreeTierTerm::TwelveMonths && o.twelveMonthFreeTier));
}

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
            if (b.dim && allowanceApplies(*b.dim, r.options)) {
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

class WorkbookWriter
{
public:
    WorkbookWriter(lxw_workbook *wb, const CostReport &r, const PricingCatalogue &catalogue)
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

    lxw_error write(const QString &designName)
    {
        writeTiers();
        writeDimensions();
        writeDetail();
        writeSummary(designName);
        return workbook_close(m_wb);
    }

private:
    void header(lxw_worksheet *ws, const QStringList &titles)
    {
        for (int c = 0; c < titles.size(); ++c)
            worksheet_write_string(ws, 0, lxw_col_t(c), utf8(titles.at(c)).constData(), m_bold);
    }
    void text(lxw_worksheet *ws, int row, int col, const QString &s, lxw_format *f = nullptr)
    {
        worksheet_write_string(ws, lxw_row_t(row), lxw_col_t(col), utf8(s).constData(), f);
    }
    void number(lxw_worksheet *ws, int row, int col, double v, lxw_format *f = nullptr)
    {
        worksheet_write_number(ws, lxw_row_t(row), lxw_col_t(col), v, f);
    }
    void formula(lxw_worksheet *ws, int row, int col, const QString &f, double cached,
                 lxw_format *fmt = nullptr)
    {
        worksheet_write_formula_num(ws, lxw_row_t(row), lxw_col_t(col), utf8(f).constData(), fmt,
                                    cached);
    }
    static QString dimRef(const DimensionBlock &b, int col)
    {
        return QStringLiteral("Dimensions!") + cell(b.row, col);
    }
    const DimensionBlock &blockOf(const CostLine &l) const
    {
        const QString key = l.serviceId + QLatin1Char('/') + l.dimensionId;
        return *std::find_if(m_blocks.cbegin(), m_blocks.cend(),
                             [&](const DimensionBlock &b) { return b.key == key; });
    }

    void writeTiers();
    void writeDimensions();
    void writeDetail();
    void writeSummary(const QString &designName);

    lxw_workbook *m_wb;
    const CostReport &m_r;
    QList<DimensionBlock> m_blocks;
    QHash<QString, double> m_dimUsd; // cached dimension dollars by key
    lxw_worksheet *m_summary, *m_detail, *m_dims, *m_tiers;
    lxw_format *m_bold, *m_money, *m_price;
    int m_lastDetail = 0;
    int m_lastDim = 0;
};

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
        formula(m_dims, row, MPoolQuantity,
                QStringLiteral("=SUMIF(%1,%2,%3)")
                    .arg(column(MPool, 1, m_lastDim), cell(row, MPool),
                         column(MQuantity, 1, m_lastDim)),
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
        formula(m_detail, row, DPrice,
                QStringLiteral("=IF(%1-%2>0,%3/(%1-%2)*%4,Tiers!%5)")
                    .arg(cell(row, DQuantity), cell(row, DFree), cell(row, DUsd), cell(row, DPer),
                         cell(b.firstTier, TPrice)),
                billable > 0 ? l.usd / billable * per : firstPrice, m_price);
        const QString tiers = b.dim ? b.dim->priceText() : l.priceText;
        text(m_detail, row, DTiers,
             l.appliedPrice.isEmpty() || l.appliedPrice == tiers
                 ? tiers
                 : tiers + QStringLiteral("; applied: ") + l.appliedPrice);
        formula(m_detail, row, DUsd, QLatin1Char('=') + share.arg(dimRef(b, MUsd)), l.usd, m_money);
        text(m_detail, row, DKey, b.key);
        ++row;
    }
    text(m_detail, row, DComponent, QStringLiteral("TOTAL"), m_bold);
    formula(m_detail, row, DUsd,
            m_r.lines.isEmpty()
                ? QStringLiteral("=0")
                : QStringLiteral("=SUM(%1:%2)").arg(cell(1, DUsd), cell(m_lastDetail, DUsd)),
            m_r.totalUsd, m_money);
}

// Summary: the assumptions, then one SUMIF per component over the detail rows and the total.
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
        double subtotal = 0;
        for (const CostLine &m : m_r.lines) {
            if (m.componentName == l.componentName)
                subtotal += m.usd;
        }
        text(m_summary, s, 0, l.componentName);
        formula(m_summary, s, 1,
                QStringLiteral("=SUMIF(Detail!%1,%2,Detail!%3)")
                    .arg(column(DComponent, 1, m_lastDetail), cell(s, 0),
                         column(DUsd, 1, m_lastDetail)),
                subtotal, m_money);
        ++s;
    }
    text(m_summary, s, 0, QStringLiteral("TOTAL"), m_bold);
    formula(m_summary, s, 1,
            s == firstComponent
                ? QStringLiteral("=0")
                : QStringLiteral("=SUM(%1:%2)").arg(cell(firstComponent, 1), cell(s - 1, 1)),
            m_r.totalUsd, m_money);
}

} // namespace

QString freeTierAssumption(const CostOptions &options)
{
    if (!options.freeTier)
        return QStringLiteral("off");
    return options.twelveMonthFreeTier ? QStringLiteral("on (always-free and 12-month)")
                                       : QStringLiteral("on (always-free)");
}

lxw_error fillCostWorkbook(lxw_workbook *wb, const CostReport &report,
                           const PricingCatalogue &catalogue, const QString &designName)
{
    return WorkbookWriter(wb, report, catalogue).write(designName);
}

} // namespace swb
