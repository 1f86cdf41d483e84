// `swb simulate`, run as a user would (QProcess): summary table, JSON and CSV results, --seed,
// --set what-ifs validated like GUI edits, bad arguments refused with exit code 2.

#include "clitestutil.h"

#include "model/document.h"
#include "model/fileformat.h"
#include "model/patterns.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace swb;

namespace {

using Result = swb::test::SwbResult;
using swb::test::runSwb;

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestCliSimulate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void summaryAndJson();
    void csvHasOneRowPerBin();
    void seedChangesTheRun();
    void oneSeedGivesByteIdenticalFiles();
    void setAppliesAWhatIf();
    void setOutOfRangeIsRefused();
    void badArguments_data();
    void badArguments();
    void invalidDesignIsRefused();
    void faultOnOneSubscription();

private:
    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }
    QTemporaryDir m_dir;
    QString m_project;
    Design m_design;
};

void TestCliSimulate::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFileInfo::exists(QStringLiteral(SWB_CLI_PATH)), "build the swb target first");
    m_design = *makePattern(QStringLiteral("sns-fanout"));
    m_project = path("fanout.swb");
    auto format = FileFormats::forWriting(m_project);
    QVERIFY(format && format->write(m_project, m_design));
}

void TestCliSimulate::summaryAndJson()
{
    const QString json = path("results.json");
    const Result r = runSwb({QStringLiteral("simulate"), m_project, QStringLiteral("--duration"),
                             QStringLiteral("10m"), QStringLiteral("--out"), json});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    // One summary line per block, under a header naming the figures users check first.
    QVERIFY(r.out.contains(QLatin1String("peak conc")));
    QVERIFY(r.out.contains(QLatin1String("max iter age s")));
    QVERIFY(r.out.contains(QLatin1String("cost $/month")));
    for (const Component &c : m_design.components) {
        bool found = false;
        for (const QString &line : r.out.split(QLatin1Char('\n')))
            found = found || line.startsWith(c.name + QLatin1Char(' '));
        QVERIFY2(found, qPrintable(c.name));
    }
    QVERIFY(r.out.contains(QLatin1String("(balanced)")));
    QVERIFY(r.out.contains(QLatin1String("Simulated 600 s")));

    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(readAll(json), &error);
    QVERIFY2(!doc.isNull(), qPrintable(error.errorString()));
    const QJsonObject root = doc.object();
    QCOMPARE(root.value(QLatin1String("format")).toString(),
             QStringLiteral("swb-simulation-results"));
    const QJsonObject meta = root.value(QLatin1String("metadata")).toObject();
    QCOMPARE(meta.value(QLatin1String("durationSeconds")).toDouble(), 600.0);
    QCOMPARE(meta.value(QLatin1String("design")).toString(), m_design.name);
    QCOMPARE(meta.value(QLatin1String("seed")).toString(),
             m_design.setting(QStringLiteral("seed")).toString());
    const double binWidth = meta.value(QLatin1String("binWidthSeconds")).toDouble();
    QVERIFY(binWidth > 0);
    const int bins = int(std::ceil(600 / binWidth - 1e-9));
    const QJsonArray series = root.value(QLatin1String("series")).toArray();
    QVERIFY(!series.isEmpty());
    bool lambdaConcurrency = false;
    for (const QJsonValue &v : series) {
        const QJsonObject s = v.toObject();
        QCOMPARE(s.value(QLatin1String("values")).toArray().size(), bins);
        QVERIFY(!s.value(QLatin1String("unit")).toString().isEmpty());
        lambdaConcurrency =
            lambdaConcurrency
            || (s.value(QLatin1String("component")).toString() == QLatin1String("billing-worker")
                && s.value(QLatin1String("name")).toString()
                       == QLatin1String("lambda.concurrency"));
    }
    QVERIFY(lambdaConcurrency);
    // The summary's components are the design's blocks.
    const QJsonArray comps = root.value(QLatin1String("summary"))
                                 .toObject()
                                 .value(QLatin1String("components"))
                                 .toArray();
    QCOMPARE(comps.size(), m_design.components.size());
    // Each function's P(cold) is its cold starts over its invocations (the series' totals);
    // other kinds have none (null).
    const auto seriesTotal = [&series](const QString &component, const char *name) {
        double sum = 0;
        for (const QJsonValue &v : series)
            if (v[QLatin1String("component")].toString() == component
                && v[QLatin1String("name")].toString() == QLatin1String(name))
                for (const QJsonValue &x : v[QLatin1String("values")].toArray())
                    sum += x.toDouble();
        return sum;
    };
    int functions = 0;
    for (const QJsonValue &v : comps) {
        const QJsonValue p = v[QLatin1String("coldStartProbability")];
        const QString name = v[QLatin1String("name")].toString();
        if (v[QLatin1String("kind")].toString() != QLatin1String("lambda")) {
            QVERIFY2(p.isNull(), qPrintable(name));
            continue;
        }
        ++functions;
        const double invocations = seriesTotal(name, "lambda.invocations");
        QVERIFY(invocations > 0);
        QCOMPARE(p.toDouble(), seriesTotal(name, "lambda.cold_starts") / invocations);
        QVERIFY(p.toDouble() > 0 && p.toDouble() < 1);
    }
    QVERIFY(functions > 0);
    QVERIFY(r.out.contains(QLatin1String("P(cold)")));
    // Ledger: every unit produced is accounted for.
    const QJsonObject l = root.value(QLatin1String("ledger")).toObject();
    double accounted = 0;
    for (const char *k :
         {"inFlight", "succeeded", "deadLettered", "expired", "rejected", "dropped"})
        accounted += l.value(QLatin1String(k)).toDouble();
    QVERIFY(l.value(QLatin1String("produced")).toDouble() > 0);
    QCOMPARE(accounted, l.value(QLatin1String("produced")).toDouble());
}

