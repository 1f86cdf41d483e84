// A traffic source's replay CSV is named by the design, which may come from anyone (a pull
// request checked by `swb check` in CI): it is read only when it is a regular file inside the
// design's folder or an allowed folder, under a size cap, and no message ever carries a line of
// its content. Times and rates are checked before use.
// The findings: a design whose replayFile was ../secret.csv made `swb check` print
// "secret.csv line 2: 'AWS_SECRET_ACCESS_KEY=...' is not a number"; a /dev/zero or FIFO replay
// file grew memory without limit or blocked forever; a timestamp of 1e300 ran to completion.

#include "../fstestutil.h"

#include "sim/scenariobuilder.h"
#include "sim/trafficreplay.h"

#include "model/document.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace swb;
using namespace swb::test;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

const char kSecret[] = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

Design replayDesign(const QString &file)
{
    Document doc;
    const ComponentId t = doc.addComponent(ComponentKind::TrafficSource, QPointF(), s("t"));
    QString error;
    if (!doc.setComponentParam(t, s("pattern"), s("replay"), &error)
        || !doc.setComponentParam(t, s("replayFile"), file, &error))
        qFatal("%s", qPrintable(error));
    const ComponentId f = doc.addComponent(ComponentKind::Lambda, QPointF(), s("f"));
    if (!doc.connectComponents(t, f, ConnectionKind::Traffic, &error))
        qFatal("%s", qPrintable(error));
    return doc.design();
}

} // namespace

class TestReplayFiles : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_design; // the design's folder
    QString m_other;

    BuildResult build(const QString &file, const QStringList &allowed = {})
    {
        BuildOptions options;
        options.runAnalysis = false;
        options.baseDirectory = m_design;
        options.allowedDirectories = allowed;
        return buildScenario(replayDesign(file), options);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_design = m_dir.filePath(s("design"));
        m_other = m_dir.filePath(s("secrets"));
        QVERIFY(QDir().mkpath(m_design) && QDir().mkpath(m_other));
        QVERIFY(putBytes(m_other + s("/secret.csv"),
                         QByteArray("time_s,rate\n0,1\n") + kSecret + "\n"));
        QVERIFY(putBytes(m_design + s("/secret.csv"), bytesOf(m_other + s("/secret.csv"))));
        QVERIFY(putBytes(m_design + s("/load.csv"), "time_s,rate\n0,3\n30,7\n"));
    }

    void insideTheFolderIsRead()
    {
        const BuildResult r = build(s("load.csv"));
        QVERIFY2(r.ok, qPrintable(r.errorText()));
        QCOMPARE(r.scenario.sources[0].replay.size(), std::size_t(2));
    }

    void outsideDevicesAndFifosAreRefusedUnread_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        QTest::newRow("parent folder")
            << s("../secrets/secret.csv") << s("is outside the design's folder");
        QTest::newRow("absolute") << m_dir.filePath(s("secrets/secret.csv"))
                                  << s("is outside the design's folder");
        QTest::newRow("device") << s("/dev/zero") << s("is outside the design's folder");
        QTest::newRow("fifo") << s("pipe.csv") << s("not a regular file");
        QTest::newRow("huge") << s("huge.csv") << s("is 1024 MB; at most 64 MB is read");
    }

    void outsideDevicesAndFifosAreRefusedUnread()
    {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        if (!QFile::exists(m_design + s("/pipe.csv"))) {
            QCOMPARE(::mkfifo(QFile::encodeName(m_design + s("/pipe.csv")).constData(), 0600), 0);
            QFile huge(m_design + s("/huge.csv"));
            QVERIFY(huge.open(QIODevice::WriteOnly) && huge.resize(qint64(1) << 30)); // sparse
        }
        QElapsedTimer timer;
        timer.start();
        const BuildResult r = build(file);
        QVERIFY(!r.ok);
        QVERIFY2(r.errorText().contains(expected), qPrintable(r.errorText()));
        QVERIFY2(!r.errorText().contains(s("AWS_SECRET")), qPrintable(r.errorText()));
        QVERIFY(timer.elapsed() < 20000);
        // /dev is never allowed implicitly; allowed explicitly, a device is still no file.
        if (file == QLatin1String("/dev/zero")) {
            const BuildResult allowed = build(file, {s("/dev")});
            QVERIFY2(allowed.errorText().contains(s("not a regular file")),
                     qPrintable(allowed.errorText()));
        }
    }

    void anAllowedFolderIsRead()
    {
        const QString file = m_dir.filePath(s("secrets/load.csv"));
        QVERIFY(putBytes(file, "0,2\n"));
        QVERIFY(!build(file).ok);
        const BuildResult r = build(file, {m_other});
        QVERIFY2(r.ok, qPrintable(r.errorText()));
    }

    // Inside the folder, the secret line makes the parse fail: the message names the file,
    // line and column, not the line.
    void noMessageCarriesALineOfTheFile()
    {
        const BuildResult r = build(s("secret.csv"));
        QVERIFY(!r.ok);
        QVERIFY2(r.errorText().contains(s("secret.csv:3:1: not a number")),
                 qPrintable(r.errorText()));
        QVERIFY2(!r.errorText().contains(s("AWS_SECRET")), qPrintable(r.errorText()));
        QVERIFY2(!r.errorText().contains(s("EXAMPLEKEY")), qPrintable(r.errorText()));
    }

    void absurdTimesAndRatesAreRefused_data()
    {
        QTest::addColumn<QString>("csv");
        QTest::addColumn<QString>("expected");
        QTest::newRow("time 1e300")
            << s("0,5\n1e300,7\n") << s("r.csv:2:1: time is out of range (allowed: 0 to 31536000)");
        QTest::newRow("timestamp 1e300")
            << s("12\n1e300\n") << s("r.csv:2:1: time is out of range");
        QTest::newRow("rate 1e300") << s("0,1e300\n") << s("r.csv:1:3: rate is out of range");
        QTest::newRow("negative time") << s("-1,2\n") << s("r.csv:1:1: time is out of range");
        QTest::newRow("nan rate") << s("0, nan\n") << s("r.csv:1:4: rate is not a number");
        QTest::newRow("backwards") << s("5,1\n3,1\n") << s("r.csv:2:1: time goes backwards");
    }

    // Found by fuzzing: a refusal of an out-of-range cell printed its value, and a line holding
    // only a number (an account id, a PIN) is the file's content like any other.
    void aRefusedNumberIsNotEchoed()
    {
        for (const QString &csv : {s("0,5\n105444444440\n"), s("0\n105444444440\n"),
                                   s("0,105444444440\n"), s("7,1\n3.05444444440,1\n")}) {
            std::vector<core::RatePoint> points;
            QString error;
            QVERIFY(!parseReplayCsv(csv, s("r.csv"), &points, &error));
            QVERIFY2(!error.contains(s("5444")), qPrintable(error));
        }
    }

    void absurdTimesAndRatesAreRefused()
    {
        QFETCH(QString, csv);
        QFETCH(QString, expected);
        std::vector<core::RatePoint> points;
        QString error;
        QVERIFY(!parseReplayCsv(csv, s("r.csv"), &points, &error));
        QVERIFY2(error.startsWith(expected), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestReplayFiles)
#include "replayfiles.moc"
