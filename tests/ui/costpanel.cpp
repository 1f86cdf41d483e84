// Cost panel: the run column is the run's measured usage priced like `swb
// simulate` prices it (RunSummary.monthlyCostUsd), the estimate column is estimateMonthlyCost,
// the position limits the usage to the bins up to it, and the explanations follow the series.

#include "chartsfixture.h"
#include "mainwindowtestutil.h"

#include "model/document.h"
#include "model/pricing.h"
#include "ui/cost/costpanel.h"
#include "ui/cost/money.h"

#include <QLabel>
#include <QRegularExpression>
#include <QTreeWidget>

#include <cmath>

using namespace swb;

namespace {
constexpr int kSeed = 31;
constexpr int kSeconds = 60;

// Priced sums of doubles in a different grouping may differ in the last bits only.
bool closeUsd(double a, double b)
{
    return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b));
}

const CostPanel::Row *lambdaRequests(const CostPanel &panel, ComponentId fn)
{
    for (const CostPanel::Row &r : panel.rows()) {
        if (r.component == fn && r.dimensionId == QLatin1String("requests"))
            return &r;
    }
    return nullptr;
}

// A cost panel on a store fed with a whole run of the SQS -> Lambda pattern (reserved
// concurrency as given), refreshed.
struct FedPanel {
    Document doc;
    FrameStore store;
    std::unique_ptr<CostPanel> panel;
    RunResults run;

    explicit FedPanel(int reservedConcurrency)
    {
        doc.replaceDesign(test::sqsLambda(reservedConcurrency));
        panel = std::make_unique<CostPanel>(&doc, test::pricing());
        panel->setFrameStore(&store);
        run = test::runPattern(doc.design(), kSeconds, kSeed);
        test::feed(&store, run);
        panel->refresh();
    }
};
} // namespace

class TestCostPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void totalsMatchRunAndEstimate();
    void positionLimitsTheUsage();
    void explanationsFollowTheSeries();
    void beforeAnyRunOnlyTheEstimate();
    void moneyReadsLikeMoney();
};

void TestCostPanel::totalsMatchRunAndEstimate()
{
    FedPanel fed(2);
    const Document &doc = fed.doc;
    const CostPanel &panel = *fed.panel;
    const RunResults &run = fed.run;
    QVERIFY(std::isfinite(run.summary.monthlyCostUsd));
    QVERIFY(closeUsd(panel.runTotalUsd(), run.summary.monthlyCostUsd));
    const CostReport estimate = estimateMonthlyCost(doc.design(), PricingCatalogue::builtIn(),
                                                    costOptionsFor(doc.design()));
    QCOMPARE(panel.estimateTotalUsd(), estimate.totalUsd);
    // Per block: the run column adds up to the run summary's per-block cost.
    for (const ComponentSummary &c : run.summary.components) {
        if (std::isnan(c.monthlyCostUsd))
            continue;
        double sum = 0;
        for (const CostPanel::Row &r : panel.rows()) {
            if (r.component == c.id)
                sum += r.runUsd;
        }
        QVERIFY2(closeUsd(sum, c.monthlyCostUsd), qPrintable(c.name));
    }
    // The table shows one row per bill row; the total is pinned under it.
    QTreeWidget *table = panel.table();
    QCOMPARE(table->topLevelItemCount(), panel.rows().size());
    QTreeWidgetItem *total = panel.totalRow()->topLevelItem(0);
    QCOMPARE(total->text(0), QStringLiteral("Total"));
    QCOMPARE(total->text(3), QStringLiteral("$") + formatCents(toCents(panel.runTotalUsd())));
    QCOMPARE(total->text(4), QStringLiteral("$") + formatCents(toCents(estimate.totalUsd)));
}

void TestCostPanel::positionLimitsTheUsage()
{
    FedPanel fed(2);
    const Document &doc = fed.doc;
    CostPanel &panel = *fed.panel;
    const RunResults &run = fed.run;
    const qint64 position = 19;
    fed.store.setPosition(position);
    panel.refresh();
    // Independent path: sim's own priceRun over the first 20 bins as a shorter run.
    RunResults head = run;
    head.values.resize(std::size_t(position + 1) * std::size_t(run.catalog.series.size()));
    head.metadata.durationSeconds = double(position + 1) * run.catalog.binWidthSeconds;
    priceRun(doc.design(), PricingCatalogue::builtIn(), &head);
    QVERIFY(closeUsd(panel.runTotalUsd(), head.summary.monthlyCostUsd));
    QVERIFY(panel.accruedUsd() > 0);
    QVERIFY(std::fabs(panel.accruedUsd()
                      - panel.runTotalUsd() * head.metadata.durationSeconds / (730 * 3600.0))
            < 1e-12);
}

