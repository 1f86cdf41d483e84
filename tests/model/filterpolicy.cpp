// SNS filter policies and message attributes in the parameters' grammar (model/filterpolicy.h):
// what parses, what is refused, and that a match share is always a probability.

#include "model/filterpolicy.h"

#include <QTest>

using namespace swb;

class TestFilterPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchSharesFollowSnsRules()
    {
        QString error;
        // Values of one name are OR-ed, names AND-ed; a message without the name is not sent.
        const auto either =
            filterPolicyMatchShare(QStringLiteral("type=order, type=refund"),
                                   QStringLiteral("type=order:0.7,type=refund:0.2"), &error);
        QVERIFY(either && qFuzzyCompare(*either, 0.9));
        QCOMPARE(filterPolicyMatchShare(QStringLiteral("type=order, region=eu"),
                                        QStringLiteral("type=order:0.5,region=eu:0.5"), &error),
                 std::optional<double>(0.25));
        QCOMPARE(filterPolicyMatchShare(QString(), QStringLiteral("type=order:0.5"), &error),
                 std::optional<double>(1.0));
    }

    // Found by fuzzing: "nan" passed the share check (NaN compares false both ways), and the
    // match share came out NaN.
    void sharesThatAreNotProbabilitiesAreRefused_data()
    {
        QTest::addColumn<QString>("attributes");
        QTest::newRow("nan") << QStringLiteral("type=order:nan");
        QTest::newRow("inf") << QStringLiteral("type=order:inf");
        QTest::newRow("above 1") << QStringLiteral("type=order:1e308");
        QTest::newRow("negative") << QStringLiteral("type=order:-0.1");
        QTest::newRow("sum above 1") << QStringLiteral("type=order:0.7,type=refund:0.4");
        QTest::newRow("no share") << QStringLiteral("type=order");
    }

    void sharesThatAreNotProbabilitiesAreRefused()
    {
        QFETCH(QString, attributes);
        QString error;
        QVERIFY(!filterPolicyMatchShare(QStringLiteral("type=order"), attributes, &error));
        QVERIFY2(error.contains(QLatin1String("type")), qPrintable(error));
    }

    void badPolicyIsRefused()
    {
        QString error;
        QList<FilterRule> rules;
        QVERIFY(!parseFilterPolicy(QStringLiteral("type"), &rules, &error));
        QVERIFY2(error.contains(QLatin1String("not name=value")), qPrintable(error));
        QVERIFY(!parseFilterPolicy(QStringLiteral("=x"), &rules, &error));
    }
};

QTEST_GUILESS_MAIN(TestFilterPolicy)
#include "filterpolicy.moc"
