// Settings > Pricing Catalogue...: a user's catalogue file, chosen in the menu with real mouse
// clicks, prices the cost panel's estimate and the bill of a run; a broken file is refused with
// the reason and changes nothing; the choice is remembered and restored at the next start, and a
// file gone since falls back to the built-in prices with a message. The user's file is the
// shipped catalogue with every tier price doubled, so every priced figure must double exactly
// (free-tier quantities are unchanged; the tolerance 1e-9 relative only absorbs rounding).

#include "mainwindowtestutil.h"

#include "model/document.h"
#include "model/pricing.h"
#include "ui/cost/costpanel.h"
#include "ui/cost/pricingsource.h"
#include "ui/fileactions.h"
#include "ui/mainwindow.h"
#include "ui/playback/framestore.h"
#include "ui/playback/playbacksession.h"

#include <QAction>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace swb;
using namespace swb::test;

namespace {

QJsonValue doublePrices(const QJsonValue &v)
{
    if (v.isArray()) {
        QJsonArray out;
        for (const QJsonValue &x : v.toArray())
            out.append(doublePrices(x));
        return out;
    }
    if (!v.isObject())
        return v;
    QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key() == QLatin1String("price") && it.value().isDouble())
            it.value() = it.value().toDouble() * 2;
        else
            it.value() = doublePrices(it.value());
    }
    return o;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// Opens Settings as a popup and clicks the entry with a real mouse event.
void clickSettingsEntry(MainWindow &w, const char *objectName)
{
    auto *menu = w.menuBar()->findChild<QMenu *>(QStringLiteral("menuSettings"));
    QVERIFY(menu);
    QAction *action = menu->findChild<QAction *>(QLatin1String(objectName));
    QVERIFY(action);
    QVERIFY(action->isEnabled());
    menu->popup(w.mapToGlobal(QPoint(10, 10)));
    QVERIFY(QTest::qWaitForWindowExposed(menu));
    QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(action).center());
    QTRY_VERIFY(!menu->isVisible());
}

bool sameMoney(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b));
}

} // namespace

class TestPricingCatalogue : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_doubled;

