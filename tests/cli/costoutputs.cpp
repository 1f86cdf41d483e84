// The four cost outputs of one design through the built swb binary, each read back with an
// independent reader: the table (`swb cost`), the CSV, the XLSX (its cached values, unzipped, and
// LibreOffice's recalculation of every formula) and the PDF (poppler's pdftotext). They must show
// the same total to the cent, the model's (estimateMonthlyCost: rows rounded to the cent, the total
// their sum), and the PDF's table must print every cell whole.

#include "clitestutil.h"

#include "model/costmodel.h"
#include "model/document.h"
#include "model/patterns.h"
#include "model/pricing.h"

#include "../exporttestutil.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace swb;
using namespace swb::test;

namespace {

// The amount after `label` on the line that starts with it (the table's TOTAL row, the PDF's
// "Total (USD per month)"), in cents; -1 when there is none.
qint64 amountAfter(const QString &text, const QString &label)
{
    const QRegularExpression re(
        QStringLiteral("(?:^|\\n)\\s*%1[^\\n]*?([0-9][0-9,]*\\.[0-9]{2})\\s*(?:\\n|$)")
            .arg(QRegularExpression::escape(label)));
    const QRegularExpressionMatch m = re.match(text);
    return m.hasMatch() ? cents(m.captured(1).remove(QLatin1Char(','))) : -1;
}

// Text without white space and hyphens: a cell that wraps has line breaks inside, and
// pdftotext joins "reconciliation-" + "worker" into "reconciliationworker" (dehyphenation). Every
// other character of the cell must still be there, in order.
QString squeezed(QString s)
{
    return s.remove(QRegularExpression(QStringLiteral("[\\s-]+")));
}

// A LibreOffice profile that recalculates every formula of an OOXML file on load (the default
// keeps the cached values of a file that says Excel wrote it, which would check nothing). The
// namespace is the registry format's identifier; nothing is fetched.
bool writeRecalculatingProfile(const QString &dir)
{
    QDir().mkpath(dir + QStringLiteral("/user"));
    QFile f(dir + QStringLiteral("/user/registrymodifications.xcu"));
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<oor:items xmlns:oor=\"http://openoffice.org/2001/registry\">\n"
            "<item oor:path=\"/org.openoffice.Office.Calc/Formula/Load\"><prop "
            "oor:name=\"OOXMLRecalcMode\" oor:op=\"fuse\"><value>0</value></prop></item>\n"
            "</oor:items>\n");
    return true;
}

QString findOffice()
{
    for (const char *name : {"soffice", "libreoffice", "localc"}) {
        const QString path = QStandardPaths::findExecutable(QLatin1String(name));
        if (!path.isEmpty())
            return path;
    }
    return {};
}

} // namespace