void TestCliSimulate::csvHasOneRowPerBin()
{
    const QString csv = path("results.csv");
    const Result r = runSwb({QStringLiteral("simulate"), m_project, QStringLiteral("--duration"),
                             QStringLiteral("90s"), QStringLiteral("--out"), csv});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QStringList lines =
        QString::fromUtf8(readAll(csv)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(!lines.isEmpty());
    const QStringList header = lines.first().split(QLatin1Char(','));
    QCOMPARE(header.first(), QStringLiteral("time_s"));
    QVERIFY(header.contains(QStringLiteral("billing-queue/sqs.visible [messages]")));
    QCOMPARE(lines.size() - 1, 90); // 1 s bins for a 90 s run
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList cells = lines[i].split(QLatin1Char(','));
        QCOMPARE(cells.size(), header.size());
        QCOMPARE(cells.first().toDouble(), double(i - 1)); // start of the bin
    }
}

void TestCliSimulate::seedChangesTheRun()
{
    const auto fingerprint = [this](const QString &seed) {
        const QString json = path("seed.json");
        const Result r = runSwb({QStringLiteral("simulate"), m_project,
                                 QStringLiteral("--duration"), QStringLiteral("60"),
                                 QStringLiteral("--seed"), seed, QStringLiteral("--out"), json});
        return r.code == 0 ? QJsonDocument::fromJson(readAll(json))
                                 .object()
                                 .value(QLatin1String("metadata"))
                                 .toObject()
                                 .value(QLatin1String("fingerprint"))
                                 .toString()
                           : QString();
    };
    const QString a = fingerprint(QStringLiteral("3"));
    QVERIFY(!a.isEmpty());
    QCOMPARE(fingerprint(QStringLiteral("3")), a);
    QVERIFY(fingerprint(QStringLiteral("4")) != a);
}

