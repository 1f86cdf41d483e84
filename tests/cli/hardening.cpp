// The command line under hostile or concurrent use (issue "hardening"), through the binary:
// concurrent `swb set` keep both changes; a file another program holds is "in use", one a killed
// writer left half-saved is recovered or "recoverable", never "damaged"; Ctrl+C and SIGTERM stop
// a run and leave no file; a run projected above the size limits needs --force; `swb check` on a
// design naming a file outside its folder reads nothing and prints no content; a results file
// with absurd figures is refused.

#include "../fstestutil.h"
#include "clitestutil.h"

#include "model/patterns.h"
#include "model/textformat.h"

#include <QDir>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace swb;
using namespace swb::test;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QString swbBinary()
{
    return qEnvironmentVariableIsSet("SWB_TEST_CLI") ? qEnvironmentVariable("SWB_TEST_CLI")
                                                     : s(SWB_CLI_PATH);
}

void startSwb(QProcess *p, const QStringList &args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(s("QT_QPA_PLATFORM"), s("offscreen"));
    p->setProcessEnvironment(env);
    p->start(swbBinary(), args);
}

} // namespace

class TestCliHardening : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    // The finding: two concurrent `swb set` on one file lost one change in 10 of 10
    // runs, and both exited 0.
    void concurrentSetsKeepBothChanges_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("text design") << s("shared.swb.yaml");
        QTest::newRow("project") << s("shared.swb");
    }

    void concurrentSetsKeepBothChanges()
    {
        QFETCH(QString, name);
        QTemporaryDir dir;
        const QString file = dir.filePath(name);
        for (int round = 0; round < 10; ++round) {
            QVERIFY(saveDesignFile(file, *makePattern(s("sqs-lambda"))));
            QProcess a, b; // started together: they overlap in time
            startSwb(&a, {s("set"), file, s("job-worker.memory=%1").arg(2048 + round)});
            startSwb(&b, {s("set"), file, s("jobs-queue.visibilityTimeout=%1").arg(300 + round)});
            QVERIFY(a.waitForFinished(60000) && b.waitForFinished(60000));
            QCOMPARE(a.exitCode(), 0);
            QCOMPARE(b.exitCode(), 0);
            Design result;
            QVERIFY(loadDesignFile(file, &result));
            QCOMPARE(
                result.componentByName(s("job-worker"))->params.value(s("memory")).toLongLong(),
                2048 + round);
            QCOMPARE(result.componentByName(s("jobs-queue"))
                         ->params.value(s("visibilityTimeout"))
                         .toLongLong(),
                     300 + round);
        }
        QCOMPARE(entriesOf(dir.path()), QStringList{name}); // no lock or temporary file left
    }

    // The issue's findings: a file held by another writer waited 5 s, then read as "is damaged:
    // database is locked"; a hot journal read as "is damaged: attempt to write a readonly
    // database".
    void aLockedFileIsInUseAndAHotJournalIsRecovered()
    {
        if (QStandardPaths::findExecutable(s("sqlite3")).isEmpty())
            QSKIP("needs the sqlite3 tool");
        const QString file = path(s("held.swb"));
        QVERIFY(saveDesignFile(file, *makePattern(s("sqs-lambda"))));
        // sqlite3 holds an exclusive lock until its sleep ends (it reads a pipe's input only
        // as far as it can run it, so the script is written whole).
        QProcess holder;
        holder.start(s("sqlite3"), {file});
        QVERIFY(holder.waitForStarted());
        holder.write("BEGIN EXCLUSIVE;\nSELECT 'held';\n.shell sleep 12\nCOMMIT;\n");
        holder.closeWriteChannel();
        QVERIFY(holder.waitForReadyRead(10000));
        SwbResult r = runSwb({s("validate"), file});
        QVERIFY(holder.waitForFinished(30000));
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains(s("is in use by another process")), qPrintable(r.err));
        QVERIFY2(!r.err.contains(s("damaged")), qPrintable(r.err));

        // A hot journal: the image a writer leaves when it dies mid-commit. With a one-page
        // cache SQLite syncs the journal and writes changed pages to the file before the
        // commit; both are copied at that moment, then the writer rolls back.
        const QString hot = path(s("hot.swb"));
        QVERIFY(saveDesignFile(hot, *makePattern(s("sqs-lambda"))));
        const QString crash = path(s("crash.swb"));
        QProcess writer;
        writer.start(s("sqlite3"), {hot});
        QVERIFY(writer.waitForStarted());
        writer.write(QStringLiteral("PRAGMA cache_size=1;\nBEGIN;\nUPDATE components SET extra "
                                    "= '{\"pad\": \"' || hex(randomblob(20000)) || '\"}';\n"
                                    ".shell cp '%1' '%2'; cp '%1-journal' '%2-journal'\n"
                                    "ROLLBACK;\n")
                         .arg(hot, crash)
                         .toUtf8());
        writer.closeWriteChannel();
        QVERIFY(writer.waitForFinished(10000));
        QVERIFY(QFile::remove(hot));
        QVERIFY(QFile::rename(crash, hot));
        QVERIFY(QFile::rename(crash + s("-journal"), hot + s("-journal")));
        const QByteArray crashed = bytesOf(hot);
        // In a read-only folder it cannot be rolled back: recoverable, not damaged.
        {
            ReadOnlyFolder ro(
                {{s("hot.swb"), crashed}, {s("hot.swb-journal"), bytesOf(hot + s("-journal"))}});
            QVERIFY(ro.isValid());
            r = runSwb({s("validate"), ro.filePath(s("hot.swb"))});
            QCOMPARE(r.code, 3);
            QVERIFY2(r.err.contains(s("recoverable")), qPrintable(r.err));
            QVERIFY2(!r.err.contains(s("is damaged")), qPrintable(r.err));
        }
        // Where it can be written, SQLite restores the last complete save and the file opens.
        r = runSwb({s("validate"), hot});
        QVERIFY2(r.code == 0 || r.code == 1, qPrintable(r.err));
        QVERIFY2(!r.err.contains(s("damaged")), qPrintable(r.err));
        QVERIFY(!QFile::exists(hot + s("-journal")));
    }

    // Ctrl+C and SIGTERM stop a run at once and nothing is written. (The bound below is loose for
    // a loaded machine; the README's figure is measured by hand.)
    void signalsStopARunAndWriteNothing_data()
    {
        QTest::addColumn<int>("signo");
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGTERM") << int(SIGTERM);
    }

    void signalsStopARunAndWriteNothing()
    {
        QFETCH(int, signo);
        QTemporaryDir dir;
        const QString design = dir.filePath(s("d.swb"));
        Design d = *makePattern(s("sns-fanout"));
        QVERIFY(saveDesignFile(design, d));
        const QString out = dir.filePath(s("r.json"));
        QProcess p;
        startSwb(&p,
                 {s("simulate"), design, s("--duration"), s("7d"), s("--out"), out, s("--force")});
        QVERIFY(p.waitForStarted());
        QTest::qWait(1500); // well into the run
        QCOMPARE(p.state(), QProcess::Running);
        QElapsedTimer timer;
        timer.start();
        ::kill(pid_t(p.processId()), signo);
        QVERIFY(p.waitForFinished(15000));
        const qint64 ms = timer.elapsed();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 128 + signo);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(s("interrupted")) && err.contains(s("nothing was written")),
                 qPrintable(err));
        QVERIFY2(ms < 5000, qPrintable(QString::number(ms)));
        QCOMPARE(entriesOf(dir.path()), QStringList{s("d.swb")});
    }

    // A week of 20,000 msg/s through sqs-lambda: about 36 billion events, far above the 5
    // billion a run may have unasked. (The overloaded week, 2,000 msg/s into a consumer
    // of concurrency 1, no longer needs --force: its backlog is kept as cohorts,
    // tst_sim_runestimate.)
    void aRunAboveTheLimitsNeedsForce()
    {
        const QString design = path(s("overload.swb"));
        QVERIFY(saveDesignFile(design, *makePattern(s("sqs-lambda"))));
        const QStringList args = {s("simulate"), design,     s("--duration"),
                                  s("7d"),       s("--set"), s("jobs-traffic.rate=20000")};
        const SwbResult r = runSwb(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(s("billion events")) && r.err.contains(s("for 7 days simulated")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(s("add --force")), qPrintable(r.err));
        // With --force it starts (stopped here at once: a week of overload is not for a test).
        QProcess p;
        startSwb(&p, args + QStringList{s("--force")});
        QVERIFY(p.waitForStarted());
        QTest::qWait(1000);
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(15000));
        QCOMPARE(p.exitCode(), 128 + SIGINT);
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains(s("running although")));
    }

    // The secret leak: `swb check` on a pull request's design whose replayFile is
    // ../secret.csv printed "secret.csv line 2: 'AWS_SECRET_ACCESS_KEY=...' is not a number".
    void checkNeverReadsOrPrintsFilesOutsideTheDesign()
    {
        QTemporaryDir ci;
        const QString secret = ci.filePath(s("secret.csv"));
        QVERIFY(
            putBytes(secret, "time_s,rate\n0,1\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG\n"));
        QVERIFY(QDir().mkpath(ci.filePath(s("pr"))));
        Design d = *makePattern(s("sqs-lambda"));
        Component &traffic =
            *std::find_if(d.components.begin(), d.components.end(), [](const Component &c) {
                return c.kind == ComponentKind::TrafficSource;
            });
        traffic.params.insert(s("pattern"), s("replay"));
        traffic.params.insert(s("replayFile"), s("../secret.csv"));
        const QString design = ci.filePath(s("pr/design.swb.yaml"));
        QVERIFY(saveDesignFile(design, d));
        SwbResult r =
            runSwb({s("check"), design, s("--budget"), s("1000"), s("--duration"), s("60s")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(s("is outside the design's folder")), qPrintable(r.err));
        QVERIFY2(!r.err.contains(s("AWS_SECRET")) && !r.out.contains(s("AWS_SECRET")),
                 qPrintable(r.err + r.out));
        // Allowed explicitly it is read, and still only its place is named.
        r = runSwb({s("check"), design, s("--budget"), s("1000"), s("--duration"), s("60s"),
                    s("--allow-dir"), ci.path()});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(s("secret.csv:3:1: not a number")), qPrintable(r.err));
        QVERIFY2(!r.err.contains(s("AWS_SECRET")) && !r.out.contains(s("AWS_SECRET")),
                 qPrintable(r.err + r.out));
    }

    // The finding: durationSeconds 1e-300 gave a bill of -92233720368547758.08 USD
    // with exit 0.
    void absurdResultsAreRefused()
    {
        const QString design = path(s("priced.swb"));
        QVERIFY(saveDesignFile(design, *makePattern(s("sqs-lambda"))));
        const QString results = path(s("run.json"));
        QCOMPARE(
            runSwb({s("simulate"), design, s("--duration"), s("30s"), s("--out"), results}).code,
            0);
        QByteArray json = bytesOf(results);
        const qsizetype at = json.indexOf("\"durationSeconds\": 30");
        QVERIFY(at > 0);
        json.replace(at, 21, "\"durationSeconds\": 1e-300");
        QVERIFY(putBytes(results, json));
        const SwbResult r = runSwb(
            {s("export"), s("cost"), design, path(s("c.csv")), s("--from-results"), results});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains(s("metadata.durationSeconds: 1e-300 is out of range")),
                 qPrintable(r.err));
        QVERIFY(!QFile::exists(path(s("c.csv"))));
    }
};

QTEST_GUILESS_MAIN(TestCliHardening)
#include "hardening.moc"
