// swb cost through the built binary: on every bundled pattern the printed rows add up to the
// printed total, table, csv and json agree, options and bad input behave.

#include "clitestutil.h"

#include "model/fileformat.h"
#include "model/patterns.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace swb;

namespace {

using Result = swb::test::SwbResult;
using swb::test::runSwb;

qint64 cents(const QString &text)
{
    static const QRegularExpression money(QStringLiteral("^-?\\d+\\.\\d\\d$"));
    if (!money.match(text).hasMatch())
        qFatal("not an amount in cents: '%s'", qPrintable(text));
    QString digits = text;
    digits.remove(QLatin1Char('.'));
    return digits.toLongLong();
}

// RFC 4180 fields of one line (quotes double inside quoted fields).
QStringList csvFields(const QString &line)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < line.size() && line.at(i + 1) == QLatin1Char('"'))
                field += c, ++i;
            else if (c == QLatin1Char('"'))
                quoted = false;
            else
                field += c;
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            fields.append(field);
            field.clear();
        } else {
            field += c;
        }
    }
    fields.append(field);
    return fields;
}

} // namespace

class TestCliCost : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString patternFile(const QString &id)
    {
        const QString path = m_dir.filePath(id + QStringLiteral(".swb"));
        if (QFile::exists(path))
            return path;
        const std::optional<Design> design = makePattern(id);
        if (!design)
            qFatal("unknown pattern %s", qPrintable(id));
        QString error;
        std::unique_ptr<FileFormat> format = FileFormats::forWriting(path, &error);
        if (!format || !format->write(path, *design))
            qFatal("cannot write %s: %s", qPrintable(path),
                   qPrintable(format ? format->errorString() : error));
        return path;
    }

