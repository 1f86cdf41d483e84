// The one helper set every reader checks outside numbers with (model/checkednumbers.h): finite,
// in range, whole where the field is, refused with the field's path; and the conversions of
// computed values that saturate instead of being undefined.

#include "model/checkednumbers.h"

#include <QPointF>
#include <QTest>

#include <cmath>
#include <limits>

using namespace swb;

class TestCheckedNumbers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valuesInRangePass()
    {
        QString error;
        QCOMPARE(checked::real(2.5, 0, 10, QStringLiteral("a"), &error), 2.5);
        QCOMPARE(checked::whole(7, 1, 10, QStringLiteral("a"), &error), qint64(7));
        QCOMPARE(checked::count(0, QStringLiteral("a"), &error), qint64(0));
        QCOMPARE(checked::count(double(checked::kMaxWhole), QStringLiteral("a"), &error),
                 checked::kMaxWhole);
        QCOMPARE(checked::id(0, QStringLiteral("a"), &error, true), qint64(0));
        QCOMPARE(checked::coordinate(-1e7, QStringLiteral("a"), &error), -1e7);
        QCOMPARE(checked::seconds(31536000, 0, QStringLiteral("a"), &error), 31536000.0);
        QVERIFY(error.isEmpty());
    }

    void refusalsNameTheFieldAndTheRange_data()
    {
        QTest::addColumn<int>("check");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("message");
        const double inf = std::numeric_limits<double>::infinity();
        QTest::newRow("huge count") << 0 << 1e308
                                    << "series[2].values: 1e+308 is out of range (allowed: 0 to "
                                       "9.00719925474e+15)";
        QTest::newRow("negative count") << 0 << -1.0 << "series[2].values: -1 is out of range";
        QTest::newRow("fractional count") << 0 << 0.5 << "series[2].values: 0.5 is not a whole";
        QTest::newRow("nan") << 0 << std::nan("") << "series[2].values: is not a number";
        QTest::newRow("id 0") << 1 << 0.0 << "series[2].values: 0 is out of range (allowed: 1 to";
        QTest::newRow("id 2^63") << 1 << std::ldexp(1.0, 63)
                                 << "series[2].values: 9.22337203685e+18 is out of range";
        QTest::newRow("coordinate") << 2 << inf << "series[2].values: inf is out of range";
        QTest::newRow("time") << 3 << 1e300 << "series[2].values: 1e+300 is out of range";
    }

    void refusalsNameTheFieldAndTheRange()
    {
        QFETCH(int, check);
        QFETCH(double, value);
        QFETCH(QString, message);
        const QString path = QStringLiteral("series[2].values");
        QString error;
        bool refused = false;
        switch (check) {
        case 0:
            refused = !checked::count(value, path, &error);
            break;
        case 1:
            refused = !checked::id(value, path, &error);
            break;
        case 2:
            refused = !checked::coordinate(value, path, &error);
            break;
        case 3:
            refused = !checked::seconds(value, 0, path, &error);
            break;
        }
        QVERIFY(refused);
        QVERIFY2(error.startsWith(message), qPrintable(error));
    }

    // A bound near the type's limit rounds up to 2^63 as a double: the check must not let
    // 2^63 through to the conversion.
    void boundsAtTheTypeLimitStayDefined()
    {
        QString error;
        const qint64 max = std::numeric_limits<qint64>::max();
        QVERIFY(!checked::whole(std::ldexp(1.0, 63), 0, max, QStringLiteral("n"), &error));
        QVERIFY(checked::whole(std::ldexp(1.0, 62), 0, max, QStringLiteral("n"), &error));
    }

    void computedValuesSaturate()
    {
        QCOMPARE(checked::saturatingRound(2.5), qint64(3));
        QCOMPARE(checked::saturatingRound(-2.5), qint64(-3));
        QCOMPARE(checked::saturatingRound(1e308), std::numeric_limits<qint64>::max());
        QCOMPARE(checked::saturatingRound(-1e308), std::numeric_limits<qint64>::min());
        QCOMPARE(checked::saturatingRound(std::nan("")), qint64(0));
        QCOMPARE(checked::clampPoint(QPointF(1e308, -std::ldexp(1.0, 63))), QPointF(1e7, -1e7));
        QCOMPARE(checked::clampPoint(QPointF(std::nan(""), 5)), QPointF(0, 5));
    }
};

QTEST_GUILESS_MAIN(TestCheckedNumbers)
#include "checkednumbers.moc"
