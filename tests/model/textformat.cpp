// The YAML text format: lossless both ways with the .swb project file, one-line diffs
// for one-knob changes, and parse errors that name file, line and column.
#include "model/fileformat.h"
#include "model/patterns.h"
#include "model/projectfile.h"
#include "model/textformat.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace swb;

class TextFormatTest : public QObject
{
    Q_OBJECT

private:
    static Design pattern(const QString &id)
    {
        auto design = makePattern(id);
        if (!design)
            qFatal("no pattern %s", qPrintable(id));
        return *design;
    }

    static QStringList changedLines(const QByteArray &a, const QByteArray &b)
    {
        const QList<QByteArray> la = a.split('\n');
        const QList<QByteArray> lb = b.split('\n');
        QStringList diff;
        if (la.size() != lb.size())
            diff.append(QStringLiteral("line count %1 -> %2").arg(la.size()).arg(lb.size()));
        for (qsizetype i = 0; i < std::min(la.size(), lb.size()); ++i) {
            if (la.at(i) != lb.at(i))
                diff.append(QString::fromUtf8(la.at(i) + " -> " + lb.at(i)));
        }
        return diff;
    }

private Q_SLOTS:
    void roundTripEveryPattern_data()
    {
        QTest::addColumn<QString>("id");
        for (const QString &id : patternIds())
            QTest::newRow(qPrintable(id)) << id;
    }

    // text -> .swb -> text and .swb -> text -> .swb give back the same design.
    void roundTripEveryPattern()
    {
        QFETCH(QString, id);
        Design original = pattern(id);
        // Opaque round-trip data (as a SAM import leaves) must survive too.
        original.extra.insert(QStringLiteral("samParameters"), QStringLiteral("Stage: prod"));
        original.components.first().extra.insert(QStringLiteral("logicalId"),
                                                 QStringLiteral("123"));
        QTemporaryDir dir;
        const QString yamlPath = dir.filePath(QStringLiteral("d.swb.yaml"));
        const QString swbPath = dir.filePath(QStringLiteral("d.swb"));

        TextFormat text;
        QVERIFY2(text.write(yamlPath, original), qPrintable(text.errorString()));
        QVERIFY(text.canRead(yamlPath));
        Design fromText;
        QVERIFY2(text.read(yamlPath, &fromText), qPrintable(text.errorString()));
        QCOMPARE(fromText, original);

        ProjectFile project;
        QVERIFY2(project.write(swbPath, fromText), qPrintable(project.errorString()));
        Design fromProject;
        QVERIFY2(project.read(swbPath, &fromProject), qPrintable(project.errorString()));
        QCOMPARE(fromProject, original);
        // Writing the reread design gives the identical text: the order is stable.
        QCOMPARE(TextFormat::toYaml(fromProject), TextFormat::toYaml(original));
    }

