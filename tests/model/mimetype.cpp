// The shared-mime-info entry the package installs (packaging/serverless-workbench-mime.xml): a
// *.swb.yaml design is its own type and wins over plain YAML, so file managers open it with the
// app, while other .yaml files stay YAML. Read by Qt's MIME database from an isolated data folder
// holding only freedesktop.org's database and ours.

#include <QDir>
#include <QFile>
#include <QMimeDatabase>
#include <QTemporaryDir>
#include <QTest>

class TestMimeType : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_data;

private Q_SLOTS:
    void initTestCase()
    {
        const QString freedesktop = QStringLiteral("/usr/share/mime/packages/freedesktop.org.xml");
        if (!QFile::exists(freedesktop))
            QSKIP("shared-mime-info's freedesktop.org.xml is not installed");
        QVERIFY(m_data.isValid());
        const QString packages = m_data.filePath(QStringLiteral("mime/packages"));
        QVERIFY(QDir().mkpath(packages));
        QVERIFY(QFile::copy(freedesktop, packages + QStringLiteral("/freedesktop.org.xml")));
        QVERIFY(
            QFile::copy(QStringLiteral(SWB_SOURCE_DIR "/packaging/serverless-workbench-mime.xml"),
                        packages + QStringLiteral("/serverless-workbench.xml")));
        // Before the first QMimeDatabase: only this folder is searched.
        qputenv("XDG_DATA_HOME", m_data.path().toLocal8Bit());
        qputenv("XDG_DATA_DIRS", m_data.path().toLocal8Bit());
    }

    void designTextWinsOverYaml()
    {
        const QMimeDatabase db;
        const QMimeType design =
            db.mimeTypeForFile(QStringLiteral("orders.swb.yaml"), QMimeDatabase::MatchExtension);
        QCOMPARE(design.name(), QStringLiteral("application/x-serverless-workbench-design"));
        QVERIFY(design.inherits(QStringLiteral("application/x-yaml")));
        QCOMPARE(
            db.mimeTypeForFile(QStringLiteral("ci.yaml"), QMimeDatabase::MatchExtension).name(),
            QStringLiteral("application/x-yaml"));
        QCOMPARE(
            db.mimeTypeForFile(QStringLiteral("orders.swb"), QMimeDatabase::MatchExtension).name(),
            QStringLiteral("application/x-serverless-workbench"));
    }
};

QTEST_GUILESS_MAIN(TestMimeType)
#include "mimetype.moc"
