// The text format is strict (README "Designs as text"): an unknown key at any level, a misspelt
// section and a second YAML document are refused with file:line:column and the nearest valid
// key, never read as "not set"; and the size bound is one limit for reading and writing, so
// whatever swb writes it reads back.
// The issue's findings: renaming a block's "params:" to "parms:" reset every parameter to its
// default (the monthly cost fell from $2,651.94 to $837.84, exit 0); "setings:", "colour: red"
// on a block, an extra top-level section and a second document were accepted and dropped by
// `convert`; a 10,800-block design wrote a 4.2 MB file the reader then refused.

#include "../fstestutil.h"

#include "model/patterns.h"
#include "model/textformat.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace swb;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// The pattern's text with the first occurrence of `from` replaced by `to`, and the 1-based line
// of that occurrence.
QByteArray edited(const QByteArray &text, const QByteArray &from, const QByteArray &to, int *line)
{
    const qsizetype at = text.indexOf(from);
    if (at < 0)
        qFatal("'%s' not in the pattern's text", from.constData());
    *line = int(text.left(at).count('\n')) + 1;
    QByteArray out = text;
    out.replace(at, from.size(), to);
    return out;
}

} // namespace

class TestTextFormatStrict : public QObject
{
    Q_OBJECT

private:
    QByteArray m_text = TextFormat::toYaml(*makePattern(s("sqs-lambda")));

private Q_SLOTS:
    void unknownKeysAreRefusedWithThePlace_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("expected");
        QTest::newRow("parms") << QByteArray("    params:\n      deliveryDelay")
                               << QByteArray("    parms:\n      deliveryDelay")
                               << s("block 'jobs-queue' has no key 'parms' (did you mean "
                                    "'params'?)");
        QTest::newRow("setings") << QByteArray("settings:") << QByteArray("setings:")
                                 << s("the design has no key 'setings' (did you mean "
                                      "'settings'?)");
        QTest::newRow("colour") << QByteArray("    name: job-worker\n")
                                << QByteArray("    name: job-worker\n    colour: red\n")
                                << s("block 'job-worker' has no key 'colour' (allowed: id, "
                                     "kind, name, x, y, params, extra)");
        QTest::newRow("extra section")
            << QByteArray("components:") << QByteArray("owners: [team-a]\ncomponents:")
            << s("the design has no key 'owners'");
        QTest::newRow("parameter typo") << QByteArray("      visibilityTimeout: 180")
                                        << QByteArray("      visibilityTimout: 180")
                                        << s("the parameters of block 'jobs-queue' (SQS queue) "
                                             "has no key 'visibilityTimout' (did you mean "
                                             "'visibilityTimeout'?)");
        QTest::newRow("setting typo") << QByteArray("  seed: 1") << QByteArray("  sead: 1")
                                      << s("the settings has no key 'sead' (did you mean "
                                           "'seed'?)");
        QTest::newRow("wire parameter typo")
            << QByteArray("      batchSize: 10") << QByteArray("      batchSise: 10")
            << s("has no key 'batchSise' (did you mean 'batchSize'?)");
        QTest::newRow("fault key")
            << QByteArray("nextId: 8") + QByteArray("\n")
            << QByteArray("nextId: 9\n")
                   + QByteArray("faults:\n  - id: 8\n    kind: bad-deploy\n    target: 3\n"
                                "    start: 60\n    duration: 60\n    eror_rate: 1\n")
            << s("fault #8 has no key 'eror_rate' (did you mean 'errorRate'?)");
    }

    void unknownKeysAreRefusedWithThePlace()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, expected);
        Design design;
        QString error;
        QVERIFY2(TextFormat::fromYaml(m_text, s("d.swb.yaml"), &design, &error), qPrintable(error));
        int line = 0;
        QByteArray broken = edited(m_text, from, to, &line);
        if (to.contains("faults:")) {
            broken.replace("faults: []\n", ""); // the fault list moved up
            line += int(to.count('\n')) - 1;    // the offending key is the last line added
        }
        Design out;
        QVERIFY(!TextFormat::fromYaml(broken, s("d.swb.yaml"), &out, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        // file:line:column of the offending key (the edit's line, or the one after for keys
        // added after a line).
        const QRegularExpression place(QStringLiteral(R"(^d\.swb\.yaml:(\d+):(\d+): )"));
        const auto m = place.match(error);
        QVERIFY2(m.hasMatch(), qPrintable(error));
        const int at = m.captured(1).toInt();
        QVERIFY2(at == line || at == line + 1,
                 qPrintable(QStringLiteral("line %1 vs %2: %3").arg(at).arg(line).arg(error)));
    }

    void aSecondDocumentIsRefused()
    {
        const QByteArray text = m_text + "---\nformat: 1\nname: hidden\n";
        Design out;
        QString error;
        QVERIFY(!TextFormat::fromYaml(text, s("d.swb.yaml"), &out, &error));
        const int line = int(m_text.count('\n')) + 1;
        QVERIFY2(error.startsWith(s("d.swb.yaml: line %1").arg(line + 1))
                     || error.startsWith(s("d.swb.yaml: line %1").arg(line)),
                 qPrintable(error));
        QVERIFY2(error.contains(s("a second YAML document")), qPrintable(error));
    }

    // One limit, one message, both ways: a design of 5 MB (beyond the old 4 MB read limit it
    // was written at) reads back; one beyond the limit is refused on writing with the reader's
    // message, and the reader refuses such a file the same way.
    void whatIsWrittenReadsBack()
    {
        QTemporaryDir dir;
        Design big = *makePattern(s("sqs-lambda"));
        big.name = QString(4300 * 1024, QLatin1Char('n')); // 4.2 MB, as the issue's design
        const QString path = dir.filePath(s("big.swb.yaml"));
        TextFormat format;
        QVERIFY2(format.write(path, big), qPrintable(format.errorString()));
        Design back;
        QVERIFY2(format.read(path, &back), qPrintable(format.errorString()));
        QCOMPARE(back.name, big.name);

        Design huge = big;
        huge.name = QString(TextFormat::MaxBytes, QLatin1Char('n'));
        const QString hugePath = dir.filePath(s("huge.swb.yaml"));
        QVERIFY(!format.write(hugePath, huge));
        const QString writeError = format.errorString();
        QVERIFY2(writeError.contains(s("a design text file may be at most 16 MB")),
                 qPrintable(writeError));
        QVERIFY(!QFile::exists(hugePath));
        // The same size by hand (cheaper than writing it again): the reader refuses it unread.
        QVERIFY(test::putBytes(hugePath,
                               "format: 1\nname: " + QByteArray(TextFormat::MaxBytes, 'n') + "\n"));
        QVERIFY(!format.read(hugePath, &back));
        const QString readError = format.errorString();
        // "Cannot save X is 16.0 MB; a design text file may be at most 16 MB (...)" and
        // "X is 16.0 MB; ...": the same words after the verb.
        QCOMPARE(readError.mid(readError.indexOf(QLatin1String(" MB; "))),
                 writeError.mid(writeError.indexOf(QLatin1String(" MB; "))));
    }
};

QTEST_GUILESS_MAIN(TestTextFormatStrict)
#include "textformatstrict.moc"