    void registryPicksTheTextFormatBySuffixAndContent()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("design.swb.yaml"));
        QString error;
        auto writer = FileFormats::forWriting(path, &error);
        QVERIFY2(writer, qPrintable(error));
        QCOMPARE(writer->id(), QStringLiteral("yaml"));
        QVERIFY(writer->write(path, pattern(QStringLiteral("sqs-lambda"))));
        auto reader = FileFormats::forReading(path, &error);
        QVERIFY2(reader, qPrintable(error));
        QCOMPARE(reader->id(), QStringLiteral("yaml"));
    }

    void oneKnobIsOneLine()
    {
        Design design = pattern(QStringLiteral("sns-fanout"));
        const QByteArray before = TextFormat::toYaml(design);
        Component &lambda = [&]() -> Component & {
            for (Component &c : design.components) {
                if (c.kind == ComponentKind::Lambda)
                    return c;
            }
            qFatal("pattern has no Lambda");
        }();
        lambda.params.insert(QStringLiteral("timeout"),
                             lambda.params.value(QStringLiteral("timeout")).toLongLong() + 7);
        const QStringList diff = changedLines(before, TextFormat::toYaml(design));
        QCOMPARE(diff.size(), 1);
        QVERIFY2(diff.first().contains(QStringLiteral("timeout:")), qPrintable(diff.first()));
    }

    void wiresCarryBlockNamesAsComments()
    {
        const Design design = pattern(QStringLiteral("sqs-lambda"));
        const QByteArray yaml = TextFormat::toYaml(design);
        const Connection &wire = design.connections.first();
        const QString name = design.component(wire.source)->name;
        const QRegularExpression line(QStringLiteral("source: %1 +# %2\n")
                                          .arg(wire.source)
                                          .arg(QRegularExpression::escape(name)));
        QVERIFY2(line.match(QString::fromUtf8(yaml)).hasMatch(), yaml.constData());
        QVERIFY(yaml.startsWith("# Serverless Workbench design"));
        QVERIFY(yaml.contains("\nformat: 1\n"));
    }

    void syntaxErrorNamesLineAndColumn()
    {
        const QByteArray text = "format: 1\nname: x\ncomponents:\n  - id: 1\n    kind: [lambda\n";
        Design design;
        QString error;
        QVERIFY(!TextFormat::fromYaml(text, QStringLiteral("bad.swb.yaml"), &design, &error));
        QVERIFY2(error.startsWith(QStringLiteral("bad.swb.yaml")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("line")) || error.contains(QStringLiteral(":5:"))
                     || error.contains(QStringLiteral(":6:")),
                 qPrintable(error));
    }

    void outOfRangeValueNamesTheRecordLine()
    {
        QByteArray yaml = TextFormat::toYaml(pattern(QStringLiteral("sqs-lambda")));
        // Put an impossible Lambda timeout into the text, where a hand edit would.
        const qsizetype at = yaml.indexOf("timeout: ");
        QVERIFY(at > 0);
        const qsizetype end = yaml.indexOf('\n', at);
        yaml.replace(at, end - at, "timeout: 901");
        // The line of the block record that holds it: the last "- id:" before the edit.
        const qsizetype recordStart = yaml.lastIndexOf("- id:", at);
        const int recordLine = int(yaml.left(recordStart).count('\n')) + 1;

        Design design;
        QString error;
        QVERIFY(!TextFormat::fromYaml(yaml, QStringLiteral("d.swb.yaml"), &design, &error));
        QVERIFY2(error.startsWith(QStringLiteral("d.swb.yaml:%1:").arg(recordLine)),
                 qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("901")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("900")), qPrintable(error)); // the allowed range
    }

    void wrongTypeIsRefused()
    {
        QByteArray yaml = TextFormat::toYaml(pattern(QStringLiteral("sqs-lambda")));
        const qsizetype at = yaml.indexOf("components:");
        yaml.insert(at, "nextId: many\n");
        yaml.replace(yaml.indexOf("nextId: "), 0, ""); // the first nextId stays: duplicate key
        Design design;
        QString error;
        QVERIFY(!TextFormat::fromYaml(yaml, QStringLiteral("d.swb.yaml"), &design, &error));
        QVERIFY2(error.contains(QStringLiteral("nextId")), qPrintable(error));
    }

    void newerFormatAndForeignTextAreRefused()
    {
        Design design;
        QString error;
        QVERIFY(!TextFormat::fromYaml("format: 9\nname: x\n", QStringLiteral("n.swb.yaml"), &design,
                                      &error));
        QVERIFY2(error.contains(QStringLiteral("newer")) && error.contains(QStringLiteral("9")),
                 qPrintable(error));
        QVERIFY(!TextFormat::fromYaml("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n",
                                      QStringLiteral("t.yaml"), &design, &error));
        QVERIFY2(error.contains(QStringLiteral("format: 1")), qPrintable(error));
        QCOMPARE(design, Design()); // untouched on failure
    }

    // The README documents the format with a complete example: it must stay readable.
    void readmeExampleParses()
    {
        QFile readme(QStringLiteral(SWB_SOURCE_DIR "/README.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        const QByteArray text = readme.readAll();
        const qsizetype section = text.indexOf("## Designs as text");
        QVERIFY(section > 0);
        const qsizetype start = text.indexOf("```yaml\n", section);
        QVERIFY(start > 0);
        const qsizetype end = text.indexOf("```", start + 8);
        const QByteArray example = text.mid(start + 8, end - start - 8);
        Design design;
        QString error;
        QVERIFY2(TextFormat::fromYaml(example, QStringLiteral("README.md"), &design, &error),
                 qPrintable(error));
        QCOMPARE(design.components.size(), 4);
        QCOMPARE(design.connections.size(), 3);
        QCOMPARE(design.faults.size(), 1);
    }

    void aliasBombIsRefused()
    {
        QByteArray bomb = "format: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (char c = 'b'; c <= 'k'; ++c) {
            const char prev = char(c - 1);
            bomb += QByteArray(1, c) + ": &" + QByteArray(1, c) + " [";
            for (int i = 0; i < 10; ++i)
                bomb += QByteArray(i ? ", *" : "*") + QByteArray(1, prev);
            bomb += "]\n";
        }
        Design design;
        QString error;
        QVERIFY(!TextFormat::fromYaml(bomb, QStringLiteral("bomb.swb.yaml"), &design, &error));
        QVERIFY2(!error.isEmpty(), "an alias bomb must be refused with a reason");
    }
};

QTEST_GUILESS_MAIN(TextFormatTest)
#include "textformat.moc"