private Q_SLOTS:
    void initTestCase()
    {
        setUpGuiTestEnvironment(QStringLiteral("tst_ui_pricingcatalogue"));
        QFile shipped(QLatin1String(PricingCatalogue::BuiltInPath));
        QVERIFY(shipped.open(QIODevice::ReadOnly));
        const QJsonValue doubled =
            doublePrices(QJsonDocument::fromJson(shipped.readAll()).object());
        m_doubled = m_dir.filePath(QStringLiteral("doubled.json"));
        QVERIFY(writeFile(m_doubled, QJsonDocument(doubled.toObject()).toJson()));
    }
    void init() { resetGuiTestState(); }

    void chosenCatalogueReprisesEstimateAndRun()
    {
        PricingSource pricing(PricingCatalogue::builtIn());
        MainWindow w(&pricing);
        ScriptedPrompter *prompter = installScriptedPrompter(w);
        QVERIFY(w.files()->newFromPattern(QStringLiteral("sqs-lambda")));
        QVERIFY(w.document()->setProjectParam(QStringLiteral("duration"), 60));
        auto *panel = w.findChild<CostPanel *>();
        QVERIFY(panel);
        panel->refresh();
        const double shippedEstimate = panel->estimateTotalUsd();
        QVERIFY(shippedEstimate > 0);
        auto *builtIn = w.menuBar()->findChild<QAction *>(QStringLiteral("actionBuiltInPricing"));
        QVERIFY(builtIn);
        QVERIFY(!builtIn->isEnabled()); // nothing to go back to yet

        prompter->openPath = m_doubled;
        clickSettingsEntry(w, "actionPricingCatalogue");
        QVERIFY2(prompter->errors.isEmpty(), qPrintable(prompter->errors.join(u'\n')));
        QCOMPARE(prompter->captions.value(0), QStringLiteral("Pricing Catalogue"));
        QCOMPARE(pricing.userFile(), m_doubled);
        QCOMPARE(QSettings().value(QStringLiteral("pricing/catalogueFile")).toString(), m_doubled);
        QVERIFY(w.statusBar()->currentMessage().contains(m_doubled));
        QVERIFY2(sameMoney(panel->estimateTotalUsd(), 2 * shippedEstimate),
                 qPrintable(QStringLiteral("%1 vs 2 x %2")
                                .arg(panel->estimateTotalUsd())
                                .arg(shippedEstimate)));

        // A run's bill: priced with the user's file, then (same run) with the shipped prices.
        w.playback()->setSpeed(0);
        w.playback()->play();
        QVERIFY(QTest::qWaitFor([&] { return w.frameStore()->isFinished(); }, 60000));
        panel->refresh();
        const double userRun = panel->runTotalUsd();
        QVERIFY(userRun > 0);
        QVERIFY(builtIn->isEnabled());
        clickSettingsEntry(w, "actionBuiltInPricing");
        QVERIFY(pricing.userFile().isEmpty());
        QVERIFY(!QSettings().contains(QStringLiteral("pricing/catalogueFile")));
        QVERIFY2(sameMoney(userRun, 2 * panel->runTotalUsd()),
                 qPrintable(QStringLiteral("%1 vs 2 x %2").arg(userRun).arg(panel->runTotalUsd())));
        QVERIFY(sameMoney(panel->estimateTotalUsd(), shippedEstimate));
    }

    void brokenFileIsRefusedWithItsReason()
    {
        PricingSource pricing(PricingCatalogue::builtIn());
        MainWindow w(&pricing);
        ScriptedPrompter *prompter = installScriptedPrompter(w);
        QVERIFY(w.files()->newFromPattern(QStringLiteral("sqs-lambda")));
        auto *panel = w.findChild<CostPanel *>();
        panel->refresh();
        const double before = panel->estimateTotalUsd();
        const QString broken = m_dir.filePath(QStringLiteral("broken.json"));
        QVERIFY(writeFile(broken, "{\"region\": \"us-east-1\", \"services\": 3}"));
        prompter->openPath = broken;
        clickSettingsEntry(w, "actionPricingCatalogue");
        QCOMPARE(prompter->errors.size(), 1);
        QVERIFY2(prompter->errors.first().contains(QLatin1String("broken.json")),
                 qPrintable(prompter->errors.first()));
        QVERIFY(pricing.userFile().isEmpty());
        QVERIFY(!QSettings().contains(QStringLiteral("pricing/catalogueFile")));
        panel->refresh();
        QCOMPARE(panel->estimateTotalUsd(), before);
    }

    void choiceIsRestoredAtTheNextStart()
    {
        QSettings().setValue(QStringLiteral("pricing/catalogueFile"), m_doubled);
        PricingSource restored(PricingCatalogue::builtIn());
        QString error;
        QVERIFY(restored.restore(&error));
        QCOMPARE(restored.userFile(), m_doubled);
        const PriceDimension *shipped = PricingCatalogue::builtIn().dimension(
            QStringLiteral("lambda"), QStringLiteral("requests"));
        const PriceDimension *mine =
            restored.catalogue().dimension(QStringLiteral("lambda"), QStringLiteral("requests"));
        QVERIFY(shipped && mine);
        QCOMPARE(mine->tiers.first().price, 2 * shipped->tiers.first().price);

        // The file is gone by the next start: the shipped prices, and a message saying why.
        const QString gone = m_dir.filePath(QStringLiteral("gone.json"));
        QSettings().setValue(QStringLiteral("pricing/catalogueFile"), gone);
        PricingSource fallback(PricingCatalogue::builtIn());
        QVERIFY(!fallback.restore(&error));
        QVERIFY2(error.contains(QLatin1String("gone.json"))
                     && error.contains(QLatin1String("built-in")),
                 qPrintable(error));
        QVERIFY(fallback.userFile().isEmpty());
        QCOMPARE(fallback.catalogue().date, PricingCatalogue::builtIn().date);
        QVERIFY(!QSettings().contains(QStringLiteral("pricing/catalogueFile")));
    }
};

QTEST_MAIN(TestPricingCatalogue)
#include "pricingcatalogue.moc"
