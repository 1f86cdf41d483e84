// GUI tests of the Help menu: the About box names the version and the licences of the
// libraries the binary uses, F1 opens the bundled guide, and every link of the guide resolves to
// a bundled page and anchor.
#include "mainwindowtestutil.h"

#include "model/libraryversions.h"
#include "ui/canvas/diagramview.h"
#include "ui/guide/aboutdialog.h"
#include "ui/guide/helpwindow.h"
#include "ui/mainwindow.h"

#include <QAction>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextTable>
#include <QtTest>

using namespace swb;

namespace {

// The version CMake builds from, read from the top-level CMakeLists.txt.
QString cmakeProjectVersion()
{
    QFile file(QStringLiteral(SWB_SOURCE_DIR "/CMakeLists.txt"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QRegularExpression re(QStringLiteral("project\\(\\s*\\w+\\s+VERSION\\s+([0-9.]+)"));
    return re.match(QString::fromUtf8(file.readAll())).captured(1);
}

struct PageLinks {
    QStringList hrefs;
    QStringList anchors;
};

// Links and anchor names of the document shown, walking its text fragments.
PageLinks linksOf(const QTextDocument *doc)
{
    PageLinks out;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat f = it.fragment().charFormat();
            if (f.isAnchor() && !f.anchorHref().isEmpty())
                out.hrefs.append(f.anchorHref());
            out.anchors.append(f.anchorNames());
        }
    }
    return out;
}

void showActive(QWidget &w)
{
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
}

QString shotDir()
{
    return qEnvironmentVariable("SWB_GUIDE_SHOTS");
}

} // namespace