class TestCostOutputs : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    // A bundled pattern plus a block whose name, dimension and price texts are long: the PDF
    // table must still print them whole.
    Design hostileDesign()
    {
        Document doc;
        doc.replaceDesign(*makePattern(QStringLiteral("kinesis-lambda")));
        const ComponentId id = doc.addComponent(ComponentKind::Lambda, QPointF(900, 600));
        doc.renameComponent(id, QStringLiteral("nightly-reconciliation-worker-for-the-eu-"
                                               "central-ledger-and-billing-exports"));
        return doc.design();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(QStringLiteral(SWB_CLI_PATH)), "build the swb target first");
        QVERIFY(m_dir.isValid());
    }

    void totalsEqualToTheCent_data()
    {
        QTest::addColumn<QString>("id");
        for (const QString &id : patternIds())
            QTest::newRow(qPrintable(id)) << id;
        QTest::newRow("long names") << QString();
    }

    // Table, CSV, XLSX (Summary and Detail) and PDF all show the model's total, in cents.
    void totalsEqualToTheCent()
    {
        QFETCH(QString, id);
        if (!haveTool("unzip") || !haveTool("pdftotext"))
            QSKIP("unzip or poppler-utils is not installed (packaging/setup.sh installs them)");
        const Design design = id.isEmpty() ? hostileDesign() : *makePattern(id);
        const QString base = path(id.isEmpty() ? QStringLiteral("long") : id);
        QVERIFY(saveDesignFile(base + QStringLiteral(".swb"), design));
        const CostReport report =
            estimateMonthlyCost(design, PricingCatalogue::builtIn(), costOptionsFor(design));
        const qint64 expected = report.totalCents();
        QVERIFY(expected > 0);

        const SwbResult table = runSwb({QStringLiteral("cost"), base + QStringLiteral(".swb")});
        QVERIFY2(table.code == 0, qPrintable(table.err));
        QCOMPARE(amountAfter(table.out, QStringLiteral("TOTAL")), expected);

        for (const char *ext : {".csv", ".xlsx", ".pdf"}) {
            const SwbResult r = runSwb({QStringLiteral("export"), QStringLiteral("cost"),
                                        base + QStringLiteral(".swb"), base + QLatin1String(ext)});
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
        const QString csv = QString::fromUtf8(readFileBytes(base + QStringLiteral(".csv")));
        QCOMPARE(amountAfter(csv, QStringLiteral("TOTAL,")), expected);

        const QString xlsx = base + QStringLiteral(".xlsx");
        const QStringList sheets = xlsxSheetNames(xlsx);
        const auto summary =
            readXlsxSheet(xlsx, int(sheets.indexOf(QStringLiteral("Summary"))) + 1);
        const auto detail = readXlsxSheet(xlsx, int(sheets.indexOf(QStringLiteral("Detail"))) + 1);
        auto totalOf = [](const QHash<QString, XlsxCell> &sheet, QChar column) {
            for (const XlsxCell &c : sheet) {
                if (c.value == QLatin1String("TOTAL") && c.ref.startsWith(u'A'))
                    return sheet.value(column + c.ref.mid(1)).value;
            }
            return QString();
        };
        QCOMPARE(cents(totalOf(summary, u'B')), expected);
        QCOMPARE(cents(totalOf(detail, u'J')), expected);

        // pdftotext -layout keeps the total's label and amount on one line.
        const QString pdf = pdfText(base + QStringLiteral(".pdf"));
        QCOMPARE(amountAfter(pdf, QStringLiteral("Total (USD per month)")), expected);
    }

    // The rows' unrounded dollars sum to a different cent than the rounded rows for at least one
    // of the designs above, so a writer summing unrounded values fails totalsEqualToTheCent.
    void aDesignWhereRoundingMatters()
    {
        bool differs = false;
        const QStringList ids = patternIds() << QString(); // QString(): the long names
        for (const QString &id : ids) {
            const Design design = id.isEmpty() ? hostileDesign() : *makePattern(id);
            const CostReport r =
                estimateMonthlyCost(design, PricingCatalogue::builtIn(), costOptionsFor(design));
            double exact = 0;
            for (const CostLine &l : r.lines)
                exact += l.usd;
            differs = differs || toCents(exact) != r.totalCents();
        }
        QVERIFY(differs);
    }

    // Every cell of the PDF's cost table is printed whole (no ellipsis, no cut), for every
    // bundled pattern and a block with a long name: pdftotext finds each block name, dimension,
    // price text, unit and amount (white space and hyphens aside: a cell too long for its column
    // wraps).
    void pdfTablePrintsEveryCellWhole_data() { totalsEqualToTheCent_data(); }
    void pdfTablePrintsEveryCellWhole()
    {
        QFETCH(QString, id);
        if (!haveTool("pdftotext"))
            QSKIP("poppler-utils is not installed (packaging/setup.sh installs it)");
        const Design design = id.isEmpty() ? hostileDesign() : *makePattern(id);
        const QString base =
            path(QStringLiteral("cells-") + (id.isEmpty() ? QStringLiteral("long") : id));
        QVERIFY(saveDesignFile(base + QStringLiteral(".swb"), design));
        const SwbResult r = runSwb({QStringLiteral("export"), QStringLiteral("cost"),
                                    base + QStringLiteral(".swb"), base + QStringLiteral(".pdf")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QString text = QString::fromUtf8(runTool(
            QStringLiteral("pdftotext"), {base + QStringLiteral(".pdf"), QStringLiteral("-")}));
        QVERIFY(!text.isEmpty());
        QVERIFY2(!text.contains(QChar(0x2026)), "an ellipsis: a cell was cut");
        const QString all = squeezed(text);
        const CostReport report =
            estimateMonthlyCost(design, PricingCatalogue::builtIn(), costOptionsFor(design));
        for (const CostLine &l : report.lines) {
            const QString price = l.appliedPrice.isEmpty() ? l.priceText : l.appliedPrice;
            for (const QString &cell :
                 {l.componentName, l.dimension, price, l.unit, formatCents(toCents(l.usd))})
                QVERIFY2(all.contains(squeezed(cell)), qPrintable(cell));
        }
    }

    // LibreOffice opens the XLSX, recalculates every formula and exports each sheet as CSV:
    // every recalculated value equals the value the sheet caches (what other readers show), no
    // cell is an error, and both totals are the model's to the cent.
    void libreOfficeRecalculatesToTheCachedValues()
    {
        const QString office = findOffice();
        if (office.isEmpty())
            QSKIP("LibreOffice is not installed (libreoffice-calc-nogui; packaging/setup.sh "
                  "installs it): the XLSX was not recalculated");
        if (!haveTool("unzip"))
            QSKIP("the 'unzip' tool is not installed (packaging/setup.sh installs it)");
        const Design design = hostileDesign();
        const QString base = path(QStringLiteral("recalc"));
        QVERIFY(saveDesignFile(base + QStringLiteral(".swb"), design));
        const QString xlsx = base + QStringLiteral(".xlsx");
        const SwbResult r = runSwb({QStringLiteral("export"), QStringLiteral("cost"),
                                    base + QStringLiteral(".swb"), xlsx});
        QVERIFY2(r.code == 0, qPrintable(r.err));

        const QString profile = path(QStringLiteral("lo-profile"));
        QVERIFY(writeRecalculatingProfile(profile));
        const QString out = path(QStringLiteral("lo-out"));
        QProcess lo;
        lo.setProgram(office);
        // Comma, double quote, UTF-8, from line 1, raw values (not as shown), every sheet
        // (token 12 = -1: one file per sheet, <name>-<Sheet>.csv).
        lo.setArguments({QStringLiteral("-env:UserInstallation=file://") + profile,
                         QStringLiteral("--headless"), QStringLiteral("--norestore"),
                         QStringLiteral("--convert-to"),
                         QStringLiteral("csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,"
                                        "true,false,false,false,-1"),
                         QStringLiteral("--outdir"), out, xlsx});
        lo.start();
        QVERIFY2(lo.waitForFinished(240000), "LibreOffice did not finish in 4 minutes");
        QCOMPARE(lo.exitCode(), 0);

        const CostReport report =
            estimateMonthlyCost(design, PricingCatalogue::builtIn(), costOptionsFor(design));
        const QStringList sheets = xlsxSheetNames(xlsx);
        int formulas = 0;
        for (qsizetype s = 0; s < sheets.size(); ++s) {
            const QString csvPath = out + QStringLiteral("/recalc-%1.csv").arg(sheets.at(s));
            QString problem;
            QString csv = QString::fromUtf8(readFileBytes(csvPath));
            if (!csv.endsWith(u'\n')) // LibreOffice ends the last line without a line break
                csv += u'\n';
            const QList<QStringList> rows = parseCsv(csv, &problem);
            QVERIFY2(!rows.isEmpty() && problem.isEmpty(),
                     qPrintable(csvPath + QStringLiteral(": ") + problem));
            const auto cached = readXlsxSheet(xlsx, int(s) + 1);
            for (const XlsxCell &c : cached) {
                if (c.formula.isEmpty())
                    continue;
                ++formulas;
                const QRegularExpressionMatch m =
                    QRegularExpression(QStringLiteral("^([A-Z]+)([0-9]+)$")).match(c.ref);
                QVERIFY(m.hasMatch());
                int column = 0;
                for (QChar ch : m.captured(1))
                    column = column * 26 + (ch.unicode() - u'A' + 1);
                const int row = m.captured(2).toInt() - 1;
                const QString recalculated = rows.value(row).value(column - 1);
                const QString where =
                    sheets.at(s) + QLatin1Char('!') + c.ref + QStringLiteral(" =") + c.formula;
                bool ok = false;
                const double got = recalculated.toDouble(&ok);
                QVERIFY2(ok, qPrintable(where + QStringLiteral(" recalculates to '") + recalculated
                                        + QLatin1Char('\'')));
                const double want = c.value.toDouble();
                QVERIFY2(std::abs(got - want) <= 1e-9 * std::max(1.0, std::abs(want)),
                         qPrintable(where
                                    + QStringLiteral(": LibreOffice %1, cached %2")
                                          .arg(got, 0, 'g', 17)
                                          .arg(want, 0, 'g', 17)));
            }
            if (sheets.at(s) == QLatin1String("Summary")
                || sheets.at(s) == QLatin1String("Detail")) {
                const int column = sheets.at(s) == QLatin1String("Summary") ? 1 : 9;
                qint64 total = -1;
                for (const QStringList &row : rows) {
                    if (row.value(0) == QLatin1String("TOTAL"))
                        total = cents(row.value(column));
                }
                QCOMPARE(total, report.totalCents());
            }
        }
        QVERIFY2(formulas > 20, qPrintable(QString::number(formulas)));
    }
};

QTEST_MAIN(TestCostOutputs)
#include "costoutputs.moc"
