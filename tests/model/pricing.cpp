// The pricing catalogue: the bundled file loads and carries what the cost model needs, tiers are
// walked correctly, metering chunks round up, and bad files are refused naming file and JSON path.

#include "model/costmodel.h"
#include "model/pricing.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <functional>

using namespace swb;

namespace {

QJsonObject builtInJson()
{
    QFile file(QStringLiteral(SWB_SOURCE_DIR "/resources/pricing/us-east-1.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the bundled catalogue");
    return QJsonDocument::fromJson(file.readAll()).object();
}

// Edits one value of services.SERVICE.dimensions.DIMENSION (QJsonObject is a value type, so
// the path is rebuilt on the way out).
QJsonObject withDimension(QJsonObject root, const QString &service, const QString &dimension,
                          const std::function<void(QJsonObject &)> &edit)
{
    QJsonObject services = root.value(QStringLiteral("services")).toObject();
    QJsonObject s = services.value(service).toObject();
    QJsonObject dims = s.value(QStringLiteral("dimensions")).toObject();
    QJsonObject d = dims.value(dimension).toObject();
    edit(d);
    dims.insert(dimension, d);
    s.insert(QStringLiteral("dimensions"), dims);
    services.insert(service, s);
    root.insert(QStringLiteral("services"), services);
    return root;
}

} // namespace

class TestPricing : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write a test file");
        f.write(bytes);
        return path;
    }

    // Loads a modified catalogue through a file on disk, as 'swb cost --pricing' does.
    std::optional<PricingCatalogue> loadEdited(const QJsonObject &root, QString *error)
    {
        return PricingCatalogue::load(
            writeFile(QStringLiteral("edited.json"), QJsonDocument(root).toJson()), error);
    }

