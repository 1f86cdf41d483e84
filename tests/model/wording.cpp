// "a" or "an" by how a noun is said (initialisms by their first letter's name), and counts with
// the noun in the right number.

#include "model/kinds.h"
#include "model/wording.h"

#include <QTest>

using namespace swb;

class TestWording : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void articles_data()
    {
        QTest::addColumn<QString>("noun");
        QTest::addColumn<QString>("expected");
        QTest::newRow("SQS") << "SQS queue"
                             << "an SQS queue";
        QTest::newRow("SNS") << "SNS topic"
                             << "an SNS topic";
        QTest::newRow("API") << "API Gateway"
                             << "an API Gateway";
        QTest::newRow("Lambda") << "Lambda function"
                                << "a Lambda function";
        QTest::newRow("Kinesis") << "Kinesis stream"
                                 << "a Kinesis stream";
        QTest::newRow("Step Functions") << "Step Functions state machine"
                                        << "a Step Functions state machine";
        QTest::newRow("on-failure") << "on-failure destination / DLQ"
                                    << "an on-failure destination / DLQ";
        QTest::newRow("DLQ") << "DLQ"
                             << "a DLQ";
        QTest::newRow("HTTP") << "HTTP API"
                              << "an HTTP API";
        QTest::newRow("event") << "event source mapping"
                               << "an event source mapping";
        QTest::newRow("traffic") << "traffic source"
                                 << "a traffic source";
    }
    void articles()
    {
        QFETCH(QString, noun);
        QFETCH(QString, expected);
        QCOMPARE(withArticle(noun), expected);
        QCOMPARE(withArticle(noun, true), expected.at(0).toUpper() + expected.mid(1));
    }

    void everyKindNameReadsRight()
    {
        QCOMPARE(withArticle(componentKindName(ComponentKind::SqsQueue), true),
                 QStringLiteral("An SQS queue"));
        QCOMPARE(withArticle(componentKindName(ComponentKind::ApiGateway)),
                 QStringLiteral("an API Gateway"));
        QCOMPARE(withArticle(componentKindName(ComponentKind::Downstream)),
                 QStringLiteral("a Downstream dependency"));
    }

    void counts()
    {
        QCOMPARE(counted(0, QStringLiteral("error")), QStringLiteral("0 errors"));
        QCOMPARE(counted(1, QStringLiteral("error")), QStringLiteral("1 error"));
        QCOMPARE(counted(2, QStringLiteral("warning")), QStringLiteral("2 warnings"));
        QCOMPARE(counted(3, QStringLiteral("Kinesis shard")), QStringLiteral("3 Kinesis shards"));
        QCOMPARE(counted(2, QStringLiteral("entry"), QStringLiteral("entries")),
                 QStringLiteral("2 entries"));
    }
};

QTEST_GUILESS_MAIN(TestWording)
#include "wording.moc"