// CI users diff results files: two runs of one design and seed must write the same bytes, so the
// wall time stays out of the default file and appears only with --timing.
void TestCliSimulate::oneSeedGivesByteIdenticalFiles()
{
    const auto run = [this](const QString &out, const QStringList &extra = {}) {
        const Result r =
            runSwb(QStringList{QStringLiteral("simulate"), m_project, QStringLiteral("--duration"),
                               QStringLiteral("2m"), QStringLiteral("--seed"), QStringLiteral("11"),
                               QStringLiteral("--out"), out}
                   + extra);
        return r.code == 0 ? readAll(out) : QByteArray();
    };
    for (const char *suffix : {"json", "csv"}) {
        const QByteArray first = run(path("same-1.") + QLatin1String(suffix));
        QVERIFY2(!first.isEmpty(), suffix);
        QCOMPARE(run(path("same-2.") + QLatin1String(suffix)), first);
    }
    const auto metadata = [](const QByteArray &json) {
        return QJsonDocument::fromJson(json).object().value(QLatin1String("metadata")).toObject();
    };
    QVERIFY(!metadata(run(path("plain.json"))).contains(QLatin1String("wallSeconds")));
    const QJsonObject timed = metadata(run(path("timed.json"), {QStringLiteral("--timing")}));
    QVERIFY(timed.value(QLatin1String("wallSeconds")).isDouble());
    QVERIFY(timed.value(QLatin1String("wallSeconds")).toDouble() >= 0);
}