private Q_SLOTS:
    void builtInCatalogueIsComplete()
    {
        const PricingCatalogue &c = PricingCatalogue::builtIn();
        QCOMPARE(c.region, QStringLiteral("us-east-1"));
        QCOMPARE(c.currency, QStringLiteral("USD"));
        QVERIFY(!c.date.isEmpty());
        QCOMPARE(c.hoursPerMonth, 730.0);
        for (const auto &[service, id] : PricingCatalogue::requiredDimensions())
            QVERIFY2(c.dimension(service, id), qPrintable(service + QLatin1Char('/') + id));
        for (const PriceDimension &d : c.dimensions) {
            QVERIFY2(!d.source.isEmpty(), qPrintable(d.id));
            QVERIFY2(!d.tiers.isEmpty() && std::isinf(d.tiers.last().upTo), qPrintable(d.id));
        }
        // Facts of resources/help/aws-behaviour.md, read back from the file.
        const PriceDimension *x86 =
            c.dimension(QStringLiteral("lambda"), QStringLiteral("duration-x86_64"));
        QCOMPARE(x86->tiers.size(), 3);
        QCOMPARE(x86->tiers.at(0).upTo, 6e9);
        QCOMPARE(x86->tiers.at(1).upTo, 15e9);
        QCOMPARE(x86->freeTier.quantity, 400000.0);
        QCOMPARE(x86->freeTier.term, FreeTierTerm::Always);
        const PriceDimension *arm =
            c.dimension(QStringLiteral("lambda"), QStringLiteral("duration-arm64"));
        QCOMPARE(arm->tiers.at(0).upTo, 7.5e9);
        QCOMPARE(arm->freeTier.pool, x86->freeTier.pool); // one 400,000 GB-s allowance for both
        const PriceDimension *http =
            c.dimension(QStringLiteral("apigateway"), QStringLiteral("http-requests"));
        QCOMPARE(http->chunkKB, 512.0);
        QCOMPARE(http->freeTier.term, FreeTierTerm::TwelveMonths);
        QCOMPARE(c.dimension(QStringLiteral("sqs"), QStringLiteral("requests-standard"))->chunkKB,
                 64.0);
        QCOMPARE(
            c.dimension(QStringLiteral("kinesis"), QStringLiteral("put-payload-units"))->chunkKB,
            25.0);
        QCOMPARE(c.dimension(QStringLiteral("sns"), QStringLiteral("deliveries-sqs-lambda"))
                     ->tiers.first()
                     .price,
                 0.0);
        // Items the reference marks with a warning sign are flagged as such.
        QCOMPARE(x86->confidence, QStringLiteral("secondary"));
        QCOMPARE(c.dimension(QStringLiteral("lambda"), QStringLiteral("requests"))->confidence,
                 QStringLiteral("verified"));
    }

    void tiersAcrossABoundary()
    {
        const PriceDimension *rest = PricingCatalogue::builtIn().dimension(
            QStringLiteral("apigateway"), QStringLiteral("rest-requests"));
        // 400 M REST requests: 333 M x $3.50/M + 67 M x $2.80/M = 1,165.50 + 187.60 = 1,353.10.
        QCOMPARE(qRound64(rest->costOfRange(0, 400e6) * 100), 135310);
        // The 1 M free requests come off the first tier: 332 M x 3.50 + 67 M x 2.80 = 1,349.60.
        QCOMPARE(qRound64(rest->costOfRange(1e6, 400e6) * 100), 134960);
        // Beyond every boundary: 333M x 3.5 + 667M x 2.8 + 19,000M x 2.38 + 1,000M x 1.51
        // = 1,165.5 + 1,867.6 + 45,220 + 1,510 = 49,763.10.
        QCOMPARE(qRound64(rest->costOfRange(0, 21e9) * 100), 4976310);
        QVERIFY(rest->priceText().contains(QStringLiteral("$3.5")));
    }

    void meteredChunksRoundUp()
    {
        QCOMPARE(meteredChunks(64, 64), 1.0);
        QCOMPARE(meteredChunks(64.5, 64), 2.0);
        QCOMPARE(meteredChunks(0.001, 64), 1.0); // an empty-ish payload is still one request
        QCOMPARE(meteredChunks(1200, 512), 3.0); // "a 1.2 MB request counts as 3"
        QCOMPARE(meteredChunks(1024, 64), 16.0); // "a 1 MiB message = 16"
        QCOMPARE(meteredChunks(26, 25), 2.0);
    }

    void lambdaPricingPageExample_data()
    {
        QTest::addColumn<double>("gbSecondPrice");
        QTest::addColumn<qint64>("expectedCents");
        // 3,000,000 requests x 1 s x 512 MB = 1,500,000 GB-s; minus 400,000 free = 1,100,000 GB-s.
        // Requests: 3,000,000 - 1,000,000 free = 2,000,000 x $0.20/M = $0.40.
        // Precise rate: 1,100,000 x 0.0000166667 = $18.33 -> $18.73 in all.
        // Page rate:    1,100,000 x 0.00001667   = $18.34 -> $18.74 in all.
        QTest::newRow("precise rate") << 0.0000166667 << qint64(1873);
        QTest::newRow("page rate") << 0.00001667 << qint64(1874);
    }

    void lambdaPricingPageExample()
    {
        QFETCH(double, gbSecondPrice);
        QFETCH(qint64, expectedCents);
        const QJsonObject edited =
            withDimension(builtInJson(), QStringLiteral("lambda"),
                          QStringLiteral("duration-x86_64"), [gbSecondPrice](QJsonObject &d) {
                              QJsonArray tiers = d.value(QStringLiteral("tiers")).toArray();
                              QJsonObject first = tiers.at(0).toObject();
                              first.insert(QStringLiteral("price"), gbSecondPrice);
                              tiers.replace(0, first);
                              d.insert(QStringLiteral("tiers"), tiers);
                          });
        QString error;
        const std::optional<PricingCatalogue> catalogue = loadEdited(edited, &error);
        QVERIFY2(catalogue, qPrintable(error));
        Design design;
        const Component fn = design.makeComponent(ComponentKind::Lambda, QStringLiteral("f"), {});
        design.components.insert(fn.id, fn);
        const QList<UsageQuantity> usage = {
            {fn.id, QStringLiteral("lambda"), QStringLiteral("requests"), 3e6, {}},
            {fn.id,
             QStringLiteral("lambda"),
             QStringLiteral("duration-x86_64"),
             3e6 * 1.0 * 512 / 1024,
             {}},
        };
        const CostReport report = priceUsage(design, *catalogue, usage, CostOptions{});
        QCOMPARE(report.lines.size(), 2);
        QCOMPARE(toCents(report.lines.at(0).usd), qint64(40));
        QCOMPARE(report.totalCents(), expectedCents);
        QCOMPARE(toCents(report.totalUsd), expectedCents);
    }

    void badFilesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QStringList>("expectedInMessage");
        QJsonObject root = builtInJson();
        QTest::newRow("malformed JSON")
            << QByteArray("{\"format\": \"swb-pricing\", \"region\": ")
            << QStringList{QStringLiteral("not valid JSON"), QStringLiteral("offset")};
        QTest::newRow("not a price list")
            << QByteArray("{\"hello\": 1}") << QStringList{QStringLiteral("format")};

        QJsonObject missing = root;
        {
            QJsonObject services = missing.value(QStringLiteral("services")).toObject();
            QJsonObject sqs = services.value(QStringLiteral("sqs")).toObject();
            QJsonObject dims = sqs.value(QStringLiteral("dimensions")).toObject();
            dims.remove(QStringLiteral("requests-fifo"));
            sqs.insert(QStringLiteral("dimensions"), dims);
            services.insert(QStringLiteral("sqs"), sqs);
            missing.insert(QStringLiteral("services"), services);
        }
        QTest::newRow("missing dimension")
            << QJsonDocument(missing).toJson()
            << QStringList{QStringLiteral("services.sqs.dimensions.requests-fifo"),
                           QStringLiteral("missing")};

        const QJsonObject negative = withDimension(
            root, QStringLiteral("sqs"), QStringLiteral("requests-standard"), [](QJsonObject &d) {
                QJsonArray tiers = d.value(QStringLiteral("tiers")).toArray();
                QJsonObject t = tiers.at(1).toObject();
                t.insert(QStringLiteral("price"), -0.3);
                tiers.replace(1, t);
                d.insert(QStringLiteral("tiers"), tiers);
            });
        QTest::newRow("negative price")
            << QJsonDocument(negative).toJson()
            << QStringList{QStringLiteral("services.sqs.dimensions.requests-standard.tiers[1]"
                                          ".price"),
                           QStringLiteral("-0.3 is out of range (allowed: 0 to 1e+12)")};
        // Found by fuzzing: an absurd price or "per" made every bill infinite.
        const QJsonObject huge = withDimension(
            root, QStringLiteral("sqs"), QStringLiteral("requests-standard"), [](QJsonObject &d) {
                QJsonArray tiers = d.value(QStringLiteral("tiers")).toArray();
                QJsonObject t = tiers.at(0).toObject();
                t.insert(QStringLiteral("price"), 1e308);
                tiers.replace(0, t);
                d.insert(QStringLiteral("tiers"), tiers);
            });
        QTest::newRow("huge price")
            << QJsonDocument(huge).toJson()
            << QStringList{QStringLiteral("requests-standard.tiers[0].price: 1e+308 is out of "
                                          "range")};
        const QJsonObject tinyPer =
            withDimension(root, QStringLiteral("sqs"), QStringLiteral("requests-standard"),
                          [](QJsonObject &d) { d.insert(QStringLiteral("per"), 1e-300); });
        QTest::newRow("tiny per") << QJsonDocument(tinyPer).toJson()
                                  << QStringList{QStringLiteral(
                                         "requests-standard.per: 1e-300 is out of range")};

        const QJsonObject descending = withDimension(
            root, QStringLiteral("lambda"), QStringLiteral("duration-x86_64"), [](QJsonObject &d) {
                QJsonArray tiers = d.value(QStringLiteral("tiers")).toArray();
                QJsonObject t = tiers.at(1).toObject();
                t.insert(QStringLiteral("upTo"), 1000.0); // below the first tier's 6 B
                tiers.replace(1, t);
                d.insert(QStringLiteral("tiers"), tiers);
            });
        QTest::newRow("tiers out of order")
            << QJsonDocument(descending).toJson()
            << QStringList{QStringLiteral("duration-x86_64.tiers[1].upTo")};

        const QJsonObject badTerm = withDimension(
            root, QStringLiteral("sns"), QStringLiteral("publishes-standard"), [](QJsonObject &d) {
                QJsonObject f = d.value(QStringLiteral("freeTier")).toObject();
                f.insert(QStringLiteral("term"), QStringLiteral("forever"));
                d.insert(QStringLiteral("freeTier"), f);
            });
        QTest::newRow("bad free-tier term")
            << QJsonDocument(badTerm).toJson()
            << QStringList{QStringLiteral("publishes-standard.freeTier.term"),
                           QStringLiteral("forever"), QStringLiteral("always or 12-months")};

        const QJsonObject noPrice = withDimension(
            root, QStringLiteral("kinesis"), QStringLiteral("shard-hours"), [](QJsonObject &d) {
                QJsonArray tiers = d.value(QStringLiteral("tiers")).toArray();
                QJsonObject t = tiers.at(0).toObject();
                t.insert(QStringLiteral("price"), QStringLiteral("cheap"));
                tiers.replace(0, t);
                d.insert(QStringLiteral("tiers"), tiers);
            });
        QTest::newRow("price not a number")
            << QJsonDocument(noPrice).toJson()
            << QStringList{QStringLiteral("shard-hours.tiers[0].price"),
                           QStringLiteral("must be a number")};
    }

    void badFilesAreRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, expectedInMessage);
        const QString path = writeFile(QStringLiteral("bad.json"), bytes);
        QString error;
        QVERIFY(!PricingCatalogue::load(path, &error));
        QVERIFY2(error.contains(path), qPrintable(error)); // names the file
        for (const QString &part : expectedInMessage)
            QVERIFY2(error.contains(part), qPrintable(error + QStringLiteral(" | ") + part));
    }

    void unreadableFileIsRefused()
    {
        QString error;
        const QString path = m_dir.filePath(QStringLiteral("absent.json"));
        QVERIFY(!PricingCatalogue::load(path, &error));
        QVERIFY(error.contains(path));
        QVERIFY(error.contains(QStringLiteral("cannot be read")));
    }
};

QTEST_GUILESS_MAIN(TestPricing)
#include "pricing.moc"
