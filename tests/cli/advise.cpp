// swb advise through the built binary: the JSON report parses with its documented fields, the
// Markdown is a pull-request comment (a heading and a table), --apply writes a design on which
// the diagnosis is gone, and the gates set the exit code.

#include "clitestutil.h"

#include "model/patterns.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace swb;
using test::runSwb;
using test::SwbResult;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// api-lambda at 300 req/s against a reservation of 5: throttled, with one verified fix.
const QStringList kThrottled = {s("--set"), s("orders-traffic.rate=300"),
                                s("--set"), s("orders-service.reservedConcurrency=5"),
                                s("-d"),    s("10m")};

} // namespace

class TestCliAdvise : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_design;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_design = m_dir.filePath(s("api.swb.yaml"));
        QVERIFY(test::saveDesignFile(m_design, *makePattern(s("api-lambda"))));
    }

    void jsonReportParses()
    {
        const SwbResult r =
            runSwb(QStringList{s("advise"), m_design, s("-f"), s("json")} + kThrottled);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QJsonParseError error;
        const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(root.value(s("format")).toString(), s("swb-advise"));
        QVERIFY(root.value(s("passed")).toBool());
        const QJsonArray diagnoses = root.value(s("diagnoses")).toArray();
        QCOMPARE(diagnoses.size(), 1);
        const QJsonObject d = diagnoses.first().toObject();
        QCOMPARE(d.value(s("rule")).toString(), s("lambda-throttling"));
        QCOMPARE(d.value(s("blocks")).toArray().first().toString(), s("orders-service"));
        QVERIFY(d.value(s("toSeconds")).toDouble() > d.value(s("fromSeconds")).toDouble());
        QVERIFY(d.value(s("awsRule")).toString().contains(s("aws-behaviour.md")));
        const QJsonObject fix = root.value(s("fixes")).toArray().first().toObject();
        QVERIFY(fix.value(s("verified")).toBool());
        const QJsonObject change = fix.value(s("changes")).toArray().first().toObject();
        QCOMPARE(change.value(s("key")).toString(), s("reservedConcurrency"));
        QCOMPARE(change.value(s("from")).toInteger(), 5);
        QVERIFY(change.value(s("to")).toInteger() > 5);
        QVERIFY(fix.value(s("after")).toObject().value(s("throttles")).toDouble()
                < fix.value(s("before")).toObject().value(s("throttles")).toDouble());
        QVERIFY(root.value(s("combined")).isObject());
    }

    void markdownIsAPullRequestComment()
    {
        const SwbResult r =
            runSwb(QStringList{s("advise"), m_design, s("-f"), s("markdown")} + kThrottled);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(s("### swb advise api.swb.yaml")), qPrintable(r.out.left(200)));
        QVERIFY(r.out.contains(s("| rule ")));
        QVERIFY(r.out.contains(s("| lambda-throttling ")));
        QVERIFY(r.out.contains(s("#### Fixes")));
    }

    void applyWritesADesignWithoutTheDiagnosis()
    {
        const QString fixed = m_dir.filePath(s("fixed.swb.yaml"));
        SwbResult r = runSwb(QStringList{s("advise"), m_design, s("--apply"), fixed} + kThrottled);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(s("wrote")), qPrintable(r.err));
        Design d;
        QVERIFY(test::loadDesignFile(fixed, &d));
        QVERIFY(
            d.componentByName(s("orders-service"))->params.value(s("reservedConcurrency")).toInt()
            > 5);
        // The what-if traffic (--set) is applied too, so the fixed file is advised as it is.
        r = runSwb({s("advise"), fixed, s("-f"), s("json"), s("-d"), s("10m")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(
            QJsonDocument::fromJson(r.out.toUtf8()).object().value(s("diagnoses")).toArray().size(),
            0);
    }

    // A structural fix (a dead-letter queue for a queue without one): the JSON names a new block
    // and a new wire with their parameters, the heading counts in words, and --apply writes both.
    void structuralFixAddsABlockAndAWire()
    {
        Design design = *makePattern(s("sqs-lambda"));
        const ComponentId dlq = design.componentByName(s("jobs-dlq"))->id;
        design.components.remove(dlq);
        for (const ConnectionId w : design.connectionsOf(dlq))
            design.connections.remove(w);
        const QString file = m_dir.filePath(s("nodlq.swb.yaml"));
        QVERIFY(test::saveDesignFile(file, design));
        const QStringList poison = {s("--set"), s("jobs-traffic.poisonShare=0.02"), s("-d"),
                                    s("30m")};
        SwbResult r = runSwb(QStringList{s("advise"), file, s("-f"), s("json")} + poison);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QJsonObject fix;
        for (const QJsonValue v : root.value(s("fixes")).toArray())
            if (v.toObject().value(s("rule")).toString() == s("sqs-no-dlq"))
                fix = v.toObject();
        QVERIFY(fix.value(s("verified")).toBool());
        const QJsonArray changes = fix.value(s("changes")).toArray();
        QCOMPARE(changes.size(), 2);
        QCOMPARE(changes.at(0).toObject().value(s("on")).toString(), s("new-block"));
        QCOMPARE(changes.at(0).toObject().value(s("block")).toString(), s("jobs-queue-dlq"));
        QCOMPARE(changes.at(0).toObject().value(s("key")).toString(), s("sqs"));
        QCOMPARE(changes.at(1).toObject().value(s("on")).toString(), s("new-wire"));
        QCOMPARE(changes.at(1).toObject().value(s("key")).toString(), s("redrive"));
        QCOMPARE(
            changes.at(1).toObject().value(s("to")).toObject().value(s("maxReceiveCount")).toInt(),
            5);
        r = runSwb(QStringList{s("advise"), file, s("-f"), s("markdown")} + poison);
        QVERIFY2(r.out.contains(s(": 1 diagnosis, 1 verified fix")), qPrintable(r.out.left(200)));

        const QString fixed = m_dir.filePath(s("withdlq.swb.yaml"));
        r = runSwb(QStringList{s("advise"), file, s("--apply"), fixed} + poison);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        Design d;
        QVERIFY(test::loadDesignFile(fixed, &d));
        const Component *added = d.componentByName(s("jobs-queue-dlq"));
        QVERIFY(added);
        bool redrive = false;
        for (const Connection *w : d.outgoing(d.componentByName(s("jobs-queue"))->id))
            redrive = redrive || (w->kind == ConnectionKind::Redrive && w->target == added->id);
        QVERIFY(redrive);
    }

    // swb simulate and swb check list what hurt after their own report.
    void simulateAndCheckListTheDiagnoses()
    {
        SwbResult r = runSwb(QStringList{s("simulate"), m_design} + kThrottled);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(s("Diagnoses")) && r.out.contains(s("lambda-throttling")),
                 qPrintable(r.out));
        // swb check has no --set: a throttled copy of the design is written for it.
        const QString throttled = m_dir.filePath(s("throttled.swb.yaml"));
        QVERIFY(QFile::copy(m_design, throttled));
        r = runSwb({s("set"), throttled, s("orders-traffic.rate=300"),
                    s("orders-service.reservedConcurrency=5"), s("project.duration=600")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = runSwb({s("check"), throttled, s("--budget"), s("100000"), s("-f"), s("json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonArray diagnoses =
            QJsonDocument::fromJson(r.out.toUtf8()).object().value(s("diagnoses")).toArray();
        QCOMPARE(diagnoses.size(), 1);
        QCOMPARE(diagnoses.first().toObject().value(s("rule")).toString(), s("lambda-throttling"));
    }

    void gatesSetTheExitCode()
    {
        SwbResult r =
            runSwb({s("advise"), m_design, s("--target-p99"), s("1ms"), s("-d"), s("5m")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(s("p99-over-target")), qPrintable(r.out));
        r = runSwb({s("advise"), m_design, s("--budget"), s("1/month"), s("-d"), s("5m")});
        QCOMPARE(r.code, 1);
        r = runSwb({s("advise"), m_design, s("--target-p99"), s("soon")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(s("--target-p99")), qPrintable(r.err));
        r = runSwb({s("advise"), m_design, s("-d"), s("5m")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(s("Nothing hurt")), qPrintable(r.out));
    }
};

QTEST_GUILESS_MAIN(TestCliAdvise)
#include "advise.moc"
