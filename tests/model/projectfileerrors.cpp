// Files the project reader must refuse: each with a message naming the file and what is wrong
// (asserted by key words), and the Design passed in left untouched.

#include "designfixtures.h"

#include "model/fileformat.h"
#include "model/projectfile.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace swb;
using namespace swb::testing;

namespace {

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QRandomGenerator rng(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &b : bytes)
        b = char(rng.bounded(256));
    return bytes;
}

} // namespace

class TestProjectFileErrors : public QObject
{
    Q_OBJECT

private:
    QString goodProject(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        ProjectFile format;
        if (!format.write(path, fullDesign()))
            qFatal("cannot write the fixture: %s", qPrintable(format.errorString()));
        return path;
    }

    QString tampered(const QString &name, const QStringList &sql)
    {
        const QString path = goodProject(name);
        QString error;
        if (!ProjectFile::execute(path, sql, &error))
            qFatal("cannot tamper with the fixture: %s", qPrintable(error));
        return path;
    }

private Q_SLOTS:
    void refused_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("keywords");
        QVERIFY(m_dir.isValid());
        auto words = [](std::initializer_list<const char *> list) {
            QStringList out;
            for (const char *w : list)
                out.append(QString::fromUtf8(w));
            return out;
        };

        const QString random = m_dir.filePath(QStringLiteral("random.swb"));
        writeBytes(random, randomBytes(8192, 7));
        QTest::newRow("random bytes") << random << words({"not a Serverless", "not an SQLite"});

        const QString text = m_dir.filePath(QStringLiteral("notes.swb"));
        writeBytes(text, "name: orders\n");
        QTest::newRow("text file") << text << words({"not a Serverless", "not an SQLite"});

        const QString empty = m_dir.filePath(QStringLiteral("empty.swb"));
        writeBytes(empty, QByteArray());
        QTest::newRow("empty file") << empty << words({"empty"});

        const QByteArray good = [this] {
            QFile file(goodProject(QStringLiteral("source.swb")));
            file.open(QIODevice::ReadOnly);
            return file.readAll();
        }();
        const QString half = m_dir.filePath(QStringLiteral("half.swb"));
        writeBytes(half, good.left(good.size() / 2));
        QTest::newRow("truncated to half") << half << words({"damaged", "truncated"});

        const QString stub = m_dir.filePath(QStringLiteral("stub.swb"));
        writeBytes(stub, good.left(60));
        QTest::newRow("truncated inside the header") << stub << words({"damaged", "truncated"});

        // Pages after the first overwritten with noise: the header still says "project".
        const QString noisy = m_dir.filePath(QStringLiteral("noisy.swb"));
        const QByteArray noise = randomBytes(good.size() - 4096, 11);
        writeBytes(noisy, good.left(4096) + noise);
        QTest::newRow("corrupt pages") << noisy << words({"damaged"});

        const QString foreign = m_dir.filePath(QStringLiteral("foreign.swb"));
        QString error;
        QVERIFY2(ProjectFile::execute(foreign,
                                      {QStringLiteral("CREATE TABLE customers (id, name)"),
                                       QStringLiteral("INSERT INTO customers VALUES (1, 'x')")},
                                      &error),
                 qPrintable(error));
        QTest::newRow("foreign SQLite")
            << foreign << words({"SQLite database", "not a Serverless"});

        const QString newer = m_dir.filePath(QStringLiteral("newer.swb"));
        ProjectFile future(ProjectFile::migrations()
                               + QList<ProjectFile::Migration>{{1,
                                                                QStringLiteral("future"),
                                                                {QStringLiteral("CREATE TABLE "
                                                                                "future (x)")}}},
                           2);
        QVERIFY(future.write(newer, fullDesign()));
        QTest::newRow("newer format")
            << newer << words({"newer Serverless Workbench", "format 2", "reads up to 1"});

