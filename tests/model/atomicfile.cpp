// Atomic replacement (model/atomicfile.h) under faults: a full disk (a tiny tmpfs, as root), a
// read-only folder, a symbolic link, a folder, a device and a foreign file at the target. After
// every failure the old file is byte-identical and no temporary file is left; a killed save's
// temporary file is removed by the next save or open in its folder, a live one never.

#include "../fstestutil.h"
#include "designfixtures.h"

#include "model/atomicfile.h"
#include "model/fileformat.h"
#include "model/projectfile.h"
#include "model/textformat.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace swb;
using namespace swb::test;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// A project (the native writer's own kind) of the given design.
QByteArray projectBytes(const Design &design, const QString &scratch)
{
    ProjectFile format;
    return format.write(scratch, design) ? bytesOf(scratch) : QByteArray();
}

} // namespace

class TestAtomicFile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_count = 0;
    QString folder()
    {
        const QString path = m_dir.filePath(QString::number(++m_count));
        QDir().mkpath(path);
        return path;
    }

private Q_SLOTS:
    void replacesAndLeavesNothingElse()
    {
        const QString dir = folder();
        const QString path = dir + s("/out.txt");
        QString error;
        QVERIFY2(writeFileAtomically(path, "first", OutputKind::Text, false, &error),
                 qPrintable(error));
        QVERIFY2(writeFileAtomically(path, "second", OutputKind::Text, false, &error),
                 qPrintable(error));
        QCOMPARE(bytesOf(path), QByteArray("second"));
        QCOMPARE(entriesOf(dir), QStringList{s("out.txt")});
    }

    void keepsThePermissionsOfTheFileItReplaces()
    {
        const QString path = folder() + s("/out.txt");
        QVERIFY(putBytes(path, "old"));
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
        const QFile::Permissions before = QFile::permissions(path);
        QString error;
        QVERIFY2(writeFileAtomically(path, "new", OutputKind::Text, false, &error),
                 qPrintable(error));
        QCOMPARE(QFile::permissions(path), before);
        QVERIFY(!(QFile::permissions(path) & (QFile::ReadOther | QFile::ReadGroup)));
    }

    void refusalsNameThePlace()
    {
        const QString dir = folder();
        QString error;
        QVERIFY(!writeFileAtomically(dir, "x", OutputKind::Text, true, &error));
        QVERIFY2(error.contains(s("it is a folder")), qPrintable(error));
        QVERIFY(
            !writeFileAtomically(dir + s("/no/such/f.txt"), "x", OutputKind::Text, true, &error));
        QVERIFY2(error.contains(s("does not exist")), qPrintable(error));
        QVERIFY(!writeFileAtomically(QString(), "x", OutputKind::Text, true, &error));
        QVERIFY2(error.contains(s("no file name")), qPrintable(error));
        // A device is never replaced, forced or not.
        QVERIFY(!writeFileAtomically(s("/dev/null"), "x", OutputKind::Text, true, &error));
        QVERIFY2(error.contains(s("not a regular file")), qPrintable(error));
        QCOMPARE(entriesOf(dir), QStringList());
    }

    // The finding: every writer but XLSX followed a symlink and overwrote its target,
    // and a dangling link let `import` and `new` create a file wherever it pointed.
    void symbolicLinksNeedForceAndDanglingOnesAreRefused()
    {
        const QString dir = folder();
        const QString real = dir + s("/real.txt");
        const QString link = dir + s("/link.txt");
        QVERIFY(putBytes(real, "old"));
        QVERIFY(QFile::link(real, link));
        QString error;
        QVERIFY(!writeFileAtomically(link, "new", OutputKind::Text, false, &error));
        QVERIFY2(error.contains(s("symbolic link to '%1'").arg(real)), qPrintable(error));
        QVERIFY2(error.contains(s("--force")), qPrintable(error));
        QCOMPARE(bytesOf(real), QByteArray("old"));
        QVERIFY(QFileInfo(link).isSymLink());
        // Forced: the file it points to is replaced, the link stays a link.
        QVERIFY2(writeFileAtomically(link, "new", OutputKind::Text, true, &error),
                 qPrintable(error));
        QCOMPARE(bytesOf(real), QByteArray("new"));
        QVERIFY(QFileInfo(link).isSymLink());
        // A dangling link is refused even forced, and nothing appears where it points.
        const QString nowhere = m_dir.filePath(s("elsewhere/created.txt"));
        QVERIFY(QDir().mkpath(QFileInfo(nowhere).absolutePath()));
        const QString dangling = dir + s("/dangling.txt");
        QVERIFY(QFile::link(nowhere, dangling));
        for (bool force : {false, true}) {
            QVERIFY(!writeFileAtomically(dangling, "x", OutputKind::Text, force, &error));
            QVERIFY2(error.contains(nowhere), qPrintable(error));
            QVERIFY(!QFile::exists(nowhere));
        }
        QCOMPARE(entriesOf(dir), (QStringList{s("dangling.txt"), s("link.txt"), s("real.txt")}));
    }

    // `convert` once silently replaced a foreign SQLite database named places.swb.
    void foreignFilesNeedForce()
    {
        const QString dir = folder();
        const QString places = dir + s("/places.swb");
        QString error;
        QVERIFY(ProjectFile::execute(places, {s("CREATE TABLE moz_places (url TEXT)")}, &error));
        const QByteArray foreign = bytesOf(places);
        ProjectFile format;
        QVERIFY(!format.write(places, testing::fullDesign()));
        QVERIFY2(format.errorString().contains(s("is not a Serverless Workbench project")),
                 qPrintable(format.errorString()));
        QCOMPARE(bytesOf(places), foreign);
        format.setForce(true);
        QVERIFY2(format.write(places, testing::fullDesign()), qPrintable(format.errorString()));
        QVERIFY(format.canRead(places));
        // A project replaces a project without asking; an empty file is nobody's.
        format.setForce(false);
        QVERIFY2(format.write(places, testing::fullDesign()), qPrintable(format.errorString()));
        const QString empty = dir + s("/empty.swb");
        QVERIFY(putBytes(empty, QByteArray()));
        QVERIFY2(format.write(empty, testing::fullDesign()), qPrintable(format.errorString()));
        // Each kind recognises its own files only.
        const QString picture = dir + s("/cost.csv");
        QVERIFY(putBytes(picture, QByteArray("\x89PNG\r\n\x1a\n\0\0", 10)));
        QVERIFY(!writeFileAtomically(picture, "a,b\n", OutputKind::Csv, false, &error));
        QVERIFY2(error.contains(s("is not a CSV text file")), qPrintable(error));
        QVERIFY(looksLike(OutputKind::Pdf, "%PDF-1.4\n"));
        QVERIFY(!looksLike(OutputKind::Pdf, "%!PS"));
        QVERIFY(looksLike(OutputKind::Png, QByteArray("\x89PNG\r\n\x1a\n", 8)));
        QVERIFY(looksLike(OutputKind::Xlsx, QByteArray("PK\x03\x04", 4)));
        QVERIFY(looksLike(OutputKind::Svg, "<?xml version=\"1.0\"?>\n<svg"));
        QVERIFY(looksLike(OutputKind::DesignText, "# comment\nformat: 1\n"));
        QVERIFY(!looksLike(OutputKind::DesignText, "Resources:\n"));
        QVERIFY(looksLike(OutputKind::Json, "  {\"a\": 1}"));
        QVERIFY(!looksLike(OutputKind::Json, "a,b\n"));
    }

    void fullDiskKeepsTheOldFile_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("project") << 0;
        QTest::newRow("design text") << 1;
        QTest::newRow("bytes") << 2;
    }

    // The finding: with the old file present and the file system full, writers left a
    // 0-byte file and reported success (QSaveFile committed an unflushed buffer).
    void fullDiskKeepsTheOldFile()
    {
        QFETCH(int, kind);
        QString why;
        auto fs = TinyFs::mount(256, &why);
        if (!fs)
            QSKIP(qPrintable(why));
        const Design design = testing::fullDesign();
        const QString path = fs->filePath(kind == 0   ? s("d.swb")
                                          : kind == 1 ? s("d.swb.yaml")
                                                      : s("d.txt"));
        QByteArray old;
        if (kind == 0)
            old = projectBytes(Design(), m_dir.filePath(s("empty.swb")));
        else if (kind == 1)
            old = TextFormat::toYaml(Design());
        else
            old = "old contents\n";
        QVERIFY(!old.isEmpty());
        QVERIFY(putBytes(path, old));
        QVERIFY(fs->fill());
        const QStringList before = entriesOf(fs->path());
        QString error;
        bool ok = false;
        if (kind == 0) {
            ProjectFile format;
            ok = format.write(path, design);
            error = format.errorString();
        } else if (kind == 1) {
            TextFormat format;
            ok = format.write(path, design);
            error = format.errorString();
        } else {
            ok = writeFileAtomically(path, QByteArray(64 * 1024, 'x'), OutputKind::Text, false,
                                     &error);
        }
        QVERIFY(!ok);
        QVERIFY2(error.contains(path) || error.contains(QFileInfo(path).fileName()),
                 qPrintable(error));
        QVERIFY2(error.contains(s("space")) || error.contains(s("full")), qPrintable(error));
        QCOMPARE(bytesOf(path), old);
        QCOMPARE(entriesOf(fs->path()), before);
    }

    void readOnlyFolderKeepsTheOldFile()
    {
        ReadOnlyFolder dir({{s("d.swb.yaml"), TextFormat::toYaml(Design())}});
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(s("d.swb.yaml"));
        const QByteArray old = bytesOf(path);
        TextFormat format;
        QVERIFY(!format.write(path, testing::fullDesign()));
        // Root sees a read-only file system, others a folder without write permission.
        QVERIFY2(format.errorString().contains(s("read-only"))
                     || format.errorString().contains(s("cannot create a file in")),
                 qPrintable(format.errorString()));
        QCOMPARE(bytesOf(path), old);
        QCOMPARE(entriesOf(dir.path()), QStringList{s("d.swb.yaml")});
    }

    // Every kill -9 during a save left ".NAME.swb.XXXXXX" and its journal behind, up to 20 MB
    // each, and nothing removed them. A killed writer's temporary file is unlocked: the next
    // save in the folder removes it, and the next open too.
    void litterOfAKilledSaveIsRemoved()
    {
        const QString dir = folder();
        const QString path = dir + s("/d.swb");
        const pid_t child = ::fork();
        if (child == 0) {
            AtomicFile file(path, OutputKind::Project, false);
            if (file.open()) {
                putBytes(file.tempPath() + s("-journal"), "journal");
                ::kill(::getpid(), SIGKILL); // killed mid-save: no destructor runs
            }
            ::_exit(1);
        }
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY(WIFSIGNALED(status));
        QStringList litter = entriesOf(dir);
        QCOMPARE(litter.size(), 2); // the temporary file and its journal
        QVERIFY2(litter.first().startsWith(s(".d.swb.swbsave-")), qPrintable(litter.first()));
        // Earlier versions' litter (no lock; removed once older than 10 minutes).
        const QString legacy = dir + s("/.d.swb.Ab12Cd");
        QVERIFY(putBytes(legacy, "old version's temp"));
        QFile legacyFile(legacy);
        QVERIFY(legacyFile.open(QIODevice::ReadWrite));
        QVERIFY(legacyFile.setFileTime(QDateTime::currentDateTime().addSecs(-3600),
                                       QFileDevice::FileModificationTime));
        legacyFile.close();

        ProjectFile format;
        QVERIFY2(format.write(path, testing::fullDesign()), qPrintable(format.errorString()));
        QCOMPARE(entriesOf(dir), QStringList{s("d.swb")});

        // An open removes it too (a killed save before any other save).
        QVERIFY(putBytes(dir + s("/.d.swb.swbsave-Zz9Zz9"), "killed"));
        QString error;
        QVERIFY(FileFormats::forReading(path, &error));
        QCOMPARE(entriesOf(dir), QStringList{s("d.swb")});
    }

    void aLiveWritersTemporaryFileIsLeftAlone()
    {
        const QString dir = folder();
        AtomicFile live(dir + s("/a.txt"), OutputKind::Text, false);
        QVERIFY2(live.open(), qPrintable(live.error()));
        QVERIFY(live.write("in progress"));
        QCOMPARE(removeSaveLitter(dir), 0);
        QVERIFY(QFile::exists(live.tempPath()));
        QString error;
        QVERIFY(writeFileAtomically(dir + s("/b.txt"), "b", OutputKind::Text, false, &error));
        QVERIFY(QFile::exists(live.tempPath()));
        QVERIFY2(live.commit(), qPrintable(live.error()));
        QCOMPARE(bytesOf(dir + s("/a.txt")), QByteArray("in progress"));
        QCOMPARE(entriesOf(dir), (QStringList{s("a.txt"), s("b.txt")}));
    }
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "atomicfile.moc"