void TestCostPanel::explanationsFollowTheSeries()
{
    for (int reserved : {2, -1}) {
        FedPanel fed(reserved);
        const Document &doc = fed.doc;
        const CostPanel &panel = *fed.panel;
        const RunResults &run = fed.run;
        const ComponentId fn = test::lambdaOf(doc.design());
        double throttles = 0;
        const int s = run.catalog.indexOf(fn, QStringLiteral("lambda.throttles"));
        for (qint64 b = 0; b < run.binCount(); ++b)
            throttles += run.value(b, s);
        const CostPanel::Row *row = lambdaRequests(panel, fn);
        QVERIFY(row);
        const QString expected =
            QStringLiteral("%1 throttled invocations").arg(formatQuantity(throttles));
        if (throttles > 0)
            QVERIFY2(row->explanation.contains(expected), qPrintable(row->explanation));
        else
            QVERIFY2(!row->explanation.contains(QStringLiteral("throttled")),
                     qPrintable(row->explanation));
        if (reserved == 2)
            QVERIFY(throttles > 0); // the scenario the panel must explain
    }
}

void TestCostPanel::beforeAnyRunOnlyTheEstimate()
{
    Document doc;
    doc.replaceDesign(test::sqsLambda());
    FrameStore store;
    CostPanel panel(&doc, test::pricing());
    panel.setFrameStore(&store);
    QCOMPARE(panel.runTotalUsd(), 0.0);
    QVERIFY(panel.estimateTotalUsd() > 0);
    QTreeWidgetItem *first = panel.table()->topLevelItem(0);
    QVERIFY(first);
    QCOMPARE(first->text(3), QStringLiteral("-"));
}

void TestCostPanel::moneyReadsLikeMoney()
{
    // The sign before the dollar sign, cents, thousands grouped; never printf's "%f" or "e+06".
    QCOMPARE(formatUsd(-0.72), QStringLiteral("-$0.72"));
    QCOMPARE(formatUsd(50.546010), QStringLiteral("$50.55"));
    QCOMPARE(formatUsd(1234.5), QStringLiteral("$1,234.50"));
    QCOMPARE(formatUsd(-1234567.891), QStringLiteral("-$1,234,567.89"));
    QCOMPARE(formatUsd(0), QStringLiteral("$0.00"));
    QCOMPARE(formatUsd(0.004), QStringLiteral("<$0.01"));
    QCOMPARE(formatUsd(-0.004), QStringLiteral("-<$0.01"));
    QCOMPARE(formatQuantity(1e6), QStringLiteral("1,000,000"));
    QCOMPARE(formatQuantity(12.5), QStringLiteral("12.5"));

    // A run whose bill is below the estimate (2 environments throttle most of the traffic):
    // every money cell of the panel reads like money, differences with a leading minus.
    FedPanel fed(2);
    const CostPanel &panel = *fed.panel;
    const QRegularExpression money(
        QStringLiteral("^(-?\\$[0-9]{1,3}(,[0-9]{3})*\\.[0-9]{2}|-?<\\$0\\.01|-)$"));
    QVERIFY(money.isValid());
    int negatives = 0;
    QList<QTreeWidgetItem *> rows;
    for (int i = 0; i < panel.table()->topLevelItemCount(); ++i)
        rows.append(panel.table()->topLevelItem(i));
    rows.append(panel.totalRow()->topLevelItem(0));
    for (QTreeWidgetItem *item : rows) {
        for (int c = 3; c <= 5; ++c) {
            QVERIFY2(money.match(item->text(c)).hasMatch(), qPrintable(item->text(c)));
            negatives += item->text(c).startsWith(QStringLiteral("-$")) ? 1 : 0;
        }
        QVERIFY2(!item->text(6).contains(QStringLiteral("e+")), qPrintable(item->text(6)));
    }
    QVERIFY(negatives > 0); // the case the format is for
    QVERIFY(panel.header()->text().contains(formatUsd(panel.accruedUsd())));
    QVERIFY(!panel.header()->text().contains(QStringLiteral("e+")));
}

QTEST_MAIN(TestCostPanel)
#include "costpanel.moc"
