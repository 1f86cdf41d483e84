// The clipboard / file JSON of a design: lossless round trip (in memory and through JSON text,
// with value types), the typed encoding of opaque values, and refusal of bad input with a
// message naming the record, leaving the output design untouched.

#include "designfixtures.h"

#include "model/designjson.h"
#include "model/designvalidation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <cmath>

using namespace swb;
using namespace swb::testing;

namespace {

QJsonObject throughText(const QJsonObject &json)
{
    return QJsonDocument::fromJson(QJsonDocument(json).toJson(QJsonDocument::Compact)).object();
}

// Replaces one field of the first array element whose "name" (or "id") matches.
QJsonObject withRecordField(QJsonObject json, const QString &array, const QString &name,
                            const QString &field, const QJsonValue &value)
{
    QJsonArray records = json.value(array).toArray();
    for (qsizetype i = 0; i < records.size(); ++i) {
        QJsonObject record = records.at(i).toObject();
        if (record.value(QStringLiteral("name")).toString() == name
            || QString::number(record.value(QStringLiteral("id")).toInteger()) == name) {
            record.insert(field, value);
            records.replace(i, record);
        }
    }
    json.insert(array, records);
    return json;
}

QJsonObject withParam(QJsonObject json, const QString &block, const QString &key,
                      const QJsonValue &value)
{
    QJsonArray records = json.value(QStringLiteral("components")).toArray();
    for (qsizetype i = 0; i < records.size(); ++i) {
        QJsonObject record = records.at(i).toObject();
        if (record.value(QStringLiteral("name")).toString() != block)
            continue;
        QJsonObject params = record.value(QStringLiteral("params")).toObject();
        if (value.isUndefined())
            params.remove(key);
        else
            params.insert(key, value);
        record.insert(QStringLiteral("params"), params);
        records.replace(i, record);
    }
    json.insert(QStringLiteral("components"), records);
    return json;
}

} // namespace

class TestDesignJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtureIsValid()
    {
        const Design d = fullDesign();
        QString why;
        QVERIFY2(fixtureIsLegal(d, &why), qPrintable(why));
        QCOMPARE(validateDesign(d), QString());
        QCOMPARE(d.connections.size(), allConnectionKinds().size() + 3);
    }

    void roundTripInMemory()
    {
        const Design d = fullDesign();
        Design back;
        QString error;
        QVERIFY2(designFromJson(designToJson(d), &back, &error), qPrintable(error));
        QCOMPARE(designDiff(d, back), QString());
    }

    void roundTripThroughText()
    {
        const Design d = fullDesign();
        Design back;
        QString error;
        QVERIFY2(designFromJson(throughText(designToJson(d)), &back, &error), qPrintable(error));
        QCOMPARE(designDiff(d, back), QString());
    }

    void integralRealsKeepTheirType()
    {
        // "rate" is a Real; 250.0 is written as the JSON integer 250 and must come back a double.
        Design d;
        Component c = d.makeComponent(ComponentKind::TrafficSource, QString(), QPointF(3, 4));
        c.params[QStringLiteral("rate")] = 250.0;
        d.components.insert(c.id, c);
        const QJsonObject json = throughText(designToJson(d));
        const QJsonObject params = json.value(QStringLiteral("components"))
                                       .toArray()
                                       .first()
                                       .toObject()
                                       .value(QStringLiteral("params"))
                                       .toObject();
        QCOMPARE(params.value(QStringLiteral("rate")).toVariant().typeId(),
                 int(QMetaType::LongLong));
        Design back;
        QString error;
        QVERIFY2(designFromJson(json, &back, &error), qPrintable(error));
        const QVariant rate = back.components.first().params.value(QStringLiteral("rate"));
        QCOMPARE(rate.typeId(), int(QMetaType::Double));
        QCOMPARE(rate.toDouble(), 250.0);
        QCOMPARE(back.components.first().params.value(QStringLiteral("pattern")).typeId(),
                 int(QMetaType::QString));
    }

    void opaqueValuesKeepTheirType_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::newRow("integral double") << QVariant(2.0);
        QTest::newRow("fraction") << QVariant(0.1);
        QTest::newRow("nan") << QVariant(std::nan(""));
        QTest::newRow("+inf") << QVariant(INFINITY);
        QTest::newRow("qlonglong max") << QVariant(std::numeric_limits<qlonglong>::max());
        QTest::newRow("int") << QVariant(int(-5));
        QTest::newRow("bool") << QVariant(false);
        QTest::newRow("empty string") << QVariant(QString());
        QTest::newRow("bytes") << QVariant(QByteArray("\0ab", 3));
        QTest::newRow("string list") << QVariant(QStringList{QStringLiteral("x")});
        QTest::newRow("map with $type key") << QVariant(
            QVariantMap{{QStringLiteral("$type"), 1.5}, {QStringLiteral("value"), 3.0}});
        QTest::newRow("nested list") << QVariant(QVariantList{QVariantList{4.0}, QVariantMap{}});
    }

    void opaqueValuesKeepTheirType()
    {
        QFETCH(QVariant, value);
        const QJsonObject json =
            throughText(QJsonObject{{QStringLiteral("v"), variantToJson(value)}});
        QString error;
        const auto back = variantFromJson(json.value(QStringLiteral("v")), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(typedDiff(value, *back, QStringLiteral("v")), QString());
    }

    void unknownTaggedTypeIsRefused()
    {
        QString error;
        const QJsonObject tag{{QStringLiteral("$type"), QStringLiteral("NoSuchType")},
                              {QStringLiteral("value"), 1}};
        QVERIFY(!variantFromJson(tag, &error));
        QVERIFY2(error.contains(QLatin1String("NoSuchType")), qPrintable(error));
    }

    void stringsAndMissingKeysAreNormalised()
    {
        Design d;
        Component c = d.makeComponent(ComponentKind::Lambda, QStringLiteral("fn"), QPointF());
        d.components.insert(c.id, c);
        QJsonObject json = withParam(designToJson(d), QStringLiteral("fn"),
                                     QStringLiteral("timeout"), QStringLiteral("30"));
        json =
            withParam(json, QStringLiteral("fn"), QStringLiteral("memory"), QJsonValue::Undefined);
        Design back;
        QString error;
        QVERIFY2(designFromJson(json, &back, &error), qPrintable(error));
        const QVariantMap params = back.components.first().params;
        QCOMPARE(params.value(QStringLiteral("timeout")).typeId(), int(QMetaType::LongLong));
        QCOMPARE(params.value(QStringLiteral("timeout")).toLongLong(), 30);
        // A file from before a knob existed gets AWS's default for it.
        QCOMPARE(params.value(QStringLiteral("memory")).toLongLong(), 128);
    }

    void badInputIsRefused_data()
    {
        QTest::addColumn<QJsonObject>("json");
        QTest::addColumn<QStringList>("keywords");
        const QJsonObject good = designToJson(fullDesign());
        QTest::newRow("out of range")
            << withParam(good, QStringLiteral("worker"), QStringLiteral("memory"), 20000)
            << QStringList{QStringLiteral("'worker'"), QStringLiteral("Memory"),
                           QStringLiteral("20000"), QStringLiteral("128 to 10240 MB")};
        QTest::newRow("not a whole number")
            << withParam(good, QStringLiteral("worker"), QStringLiteral("timeout"), 2.5)
            << QStringList{QStringLiteral("'worker'"), QStringLiteral("Timeout"),
                           QStringLiteral("2.5"), QStringLiteral("whole number")};
        QTest::newRow("bad choice")
            << withParam(good, QStringLiteral("orders"), QStringLiteral("type"),
                         QStringLiteral("Fancy"))
            << QStringList{QStringLiteral("'orders'"), QStringLiteral("Fancy"),
                           QStringLiteral("Standard, FIFO")};
        QTest::newRow("unknown parameter")
            << withParam(good, QStringLiteral("worker"), QStringLiteral("colour"), 1)
            << QStringList{QStringLiteral("'worker'"), QStringLiteral("colour"),
                           QStringLiteral("memory")};
        QTest::newRow("unknown kind")
            << withRecordField(good, QStringLiteral("components"), QStringLiteral("worker"),
                               QStringLiteral("kind"), QStringLiteral("lambada"))
            << QStringList{QStringLiteral("'worker'"), QStringLiteral("lambada"),
                           QStringLiteral("lambda"), QStringLiteral("known kinds")};
        QTest::newRow("duplicate name")
            << withRecordField(good, QStringLiteral("components"), QStringLiteral("reader"),
                               QStringLiteral("name"), QStringLiteral("worker"))
            << QStringList{QStringLiteral("'worker'"), QStringLiteral("unique")};
        const QString firstWire = QString::number(good.value(QStringLiteral("connections"))
                                                      .toArray()
                                                      .first()[QStringLiteral("id")]
                                                      .toInteger());
        QTest::newRow("dangling wire")
            << withRecordField(good, QStringLiteral("connections"), firstWire,
                               QStringLiteral("target"), 9999)
            << QStringList{QStringLiteral("wire #") + firstWire, QStringLiteral("#9999"),
                           QStringLiteral("does not exist")};
        QTest::newRow("wrong field type")
            << withRecordField(good, QStringLiteral("components"), QStringLiteral("worker"),
                               QStringLiteral("x"), QStringLiteral("left"))
            << QStringList{QStringLiteral("'x'"), QStringLiteral("number"),
                           QStringLiteral("string")};
        // Found by fuzzing: these reached out-of-range conversions (coordinates in the
        // exports, ids in QJsonValue::toInteger, fault times in the core's clock).
        QTest::newRow("huge x") << withRecordField(good, QStringLiteral("components"),
                                                   QStringLiteral("worker"), QStringLiteral("x"),
                                                   1e308)
                                << QStringList{QStringLiteral("'worker'"),
                                               QStringLiteral("x: 1e+308 is out of range"),
                                               QStringLiteral("-10000000 to 10000000")};
        QTest::newRow("y 2^63") << withRecordField(good, QStringLiteral("components"),
                                                   QStringLiteral("worker"), QStringLiteral("y"),
                                                   std::ldexp(1.0, 63))
                                << QStringList{QStringLiteral("'worker'"),
                                               QStringLiteral("y: 9.22337203685e+18")};
        QTest::newRow("id 2^63") << withRecordField(good, QStringLiteral("components"),
                                                    QStringLiteral("worker"), QStringLiteral("id"),
                                                    std::ldexp(1.0, 63))
                                 << QStringList{
                                        QStringLiteral("'id': 9.22337203685e+18 is out of range")};
        QJsonObject hugeNext = good;
        hugeNext.insert(QStringLiteral("nextId"), 1e300);
        QTest::newRow("huge nextId")
            << hugeNext << QStringList{QStringLiteral("'nextId': 1e+300 is out of range")};
        QJsonArray faults = good.value(QStringLiteral("faults")).toArray();
        QJsonObject lateFault = faults.first().toObject();
        lateFault.insert(QStringLiteral("start"), 1e300);
        faults.replace(0, lateFault);
        QJsonObject late = good;
        late.insert(QStringLiteral("faults"), faults);
        QTest::newRow("fault start 1e300")
            << late << QStringList{QStringLiteral("start 1e+300 s must be from 0 to 31536000 s")};
        QJsonObject newer = good;
        newer.insert(QStringLiteral("format"), DesignJsonFormat + 1);
        QTest::newRow("newer format")
            << newer << QStringList{QStringLiteral("newer"), QString::number(DesignJsonFormat + 1)};
        QJsonObject idClash = good;
        idClash.insert(QStringLiteral("nextId"), 3);
        QTest::newRow("id beyond nextId")
            << idClash << QStringList{QStringLiteral("next free id is 3")};
        QJsonObject badSetting = good;
        badSetting.insert(QStringLiteral("settings"),
                          QJsonObject{{QStringLiteral("accountConcurrency"), 5}});
        QTest::newRow("setting out of range")
            << badSetting
            << QStringList{QStringLiteral("Project"), QStringLiteral("Account concurrency"),
                           QStringLiteral("10 to 1000000")};
    }

    void badInputIsRefused()
    {
        QFETCH(QJsonObject, json);
        QFETCH(QStringList, keywords);
        const Design before = fullDesign();
        Design out = before;
        QString error;
        QVERIFY(!designFromJson(json, &out, &error));
        for (const QString &word : keywords)
            QVERIFY2(error.contains(word),
                     qPrintable(QStringLiteral("'%1' not in: %2").arg(word, error)));
        QCOMPARE(designDiff(before, out), QString());
    }
};

QTEST_GUILESS_MAIN(TestDesignJson)
#include "designjson.moc"