        QTest::newRow("out-of-range parameter")
            << tampered(QStringLiteral("range.swb"),
                        {QStringLiteral("UPDATE components SET params = json_set(params, "
                                        "'$.memory', 20000) WHERE name = 'worker'")})
            << words({"'worker'", "Memory", "20000", "128 to 10240 MB"});
        QTest::newRow("wire parameter out of range")
            << tampered(QStringLiteral("wirerange.swb"),
                        {QStringLiteral("UPDATE connections SET params = json_set(params, "
                                        "'$.maxReceiveCount', 0) WHERE kind = 'redrive'")})
            << words({"'orders'", "'orders-dlq'", "Max receive count", "1 to 1000"});
        QTest::newRow("unknown kind")
            << tampered(QStringLiteral("kind.swb"),
                        {QStringLiteral("UPDATE components SET kind = 'lambada' WHERE name = "
                                        "'worker'")})
            << words({"'worker'", "unknown block kind 'lambada'", "lambda"});
        QTest::newRow("unknown wire kind")
            << tampered(QStringLiteral("wirekind.swb"),
                        {QStringLiteral("UPDATE connections SET kind = 'telepathy' WHERE kind = "
                                        "'redrive'")})
            << words({"wire #", "unknown wire kind 'telepathy'"});
        QTest::newRow("dangling wire")
            << tampered(QStringLiteral("dangling.swb"),
                        {QStringLiteral("UPDATE connections SET target = 9999 WHERE kind = "
                                        "'redrive'")})
            << words({"wire #", "target block #9999", "does not exist"});
        QTest::newRow("duplicate names")
            << tampered(QStringLiteral("names.swb"),
                        {QStringLiteral("UPDATE components SET name = 'worker' WHERE name = "
                                        "'reader'")})
            << words({"'worker'", "unique"});
        QTest::newRow("fault on a missing block")
            << tampered(QStringLiteral("fault.swb"),
                        {QStringLiteral("DELETE FROM components WHERE name = 'db'"),
                         QStringLiteral("DELETE FROM connections WHERE target NOT IN (SELECT id "
                                        "FROM components)")})
            << words({"fault #", "does not exist"});
        QTest::newRow("broken JSON")
            << tampered(QStringLiteral("json.swb"),
                        {QStringLiteral("UPDATE components SET params = '{\"memory\": ' WHERE "
                                        "name = 'worker'")})
            << words({"'worker'", "params", "not a JSON object"});
        QTest::newRow("id is text")
            << tampered(QStringLiteral("idtext.swb"),
                        {QStringLiteral("UPDATE faults SET target = 'db' WHERE kind = "
                                        "'outage'")})
            << words({"fault #", "'target'", "not a whole number"});
        QTest::newRow("missing project record")
            << tampered(QStringLiteral("noproject.swb"), {QStringLiteral("DELETE FROM project")})
            << words({"damaged", "project record is missing"});
        QTest::newRow("missing table")
            << tampered(QStringLiteral("notable.swb"), {QStringLiteral("DROP TABLE faults")})
            << words({"damaged", "faults"});
    }

    void refused()
    {
        QFETCH(QString, path);
        QFETCH(QStringList, keywords);
        const Design before = fullDesign();
        Design out = before;
        ProjectFile format;
        QVERIFY(!format.read(path, &out));
        const QString error = format.errorString();
        QVERIFY2(error.contains(path), qPrintable(error));
        for (const QString &word : keywords)
            QVERIFY2(error.contains(word),
                     qPrintable(QStringLiteral("'%1' not in: %2").arg(word, error)));
        QCOMPARE(designDiff(before, out), QString());
    }

    void damagedFilesStillFindTheirFormat()
    {
        // A damaged .swb is not recognised by content, but the suffix still routes it to the
        // project reader, whose message is the precise one.
        const QString path = m_dir.filePath(QStringLiteral("random.swb"));
        QVERIFY(QFile::exists(path));
        ProjectFile format;
        QVERIFY(!format.canRead(path));
        QString error;
        auto reader = FileFormats::forReading(path, &error);
        QVERIFY2(reader, qPrintable(error));
        QCOMPARE(reader->id(), QStringLiteral("swb"));
        Design out;
        QVERIFY(!reader->read(path, &out));
        QVERIFY2(reader->errorString().contains(QLatin1String("not an SQLite")),
                 qPrintable(reader->errorString()));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestProjectFileErrors)
#include "projectfileerrors.moc"