void TestCliSimulate::setAppliesAWhatIf()
{
    // Reserved concurrency 0 is the kill switch (aws-behaviour.md §1): every invocation of the
    // function is throttled, so the run must report throttles for it and no concurrency.
    const Result r = runSwb({QStringLiteral("simulate"), m_project, QStringLiteral("--duration"),
                             QStringLiteral("1m"), QStringLiteral("--set"),
                             QStringLiteral("notify-customer.reservedConcurrency=0")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QString line;
    for (const QString &l : r.out.split(QLatin1Char('\n'))) {
        if (l.startsWith(QLatin1String("notify-customer ")))
            line = l;
    }
    const QStringList cells = line.simplified().split(QLatin1Char(' '));
    QVERIFY2(cells.size() >= 4, qPrintable(line));
    QCOMPARE(cells[2], QStringLiteral("0"));             // peak concurrency
    QVERIFY2(cells[3].toDouble() > 0, qPrintable(line)); // throttles
}

void TestCliSimulate::setOutOfRangeIsRefused()
{
    const Result r = runSwb({QStringLiteral("simulate"), m_project, QStringLiteral("--duration"),
                             QStringLiteral("1m"), QStringLiteral("--set"),
                             QStringLiteral("billing-worker.memory=64")});
    QCOMPARE(r.code, 2);
    // The catalogue's own message, as the inspector would show it.
    const Component *worker = m_design.componentByName(QStringLiteral("billing-worker"));
    QVERIFY(worker);
    QString expected;
    QVERIFY(!Document::validateComponentParam(*worker, QStringLiteral("memory"), 64, &expected));
    QVERIFY(!expected.isEmpty());
    QVERIFY2(r.err.contains(expected), qPrintable(r.err));
}

void TestCliSimulate::badArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("duration") << QStringList{QStringLiteral("--duration"), QStringLiteral("5x")}
                              << QStringLiteral("option '--duration': '5x' is not a duration");
    QTest::newRow("zero duration")
        << QStringList{QStringLiteral("--duration"), QStringLiteral("0s")}
        << QStringLiteral("option '--duration': '0s' is not a duration");
    QTest::newRow("seed") << QStringList{QStringLiteral("--seed"), QStringLiteral("-3")}
                          << QStringLiteral("option '--seed': '-3' is not a whole number");
    QTest::newRow("out suffix") << QStringList{QStringLiteral("--out"), QStringLiteral("r.txt")}
                                << QStringLiteral(".json or .csv");
    QTest::newRow("set syntax") << QStringList{QStringLiteral("--set"), QStringLiteral("memory")}
                                << QStringLiteral("COMPONENT.PARAM=VALUE");
    QTest::newRow("set block") << QStringList{QStringLiteral("--set"),
                                              QStringLiteral("nope.memory=512")}
                               << QStringLiteral("no block named 'nope'");
    QTest::newRow("option") << QStringList{QStringLiteral("--fast")}
                            << QStringLiteral("unknown option");
}

void TestCliSimulate::badArguments()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Result r = runSwb(QStringList{QStringLiteral("simulate"), m_project} + args);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

void TestCliSimulate::invalidDesignIsRefused()
{
    Design bad = m_design;
    for (Component &c : bad.components) {
        if (c.name == QLatin1String("billing-queue"))
            c.params.insert(QStringLiteral("visibilityTimeout"), 0LL); // below the function timeout
    }
    const QString file = path("bad.swb");
    auto format = FileFormats::forWriting(file);
    QVERIFY(format && format->write(file, bad));
    const Result r = runSwb(
        {QStringLiteral("simulate"), file, QStringLiteral("--duration"), QStringLiteral("1m")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("error  visibility-below-function-timeout")),
             qPrintable(r.err));
    QVERIFY(r.err.contains(QLatin1String("cannot be simulated")));
    const Result missing = runSwb({QStringLiteral("simulate"), path("none.swb")});
    QCOMPARE(missing.code, 3);
}

void TestCliSimulate::faultOnOneSubscription()
{
    // `--fault 'outage:TOPIC->ENDPOINT@...'` takes one SNS subscription's endpoint out (spaces
    // around the arrow optional, as the fault dock writes "topic -> endpoint"): the topic's
    // deliveries to it fail and are retried (AWS-managed policy, aws-behaviour.md §3), where the
    // same run without the fault has no failed delivery. A name that matches no subscription
    // runs without the fault, with a note.
    const Component *topic = nullptr;
    for (const Component &c : m_design.components)
        topic = c.kind == ComponentKind::SnsTopic ? &c : topic;
    QVERIFY(topic);
    const Connection *sub = nullptr;
    for (const Connection *w : m_design.outgoing(topic->id))
        sub = w->kind == ConnectionKind::Subscription ? w : sub;
    QVERIFY(sub);
    const QString wire = topic->name + QStringLiteral("->") + m_design.component(sub->target)->name;
    const auto totals = [this](const QStringList &extra, const QString &json, QString *err) {
        const Result r =
            runSwb(QStringList{QStringLiteral("simulate"), m_project, QStringLiteral("--duration"),
                               QStringLiteral("2m"), QStringLiteral("--out"), json}
                   + extra);
        *err = r.err;
        QHash<QString, double> sum;
        if (r.code != 0)
            return sum;
        const QJsonArray series = QJsonDocument::fromJson(readAll(json))
                                      .object()
                                      .value(QLatin1String("series"))
                                      .toArray();
        for (const QJsonValue &v : series) {
            const QString name = v[QLatin1String("name")].toString();
            for (const QJsonValue &x : v[QLatin1String("values")].toArray())
                sum[name] += x.toDouble();
        }
        return sum;
    };
    QString err;
    const QHash<QString, double> calm = totals({}, path("calm.json"), &err);
    QVERIFY2(calm.value(QStringLiteral("sns.deliveries")) > 0, qPrintable(err));
    QCOMPARE(calm.value(QStringLiteral("sns.delivery_failures")), 0.0);
    const QHash<QString, double> out =
        totals({QStringLiteral("--fault"), QStringLiteral("outage:%1@10+30").arg(wire)},
               path("out.json"), &err);
    QVERIFY2(out.value(QStringLiteral("sns.delivery_failures")) > 0, qPrintable(err));
    QCOMPARE(out.value(QStringLiteral("sns.delivery_retries")),
             out.value(QStringLiteral("sns.delivery_failures")));
    QCOMPARE(out.value(QStringLiteral("sns.dlq")), 0.0); // the policy runs for 23 days
    const QHash<QString, double> spaced = totals(
        {QStringLiteral("--fault"), QStringLiteral("outage:%1 -> %2@10+30")
                                        .arg(topic->name, m_design.component(sub->target)->name)},
        path("spaced.json"), &err);
    QCOMPARE(spaced.value(QStringLiteral("sns.delivery_failures")),
             out.value(QStringLiteral("sns.delivery_failures")));
    const Result missing = runSwb(
        {QStringLiteral("simulate"), m_project, QStringLiteral("--duration"), QStringLiteral("30"),
         QStringLiteral("--fault"), QStringLiteral("outage:%1->nowhere@10+10").arg(topic->name)});
    QCOMPARE(missing.code, 0);
    QVERIFY2(missing.err.contains(QStringLiteral("no block named '%1->nowhere' and no subscription "
                                                 "of that name: ran without the Outage fault")
                                      .arg(topic->name)),
             qPrintable(missing.err));
}

QTEST_GUILESS_MAIN(TestCliSimulate)
#include "simulate.moc"
