// Every file swb writes is replaced atomically (model/atomicfile.h), through the binary: the
// project save, the text design, `set`, `new`, `import`, each export format (SAM, cost CSV /
// XLSX / PDF, diagram SVG / PNG / PDF) and the results of `simulate` and `sweep`. On a full disk
// (a tiny tmpfs, as root), in a read-only folder and onto a folder the command fails with exit
// 3, the old file stays byte-identical and nothing else appears; a symbolic link is refused
// without --force and with it the file it points to is replaced.
// The findings: on a full disk `set`, `convert`, `export cost`, `export sam`, `simulate
// --out` and `sweep --out` left a 0-byte file with exit 0; every writer but XLSX followed links.

#include "../fstestutil.h"
#include "clitestutil.h"

#include "model/patterns.h"
#include "model/projectfile.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace swb;
using namespace swb::test;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

} // namespace

class TestAtomicWrites : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_design;   // sqs-lambda: what the commands write
    QString m_other;    // sns-fanout: what the old files hold
    QString m_template; // a SAM template of sqs-lambda, for import
    QString m_otherTemplate;

    // The command with %D (design), %T (template) and %O (output) filled in.
    QStringList command(QStringList args, const QString &out, bool other) const
    {
        for (QString &a : args) {
            if (a == QLatin1String("%D"))
                a = other ? m_other : m_design;
            else if (a == QLatin1String("%T"))
                a = other ? m_otherTemplate : m_template;
            else if (a == QLatin1String("%O"))
                a = out;
            else if (a == QLatin1String("%P"))
                a = other ? s("sns-fanout") : s("sqs-lambda");
        }
        return args;
    }

    // What the file holds before the command runs: the same command's output for the other
    // design (for `set`, the design it edits), so a replacement would show.
    QByteArray oldBytes(const QStringList &args, const QString &name)
    {
        const QString path = m_dir.filePath(s("old-") + name);
        QFile::remove(path);
        if (args.first() == QLatin1String("set")) {
            const SwbResult r = runSwb({s("convert"), m_design, path});
            return r.code == 0 ? bytesOf(path) : QByteArray();
        }
        const SwbResult r = runSwb(command(args, path, true));
        return r.code == 0 ? bytesOf(path) : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_design = m_dir.filePath(s("design.swb"));
        m_other = m_dir.filePath(s("other.swb"));
        QVERIFY(saveDesignFile(m_design, *makePattern(s("sqs-lambda"))));
        QVERIFY(saveDesignFile(m_other, *makePattern(s("sns-fanout"))));
        m_template = m_dir.filePath(s("template.yaml"));
        m_otherTemplate = m_dir.filePath(s("other-template.yaml"));
        QCOMPARE(runSwb({s("export"), s("sam"), m_design, m_template}).code, 0);
        QCOMPARE(runSwb({s("export"), s("sam"), m_other, m_otherTemplate}).code, 0);
    }

    void faultsLeaveTheOldFile_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("name");
        const QString D = s("%D"), O = s("%O");
        QTest::newRow("project") << QStringList{s("convert"), D, O} << s("out.swb");
        QTest::newRow("text design") << QStringList{s("convert"), D, O} << s("out.swb.yaml");
        QTest::newRow("set") << QStringList{s("set"), O, s("job-worker.memory=512")}
                             << s("out.swb.yaml");
        QTest::newRow("new") << QStringList{s("new"), s("--pattern"), s("%P"), O, s("--force")}
                             << s("out.swb");
        QTest::newRow("import") << QStringList{s("import"), s("%T"), O, s("--force")}
                                << s("out.swb");
        QTest::newRow("sam") << QStringList{s("export"), s("sam"), D, O} << s("out.yaml");
        for (const char *suffix : {"csv", "xlsx", "pdf"})
            QTest::newRow(qPrintable(s("cost %1").arg(QLatin1String(suffix))))
                << QStringList{s("export"), s("cost"), D, O} << s("out.") + QLatin1String(suffix);
        for (const char *suffix : {"svg", "png", "pdf"})
            QTest::newRow(qPrintable(s("diagram %1").arg(QLatin1String(suffix))))
                << QStringList{s("export"), s("diagram"), D, O}
                << s("out.") + QLatin1String(suffix);
        for (const char *suffix : {"json", "csv"}) {
            QTest::newRow(qPrintable(s("results %1").arg(QLatin1String(suffix))))
                << QStringList{s("simulate"), D, s("--duration"), s("10s"), s("--out"), O}
                << s("out.") + QLatin1String(suffix);
            QTest::newRow(qPrintable(s("sweep %1").arg(QLatin1String(suffix))))
                << QStringList{s("sweep"),      D,        s("--vary"),  s("project.seed=2"),
                               s("--duration"), s("10s"), s("--seeds"), s("1"),
                               s("--out"),      O}
                << s("out.") + QLatin1String(suffix);
        }
    }

    void faultsLeaveTheOldFile()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, name);
        const QByteArray old = oldBytes(args, name);
        QVERIFY2(!old.isEmpty(), "the command did not write its reference output");

        // A full disk.
        QString why;
        if (auto fs = TinyFs::mount(1024, &why)) {
            const QString out = fs->filePath(name);
            QVERIFY(putBytes(out, old));
            QVERIFY(fs->fill());
            const QStringList before = entriesOf(fs->path());
            const SwbResult r = runSwb(command(args, out, false));
            QVERIFY2(r.code == 3, qPrintable(QString::number(r.code) + s(": ") + r.err));
            QVERIFY2(r.err.contains(s("space")) || r.err.contains(s("full")), qPrintable(r.err));
            QCOMPARE(bytesOf(out), old);
            QCOMPARE(entriesOf(fs->path()), before);
        } else {
            qWarning("full-disk case skipped: %s", qPrintable(why));
        }

        // A read-only folder.
        {
            ReadOnlyFolder dir({{name, old}});
            QVERIFY(dir.isValid());
            const QString out = dir.filePath(name);
            const SwbResult r = runSwb(command(args, out, false));
            QVERIFY2(r.code == 3, qPrintable(QString::number(r.code) + s(": ") + r.err));
            QCOMPARE(bytesOf(out), old);
            QCOMPARE(entriesOf(dir.path()), QStringList{name});
        }

        // A folder where the file should be.
        {
            QTemporaryDir dir;
            const QString out = dir.filePath(name);
            QVERIFY(QDir().mkpath(out));
            const SwbResult r = runSwb(command(args, out, false));
            QVERIFY2(r.code != 0, qPrintable(r.err));
            QVERIFY(QFileInfo(out).isDir());
            QCOMPARE(entriesOf(dir.path()), QStringList{name});
        }

        // A symbolic link: refused unless --force, which replaces the file it points to.
        {
            QTemporaryDir dir;
            const QString real = dir.filePath(s("real-") + name);
            const QString out = dir.filePath(name);
            QVERIFY(putBytes(real, old));
            QVERIFY(QFile::link(real, out));
            QStringList plain = command(args, out, false);
            plain.removeAll(s("--force"));
            SwbResult r = runSwb(plain);
            QVERIFY2(r.code == 3, qPrintable(QString::number(r.code) + s(": ") + r.err));
            QVERIFY2(r.err.contains(s("symbolic link")) || r.err.contains(s("already exists")),
                     qPrintable(r.err));
            QCOMPARE(bytesOf(real), old);
            r = runSwb(plain + QStringList{s("--force")});
            QVERIFY2(r.code == 0, qPrintable(r.err));
            QVERIFY(bytesOf(real) != old);
            QVERIFY(QFileInfo(out).isSymLink());
            QCOMPARE(entriesOf(dir.path()), (QStringList{name, s("real-") + name}));
        }
    }

    // `convert` silently replaced a foreign SQLite database named places.swb; `import` and
    // `new` created a file wherever a dangling link pointed.
    void foreignFilesAndDanglingLinksAreRefused()
    {
        QTemporaryDir dir;
        const QString places = dir.filePath(s("places.swb"));
        QString error;
        QVERIFY(ProjectFile::execute(places, {s("CREATE TABLE moz_places (url TEXT)")}, &error));
        const QByteArray foreign = bytesOf(places);
        SwbResult r = runSwb({s("convert"), m_design, places});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains(s("is not a Serverless Workbench project")), qPrintable(r.err));
        QVERIFY2(r.err.contains(s("--force")), qPrintable(r.err));
        QCOMPARE(bytesOf(places), foreign);
        r = runSwb({s("convert"), m_design, places, s("--force")});
        QVERIFY2(r.code == 0, qPrintable(r.err));

        const QString target = dir.filePath(s("elsewhere.swb"));
        const QString dangling = dir.filePath(s("link.swb"));
        QVERIFY(QFile::link(target, dangling));
        for (const QStringList &args :
             {QStringList{s("new"), s("--pattern"), s("sqs-lambda"), dangling},
              QStringList{s("import"), m_template, dangling},
              QStringList{s("new"), s("--pattern"), s("sqs-lambda"), dangling, s("--force")},
              QStringList{s("import"), m_template, dangling, s("--force")}}) {
            r = runSwb(args);
            QVERIFY2(r.code == 3, qPrintable(args.join(QLatin1Char(' ')) + s(": ") + r.err));
            QVERIFY(!QFile::exists(target));
        }
    }
};

QTEST_GUILESS_MAIN(TestAtomicWrites)
#include "atomicwrites.moc"
