#pragma once
// Internal to the XLSX cost sheet (model/costsheetxlsx.cpp: the dimension and tier sheets;
// model/costsheetxlsxsheets.cpp: the detail and summary sheets): column layout, the billed
// dimensions of the account and the writer that fills the workbook.

#include "model/costmodel.h"
#include "model/pricing.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include <xlsxwriter.h>

#include <algorithm>

namespace swb::costxlsx {

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
inline QString cell(int row, int col)
{
    return QString(QLatin1Char(char('A' + col))) + QString::number(row + 1);
}

// "A$2:A$9": a column of rows [first, last] (zero-based), rows anchored.
inline QString column(int col, int first, int last)
{
    const QString c(QLatin1Char(char('A' + col)));
    return QStringLiteral("%1$%2:%1$%3").arg(c).arg(first + 1).arg(last + 1);
}

inline QByteArray utf8(const QString &s)
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

// The account's billed dimensions in the order the report first bills them, with their
// account-wide quantity, free allowance and pool, and free units used (as priceUsage computes).
QList<DimensionBlock> dimensionBlocks(const CostReport &r, const PricingCatalogue &catalogue);

class WorkbookWriter
{
public:
    WorkbookWriter(lxw_workbook *wb, const CostReport &r, const PricingCatalogue &catalogue);

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

} // namespace swb::costxlsx