private Q_SLOTS:
    void patternsAddUp_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("freeTierFlag");
        QVERIFY(!patternIds().isEmpty());
        for (const QString &id : patternIds()) {
            QTest::newRow(qPrintable(id)) << id << QString();
            QTest::newRow(qPrintable(id + QStringLiteral(" no free tier")))
                << id << QStringLiteral("--no-free-tier");
        }
    }

    void patternsAddUp()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, freeTierFlag);
        QStringList base = {QStringLiteral("cost"), patternFile(pattern)};
        if (!freeTierFlag.isEmpty())
            base.append(freeTierFlag);

        // csv: every row's usd adds up to the TOTAL row.
        const Result csv =
            runSwb(base + QStringList{QStringLiteral("--format"), QStringLiteral("csv")});
        QVERIFY2(csv.code == 0, qPrintable(csv.err));
        QStringList csvLines = csv.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(csvLines.size() >= 3);
        QCOMPARE(csvFields(csvLines.takeFirst()).last(), QStringLiteral("usd"));
        const QStringList totalRow = csvFields(csvLines.takeLast());
        QCOMPARE(totalRow.first(), QStringLiteral("TOTAL"));
        const qint64 total = cents(totalRow.last());
        QVERIFY(total > 0);
        qint64 sum = 0;
        QList<QStringList> csvRows;
        for (const QString &line : csvLines) {
            csvRows.append(csvFields(line));
            QCOMPARE(csvRows.last().size(), 8);
            sum += cents(csvRows.last().last());
        }
        QCOMPARE(sum, total);

        // json: the same rows with the same numbers.
        const Result json =
            runSwb(base + QStringList{QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(json.code == 0, qPrintable(json.err));
        QJsonParseError error;
        const QJsonObject root = QJsonDocument::fromJson(json.out.toUtf8(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const QJsonArray lines = root.value(QStringLiteral("lines")).toArray();
        QCOMPARE(lines.size(), csvRows.size());
        qint64 jsonSum = 0;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QJsonObject l = lines.at(i).toObject();
            const QStringList &row = csvRows.at(i);
            QCOMPARE(l.value(QStringLiteral("component")).toString(), row.at(0));
            QCOMPARE(l.value(QStringLiteral("dimension")).toString(), row.at(2));
            QCOMPARE(l.value(QStringLiteral("quantity")).toDouble(), row.at(3).toDouble());
            QCOMPARE(l.value(QStringLiteral("freeQuantity")).toDouble(), row.at(5).toDouble());
            const qint64 c = qRound64(l.value(QStringLiteral("usd")).toDouble() * 100);
            QCOMPARE(c, cents(row.at(7)));
            jsonSum += c;
        }
        QCOMPARE(qRound64(root.value(QStringLiteral("total")).toDouble() * 100), total);
        QCOMPARE(jsonSum, total);
        QCOMPARE(root.value(QStringLiteral("freeTier")).toBool(), freeTierFlag.isEmpty());

        // table: the last column of the rows adds up to the TOTAL row, the same total again.
        const Result table = runSwb(base);
        QVERIFY2(table.code == 0, qPrintable(table.err));
        const QStringList tableLines = table.out.split(QLatin1Char('\n'));
        const qsizetype header =
            tableLines.indexOf(QRegularExpression(QStringLiteral("COMPONENT .*")));
        const qsizetype rule = tableLines.indexOf(QRegularExpression(QStringLiteral("TOTAL .*")));
        QVERIFY(header > 0 && rule > header);
        QCOMPARE(rule - header - 1, csvRows.size());
        qint64 tableSum = 0;
        for (qsizetype i = header + 1; i < rule; ++i)
            tableSum += cents(tableLines.at(i).split(QLatin1Char(' '), Qt::SkipEmptyParts).last());
        const QStringList totalLine =
            tableLines.at(rule).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        QCOMPARE(totalLine.first(), QStringLiteral("TOTAL"));
        QCOMPARE(cents(totalLine.last()), total);
        QCOMPARE(tableSum, total);
    }

    void freeTierLowersTheBill()
    {
        const QString file = patternFile(QStringLiteral("sqs-lambda"));
        auto total = [&](const QStringList &extra) {
            const Result r = runSwb(QStringList{QStringLiteral("cost"), file,
                                                QStringLiteral("--format"), QStringLiteral("json")}
                                    + extra);
            return QJsonDocument::fromJson(r.out.toUtf8())
                .object()
                .value(QStringLiteral("total"))
                .toDouble();
        };
        // The always-free allowances (1 M Lambda requests, 400,000 GB-s, 1 M SQS requests) are
        // worth at least $0.20 + $6.67 + $0.40 when the function is busy.
        QVERIFY(total({QStringLiteral("--no-free-tier")}) - total({}) > 7.0);
    }

    void projectFreeTierSettingIsTheDefault()
    {
        std::optional<Design> design = makePattern(QStringLiteral("sqs-lambda"));
        QVERIFY(design);
        design->settings.insert(QStringLiteral("freeTier"), false);
        const QString path = m_dir.filePath(QStringLiteral("no-free-tier.swb"));
        std::unique_ptr<FileFormat> format = FileFormats::forWriting(path);
        QVERIFY(format && format->write(path, *design));
        auto run = [&](const QStringList &extra) {
            const Result r = runSwb(QStringList{QStringLiteral("cost"), path,
                                                QStringLiteral("--format"), QStringLiteral("json")}
                                    + extra);
            return QJsonDocument::fromJson(r.out.toUtf8()).object();
        };
        QCOMPARE(run({}).value(QStringLiteral("freeTier")).toBool(), false);
        const QJsonObject reference = run({});
        const QString patternPath = patternFile(QStringLiteral("sqs-lambda"));
        const Result withFree =
            runSwb({QStringLiteral("cost"), patternPath, QStringLiteral("--no-free-tier"),
                    QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(reference.value(QStringLiteral("total")).toDouble(),
                 QJsonDocument::fromJson(withFree.out.toUtf8())
                     .object()
                     .value(QStringLiteral("total"))
                     .toDouble());
        // --new-account turns the free tiers on, the 12-month ones included.
        const QJsonObject newAccount = run({QStringLiteral("--new-account")});
        QVERIFY(newAccount.value(QStringLiteral("twelveMonthFreeTier")).toBool());
        QVERIFY(newAccount.value(QStringLiteral("total")).toDouble()
                < reference.value(QStringLiteral("total")).toDouble());
    }

    void replacementCatalogueIsUsed()
    {
        // Double the Lambda request price in a copy of the bundled catalogue: the request rows
        // double, nothing else changes.
        QFile bundled(QStringLiteral(SWB_SOURCE_DIR "/resources/pricing/us-east-1.json"));
        QVERIFY(bundled.open(QIODevice::ReadOnly));
        QByteArray text = bundled.readAll();
        const QByteArray from = "\"tiers\": [{\"upTo\": null, \"price\": 0.20}]";
        QVERIFY(text.contains(from));
        text.replace(from, "\"tiers\": [{\"upTo\": null, \"price\": 0.40}]");
        const QString path = m_dir.filePath(QStringLiteral("doubled.json"));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
        out.close();
        const QString file = patternFile(QStringLiteral("api-lambda"));
        auto lines = [&](const QStringList &extra) {
            const Result r =
                runSwb(QStringList{QStringLiteral("cost"), file, QStringLiteral("--no-free-tier"),
                                   QStringLiteral("--format"), QStringLiteral("json")}
                       + extra);
            return QJsonDocument::fromJson(r.out.toUtf8())
                .object()
                .value(QStringLiteral("lines"))
                .toArray();
        };
        const QJsonArray normal = lines({});
        const QJsonArray doubled = lines({QStringLiteral("--pricing"), path});
        QCOMPARE(doubled.size(), normal.size());
        int requestRows = 0;
        for (qsizetype i = 0; i < normal.size(); ++i) {
            const QJsonObject a = normal.at(i).toObject();
            const QJsonObject b = doubled.at(i).toObject();
            const double ratio = b.value(QStringLiteral("usdExact")).toDouble()
                                 / a.value(QStringLiteral("usdExact")).toDouble();
            const bool lambdaRequests =
                a.value(QStringLiteral("serviceId")) == QStringLiteral("lambda")
                && a.value(QStringLiteral("dimensionId")) == QStringLiteral("requests");
            requestRows += lambdaRequests;
            QVERIFY(qAbs(ratio - (lambdaRequests ? 2.0 : 1.0)) < 1e-12);
        }
        QVERIFY(requestRows > 0);
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QStringList>("inMessage");
        QTest::newRow("no file") << QStringList{} << 2
                                 << QStringList{QStringLiteral("missing FILE")};
        QTest::newRow("unknown format")
            << QStringList{QStringLiteral("@pattern"), QStringLiteral("--format"),
                           QStringLiteral("xml")}
            << 2
            << QStringList{QStringLiteral("xml"),
                           QStringLiteral("allowed: table, json, csv, markdown")};
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("@pattern"), QStringLiteral("--cheap")} << 2
            << QStringList{QStringLiteral("--cheap")};
        QTest::newRow("missing design") << QStringList{QStringLiteral("@dir/absent.swb")} << 3
                                        << QStringList{QStringLiteral("absent.swb")};
        QTest::newRow("bad catalogue")
            << QStringList{QStringLiteral("@pattern"), QStringLiteral("--pricing"),
                           QStringLiteral("@dir/bad.json")}
            << 3 << QStringList{QStringLiteral("bad.json"), QStringLiteral("not valid JSON")};
        QTest::newRow("conflicting free tier flags")
            << QStringList{QStringLiteral("@pattern"), QStringLiteral("--no-free-tier"),
                           QStringLiteral("--new-account")}
            << 2 << QStringList{QStringLiteral("--new-account")};
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QStringList, inMessage);
        QFile bad(m_dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{ \"format\": ");
        bad.close();
        for (QString &a : args) {
            a.replace(QStringLiteral("@pattern"), patternFile(QStringLiteral("api-lambda")));
            a.replace(QStringLiteral("@dir"), m_dir.path());
        }
        const Result r = runSwb(QStringList{QStringLiteral("cost")} + args);
        QCOMPARE(r.code, exitCode);
        QVERIFY(r.out.isEmpty());
        for (const QString &part : inMessage)
            QVERIFY2(r.err.contains(part), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliCost)
#include "cost.moc"
