// Bounded reading (model/referencedfile.h): devices, FIFOs and oversized files are refused
// without being read (a FIFO without blocking, a 1 GB file without taking the memory), and a
// file a design or template names is read only inside its folder or an allowed one, resolving
// ".." and symbolic links, with the same answer whether or not something exists outside.

#include "../fstestutil.h"

#include "model/referencedfile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <sys/types.h>

using namespace swb;
using namespace swb::test;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

} // namespace

class TestReferencedFile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_base;  // the "design's folder"
    QString m_other; // a folder beside it
    FileAccess access() const
    {
        FileAccess a;
        a.baseDir = m_base;
        a.maxBytes = 1024;
        return a;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_base = m_dir.filePath(s("design"));
        m_other = m_dir.filePath(s("other"));
        QVERIFY(QDir().mkpath(m_base + s("/sub")));
        QVERIFY(QDir().mkpath(m_other));
        QVERIFY(putBytes(m_base + s("/in.csv"), "0,1\n"));
        QVERIFY(putBytes(m_base + s("/sub/deep.csv"), "0,2\n"));
        QVERIFY(putBytes(m_other + s("/secret.csv"), "AWS_SECRET_ACCESS_KEY=abc\n"));
    }

    void insideIsRead()
    {
        QByteArray bytes;
        QString error;
        QVERIFY2(readReferencedFile(s("in.csv"), access(), &bytes, &error), qPrintable(error));
        QCOMPARE(bytes, QByteArray("0,1\n"));
        QVERIFY(readReferencedFile(s("sub/../sub/deep.csv"), access(), &bytes, &error));
        QVERIFY(readReferencedFile(m_base + s("/in.csv"), access(), &bytes, &error));
    }

    void outsideIsRefusedWithoutBeingTouched_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::newRow("parent") << s("../other/secret.csv");
        QTest::newRow("absolute") << m_other + s("/secret.csv");
        QTest::newRow("system") << s("/etc/passwd");
        QTest::newRow("dotdot chain") << s("sub/../../other/secret.csv");
    }

    void outsideIsRefusedWithoutBeingTouched()
    {
        QFETCH(QString, reference);
        QByteArray bytes;
        QString error;
        QVERIFY(!readReferencedFile(reference, access(), &bytes, &error));
        QVERIFY2(error.contains(s("is outside the design's folder")), qPrintable(error));
        QVERIFY2(!error.contains(s("AWS_SECRET")), qPrintable(error));
        QVERIFY(bytes.isEmpty());
    }

    // The existence oracle: a template's CodeUri reported whether an arbitrary path
    // exists. Outside the folder the answer is the same for a file that is there and one that
    // is not, and a link inside the folder that leads out is treated as outside.
    void noExistenceOracle()
    {
        QCOMPARE(resolveReference(m_other + s("/secret.csv"), access()).status,
                 ResolvedReference::Status::Outside);
        QCOMPARE(resolveReference(m_other + s("/nothing-here.csv"), access()).status,
                 ResolvedReference::Status::Outside);
        QVERIFY(QFile::link(m_other + s("/secret.csv"), m_base + s("/link-out.csv")));
        QVERIFY(QFile::link(m_other + s("/missing.csv"), m_base + s("/dangling-out.csv")));
        QVERIFY(QFile::link(m_other, m_base + s("/dir-out")));
        QCOMPARE(resolveReference(s("link-out.csv"), access()).status,
                 ResolvedReference::Status::Outside);
        QCOMPARE(resolveReference(s("dangling-out.csv"), access()).status,
                 ResolvedReference::Status::Outside);
        QCOMPARE(resolveReference(s("dir-out/secret.csv"), access()).status,
                 ResolvedReference::Status::Outside);
        QByteArray bytes;
        QString error;
        QVERIFY(!readReferencedFile(s("link-out.csv"), access(), &bytes, &error));
        QVERIFY2(error.contains(s("outside")), qPrintable(error));
        // Inside, missing is missing.
        QCOMPARE(resolveReference(s("nope.csv"), access()).status,
                 ResolvedReference::Status::Missing);
        // A link that stays inside is followed.
        QVERIFY(QFile::link(m_base + s("/sub/deep.csv"), m_base + s("/link-in.csv")));
        QCOMPARE(resolveReference(s("link-in.csv"), access()).status,
                 ResolvedReference::Status::Inside);
        // A loop of links ends as outside, not as a hang.
        QVERIFY(QFile::link(m_base + s("/loop-b"), m_base + s("/loop-a")));
        QVERIFY(QFile::link(m_base + s("/loop-a"), m_base + s("/loop-b")));
        QCOMPARE(resolveReference(s("loop-a"), access()).status,
                 ResolvedReference::Status::Outside);
    }

    void allowedFolderIsRead()
    {
        FileAccess a = access();
        a.allowedDirs = {m_other};
        QByteArray bytes;
        QString error;
        QVERIFY2(readReferencedFile(s("../other/secret.csv"), a, &bytes, &error),
                 qPrintable(error));
        QVERIFY(bytes.startsWith("AWS"));
    }

    void devicesAreRefusedUnread()
    {
        QByteArray bytes;
        QString error;
        QVERIFY(!readRegularFile(s("/dev/zero"), 1024, &bytes, &error));
        QVERIFY2(error.contains(s("not a regular file")), qPrintable(error));
        QVERIFY(bytes.isEmpty());
        FileAccess a = access();
        a.allowedDirs = {s("/dev")};
        QVERIFY(!readReferencedFile(s("/dev/zero"), a, &bytes, &error));
        QVERIFY2(error.contains(s("not a regular file")), qPrintable(error));
        QVERIFY(!readFileHead(s("/dev/zero"), 100));
    }

    void fifoIsRefusedWithoutBlocking()
    {
        const QString fifo = m_base + s("/pipe.csv");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QElapsedTimer timer;
        timer.start();
        QByteArray bytes;
        QString error;
        QVERIFY(!readReferencedFile(s("pipe.csv"), access(), &bytes, &error));
        QVERIFY2(error.contains(s("not a regular file")), qPrintable(error));
        QVERIFY(!readRegularFile(fifo, 1024, &bytes, &error));
        QVERIFY(!readFileHead(fifo, 100));
        // No writer ever opens the FIFO: a blocking open would never return.
        QVERIFY(timer.elapsed() < 10000);
    }

    void aHugeFileIsRefusedBeforeReading()
    {
        // 1 GB, sparse: no disk space, and a read of it would take a gigabyte of memory.
        const QString huge = m_base + s("/huge.csv");
        QFile file(huge);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(qint64(1) << 30));
        file.close();
        QByteArray bytes;
        QString error;
        QVERIFY(!readReferencedFile(s("huge.csv"), access(), &bytes, &error));
        QVERIFY2(error.contains(s("is 1024 MB; at most")), qPrintable(error));
        QVERIFY(bytes.isEmpty());
        QVERIFY(!readRegularFile(huge, 4 * 1024 * 1024, &bytes, &error));
        QVERIFY2(error.contains(s("at most 4 MB")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestReferencedFile)
#include "referencedfile.moc"
