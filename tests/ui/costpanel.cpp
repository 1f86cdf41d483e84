// Cost panel: the run column is the run's measured usage priced like `swb
// simulate` prices it (RunSummary.monthlyCostUsd), the estimate column is estimateMonthlyCost,
// the position limits the usage to the bins up to it, and the explanations follow the series.

#include "chartsfixture.h"

#include "model/document.h"
#include "model/pricing.h"
#include "ui/cost/costpanel.h"
#include "ui/cost/money.h"

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
} // namespace

class TestCostPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void totalsMatchRunAndEstimate();
    void positionLimitsTheUsage();
    void explanationsFollowTheSeries();
    void beforeAnyRunOnlyTheEstimate();
};

void TestCostPanel::totalsMatchRunAndEstimate()
{
    Document doc;
    doc.replaceDesign(test::sqsLambda(2));
    FrameStore store;
    CostPanel panel(&doc);
    panel.setFrameStore(&store);
    const RunResults run = test::runPattern(doc.design(), kSeconds, kSeed);
    test::feed(&store, run);
    panel.refresh();
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
    Document doc;
    doc.replaceDesign(test::sqsLambda(2));
    FrameStore store;
    CostPanel panel(&doc);
    panel.setFrameStore(&store);
    const RunResults run = test::runPattern(doc.design(), kSeconds, kSeed);
    test::feed(&store, run);
    const qint64 position = 19;
    store.setPosition(position);
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
        Document doc;
        doc.replaceDesign(test::sqsLambda(reserved));
        FrameStore store;
        CostPanel panel(&doc);
        panel.setFrameStore(&store);
        const RunResults run = test::runPattern(doc.design(), kSeconds, kSeed);
        test::feed(&store, run);
        panel.refresh();
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
    CostPanel panel(&doc);
    panel.setFrameStore(&store);
    QCOMPARE(panel.runTotalUsd(), 0.0);
    QVERIFY(panel.estimateTotalUsd() > 0);
    QTreeWidgetItem *first = panel.table()->topLevelItem(0);
    QVERIFY(first);
    QCOMPARE(first->text(3), QStringLiteral("-"));
}

QTEST_MAIN(TestCostPanel)
#include "costpanel.moc"