class TestHelpAbout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::setUpGuiTestEnvironment(QStringLiteral("tst_ui_helpabout")); }
    void init() { test::resetGuiTestState(); }

    void aboutShowsVersionAndLicences()
    {
        MainWindow w(test::pricing());
        showActive(w);
        const QString version = cmakeProjectVersion();
        QVERIFY(!version.isEmpty());
        QCoreApplication::setApplicationVersion(QString()); // as in a test, no main() ran
        w.action(QStringLiteral("actionAbout"))->trigger();
        auto *about = w.findChild<AboutDialog *>(QStringLiteral("aboutDialog"));
        QVERIFY(about);
        QVERIFY(QTest::qWaitForWindowExposed(about));
        const QString text = about->findChild<QLabel *>(QStringLiteral("aboutText"))->text();
        QVERIFY2(text.contains(QStringLiteral("Serverless Workbench ") + version),
                 qPrintable(text));
        for (const char *licence : {"LGPLv3", "BSL-1.0", "MIT", "BSD-2-Clause", "public domain"})
            QVERIFY2(text.contains(QLatin1String(licence)), licence);
        for (const char *name : {"Qt", "Boost", "yaml-cpp", "libxlsxwriter", "SQLite"})
            QVERIFY2(text.contains(QLatin1String(name)), name);
        // Versions read at run time where the library offers it.
        QVERIFY(text.contains(QString::fromLatin1(qVersion())));
        const QList<LibraryInfo> libs = libraryVersions();
        QCOMPARE(libs.size(), 5);
        for (const LibraryInfo &lib : libs) {
            QVERIFY2(
                QRegularExpression(QStringLiteral("^\\d+\\.\\d+")).match(lib.version).hasMatch(),
                qPrintable(lib.name + QLatin1Char(' ') + lib.version));
            QVERIFY(text.contains(lib.version));
        }
        if (!shotDir().isEmpty())
            QVERIFY(about->grab().save(shotDir() + QStringLiteral("/about.png")));
        QTest::keyClick(about, Qt::Key_Escape);
        QTRY_VERIFY(!w.findChild<AboutDialog *>(QStringLiteral("aboutDialog")));

        // The application's own version wins when main() set one.
        QCoreApplication::setApplicationVersion(QStringLiteral("9.8.7-test"));
        w.action(QStringLiteral("actionAbout"))->trigger();
        about = w.findChild<AboutDialog *>(QStringLiteral("aboutDialog"));
        QVERIFY(about);
        QVERIFY(about->textLabel()->text().contains(QLatin1String("9.8.7-test")));
        about->close();
        QCoreApplication::setApplicationVersion(QString());
    }

    void aboutQtIsOffered()
    {
        MainWindow w(test::pricing());
        showActive(w);
        QAction *aboutQt = w.action(QStringLiteral("actionAboutQt"));
        QVERIFY(aboutQt);
        QCOMPARE(aboutQt->menuRole(), QAction::AboutQtRole);
        bool seen = false;
        test::whenModalAppears([](QWidget *m) { return qobject_cast<QMessageBox *>(m); },
                               [](QWidget *m) { m->close(); }, &seen);
        aboutQt->trigger();
        QVERIFY(seen);
    }

    void f1OpensTheGuide()
    {
        MainWindow w(test::pricing());
        showActive(w);
        w.view()->setFocus();
        QTest::keyClick(w.view(), Qt::Key_F1);
        auto *help = w.findChild<HelpWindow *>(QStringLiteral("helpWindow"));
        QVERIFY(help);
        QVERIFY(QTest::qWaitForWindowExposed(help));
        QTextBrowser *browser = help->findChild<QTextBrowser *>(QStringLiteral("helpBrowser"));
        QVERIFY(browser);
        QCOMPARE(browser->source(), HelpWindow::homeUrl());
        QVERIFY(browser->toPlainText().contains(QLatin1String("Contents")));
        if (!shotDir().isEmpty())
            QVERIFY(help->grab().save(shotDir() + QStringLiteral("/help.png")));

        // Clicking the first link follows it; Back returns.
        const PageLinks home = linksOf(browser->document());
        QVERIFY(!home.hrefs.isEmpty());
        QTextCursor cursor = browser->document()->find(QStringLiteral("Building a design"));
        QVERIFY(!cursor.isNull());
        cursor.setPosition(cursor.selectionStart() + 2);
        const QPoint at = browser->cursorRect(cursor).center();
        QTest::mouseClick(browser->viewport(), Qt::LeftButton, {}, at);
        QTRY_COMPARE(browser->source().fileName(), QStringLiteral("building.html"));
        QCOMPARE(help->topics()->currentItem()->data(Qt::UserRole).toString(),
                 QStringLiteral("building.html"));
        if (!shotDir().isEmpty())
            QVERIFY(help->grab().save(shotDir() + QStringLiteral("/help-building.png")));
        browser->backward();
        QCOMPARE(browser->source(), HelpWindow::homeUrl());

        // F1 again raises the same window.
        QTest::keyClick(w.view(), Qt::Key_F1);
        QCOMPARE(w.findChildren<HelpWindow *>().size(), 1);
    }

    // The AWS behaviour reference the code cites ("aws-behaviour.md §4") ships as a help page:
    // reached from the contents with a click, rendered as Markdown (tables, not pipes), with its
    // sections, sources and confirmation marks (✔ rather than an emoji, which a desktop without
    // an emoji font shows as a box).
    void awsReferenceIsAHelpPage()
    {
        HelpWindow help;
        showActive(help);
        QTextBrowser *browser = help.browser();
        QTextCursor cursor = browser->document()->find(QStringLiteral("AWS behaviour reference"));
        QVERIFY(!cursor.isNull());
        QTest::mouseClick(browser->viewport(), Qt::LeftButton, {},
                          browser->cursorRect(cursor).center());
        QTRY_COMPARE(browser->source().fileName(), QStringLiteral("aws-behaviour.md"));
        QCOMPARE(help.topics()->currentItem()->data(Qt::UserRole).toString(),
                 QStringLiteral("aws-behaviour.md"));
        const QTextDocument *doc = browser->document();
        QCOMPARE(doc->begin().text(),
                 QStringLiteral("AWS behaviour and pricing reference for the simulator and cost "
                                "model"));
        int tables = 0;
        for (QTextBlock b = doc->begin(); b.isValid(); b = b.next())
            if (QTextTable *t = QTextCursor(b).currentTable();
                t && t->cellAt(b.position()).row() == 0 && t->cellAt(b.position()).column() == 0)
                ++tables;
        QVERIFY2(tables >= 6, qPrintable(QString::number(tables))); // one table per service
        const QString text = browser->toPlainText();
        QVERIFY(!text.contains(QStringLiteral("|---|")));
        QVERIFY(!text.contains(QChar::fromUcs4(0x2705))); // no emoji: it has no glyph here
        for (const char *needle : {"1. Lambda", "4. SQS", "6. Step Functions", "Source", "\u2714",
                                   "\u26a0", "Reserved = 0"})
            QVERIFY2(text.contains(QString::fromUtf8(needle)), needle);
        if (!shotDir().isEmpty())
            QVERIFY(help.grab().save(shotDir() + QStringLiteral("/help-aws-reference.png")));
    }

    void everyLinkResolves()
    {
        HelpWindow help;
        QTextBrowser *browser = help.browser();
        // Every bundled page is in the topic list and the other way round.
        QStringList bundled = QDir(QStringLiteral(":/help"))
                                  .entryList({QStringLiteral("*.html"), QStringLiteral("*.md")});
        QStringList listed = HelpWindow::pages();
        bundled.sort();
        listed.sort();
        QCOMPARE(listed, bundled);
        QVERIFY(bundled.size() >= 8);

        QHash<QString, PageLinks> pages;
        for (const QString &page : HelpWindow::pages()) {
            help.showPage(page);
            QCOMPARE(browser->source().fileName(), page);
            // A Markdown page has no <title>; its first block is its heading.
            const QString title = page.endsWith(QStringLiteral(".md"))
                                      ? browser->document()->begin().text()
                                      : browser->documentTitle();
            QVERIFY2(!title.isEmpty(), qPrintable(page));
            QVERIFY2(browser->toPlainText().size() > 200, qPrintable(page));
            pages.insert(page, linksOf(browser->document()));
        }
        int checked = 0;
        for (auto it = pages.cbegin(); it != pages.cend(); ++it) {
            const QUrl base = HelpWindow::homeUrl().resolved(QUrl(it.key()));
            for (const QString &href : it.value().hrefs) {
                const QUrl target = base.resolved(QUrl(href));
                const QString where = it.key() + QStringLiteral(": ") + href;
                QCOMPARE(target.scheme(), QStringLiteral("qrc")); // bundled, never the network
                QVERIFY2(pages.contains(target.fileName()), qPrintable(where));
                if (target.hasFragment())
                    QVERIFY2(pages.value(target.fileName()).anchors.contains(target.fragment()),
                             qPrintable(where));
                ++checked;
            }
        }
        QVERIFY(checked >= 20);
    }
};

QTEST_MAIN(TestHelpAbout)
#include "helpabout.moc"
